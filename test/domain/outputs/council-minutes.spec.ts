import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  renderCouncilMinutes,
  type MinutesInput,
  type MinutesItem,
} from '../../../src/outputs/council-minutes';
import { renderMinutes } from '../../../src/outputs/council-minutes.worker';
import { readPdf } from './read-pdf';
import { STANDARD_14_FONTS } from './sample-decision';

const HEAD_HASH = createHash('sha256').update('council-session head').digest('hex');
const SESSION_ID = '5e551011-0000-4000-8000-000000000013';

const ROSTER: MinutesInput['roster'] = [
  { name: 'Trần Xuân Lâm', role: 'chair', present: true },
  { name: 'Võ Thị Hồng Nhung', role: 'vice_chair', present: true },
  { name: 'Phạm Đức Thắng', role: 'member', present: true },
  { name: 'Huỳnh Văn Lượng', role: 'member', present: true },
  { name: 'Đặng Quốc Việt', role: 'member', present: false },
  { name: 'Lê Thị Mỹ Duyên', role: 'secretary', present: true },
];

const SAMPLE: MinutesInput = {
  language: 'vi',
  council: {
    name: 'Hội đồng Thi đua – Khen thưởng Công ty Điện lực Quảng Ngãi',
    unitName: 'Công ty Điện lực Quảng Ngãi',
  },
  session: {
    id: SESSION_ID,
    title: 'Xét danh hiệu thi đua năm 2025',
    meetingDate: '2026-01-05',
    place: 'Phòng họp tầng 3, trụ sở Công ty',
  },
  roster: ROSTER,
  quorum: {
    required: 4,
    present: 4,
    numerator: 2,
    denominator: 3,
    ruleSet: { id: 'vn-law-06-2022-decree-152-2025', version: 2 },
  },
  items: [
    {
      nominee: 'Nguyễn Thị Ngọc Ánh',
      award: 'Chiến sĩ thi đua cơ sở',
      status: 'voted',
      deferredBecause: null,
      recusals: [],
      ballot: 'secret',
      tally: {
        approve: 4,
        reject: 0,
        abstain: 0,
        base: 5,
        baseKind: 'all_members',
        ratio: 0.7,
        comparison: 'gte',
        recommended: true,
        awardRuleSet: { id: 'vn-law-06-2022-decree-152-2025', version: 2 },
      },
      openVotes: null,
    },
    {
      nominee: 'Đoàn Thanh niên Công ty',
      award: 'Tập thể lao động xuất sắc',
      status: 'voted',
      deferredBecause: null,
      recusals: [{ name: 'Phạm Đức Thắng', reason: 'là thành viên của tập thể được đề nghị' }],
      ballot: 'open',
      tally: {
        approve: 2,
        reject: 1,
        abstain: 0,
        base: 4,
        baseKind: 'present_members',
        ratio: 0.5,
        comparison: 'gt',
        recommended: false,
        awardRuleSet: { id: 'vn-law-06-2022-decree-152-2025', version: 1 },
      },
      openVotes: [
        { name: 'Trần Xuân Lâm', choice: 'approve' },
        { name: 'Võ Thị Hồng Nhung', choice: 'approve' },
        { name: 'Huỳnh Văn Lượng', choice: 'reject' },
      ],
    },
    {
      nominee: 'Lê Hoàng Yến',
      award: 'Lao động tiên tiến',
      status: 'deferred',
      deferredBecause: 'Đang xem xét đơn khiếu nại liên quan đến người được đề nghị.',
      recusals: [],
      ballot: 'secret',
      tally: null,
      openVotes: null,
    },
  ],
  countedAt: '2026-01-05T03:35:00.000Z',
  chain: { caseId: SESSION_ID, headHash: HEAD_HASH },
};

const [SECRET_ITEM, OPEN_ITEM, DEFERRED_ITEM] = SAMPLE.items as [
  MinutesItem,
  MinutesItem,
  MinutesItem,
];

/**
 * Every page's text as PDF.js extracts it, line by line. read-pdf.ts reads page 1 only and the
 * minutes run to several pages; PDF.js is an ES module, so it runs in a child Node process too.
 */
