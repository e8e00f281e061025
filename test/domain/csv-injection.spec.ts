import { parse } from 'csv-parse/sync';
import { auditCsvChunks, CSV_COLUMNS } from '../../src/audit/audit-csv';
import { GENESIS_HASH, seal, type AuditRecord } from '../../src/domain/audit/audit-record';
import { decisionListCsv } from '../../src/outputs/decision-list';
import { csvCell } from '../../src/outputs/csv';
import { PERSON_ENTRY, SAMPLE_DECISION, UNIT_ENTRY } from './outputs/sample-decision';

/**
 * CSV injection (OWASP): every CSV the product writes is opened in Excel, and Excel in a
 * Vietnamese locale splits lines on ";" rather than ",". Whatever separator the reader picks
 * (comma, semicolon, tab), and however it treats quotes that are not at the start of its field,
 * no cell it sees may start a formula. The readers: csv-parse as RFC 4180 with commas, csv-parse
 * with semicolons and with tabs, and the bluntest of all, a split on every separator and line
 * break that ignores quotes.
 */

/** Text a user could type into a name, a reason or a summary. */
const ATTACKS = [
  'Lê Văn Bê;=1+1;',
  'Lê Văn Bê,=1+1,',
  'Lê Văn Bê\t=1+1\t',
  'Nguyễn; "=HYPERLINK(""http://x"",""bấm"")"',
  'ghi chú;  +84 912 345 678',
  'a;-2+3',
  'a,@SUM(A1:A9)',
  "dòng một\r\n=cmd|' /C calc'!A0",
  'dòng một\n  @x',
  '=1+1',
  ' =1+1',
  '"=1+1"',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  'a;＋1',
  ';;;=1',
];

const FORMULA = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Every field each reader sees in the file. Our quotes sit in the middle of a semicolon or tab
 * reader's field, where RFC 4180 says nothing and Excel keeps them as text: csv-parse does the
 * same with `quote: false`.
 */
function fieldsAsRead(csv: string): Record<string, string[]> {
  const text = csv.replace(/^\uFEFF/, '');
  const split = (delimiter: string) =>
    (parse(text, { delimiter, quote: false, relax_column_count: true }) as string[][]).flat();
  return {
    comma: (parse(text, { delimiter: ',' }) as string[][]).flat(),
    semicolon: split(';'),
    tab: split('\t'),
    'any separator or line break': text.split(/[,;\t\r\n]/),
  };
}

function expectNoFormula(csv: string): void {
  for (const [reader, fields] of Object.entries(fieldsAsRead(csv))) {
    const formulas = fields.filter((field) => FORMULA.test(field));
    expect({ reader, formulas }).toEqual({ reader, formulas: [] });
  }
}

describe('a CSV cell', () => {
  test.each([
    ['plain', 'plain'],
    ['Đặng Văn Ơn', 'Đặng Văn Ơn'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['a\tb', '"a\tb"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+84 912', "'+84 912"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', '"\'\tx"'],
    ['=HYPERLINK("x","y")', '"\'=HYPERLINK(""x"",""y"")"'],
    ['Lê Văn Bê;=1+1;', '"Lê Văn Bê;\'=1+1;"'],
    ['a, "=1"', '"a, ""\'=1"""'],
    ['Nguyễn Văn A - Trưởng phòng', 'Nguyễn Văn A - Trưởng phòng'],
    ['a;b-c', '"a;b-c"'],
  ])('%j is written %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test('numbers and empty values are written as they are', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  test.each(ATTACKS)('%j starts no formula, whatever separator the reader uses', (attack) => {
    const row = ['1', attack, attack, 'x'].map(csvCell).join(',');
    expectNoFormula(`${row}\r\n${row}\r\n`);
  });

  test('a reader that splits on commas gets each cell back whole, apostrophes aside', () => {
    const row = ATTACKS.map(csvCell).join(',');
    const [parsed] = parse(`${row}\r\n`) as string[][];
    expect(parsed).toHaveLength(ATTACKS.length);
    parsed.forEach((cell, index) => {
      expect(cell.replace(/'/g, '')).toBe(ATTACKS[index].replace(/'/g, ''));
    });
  });

  test('a cell of many tabs comes back quoted and marked as text', () => {
    const cell = csvCell('\t'.repeat(1000) + 'x');
    expect(cell).toBe(`"'${'\t'.repeat(1000)}x"`);
  });
});

describe('the CSVs the product writes', () => {
  test('a decision list: names and units that carry formulas after a separator', () => {
    const csv = decisionListCsv({
      ...SAMPLE_DECISION,
      entries: [
        { ...PERSON_ENTRY, nomineeName: 'Lê Văn Bê;=1+1;', unitName: 'Phòng A,=2+2' },
        { ...UNIT_ENTRY, nomineeName: 'Tổ 1;@SUM(1)', nomineeCode: '-1;+1' },
      ],
    }).toString('utf8');
    expectNoFormula(csv);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[1][1]).toBe("Lê Văn Bê;'=1+1;");
    expect(rows[2][2]).toBe("'-1;'+1");
  });

  test('an audit export: payloads and user names that carry formulas after a separator', async () => {
    const record: AuditRecord = seal({
      caseId: '01930000-0000-7000-8000-00000000000a',
      seq: 1,
      at: '2026-03-01T01:00:00.000Z',
      actor: { userId: '01930000-0000-7000-8000-0000000000f1', username: 'x;=1', role: 'auditor' },
      eventType: 'DISMISS',
      payload: { reason: 'Lê Văn Bê;=1+1;', list: ['a', '=b'] },
      fromState: 'verifying',
      toState: 'dismissed',
      workflow: { id: 'violation', version: 1, hash: 'f'.repeat(64) },
      prevHash: GENESIS_HASH,
    });
    async function* one() {
      yield record;
    }
    let csv = '';
    for await (const chunk of auditCsvChunks(one())) csv += chunk;
    expectNoFormula(csv);
    const [header, row] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(row[CSV_COLUMNS.indexOf('actorUsername')]).toBe("x;'=1");
    expect(row[CSV_COLUMNS.indexOf('payload')]).toBe(
      JSON.stringify({ reason: "Lê Văn Bê;'=1+1;", list: ['a', "'=b"] }),
    );
  });
});
