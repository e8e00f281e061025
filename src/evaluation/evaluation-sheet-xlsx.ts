import type ExcelJS from 'exceljs';
import { exceljs } from '../outputs/exceljs';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Language, Localized } from '../domain/localized';
import { englishLongDate } from '../outputs/award-decision';
import { workbookText } from '../outputs/csv';
import type { EvaluationRowDto, EvaluationSheetDto } from './dto/evaluation-sheet.dto';

/** What the workbook says, outside the names and labels the JSON answer gives, in each language. */
const WORDS = {
  sheet: { vi: 'Đánh giá thi đua', en: 'Annual evaluation' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  year: { vi: 'Năm đánh giá', en: 'Year evaluated' },
  kindUnit: { vi: 'Tập thể', en: 'Unit' },
  kindPerson: { vi: 'Cá nhân', en: 'Person' },
  registrationMet: { vi: ' – đạt', en: ' – met' },
  decision: { vi: 'QĐ', en: 'Decision' },
  trafficMet: { vi: 'Đạt', en: 'Met' },
  trafficNotMet: { vi: 'Không đạt', en: 'Not met' },
} as const satisfies Record<string, Localized>;

/** The phrases with numbers in them, in each language. */
const PHRASES: Record<
  Language,
  {
    title(year: number): string;
    period(year: number): string;
    date(date: string): string;
    peopleMet(numerator: number, denominator: number, percent: string): string;
  }
> = {
  vi: {
    title: (year) => `BẢNG ĐÁNH GIÁ THI ĐUA, KHEN THƯỞNG NĂM ${year}`,
    period: (year) => `${year} (từ ngày 01/01/${year} đến ngày 31/12/${year})`,
    date: toVietnameseDate,
    peopleMet: (numerator, denominator, percent) =>
      `${numerator}/${denominator} người đạt (${percent}%)`,
  },
  en: {
    title: (year) => `EMULATION AND COMMENDATION EVALUATION SHEET, ${year}`,
    period: (year) => `${year} (from 1 January ${year} to 31 December ${year})`,
    date: englishLongDate,
    peopleMet: (numerator, denominator, percent) =>
      `${numerator}/${denominator} people met it (${percent}%)`,
  },
};

/** The number locale of each language (33,3 in Vietnamese, 33.3 in English). */
const NUMBER_LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export const EVALUATION_SHEET = WORDS.sheet.vi;

/** A cell with nothing to say (Excel reads an empty text back as no cell at all). */
const NONE = '–';

/** The table's header: Vietnamese, then the same in English on the row below. */
export function evaluationHeaders(sheet: Pick<EvaluationSheetDto, 'violationDetail'>): Localized[] {
  return [
    { vi: 'STT', en: 'No.' },
    { vi: 'Loại', en: 'Kind' },
    { vi: 'Mã', en: 'Code' },
    { vi: 'Tập thể, cá nhân', en: 'Unit or person' },
    { vi: 'Đơn vị', en: 'Unit' },
    { vi: 'Xếp loại chất lượng', en: 'Quality rating' },
    { vi: 'Đăng ký thi đua', en: 'Emulation registrations' },
    { vi: 'Số đăng ký đạt', en: 'Registrations met' },
    { vi: 'Khen thưởng trong năm', en: 'Awards decided in the year' },
    { vi: 'Số vi phạm đã kết luận', en: 'Confirmed violations' },
    { vi: 'Số quyết định kỷ luật', en: 'Discipline decisions' },
    ...(sheet.violationDetail === 'full'
      ? [{ vi: 'Chi tiết vi phạm, kỷ luật', en: 'Violations and disciplines' }]
      : []),
    {
      vi: 'Chấp hành pháp luật về giao thông (Chỉ thị 23-CT/TW)',
      en: 'Traffic-law compliance (Directive 23-CT/TW)',
    },
  ];
}

const KIND: Record<EvaluationRowDto['kind'], Localized> = {
  unit: WORDS.kindUnit,
  person: WORDS.kindPerson,
};

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * One row's cells as the workbook writes them (the tests read them back the same way): labels in
 * the language asked for, names, codes and numbers as given.
 */
export function evaluationCells(
  sheet: Pick<EvaluationSheetDto, 'violationDetail'>,
  row: EvaluationRowDto,
  index: number,
  language: Language = 'vi',
): (string | number)[] {
  const lines = (items: string[]) => (items.length === 0 ? NONE : items.join('\n'));
  const violations = row.violations;
  const date = PHRASES[language].date;
  return [
    index + 1,
    KIND[row.kind][language],
    workbookText(row.code),
    workbookText(`${'  '.repeat(row.depth)}${row.name}`),
    workbookText(row.unit.name),
    row.rating === null ? NONE : workbookText(row.rating.label[language]),
    lines(
      row.registrations.map((registration) =>
        workbookText(
          `${registration.movement.code}: ${registration.stateLabel[language]}` +
            (registration.met ? WORDS.registrationMet[language] : ''),
        ),
      ),
    ),
    row.registrations.filter((registration) => registration.met).length,
    lines(
      row.awards.map((award) =>
        workbookText(
          [
            award.awardName[language],
            award.decisionNumber === null
              ? null
              : `${WORDS.decision[language]} ${award.decisionNumber}`,
            award.decidedOn === null ? null : date(award.decidedOn),
          ]
            .filter((part) => part !== null)
            .join(', '),
        ),
      ),
    ),
    violations.confirmed,
    violations.disciplines,
    ...(sheet.violationDetail === 'full'
      ? [
          lines(
            (violations.details ?? []).map((line) =>
              workbookText(
                [
                  `${date(line.occurredOn)} ${line.category.label[language]}`,
                  line.outcome.label[language],
                  ...line.disciplineForms.map((form) => form.label[language]),
                ].join(' – '),
              ),
            ),
          ),
        ]
      : []),
    trafficCell(row, language),
  ];
}

function trafficCell(row: EvaluationRowDto, language: Language): string {
  if (row.traffic.met !== null) {
    return (row.traffic.met ? WORDS.trafficMet : WORDS.trafficNotMet)[language];
  }
  const share = row.traffic.share;
  if (share.percent === null) return NONE;
  const percent = new Intl.NumberFormat(NUMBER_LOCALE[language], {
    maximumFractionDigits: 1,
  }).format(share.percent);
  return PHRASES[language].peopleMet(share.numerator, share.denominator, percent);
}

/**
 * The sheet as an Excel workbook: a title, the unit and the year, then one row per row of the JSON
 * answer, in its order and with its values. In English the sheet's name, title, particulars and
 * the cells' words (kinds, ratings, states, award names, met or not) are English; names, codes,
 * numbers and the Vietnamese and English header rows stay the same.
 */
export async function evaluationSheetXlsx(
  sheet: EvaluationSheetDto,
  language: Language = 'vi',
): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same sheet exported twice makes the same file.
  const asOf = new Date(`${sheet.year}-12-31T00:00:00Z`);
  workbook.creator = workbookText(sheet.unit.name);
  workbook.created = asOf;
  workbook.modified = asOf;
  const worksheet = workbook.addWorksheet(WORDS.sheet[language], {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const headers = evaluationHeaders(sheet);
  const widths = headers.map((header, index) =>
    index === 0 ? 6 : Math.min(50, Math.max(14, header.vi.length + 2)),
  );
  worksheet.columns = widths.map((width) => ({ width }));
  const last = headers.length;

  const title = worksheet.addRow([PHRASES[language].title(sheet.year)]);
  worksheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const unit = worksheet.addRow([
    WORDS.unit[language],
    workbookText(`${sheet.unit.name} (${sheet.unit.code})`),
  ]);
  worksheet.mergeCells(unit.number, 2, unit.number, last);
  unit.getCell(1).font = { bold: true };
  const period = worksheet.addRow([WORDS.year[language], PHRASES[language].period(sheet.year)]);
  worksheet.mergeCells(period.number, 2, period.number, last);
  period.getCell(1).font = { bold: true };
  worksheet.addRow([]);

  const headerVi = worksheet.addRow(headers.map((header) => header.vi));
  const headerEn = worksheet.addRow(headers.map((header) => header.en));
  for (const header of [headerVi, headerEn]) {
    header.eachCell((cell) => {
      cell.font = { bold: header === headerVi, italic: header === headerEn };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = BORDER;
    });
  }
  for (const [index, item] of sheet.rows.entries()) {
    const row = worksheet.addRow(evaluationCells(sheet, item, index, language));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    if (item.kind === 'unit') row.font = { bold: true };
  }
  worksheet.views = [{ state: 'frozen', ySplit: headerEn.number }];
  worksheet.autoFilter = {
    from: { row: headerEn.number, column: 1 },
    to: { row: headerEn.number + sheet.rows.length, column: last },
  };
  worksheet.pageSetup.printTitlesRow = `${headerVi.number}:${headerEn.number}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
