import type ExcelJS from 'exceljs';
import { exceljs } from '../outputs/exceljs';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Language, Localized } from '../domain/localized';
import { englishLongDate } from '../outputs/award-decision';
import { workbookText } from '../outputs/csv';
import type { MovementResultsDto, ResultsRowDto } from './dto/movement-reports.dto';

/**
 * What the workbook says around the table, in each language (the header row is both). What the
 * units wrote, names, titles and legal bases stay as written.
 */
interface Words {
  sheet: string;
  title: (phase: string) => string;
  movement: string;
  bases: string;
  period: string;
  from: (from: string, to: string) => string;
  launchingUnit: string;
  leadUnit: string;
  summary: string;
  counts: (units: number, acknowledged: number, reported: number, phase: string) => string;
  recipients: string;
  archive: (name: string) => string;
  notAcknowledged: string;
  notReported: string;
  date: (iso: string) => string;
  /** The unit's columns, in characters: an English date is wider. */
  widths: number[];
}

const VIETNAMESE: Words = {
  sheet: 'Báo cáo kết quả',
  title: (phase) => `BÁO CÁO ${phase.toUpperCase()} PHONG TRÀO THI ĐUA`,
  movement: 'Phong trào',
  bases: 'Căn cứ',
  period: 'Thời gian',
  from: (from, to) => `Từ ngày ${from} đến ngày ${to}`,
  launchingUnit: 'Đơn vị phát động',
  leadUnit: 'Đơn vị chủ trì',
  summary: 'Tổng hợp',
  counts: (units, acknowledged, reported, phase) =>
    `${units} đơn vị; ${acknowledged} đã tiếp nhận; ${reported} đã báo cáo ${phase.toLowerCase()}`,
  recipients: 'Nơi nhận',
  archive: (name) => `Lưu: ${name}`,
  notAcknowledged: 'Chưa tiếp nhận',
  notReported: 'Chưa báo cáo',
  date: toVietnameseDate,
  widths: [6, 32, 14, 14, 40, 14],
};

const ENGLISH: Words = {
  sheet: 'Results report',
  title: (phase) => `${phase.toUpperCase()} REPORT OF THE EMULATION MOVEMENT`,
  movement: 'Movement',
  bases: 'Legal basis',
  period: 'Period',
  from: (from, to) => `From ${from} to ${to}`,
  launchingUnit: 'Launched by',
  leadUnit: 'Lead unit',
  summary: 'Summary',
  counts: (units, acknowledged, reported, phase) =>
    `${units} units; ${acknowledged} acknowledged; ${reported} reported (${phase.toLowerCase()})`,
  recipients: 'Recipients',
  archive: (name) => `Archive: ${name}`,
  notAcknowledged: 'Not acknowledged',
  notReported: 'Not reported',
  // "5 March 2026": day-first numbers mislead an English reader.
  date: englishLongDate,
  widths: [6, 32, 14, 18, 40, 18],
};

const WORDS: Record<Language, Words> = { vi: VIETNAMESE, en: ENGLISH };

export const RESULTS_SHEET = VIETNAMESE.sheet;

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

/**
 * One unit's cells as the workbook writes them (the tests read them back the same way). In English
 * the dates and "not acknowledged / reported" are English; what the unit wrote stays as written.
 */
export function resultsCells(
  report: MovementResultsDto,
  row: ResultsRowDto,
  index: number,
  language: Language = 'vi',
): (string | number)[] {
  const words = WORDS[language];
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
    workbookText(row.unit.name),
    workbookText(row.unit.code),
    acknowledgement === null ? words.notAcknowledged : words.date(acknowledgement.acknowledgedOn),
    workbookText(plan),
    row.report === null ? words.notReported : words.date(row.report.reportedOn),
    ...report.criteria.flatMap((criterion) => {
      const result = byCode.get(criterion.code);
      return [result?.score ?? '', workbookText(result?.text ?? '')];
    }),
    ...(report.scored ? [row.report?.totalScore ?? '', row.report?.weightedScore ?? ''] : []),
  ];
}

/**
 * The consolidated results as an Excel workbook, one sheet: the report's heading (movement, legal
 * basis, period, launching unit, recipients), then one row per unit in the order of the JSON
 * answer, with the same reports and scores. Vietnamese, or in English (sheet, title, labels,
 * dates, the phase); what the units wrote stays as written.
 */
export async function resultsReportXlsx(
  report: MovementResultsDto,
  language: Language = 'vi',
): Promise<Buffer> {
  const words = WORDS[language];
  const phase = report.phaseLabel[language];
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same report exported twice makes the same file.
  const asOf = new Date(`${report.movement.period.from}T00:00:00Z`);
  workbook.creator = workbookText(report.movement.launchingUnit.name);
  workbook.created = asOf;
  workbook.modified = asOf;
  const sheet = workbook.addWorksheet(words.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const headers = resultsHeaders(report);
  sheet.columns = headers.map((_, index) => ({
    width: words.widths[index] ?? (index % 2 === 0 ? 10 : 40),
  }));
  const last = headers.length;

  const title = sheet.addRow([words.title(phase)]);
  sheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const { movement } = report;
  const particulars: [string, string][] = [
    [words.movement, workbookText(`${movement.title} (${movement.code})`)],
    [words.bases, workbookText(movement.legalBasis.map((basis) => basis.citation).join('; '))],
    [words.period, words.from(words.date(movement.period.from), words.date(movement.period.to))],
    [words.launchingUnit, workbookText(movement.launchingUnit.name)],
    [words.leadUnit, workbookText(movement.leadUnit?.name ?? '')],
    [words.summary, words.counts(report.units, report.acknowledged, report.reported, phase)],
    [
      words.recipients,
      workbookText(
        report.recipients.map((recipient) => recipientLine(recipient, language)).join('; '),
      ),
    ],
  ];
  for (const [label, value] of particulars) {
    const row = sheet.addRow([label, value]);
    sheet.mergeCells(row.number, 2, row.number, last);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const headerVi = sheet.addRow(headers.map((header) => workbookText(header.vi)));
  const headerEn = sheet.addRow(headers.map((header) => workbookText(header.en)));
  for (const header of [headerVi, headerEn]) {
    header.eachCell((cell) => {
      cell.font = { bold: header === headerVi, italic: header === headerEn };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = BORDER;
    });
  }
  for (const [index, item] of report.items.entries()) {
    const row = sheet.addRow(resultsCells(report, item, index, language));
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

export function recipientLine(
  recipient: MovementResultsDto['recipients'][number],
  language: Language = 'vi',
): string {
  return recipient.role === 'archive' ? WORDS[language].archive(recipient.name) : recipient.name;
}