function readPages(pdf: Buffer): string[][] {
  const script = `
    import { readFileSync } from 'node:fs';
    import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(0)), verbosity: 0 }).promise;
    const pages = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const lines = [];
      let line = '';
      for (const item of (await (await pdf.getPage(number)).getTextContent()).items) {
        line += item.str;
        if (item.hasEOL) { lines.push(line); line = ''; }
      }
      if (line !== '') lines.push(line);
      pages.push(lines);
    }
    process.stdout.write(JSON.stringify(pages));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: pdf,
    cwd: `${__dirname}/../../..`,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as string[][];
}

/** The lines from an item's heading up to the next item's (or the summary's). */
function itemBlock(lines: string[], number: number): string[] {
  // Items are numbered after the roster, whose lines look alike ("1. name – role").
  const items = Math.max(
    0,
    lines.findIndex((line) => /^III\. /.test(line)),
  );
  const start = lines.findIndex(
    (line, index) => index >= items && line.startsWith(`${number}. `) && line.includes(' – '),
  );
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\d+\. .+ – /.test(line) || /^IV\. /.test(line));
  expect(start).toBeGreaterThanOrEqual(0);
  return [lines[start] as string, ...(end === -1 ? rest : rest.slice(0, end))];
}

/** The body of the document: every page's lines without the footers, which repeat per page. */
function bodyLines(pages: string[][]): string[] {
  return pages.flatMap((lines) =>
    lines.filter((line) => !/^(Phiên họp|Session) [0-9a-f-]{36}|^(Mã băm|Audit chain)/.test(line)),
  );
}

describe('renderCouncilMinutes', () => {
  let vietnamese: Buffer;
  let pages: string[][];
  let lines: string[];

  beforeAll(async () => {
    vietnamese = await renderCouncilMinutes(SAMPLE);
    pages = readPages(vietnamese);
    lines = bodyLines(pages);
  });

  it('is an A4 portrait PDF set in its own embedded font, never a standard-14 font', () => {
    expect(vietnamese.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const firstPage = readPdf(vietnamese);
    expect(firstPage.width).toBeCloseTo(595.28, 1);
    expect(firstPage.height).toBeCloseTo(841.89, 1);
    for (const font of firstPage.fonts) {
      expect(font).toMatchObject({ embedded: true, type: 'CIDFontType2' });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerif-/);
    }
    expect(vietnamese.toString('latin1')).not.toMatch(
      new RegExp(`/BaseFont /(${STANDARD_14_FONTS.source})`),
    );
  });

  it('reads back the heading, the attendance and the quorum in exact Vietnamese (NFC)', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'CÔNG TY ĐIỆN LỰC QUẢNG NGÃI',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Ngày 05 tháng 01 năm 2026',
        'BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG',
        'Xét danh hiệu thi đua năm 2025',
        'Thời gian: ngày 05 tháng 01 năm 2026.',
        'Địa điểm: Phòng họp tầng 3, trụ sở Công ty.',
        'Thành viên có mặt (5):',
        '1. Trần Xuân Lâm – Chủ tịch Hội đồng',
        '2. Võ Thị Hồng Nhung – Phó Chủ tịch Hội đồng',
        '3. Phạm Đức Thắng – Ủy viên',
        '5. Lê Thị Mỹ Duyên – Thư ký Hội đồng (không biểu quyết)',
        'Thành viên vắng mặt (1):',
        '1. Đặng Quốc Việt – Ủy viên',
        'Số thành viên có quyền biểu quyết có mặt: 4/5 thành viên.',
        'Phiên họp đủ số thành viên tham dự theo quy định.',
      ]),
    );
    const text = lines.join(' ');
    expect(text).toContain(
      'Số thành viên tối thiểu phải có mặt: 4 (2/3 tổng số thành viên Hội đồng, bộ quy tắc vn-law-06-2022-decree-152-2025, phiên bản 2).',
    );
    for (const line of lines) {
      expect(line).toBe(line.normalize('NFC'));
    }
  });

  it('prints each voted item with its count, base, threshold, rule set and result', () => {
    expect(itemBlock(lines, 1)).toEqual([
      '1. Nguyễn Thị Ngọc Ánh – Chiến sĩ thi đua cơ sở',
      'Hình thức: bỏ phiếu kín.',
      'Kết quả biểu quyết: đồng ý 4; không đồng ý 0; không biểu quyết 0.',
      'Tỷ lệ đồng ý: 4/5 (80%) tổng số thành viên Hội đồng.',
      'Yêu cầu: từ 70% trở lên tổng số thành viên Hội đồng.',
      'Căn cứ: bộ quy tắc vn-law-06-2022-decree-152-2025, phiên bản 2.',
      'Kết luận: Đề nghị.',
    ]);
    // Exactly at a "more than" threshold is not enough; the recused member is named with why.
    expect(itemBlock(lines, 2)).toEqual(
      expect.arrayContaining([
        '2. Đoàn Thanh niên Công ty – Tập thể lao động xuất sắc',
        'Hình thức: biểu quyết công khai.',
        'Thành viên không tham gia biểu quyết:',
        '– Phạm Đức Thắng: là thành viên của tập thể được đề nghị',
        'Kết quả biểu quyết: đồng ý 2; không đồng ý 1; không biểu quyết 0.',
        'Tỷ lệ đồng ý: 2/4 (50%) số thành viên có mặt.',
        'Yêu cầu: trên 50% số thành viên có mặt.',
        'Căn cứ: bộ quy tắc vn-law-06-2022-decree-152-2025, phiên bản 1.',
        'Kết luận: Không đề nghị.',
      ]),
    );
  });

  it('prints a deferred item as "Hoãn xét" with the reason, and no count', () => {
    expect(itemBlock(lines, 3)).toEqual([
      '3. Lê Hoàng Yến – Lao động tiên tiến',
      'Hình thức: bỏ phiếu kín.',
      'Kết luận: Hoãn xét.',
      'Lý do: Đang xem xét đơn khiếu nại liên quan đến người được đề nghị.',
    ]);
    expect(lines.join(' ')).toContain(
      'Hội đồng đề nghị 1 trường hợp; không đề nghị 1 trường hợp; hoãn xét 1 trường hợp.',
    );
  });

  it('names no voter on a secret ballot, and every voter with their choice on an open one', () => {
    const secret = itemBlock(lines, 1).join('\n');
    for (const member of ROSTER) {
      expect(secret).not.toContain(member.name);
    }
    expect(secret).not.toContain('Biểu quyết của từng thành viên');
    expect(itemBlock(lines, 2)).toEqual(
      expect.arrayContaining([
        'Biểu quyết của từng thành viên:',
        '– Trần Xuân Lâm: đồng ý',
        '– Võ Thị Hồng Nhung: đồng ý',
        '– Huỳnh Văn Lượng: không đồng ý',
      ]),
    );
  });

  it('refuses to render a secret item that carries who voted how', async () => {
    const leaking: MinutesInput = {
      ...SAMPLE,
      items: [{ ...SECRET_ITEM, openVotes: [{ name: 'Trần Xuân Lâm', choice: 'approve' }] }],
    };
    await expect(renderCouncilMinutes(leaking)).rejects.toThrow(/secret ballot/);
  });

  it('ends with the close of voting and the secretary’s and chair’s signature blocks', () => {
    const last = lines.slice(lines.indexOf('IV. TỔNG HỢP'));
    expect(last.join(' ')).toContain(
      'Biểu quyết kết thúc lúc 10:35 (giờ Việt Nam) ngày 05 tháng 01 năm 2026.',
    );
    expect(last).toEqual(
      expect.arrayContaining([
        'THƯ KÝ',
        'CHỦ TỊCH HỘI ĐỒNG',
        '(Ký, ghi rõ họ tên)',
        'Lê Thị Mỹ Duyên',
        'Trần Xuân Lâm',
      ]),
    );
  });

  it('has the vice-chair who presided sign when the chair was absent', async () => {
    const chairAbsent: MinutesInput = {
      ...SAMPLE,
      roster: ROSTER.map((member) =>
        member.role === 'chair' ? { ...member, present: false } : member,
      ),
      quorum: { ...SAMPLE.quorum, present: 3, required: 3 },
      items: [DEFERRED_ITEM],
    };
    const read = bodyLines(readPages(await renderCouncilMinutes(chairAbsent)));
    const signatures = read.slice(read.indexOf('THƯ KÝ'));
    expect(signatures).toEqual(
      expect.arrayContaining(['PHÓ CHỦ TỊCH HỘI ĐỒNG', 'Võ Thị Hồng Nhung', 'Lê Thị Mỹ Duyên']),
    );
    expect(signatures).not.toContain('Trần Xuân Lâm');
    expect(read).toContain('1. Trần Xuân Lâm – Chủ tịch Hội đồng'); // listed among the absent
  });

  it('prints the session and the chain head hash on every page, each item whole on one', async () => {
    const many: MinutesInput = {
      ...SAMPLE,
      items: Array.from({ length: 14 }, (_, index) => ({
        ...[SECRET_ITEM, OPEN_ITEM, DEFERRED_ITEM][index % 3],
        nominee: `Người được đề nghị số ${index + 1}`,
      })) as MinutesItem[],
    };
    const manyPages = readPages(await renderCouncilMinutes(many));
    expect(manyPages.length).toBeGreaterThan(2);
    manyPages.forEach((pageLines, index) => {
      expect(pageLines).toContain(`Phiên họp ${SESSION_ID} Trang ${index + 1}/${manyPages.length}`);
      expect(pageLines).toContain(`Mã băm cuối chuỗi nhật ký: ${HEAD_HASH}`);
    });
    for (let number = 1; number <= 14; number++) {
      const page = manyPages.find((pageLines) =>
        pageLines.some((line) => line.startsWith(`${number}. Người được đề nghị số ${number} – `)),
      ) as string[];
      expect(itemBlock(bodyLines([page]), number).at(-1)).toMatch(/^(Kết luận|Lý do): /);
    }
    expect(manyPages.at(-1)).toEqual(expect.arrayContaining(['THƯ KÝ', 'CHỦ TỊCH HỘI ĐỒNG']));
  });

  it('renders in English for readers who need it', async () => {
    const english = bodyLines(readPages(await renderCouncilMinutes({ ...SAMPLE, language: 'en' })));
    expect(english).toEqual(
      expect.arrayContaining([
        'SOCIALIST REPUBLIC OF VIETNAM',
        'Independence - Freedom - Happiness',
        '5 January 2026',
        'MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL',
        '1. Trần Xuân Lâm – Chair of the Council',
        'Voting members present: 4 of 5.',
        'Voting: secret ballot.',
        'Votes: in favour 4; against 0; abstaining 0.',
        'In favour: 4/5 (80%) of all members of the Council.',
        'Required: at least 70% of all members of the Council.',
        'Conclusion: Recommended.',
        'Required: more than 50% of the members present.',
        '– Huỳnh Văn Lượng: against',
        'Conclusion: Not recommended.',
        'Conclusion: Deferred.',
        'SECRETARY',
        'CHAIR OF THE COUNCIL',
      ]),
    );
    expect(english.join(' ')).not.toMatch(/Kết luận|Biên bản|Hội đồng đề nghị/i);
  });

  it('prints decomposed (NFD) names as NFC text', async () => {
    const decomposed: MinutesInput = {
      ...SAMPLE,
      items: [{ ...DEFERRED_ITEM, nominee: 'Đặng Văn Hưởng'.normalize('NFD') }],
    };
    const read = bodyLines(readPages(await renderCouncilMinutes(decomposed)));
    expect(read).toContain('1. Đặng Văn Hưởng – Lao động tiên tiến');
  });

  it('is byte-for-byte deterministic, dated from the close of voting, not the clock', async () => {
    jest.useFakeTimers({
      now: new Date('2031-07-15T10:20:30Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    try {
      const later = await renderCouncilMinutes(structuredClone(SAMPLE));
      expect(later.equals(vietnamese)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    expect(vietnamese.toString('latin1')).toContain('(D:20260105033500Z)'); // CreationDate
    const recounted = await renderCouncilMinutes({ ...SAMPLE, countedAt: '2026-01-05T03:36:00Z' });
    expect(recounted.equals(vietnamese)).toBe(false);
  });

  it('renders in a worker task exactly the bytes the renderer makes', async () => {
    const inWorker = Buffer.from(await renderMinutes(SAMPLE));
    expect(Buffer.compare(inWorker, vietnamese)).toBe(0);
  });

  it.each<[string, MinutesInput, RegExp]>([
    [
      'a meeting date that is not a date',
      { ...SAMPLE, session: { ...SAMPLE.session, meetingDate: '2026-02-30' } },
      /meetingDate/,
    ],
    ['a close of voting that is not an instant', { ...SAMPLE, countedAt: 'hôm nay' }, /countedAt/],
    [
      'a chain head that is not a SHA-256',
      { ...SAMPLE, chain: { caseId: SESSION_ID, headHash: 'abc' } },
      /headHash/,
    ],
    [
      'a voted item without its tally',
      { ...SAMPLE, items: [{ ...SECRET_ITEM, tally: null }] },
      /no tally/,
    ],
    [
      'a deferred item with a tally',
      { ...SAMPLE, items: [{ ...DEFERRED_ITEM, tally: SECRET_ITEM.tally }] },
      /deferred but has a tally/,
    ],
  ])('refuses %s', async (_what, input, message) => {
    await expect(renderCouncilMinutes(input)).rejects.toThrow(message);
  });
});
