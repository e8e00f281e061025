import type ExcelJS from 'exceljs';
import { exceljs } from './exceljs';
import { csvCell, UTF8_BOM } from './csv';
import type { Language, Localized } from '../domain/localized';
import {
  englishLongDate,
  ENTRY_STATUS_LABELS,
  parseDecisionDate,
  vietnameseLongDate,
  type AwardDecision,
  type DecisionEntry,
} from './award-decision';

interface ListColumn {
  header: Localized;
  /** In characters, for the spreadsheet. */
  width: number;
  value(entry: DecisionEntry, index: number, language: Language): string | number;
}

/** The table of a decision's list ("danh sách kèm theo quyết định"), shared by CSV and XLSX. */
const COLUMNS: readonly ListColumn[] = [
  { header: { vi: 'STT', en: 'No.' }, width: 6, value: (_entry, index) => index + 1 },
  {
    header: { vi: 'Họ và tên / Tập thể', en: 'Name / Collective' },
    width: 30,
    value: (entry) => entry.nomineeName,
  },
  { header: { vi: 'Mã', en: 'Code' }, width: 14, value: (entry) => entry.nomineeCode },
  { header: { vi: 'Đơn vị', en: 'Unit' }, width: 36, value: (entry) => entry.unitName },
  {
    header: { vi: 'Danh hiệu / Hình thức khen thưởng', en: 'Title / Form of commendation' },
    width: 34,
    value: (entry, _index, language) => entry.awardName[language],
  },
  { header: { vi: 'Năm', en: 'Year' }, width: 8, value: (entry) => entry.evaluationYear },
  {
    header: { vi: 'Mã xác thực', en: 'Verification code' },
    width: 22,
    value: (entry) => entry.verificationCode,
  },
  {
    header: { vi: 'Trạng thái', en: 'Status' },
    width: 14,
    value: (entry, _index, language) => ENTRY_STATUS_LABELS[entry.status][language],
  },
];

/** The table's header row in a language. */
export function decisionListHeaders(language: Language = 'vi'): string[] {
  return COLUMNS.map((column) => column.header[language]);
}

/** What the workbook says around the table, in each language. */
const WORDS = {
  sheet: { vi: 'Danh sách khen thưởng', en: 'Award list' },
  title: { vi: 'DANH SÁCH KHEN THƯỞNG', en: 'LIST OF AWARDS' },
  issuingUnit: { vi: 'Đơn vị ban hành', en: 'Issued by' },
  number: { vi: 'Số quyết định', en: 'Decision number' },
  signedOn: { vi: 'Ngày ký', en: 'Signed on' },
  signer: { vi: 'Người ký', en: 'Signed by' },
  ruleSet: { vi: 'Bộ tiêu chí', en: 'Rule set' },
} as const satisfies Record<string, Localized>;

/** "Kèm theo Quyết định số 12/QĐ-… ngày 05 tháng 3 năm 2026", or its English. */
function attachedTo(decision: AwardDecision, language: Language): string {
  if (language === 'vi') {
    return `Kèm theo Quyết định số ${decision.number} ${vietnameseLongDate(decision.date)}`;
  }
  return `Attached to Decision No. ${decision.number} of ${englishLongDate(decision.date)}`;
}

/**
 * Names typed on different systems may arrive decomposed (NFD); every output carries NFC, the
 * form Vietnamese fonts, Excel and search expect, so "Ánh" is always one code point wide.
 */
function nfc<T extends string | number>(value: T): T {
  return (typeof value === 'string' ? value.normalize('NFC') : value) as T;
}

/**
 * The list as RFC 4180 CSV (comma, CRLF, header line). The BOM is what makes Excel read it as
 * UTF-8 rather than the ANSI code page, which would mangle every Vietnamese letter.
 */
export function decisionListCsv(decision: AwardDecision, language: Language = 'vi'): Buffer {
  const lines = [
    decisionListHeaders(language),
    ...decision.entries.map((entry, index) =>
      COLUMNS.map((column) => String(nfc(column.value(entry, index, language)))),
    ),
  ].map((fields) => fields.map(csvCell).join(','));
  return Buffer.from(`${UTF8_BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The list as an Excel workbook: a title, the decision's particulars (issuing unit, number, date,
 * signer, rule set) as label/value rows, then the table with a bold, frozen, filterable header.
 * Cell values are exactly the input (NFC); text cells are stored as strings, never as formulas,
 * so unlike the CSV they need no apostrophe guard.
 */
export async function decisionListXlsx(
  decision: AwardDecision,
  language: Language = 'vi',
): Promise<Buffer> {
  const decisionDate = parseDecisionDate(decision.date);
  const signedOn = new Date(Date.UTC(decisionDate.year, decisionDate.month - 1, decisionDate.day));
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata so exporting the same decision twice says the same thing.
  workbook.creator = nfc(decision.issuingUnitName);
  workbook.created = signedOn;
  workbook.modified = signedOn;

  const sheet = workbook.addWorksheet(WORDS.sheet[language], {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  const lastColumn = COLUMNS.length;

  const title = sheet.addRow([WORDS.title[language]]);
  sheet.mergeCells(title.number, 1, title.number, lastColumn);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const subtitle = sheet.addRow([nfc(attachedTo(decision, language))]);
  sheet.mergeCells(subtitle.number, 1, subtitle.number, lastColumn);
  subtitle.getCell(1).font = { italic: true };
  subtitle.getCell(1).alignment = { horizontal: 'center' };

  const version = language === 'vi' ? 'phiên bản' : 'version';
  const particulars: Array<[string, string | Date]> = [
    [WORDS.issuingUnit[language], nfc(decision.issuingUnitName)],
    [WORDS.number[language], nfc(decision.number)],
    [WORDS.signedOn[language], signedOn],
    [WORDS.signer[language], nfc(decision.signer)],
    [
      WORDS.ruleSet[language],
      nfc(`${decision.ruleSet.id} (${version} ${decision.ruleSet.version})`),
    ],
  ];
  for (const [label, value] of particulars) {
    // The label spans the narrow STT column and the next one, the value the rest of the row.
    const row = sheet.addRow([label, null, value]);
    sheet.mergeCells(row.number, 1, row.number, 2);
    sheet.mergeCells(row.number, 3, row.number, lastColumn);
    row.getCell(1).font = { bold: true };
    row.getCell(3).alignment = { horizontal: 'left' };
    if (value instanceof Date) {
      row.getCell(3).numFmt = 'dd/mm/yyyy';
    }
  }
  sheet.addRow([]);

  const header = sheet.addRow(decisionListHeaders(language));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = BORDER;
  });

  decision.entries.forEach((entry, index) => {
    const row = sheet.addRow(COLUMNS.map((column) => nfc(column.value(entry, index, language))));
    row.eachCell((cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (entry.status === 'revoked') {
        cell.font = { italic: true, color: { argb: 'FF808080' } };
      }
    });
  });

  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number + decision.entries.length, column: lastColumn },
  };
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
