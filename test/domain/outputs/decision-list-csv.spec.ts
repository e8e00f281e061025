import { parse } from 'csv-parse/sync';
import type { AwardDecision, DecisionEntry } from '../../../src/outputs/award-decision';
import { decisionListCsv, decisionListHeaders } from '../../../src/outputs/decision-list';
import { PERSON_ENTRY, SAMPLE_DECISION, SECOND_PERSON_ENTRY, UNIT_ENTRY } from './sample-decision';

const EXPECTED_HEADERS = [
  'STT',
  'Họ và tên / Tập thể',
  'Mã',
  'Đơn vị',
  'Danh hiệu / Hình thức khen thưởng',
  'Năm',
  'Mã xác thực',
  'Trạng thái',
];

/** The CSV as an independent RFC 4180 parser reads it, BOM removed. */
function readBack(csv: Buffer): string[][] {
  return parse(csv, { bom: true, relaxColumnCount: false }) as string[][];
}

function decisionWith(...entries: DecisionEntry[]): AwardDecision {
  return { ...SAMPLE_DECISION, entries };
}

function withName(nomineeName: string): DecisionEntry {
  return { ...PERSON_ENTRY, nomineeName };
}

describe('decisionListCsv', () => {
  it('in English: the header, award names and statuses in English, names as given', () => {
    const [header, first, second] = readBack(decisionListCsv(SAMPLE_DECISION, 'en'));
    expect(header).toEqual(decisionListHeaders('en'));
    expect(first).toEqual([
      '1',
      'Nguyễn Thị Ngọc Ánh',
      'NV-0042',
      'Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
      'Grassroots emulation fighter',
      '2025',
      PERSON_ENTRY.verificationCode,
      'In force',
    ]);
    expect(second[7]).toBe('Annulled');
  });

  it('starts with a UTF-8 byte order mark, so Excel reads it as UTF-8', () => {
    const csv = decisionListCsv(SAMPLE_DECISION);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toMatch(/^STT,/);
  });

  it('has the Vietnamese header and one row per entry, in order, ending every line in CRLF', () => {
    const csv = decisionListCsv(SAMPLE_DECISION);
    const text = csv.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(SAMPLE_DECISION.entries.length + 2); // + header, + ''
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const [header, ...rows] = readBack(csv);
    expect(header).toEqual(EXPECTED_HEADERS);
    expect(decisionListHeaders()).toEqual(EXPECTED_HEADERS);
    expect(rows).toEqual([
      [
        '1',
        'Nguyễn Thị Ngọc Ánh',
        'NV-0042',
        'Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
        'Chiến sĩ thi đua cơ sở',
        '2025',
        PERSON_ENTRY.verificationCode,
        'Có hiệu lực',
      ],
      [
        '2',
        'Đặng Văn Hưởng',
        'NV-0107',
        'Chi bộ Phòng Kỹ thuật, Công ty Cổ phần Cấp nước',
        'Lao động tiên tiến',
        '2025',
        SECOND_PERSON_ENTRY.verificationCode,
        'Đã hủy bỏ',
      ],
      [
        '3',
        'Đoàn Thanh niên Công ty Điện lực Quảng Ngãi',
        'DV-ĐTN-07',
        'Đảng bộ Công ty Điện lực Quảng Ngãi',
        'Tập thể lao động xuất sắc',
        '2025',
        UNIT_ENTRY.verificationCode,
        'Có hiệu lực',
      ],
    ]);
  });

  it('keeps Vietnamese names exactly, and writes decomposed (NFD) input in NFC', () => {
    const names = ['Nguyễn Thị Ngọc Ánh', 'Đặng Văn Hưởng', 'Lê Thị Huyền Trâm', 'Ông Ích Khiêm'];
    for (const name of names) {
      expect(name).toBe(name.normalize('NFC')); // the literals themselves are NFC
    }
    const csv = decisionListCsv(
      decisionWith(...names.map((name) => withName(name.normalize('NFD')))),
    );
    const [, ...rows] = readBack(csv);
    expect(rows.map((row) => row[1])).toEqual(names);
    expect(csv.includes(Buffer.from('Nguyễn', 'utf8'))).toBe(true);
    expect(csv.includes(Buffer.from('Nguyễn'.normalize('NFD'), 'utf8'))).toBe(false);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and they read back intact', () => {
    const awkward = 'Công ty "Sao Mai", chi nhánh\r\nĐà Nẵng\nvà Huế';
    const csv = decisionListCsv(decisionWith(withName(awkward)));
    const text = csv.toString('utf8');
    expect(text).toContain('"Công ty ""Sao Mai"", chi nhánh\r\nĐà Nẵng\nvà Huế"');
    expect(readBack(csv)[1][1]).toBe(awkward);
  });

  it('leaves plain fields unquoted', () => {
    const text = decisionListCsv(decisionWith(PERSON_ENTRY)).toString('utf8');
    expect(text).toContain(`\r\n1,Nguyễn Thị Ngọc Ánh,NV-0042,`);
  });

  it.each([
    ['=', '=HYPERLINK("https://evil.example","Bấm vào đây")'],
    ['+', '+84 912 345 678'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A9)'],
  ])('defuses a field starting with %s as text, with a leading apostrophe', (_what, value) => {
    const csv = decisionListCsv(
      decisionWith({ ...PERSON_ENTRY, nomineeName: value, unitName: value }),
    );
    const [, row] = readBack(csv);
    expect(row[1]).toBe(`'${value}`);
    expect(row[3]).toBe(`'${value}`);
  });

  it.each([
    ['a tab', '\t=1+1', "'\t'=1+1"],
    ['a carriage return', '\r=1+1', "'\r'=1+1"],
  ])(
    'defuses a field starting with %s, and the formula after it (a reader splitting there)',
    (_what, value, expected) => {
      const [, row] = readBack(decisionListCsv(decisionWith(withName(value))));
      expect(row[1]).toBe(expected);
    },
  );

  it('leaves formula characters alone when they are not the first character', () => {
    const value = 'Tổ 1 = Tổ 2 + Tổ 3 - @ban';
    const [, row] = readBack(decisionListCsv(decisionWith(withName(value))));
    expect(row[1]).toBe(value);
  });

  it('writes only the header for a decision with no entries', () => {
    const csv = decisionListCsv(decisionWith());
    expect(readBack(csv)).toEqual([EXPECTED_HEADERS]);
  });

  it('is a pure function of the decision', () => {
    expect(decisionListCsv(SAMPLE_DECISION).equals(decisionListCsv(SAMPLE_DECISION))).toBe(true);
  });
});
