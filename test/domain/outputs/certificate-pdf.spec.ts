import { join } from 'node:path';
import type { CertificateData } from '../../../src/documents/document-kinds';
import { renderTemplate } from '../../../src/documents/document-layout';
import { loadTemplates } from '../../../src/documents/template-files';
import { certificateData } from '../../../src/nominations/certificate-document';
import type { AwardDecision, DecisionEntry } from '../../../src/outputs/award-decision';
import { readPdf, type PdfReading } from './read-pdf';
import {
  ISSUER,
  PARTY_DECISION,
  PERSON_ENTRY,
  SAMPLE_DECISION,
  SECOND_PERSON_ENTRY,
  STANDARD_14_FONTS,
  STATE_DECISION,
  UNIT_ENTRY,
  verifyUrlFor,
} from './sample-decision';

const TEMPLATES = loadTemplates(join(__dirname, '../../../data/templates'));

/** As the certificate route renders it: the template of the issuer's format, filled. */
function dataFor(decision: AwardDecision, entry: DecisionEntry = PERSON_ENTRY): CertificateData {
  return certificateData(decision, entry, ISSUER, verifyUrlFor(entry));
}

function render(data: CertificateData): Promise<Buffer> {
  const loaded = TEMPLATES.find(
    ({ template }) => template.kind === 'certificate' && template.format === data.issuer.format,
  )!;
  return renderTemplate(loaded.template, data);
}

describe('the certificate, rendered from the certificate template of its issuer', () => {
  let partyPdf: Buffer;
  let party: PdfReading;
  let state: PdfReading;

  beforeAll(async () => {
    partyPdf = await render(dataFor(PARTY_DECISION));
    party = readPdf(partyPdf);
    state = readPdf(await render(dataFor(STATE_DECISION)));
  });

  it('is one A4 landscape page', () => {
    expect(partyPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const reading of [party, state]) {
      expect(reading.pageCount).toBe(1);
      expect(reading.width).toBeCloseTo(841.89, 1);
      expect(reading.height).toBeCloseTo(595.28, 1);
    }
  });

  it('reads back a Party certificate: the Party heading, the number, T/M BAN THƯỜNG VỤ', () => {
    expect(party.lines).toEqual([
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH QUẢNG NGÃI',
      'TẶNG',
      'CHIẾN SĨ THI ĐUA CƠ SỞ',
      'Nguyễn Thị Ngọc Ánh',
      'Đơn vị: Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
      'Năm 2025',
      'Quyết định số 125-QĐ/ĐUK ngày 05 tháng 01 năm 2026',
      'Ngày 05 tháng 01 năm 2026',
      'Mã xác thực',
      PERSON_ENTRY.verificationCode,
      'Tra cứu tại',
      verifyUrlFor(PERSON_ENTRY),
      `Mã băm nhật ký kiểm toán: ${PERSON_ENTRY.auditHash}`,
      'T/M BAN THƯỜNG VỤ',
      'BÍ THƯ',
      'Trần Xuân Lâm',
    ]);
    expect(party.lines.join('\n')).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    for (const line of party.lines) expect(line).toBe(line.normalize('NFC'));
  });

  it('reads back a State certificate: the national heading, the number, KT. GIÁM ĐỐC', () => {
    expect(state.lines.slice(0, 3)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIÁM ĐỐC CÔNG TY ĐIỆN LỰC QUẢNG NGÃI',
    ]);
    expect(state.lines).toEqual(
      expect.arrayContaining([
        'Quyết định số 37/QĐ-ĐLQN ngày 05 tháng 01 năm 2026',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        'Lê Thị Hồng Nhung',
        PERSON_ENTRY.verificationCode,
      ]),
    );
    expect(state.lines.join('\n')).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    for (const line of state.lines) expect(line).toBe(line.normalize('NFC'));
  });

  it('is a State certificate when the decision records no format, signed by name alone', async () => {
    const legacy = readPdf(await render(dataFor(SAMPLE_DECISION)));
    expect(legacy.lines.slice(0, 3)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH QUẢNG NGÃI',
    ]);
    expect(legacy.lines).toContain('Quyết định số 125/QĐ-ĐUK ngày 05 tháng 01 năm 2026');
    expect(legacy.lines.at(-1)).toBe('Trần Xuân Lâm');
  });

  it('embeds its own font (a Noto Serif subset), never a standard-14 font', () => {
    expect(party.fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of party.fonts) {
      expect(font).toMatchObject({ embedded: true, type: 'CIDFontType2' });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerif-/);
      expect(font.name).not.toMatch(STANDARD_14_FONTS);
    }
    const raw = partyPdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(new RegExp(`/BaseFont /(${STANDARD_14_FONTS.source})`));
  });

  it('names a collective and its unit', async () => {
    const unit = readPdf(await render(dataFor(PARTY_DECISION, UNIT_ENTRY)));
    expect(unit.lines).toEqual(
      expect.arrayContaining([
        'TẬP THỂ LAO ĐỘNG XUẤT SẮC',
        'Đoàn Thanh niên Công ty Điện lực Quảng Ngãi',
        'Đơn vị: Đảng bộ Công ty Điện lực Quảng Ngãi',
        UNIT_ENTRY.verificationCode,
      ]),
    );
  });

  it('prints decomposed (NFD) input as NFC text', async () => {
    const entry = { ...PERSON_ENTRY, nomineeName: 'Đặng Văn Hưởng'.normalize('NFD') };
    const reading = readPdf(await render(dataFor(PARTY_DECISION, entry)));
    expect(reading.lines).toContain('Đặng Văn Hưởng');
  });

  it('stays on one page, shrinking or cutting text, whatever the length of the names', async () => {
    const long = 'Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh '.repeat(6).trim();
    const entry = {
      ...UNIT_ENTRY,
      nomineeName: long,
      unitName: long,
      awardName: { vi: long, en: 'long' },
    };
    const decision = {
      ...PARTY_DECISION,
      issuingUnitName: long,
      signature: { title: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], name: long },
    };
    const reading = readPdf(await render(dataFor(decision, entry)));
    expect(reading.pageCount).toBe(1);
    expect(reading.lines).toContain(entry.verificationCode);
  });

  it('is byte-for-byte deterministic, dated from the decision rather than the clock', async () => {
    jest.useFakeTimers({
      now: new Date('2031-07-15T10:20:30Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    try {
      const later = await render(dataFor(PARTY_DECISION));
      expect(later.equals(partyPdf)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    expect(partyPdf.toString('latin1')).toContain('(D:20260105000000Z)'); // CreationDate
  });

  it('refuses an annulled award', () => {
    expect(() => dataFor(PARTY_DECISION, SECOND_PERSON_ENTRY)).toThrow(/annulled/);
  });

  it.each([
    ['not a URL', 'xac-thuc/GNT8'],
    ['not http(s)', `javascript:alert('${PERSON_ENTRY.verificationCode}')`],
    ['for another certificate', verifyUrlFor(UNIT_ENTRY)],
  ])('refuses a verify URL that is %s', (_what, verifyUrl) => {
    expect(() => certificateData(PARTY_DECISION, PERSON_ENTRY, ISSUER, verifyUrl)).toThrow(
      /verifyUrl/,
    );
  });
});
