import type ExcelJS from 'exceljs';
import { exceljs } from '../../outputs/exceljs';
import { toVietnameseDate } from '../../domain/calendar/iso-date';
import { englishLongDate } from '../../outputs/award-decision';
import { workbookText } from '../../outputs/csv';
import type { CountLine } from '../../domain/discipline/violation-statistics';
import type { Language, Localized } from '../../domain/localized';
import type { UnitStatistics } from './unit-statistics';

/** What the workbook says around the table, in each language. */
const WORDS = {
  sheet: { vi: 'Thống kê vi phạm', en: 'Violation statistics' },
  title: {
    vi: 'THỐNG KÊ VI PHẠM PHỤC VỤ ĐÁNH GIÁ, XẾP LOẠI HẰNG NĂM',
    en: 'VIOLATION STATISTICS FOR THE ANNUAL EVALUATION AND RATING',
  },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  period: { vi: 'Thời gian xảy ra vi phạm', en: 'Period of the violations' },
} as const satisfies Record<string, Localized>;

export const STATISTICS_SHEET = WORDS.sheet.vi;

/** "Từ ngày 01/01/2025 đến ngày 31/12/2025", or "From 1 January 2025 to 31 December 2025". */
function periodText({ from, to }: UnitStatistics['period'], language: Language): string {
  return language === 'vi'
    ? `Từ ngày ${toVietnameseDate(from)} đến ngày ${toVietnameseDate(to)}`
    : `From ${englishLongDate(from)} to ${englishLongDate(to)}`;
}

/** The table's header: Vietnamese, then the same in English on the row below. */
export const STATISTICS_HEADERS: Readonly<Localized>[] = [
  { vi: 'Nhóm', en: 'Breakdown' },
  { vi: 'Nội dung', en: 'Item' },
  { vi: 'Nội dung (tiếng Anh)', en: 'Item (English)' },
  { vi: 'Mã', en: 'Code' },
  { vi: 'Số lượng', en: 'Count' },
];

const WIDTHS = [30, 60, 50, 22, 12];

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

interface TableRow {
  group: Localized;
  label: Localized;
  code: string;
  value: number | null;
}

/**
 * The statistics as an Excel workbook, one sheet: a title, the unit and the period, then one flat
 * table (filterable by its first column) with every breakdown the JSON answer has, in the same
 * order and with the same numbers. In English the sheet's name, title, particulars and group
 * column are English; the columns, the codes, the numbers and the two header rows stay the same.
 */
export async function violationStatisticsXlsx(
  statistics: UnitStatistics,
  language: Language = 'vi',
): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same statistics exported twice make the same file.
  const asOf = new Date(`${statistics.period.to}T00:00:00Z`);
  workbook.creator = workbookText(statistics.unit.name);
  workbook.created = asOf;
  workbook.modified = asOf;

  const sheet = workbook.addWorksheet(WORDS.sheet[language], {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const last = WIDTHS.length;

  const title = sheet.addRow([WORDS.title[language]]);
  sheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const particulars: [string, string][] = [
    [WORDS.unit[language], workbookText(`${statistics.unit.name} (${statistics.unit.code})`)],
    [WORDS.period[language], periodText(statistics.period, language)],
  ];
  for (const [label, value] of particulars) {
    const row = sheet.addRow([label, value]);
    sheet.mergeCells(row.number, 2, row.number, last);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const headerVi = sheet.addRow(STATISTICS_HEADERS.map((header) => header.vi));
  const headerEn = sheet.addRow(STATISTICS_HEADERS.map((header) => header.en));
  for (const header of [headerVi, headerEn]) {
    header.eachCell((cell) => {
      cell.font = { bold: header === headerVi, italic: header === headerEn };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = BORDER;
    });
  }

  const rows = tableRows(statistics);
  for (const line of rows) {
    const row = sheet.addRow([
      workbookText(line.group[language]),
      workbookText(line.label.vi),
      workbookText(line.label.en),
      workbookText(line.code),
      line.value,
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    if (line.code === 'traffic_compliance_percent') row.getCell(5).numFmt = '0.0';
  }

  sheet.views = [{ state: 'frozen', ySplit: headerEn.number }];
  sheet.autoFilter = {
    from: { row: headerEn.number, column: 1 },
    to: { row: headerEn.number + rows.length, column: last },
  };
  sheet.pageSetup.printTitlesRow = `${headerVi.number}:${headerEn.number}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const GROUPS = {
  overview: { vi: 'Tổng quát', en: 'Overview' },
  category: { vi: 'Theo loại vi phạm', en: 'By category' },
  source: { vi: 'Theo nguồn phát hiện', en: 'By source' },
  outcome: { vi: 'Theo kết quả xử lý', en: 'By outcome' },
  form: { vi: 'Kỷ luật theo hình thức', en: 'Disciplines by form' },
  members: {
    vi: 'Người bị kỷ luật, chấp hành pháp luật giao thông',
    en: 'People and traffic compliance',
  },
} as const satisfies Record<string, Localized>;

function tableRows(statistics: UnitStatistics): TableRow[] {
  const lines = (group: Localized, counted: readonly CountLine[]): TableRow[] =>
    counted.map((line) => ({ group, label: line.label, code: line.code, value: line.count }));
  const compliance = statistics.trafficCompliance;
  return [
    {
      group: GROUPS.overview,
      label: {
        vi: 'Tổng số vi phạm xảy ra trong kỳ',
        en: 'Violations that occurred in the period',
      },
      code: 'total',
      value: statistics.total,
    },
    {
      group: GROUPS.overview,
      label: {
        vi: 'Trong đó: không ghi ngày vi phạm, tính theo ngày tiếp nhận',
        en: 'Of which: no date of the violation given, counted by the day reported',
      },
      code: 'dated_by_report',
      value: statistics.datedByReport,
    },
    ...lines(GROUPS.category, statistics.byCategory),
    ...lines(GROUPS.source, statistics.bySource),
    ...lines(GROUPS.outcome, statistics.byOutcome),
    ...lines(GROUPS.form, statistics.disciplinesByForm),
    {
      group: GROUPS.form,
      label: { vi: 'Tổng số quyết định kỷ luật', en: 'Discipline decisions in all' },
      code: 'disciplines',
      value: statistics.disciplines,
    },
    {
      group: GROUPS.members,
      label: { vi: 'Số người bị kỷ luật', en: 'People disciplined' },
      code: 'members_disciplined',
      value: statistics.membersDisciplined,
    },
    {
      group: GROUPS.members,
      label: {
        vi: 'Số người có vi phạm giao thông đã được xác định',
        en: 'People with a confirmed traffic violation',
      },
      code: 'people_with_traffic_violation',
      value: statistics.peopleWithConfirmedTrafficViolation,
    },
    {
      group: GROUPS.members,
      label: { vi: 'Tổng số người của đơn vị', en: 'Members of the unit' },
      code: 'members',
      value: compliance.denominator,
    },
    {
      group: GROUPS.members,
      label: {
        vi: 'Số người không có vi phạm giao thông đã được xác định',
        en: 'Members with no confirmed traffic violation',
      },
      code: 'traffic_compliant_members',
      value: compliance.numerator,
    },
    {
      group: GROUPS.members,
      label: {
        vi: 'Tỷ lệ người không có vi phạm giao thông (%)',
        en: 'Share of members with no confirmed traffic violation (%)',
      },
      code: 'traffic_compliance_percent',
      value: compliance.percent,
    },
  ];
}
