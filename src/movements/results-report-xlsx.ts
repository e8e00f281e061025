import type ExcelJS from 'exceljs';
import { exceljs } from '../outputs/exceljs';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Localized } from '../domain/localized';
import { csvCell } from '../outputs/csv';
import type { MovementResultsDto, ResultsRowDto } from './dto/movement-reports.dto';

export const RESULTS_SHEET = 'Báo cáo kết quả';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The table's header: the unit's columns, then two per criterion (score, results), then the
 * totals where the movement scores. Vietnamese, then the same in English on the row below.
 */
export function resultsHeaders(report: MovementResultsDto): Localized[] {
  return [
    { vi: 'STT', en: 'No.' },
    { vi: 'Đơn vị', en: 'Unit' },
    { vi: 'Mã đơn vị', en: 'Unit code' },
    { vi: 'Ngày tiếp nhận', en: 'Acknowledged on' },
    { vi: 'Kế hoạch thực hiện', en: 'Implementation plan' },
    { vi: 'Ngày báo cáo', en: 'Reported on' },
    ...report.criteria.flatMap((criterion) => {
      const weight = criterion.weight === null ? '' : ` (${criterion.weight})`;
      return [
        { vi: `${criterion.name.vi}${weight}: điểm`, en: `${criterion.name.en}${weight}: score` },
        { vi: `${criterion.name.vi}: kết quả`, en: `${criterion.name.en}: results` },
      ];
    }),
    ...(report.scored
      ? [
          { vi: 'Tổng điểm', en: 'Total score' },
          { vi: 'Điểm theo trọng số', en: 'Weighted score' },
        ]
      : []),
  ];
}

/** One unit's cells as the workbook writes them (the tests read them back the same way). */
export function resultsCells(
  report: MovementResultsDto,
  row: ResultsRowDto,
  index: number,
): (string | number)[] {
  const acknowledgement = row.acknowledgement;
  const plan =
    acknowledgement === null
      ? ''
      : [
          acknowledgement.planSummary ?? '',
          ...acknowledgement.plans.map((file) => `[${file.fileName}]`),
        ]
          .filter((part) => part !== '')
          .join('\n');
  const byCode = new Map((row.report?.results ?? []).map((r) => [r.criterionCode, r]));
  return [
    index + 1,
    text(row.unit.name),
    text(row.unit.code),
    acknowledgement === null ? 'Chưa tiếp nhận' : toVietnameseDate(acknowledgement.acknowledgedOn),
    text(plan),
    row.report === null ? 'Chưa báo cáo' : toVietnameseDate(row.report.reportedOn),
    ...report.criteria.flatMap((criterion) => {
      const result = byCode.get(criterion.code);
      return [result?.score ?? '', text(result?.text ?? '')];
    }),
    ...(report.scored ? [row.report?.totalScore ?? '', row.report?.weightedScore ?? ''] : []),
  ];
}

/**
 * The consolidated results as an Excel workbook, one sheet: the report's heading (movement, legal
 * basis, period, launching unit, recipients), then one row per unit in the order of the JSON
 * answer, with the same reports and scores.
 */
export async function resultsReportXlsx(report: MovementResultsDto): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same report exported twice makes the same file.
  const asOf = new Date(`${report.movement.period.from}T00:00:00Z`);
  workbook.creator = text(report.movement.launchingUnit.name);
  workbook.created = asOf;
  workbook.modified = asOf;
  const sheet = workbook.addWorksheet(RESULTS_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const headers = resultsHeaders(report);
  sheet.columns = headers.map((_, index) => ({
    width: [6, 32, 14, 14, 40, 14][index] ?? (index % 2 === 0 ? 10 : 40),
  }));
  const last = headers.length;

  const title = sheet.addRow([`BÁO CÁO ${report.phaseLabel.vi.toUpperCase()} PHONG TRÀO THI ĐUA`]);
  sheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const { movement } = report;
  const particulars: [string, string][] = [
    ['Phong trào', text(`${movement.title} (${movement.code})`)],
    ['Căn cứ', text(movement.legalBasis.map((basis) => basis.citation).join('; '))],
    [
      'Thời gian',
      `Từ ngày ${toVietnameseDate(movement.period.from)} đến ngày ${toVietnameseDate(movement.period.to)}`,
    ],
    ['Đơn vị phát động', text(movement.launchingUnit.name)],
    ['Đơn vị chủ trì', text(movement.leadUnit?.name ?? '')],
    [
      'Tổng hợp',
      `${report.units} đơn vị; ${report.acknowledged} đã tiếp nhận; ${report.reported} đã báo cáo ${report.phaseLabel.vi.toLowerCase()}`,
    ],
    ['Nơi nhận', text(report.recipients.map(recipientLine).join('; '))],
  ];
  for (const [label, value] of particulars) {
    const row = sheet.addRow([label, value]);
    sheet.mergeCells(row.number, 2, row.number, last);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const headerVi = sheet.addRow(headers.map((header) => text(header.vi)));
  const headerEn = sheet.addRow(headers.map((header) => text(header.en)));
  for (const header of [headerVi, headerEn]) {
    header.eachCell((cell) => {
      cell.font = { bold: header === headerVi, italic: header === headerEn };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = BORDER;
    });
  }
  for (const [index, item] of report.items.entries()) {
    const row = sheet.addRow(resultsCells(report, item, index));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: headerEn.number, xSplit: 2 }];
  sheet.autoFilter = {
    from: { row: headerEn.number, column: 1 },
    to: { row: headerEn.number + report.items.length, column: last },
  };
  sheet.pageSetup.printTitlesRow = `${headerVi.number}:${headerEn.number}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function recipientLine(recipient: MovementResultsDto['recipients'][number]): string {
  return recipient.role === 'archive' ? `Lưu: ${recipient.name}` : recipient.name;
}

/**
 * Text as it is (NFC), behind the CSV guard: a name starting with "=" must not become a formula
 * when the workbook is saved again as CSV. The guard's quotes are CSV syntax, taken off again.
 */
function text(value: string): string {
  const normalised = value.normalize('NFC');
  const cell = csvCell(normalised);
  return /[",;\t\r\n]/.test(normalised) ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}
