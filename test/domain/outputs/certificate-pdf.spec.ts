import { certificatePdf } from '../../../src/outputs/certificate-pdf';
import type { DecisionEntry } from '../../../src/outputs/award-decision';
import { readPdf, type PdfReading } from './read-pdf';
import {
  PERSON_ENTRY,
  SAMPLE_DECISION,
  SECOND_PERSON_ENTRY,
  UNIT_ENTRY,
  verifyUrlFor,
} from './sample-decision';

const STANDARD_14_FONTS = /Times|Helvetica|Courier|Symbol|ZapfDingbats/;

function render(entry: DecisionEntry = PERSON_ENTRY): Promise<Buffer> {
  return certificatePdf(SAMPLE_DECISION, entry, { verifyUrl: verifyUrlFor(entry) });
}

describe('certificatePdf', () => {
  let personPdf: Buffer;
  let person: PdfReading;

  beforeAll(async () => {
    personPdf = await render();
    person = readPdf(personPdf);
  });

  it('is one A4 landscape page', () => {
    expect(personPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(person.pageCount).toBe(1);
    expect(person.width).toBeCloseTo(841.89, 1);
    expect(person.height).toBeCloseTo(595.28, 1);
  });

  it('reads back, in an independent PDF reader, exactly the Vietnamese it was given', () => {
    expect(person.lines).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH QUẢNG NGÃI',
      'CHIẾN SĨ THI ĐUA CƠ SỞ',
      'Tặng cá nhân',
      'Nguyễn Thị Ngọc Ánh',
      'Đơn vị: Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
      'Năm đánh giá: 2025',
      'Quyết định số 125/QĐ-ĐUK ngày 05 tháng 01 năm 2026',
      'Trần Xuân Lâm',
      'Mã xác thực',
      PERSON_ENTRY.verificationCode,
      'Tra cứu tại',
      verifyUrlFor(PERSON_ENTRY),
      'Mã băm nhật ký kiểm toán',
      PERSON_ENTRY.auditHash,
    ]);
    for (const line of person.lines) {
      expect(line).toBe(line.normalize('NFC'));
    }
  });

  it('embeds its own font (a Noto Serif subset), never a standard-14 font', () => {
    expect(person.fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of person.fonts) {
      expect(font).toMatchObject({ embedded: true, type: 'CIDFontType2' });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerif-/);
      expect(font.name).not.toMatch(STANDARD_14_FONTS);
    }
    const raw = personPdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(new RegExp(`/BaseFont /(${STANDARD_14_FONTS.source})`));
  });

  it('says "Tặng tập thể" for a collective', async () => {
    const unit = readPdf(await render(UNIT_ENTRY));
    expect(unit.lines).toEqual(
      expect.arrayContaining([
        'TẬP THỂ LAO ĐỘNG XUẤT SẮC',
        'Tặng tập thể',
        'Đoàn Thanh niên Công ty Điện lực Quảng Ngãi',
        'Đơn vị: Đảng bộ Công ty Điện lực Quảng Ngãi',
        UNIT_ENTRY.verificationCode,
      ]),
    );
  });

  it('prints decomposed (NFD) input as NFC text', async () => {
    const entry = { ...PERSON_ENTRY, nomineeName: 'Đặng Văn Hưởng'.normalize('NFD') };
    const decision = { ...SAMPLE_DECISION, entries: [entry] };
    const pdf = await certificatePdf(decision, entry, { verifyUrl: verifyUrlFor(entry) });
    expect(readPdf(pdf).lines).toContain('Đặng Văn Hưởng');
  });

  it('stays on one page, shrinking or cutting text, whatever the length of the names', async () => {
    const long = 'Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh '.repeat(6).trim();
    const entry = {
      ...UNIT_ENTRY,
      nomineeName: long,
      unitName: long,
      awardName: { vi: long, en: 'long' },
    };
    const decision = { ...SAMPLE_DECISION, issuingUnitName: long, signer: long, entries: [entry] };
    const reading = readPdf(
      await certificatePdf(decision, entry, { verifyUrl: verifyUrlFor(entry) }),
    );
    expect(reading.pageCount).toBe(1);
    expect(reading.lines).toContain(entry.verificationCode);
  });

  it('is byte-for-byte deterministic, dated from the decision rather than the clock', async () => {
    jest.useFakeTimers({
      now: new Date('2031-07-15T10:20:30Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    try {
      const later = await render();
      expect(later.equals(personPdf)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    expect(personPdf.toString('latin1')).toContain('(D:20260105000000Z)'); // CreationDate
  });

  it('refuses an annulled award', async () => {
    await expect(render(SECOND_PERSON_ENTRY)).rejects.toThrow(/annulled/);
  });

  it('refuses an entry that is not in the decision', async () => {
    const stranger = { ...PERSON_ENTRY, caseId: 'c0ffee00-0000-4000-8000-000000000999' };
    await expect(
      certificatePdf(SAMPLE_DECISION, stranger, { verifyUrl: verifyUrlFor(stranger) }),
    ).rejects.toThrow(/not in decision/);
  });

  it.each([
    ['not a URL', 'xac-thuc/GNT8'],
    ['not http(s)', `javascript:alert('${PERSON_ENTRY.verificationCode}')`],
    ['for another certificate', verifyUrlFor(UNIT_ENTRY)],
  ])('refuses a verify URL that is %s', async (_what, verifyUrl) => {
    await expect(certificatePdf(SAMPLE_DECISION, PERSON_ENTRY, { verifyUrl })).rejects.toThrow(
      /verifyUrl/,
    );
  });
});
