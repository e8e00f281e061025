import ExcelJS from 'exceljs';
import type { AwardDecision, DecisionEntry } from '../../../src/outputs/award-decision';
import { decisionListHeaders, decisionListXlsx } from '../../../src/outputs/decision-list';
import { PERSON_ENTRY, SAMPLE_DECISION, SECOND_PERSON_ENTRY, UNIT_ENTRY } from './sample-decision';

async function readBack(
  decision: AwardDecision,
  language: 'vi' | 'en' = 'vi',
): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer alias, which @types/node 20's Buffer no longer fits.
  await workbook.xlsx.load(
    (await decisionListXlsx(decision, language)) as unknown as ExcelJS.Buffer,
  );
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

/** The row number of the table header: the row whose first cell is "STT" (in English, "No."). */
function headerRowOf(sheet: ExcelJS.Worksheet): number {
  for (let row = 1; row <= sheet.rowCount; row++) {
    if (['STT', 'No.'].includes(String(sheet.getCell(row, 1).value))) {
      return row;
    }
  }
  throw new Error('no table header');
}

/**
 * Label → value of the particulars between the title rows (1 and 2, each one merged cell) and the
 * table: label in column A, value in column C.
 */
function particularsOf(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue> {
  const particulars = new Map<string, ExcelJS.CellValue>();
  for (let row = 3; row < headerRowOf(sheet); row++) {
    const label = sheet.getCell(row, 1).value;
    const value = sheet.getCell(row, 3).value;
    if (typeof label === 'string' && value !== null) {
      particulars.set(label, value);
    }
  }
  return particulars;
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): ExcelJS.CellValue[] {
  return decisionListHeaders().map((_header, index) => sheet.getCell(row, index + 1).value);
}

function decisionWith(...entries: DecisionEntry[]): AwardDecision {
  return { ...SAMPLE_DECISION, entries };
}

describe('decisionListXlsx', () => {
  it('in English: the words around the table, its header, award names and statuses; names as given', async () => {
    const sheet = await readBack(SAMPLE_DECISION, 'en');
    expect(sheet.name).toBe('Award list');
    expect(sheet.getCell('A1').value).toBe('LIST OF AWARDS');
    expect(sheet.getCell('A2').value).toBe('Attached to Decision No. 125/QĐ-ĐUK of 5 January 2026');
    expect(Object.fromEntries(particularsOf(sheet))).toEqual({
      'Issued by': 'Đảng ủy Khối Doanh nghiệp tỉnh Quảng Ngãi',
      'Decision number': '125/QĐ-ĐUK',
      'Signed on': new Date(Date.UTC(2026, 0, 5)),
      'Signed by': 'Trần Xuân Lâm',
      'Rule set': 'emulation-titles-2024 (version 3)',
    });
    const headerRow = headerRowOf(sheet);
    expect(rowValues(sheet, headerRow)).toEqual(decisionListHeaders('en'));
    expect(decisionListHeaders('en')).toEqual([
      'No.',
      'Name / Collective',
      'Code',
      'Unit',
      'Title / Form of commendation',
      'Year',
      'Verification code',
      'Status',
    ]);
    expect(rowValues(sheet, headerRow + 1)).toEqual([
      1,
      'Nguyễn Thị Ngọc Ánh',
      'NV-0042',
      'Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
      'Grassroots emulation fighter',
      2025,
      PERSON_ENTRY.verificationCode,
      'In force',
    ]);
    expect(rowValues(sheet, headerRow + 2)[7]).toBe('Annulled');
  });

  it('is a zip (an OOXML package) that exceljs reads back as one sheet', async () => {
    const xlsx = await decisionListXlsx(SAMPLE_DECISION);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readBack(SAMPLE_DECISION);
    expect(sheet.name).toBe('Danh sách khen thưởng');
  });

  it('heads the sheet with a title and the decision it belongs to', async () => {
    const sheet = await readBack(SAMPLE_DECISION);
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH KHEN THƯỞNG');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe(
      'Kèm theo Quyết định số 125/QĐ-ĐUK ngày 05 tháng 01 năm 2026',
    );
    expect(Object.fromEntries(particularsOf(sheet))).toEqual({
      'Đơn vị ban hành': 'Đảng ủy Khối Doanh nghiệp tỉnh Quảng Ngãi',
      'Số quyết định': '125/QĐ-ĐUK',
      'Ngày ký': new Date(Date.UTC(2026, 0, 5)),
      'Người ký': 'Trần Xuân Lâm',
      'Bộ tiêu chí': 'emulation-titles-2024 (phiên bản 3)',
    });
    const headerRow = headerRowOf(sheet);
    for (let row = 3; row < headerRow - 1; row++) {
      expect(sheet.getCell(row, 1).font?.bold).toBe(true);
    }
  });

  it('writes the table under a bold, frozen, filterable header', async () => {
    const sheet = await readBack(SAMPLE_DECISION);
    const headerRow = headerRowOf(sheet);
    expect(rowValues(sheet, headerRow)).toEqual(decisionListHeaders());
    for (let column = 1; column <= decisionListHeaders().length; column++) {
      expect(sheet.getCell(headerRow, column).font?.bold).toBe(true);
    }
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(sheet.autoFilter).toBeDefined();

    expect(rowValues(sheet, headerRow + 1)).toEqual([
      1,
      'Nguyễn Thị Ngọc Ánh',
      'NV-0042',
      'Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh',
      'Chiến sĩ thi đua cơ sở',
      2025,
      PERSON_ENTRY.verificationCode,
      'Có hiệu lực',
    ]);
    expect(rowValues(sheet, headerRow + 2)).toEqual([
      2,
      'Đặng Văn Hưởng',
      'NV-0107',
      'Chi bộ Phòng Kỹ thuật, Công ty Cổ phần Cấp nước',
      'Lao động tiên tiến',
      2025,
      SECOND_PERSON_ENTRY.verificationCode,
      'Đã hủy bỏ',
    ]);
    expect(rowValues(sheet, headerRow + 3)).toEqual([
      3,
      'Đoàn Thanh niên Công ty Điện lực Quảng Ngãi',
      'DV-ĐTN-07',
      'Đảng bộ Công ty Điện lực Quảng Ngãi',
      'Tập thể lao động xuất sắc',
      2025,
      UNIT_ENTRY.verificationCode,
      'Có hiệu lực',
    ]);
    expect(sheet.rowCount).toBe(headerRow + 3);
  });

  it('sets column widths wide enough for the names', async () => {
    const sheet = await readBack(SAMPLE_DECISION);
    const widths = sheet.columns.map((column) => column.width ?? 0);
    expect(widths).toHaveLength(decisionListHeaders().length);
    expect(widths[0]).toBeLessThan(10); // STT
    expect(widths[1]).toBeGreaterThanOrEqual(25); // name
    expect(widths[3]).toBeGreaterThanOrEqual(30); // unit
  });

  it('shows an annulled entry greyed out in italics', async () => {
    const sheet = await readBack(SAMPLE_DECISION);
    const headerRow = headerRowOf(sheet);
    expect(sheet.getCell(headerRow + 2, 2).font?.italic).toBe(true);
    expect(sheet.getCell(headerRow + 1, 2).font?.italic).toBeFalsy();
  });

  it('stores decomposed (NFD) names in NFC', async () => {
    const name = 'Đặng Văn Hưởng';
    const sheet = await readBack(
      decisionWith({ ...PERSON_ENTRY, nomineeName: name.normalize('NFD') }),
    );
    expect(sheet.getCell(headerRowOf(sheet) + 1, 2).value).toBe(name);
  });

  it('stores formula-like names as plain text, never as formulas, and unchanged', async () => {
    const value = '=HYPERLINK("https://evil.example","Bấm vào đây")';
    const sheet = await readBack(decisionWith({ ...PERSON_ENTRY, nomineeName: value }));
    const cell = sheet.getCell(headerRowOf(sheet) + 1, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(value);
    expect(cell.formula).toBeUndefined();
  });

  it('writes just the header for a decision with no entries', async () => {
    const sheet = await readBack(decisionWith());
    expect(sheet.rowCount).toBe(headerRowOf(sheet));
  });
});
