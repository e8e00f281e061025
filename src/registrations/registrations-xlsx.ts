import type ExcelJS from 'exceljs';
import { exceljs } from '../outputs/exceljs';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Language, Localized } from '../domain/localized';
import { englishLongDate } from '../outputs/award-decision';
import { workbookText } from '../outputs/csv';
import type { RegistrationListDto, RegistrationRowDto } from './dto/registration.dto';

/** What the workbook says around the table, in each language (the header row is both). */
const WORDS = {
  sheet: { vi: 'Đăng ký thi đua', en: 'Emulation registrations' },
  title: {
    vi: 'DANH SÁCH TỔNG HỢP ĐĂNG KÝ THI ĐUA',
    en: 'CONSOLIDATED LIST OF EMULATION REGISTRATIONS',
  },
  movement: { vi: 'Phong trào', en: 'Movement' },
  creator: { vi: 'Thi đua – Khen thưởng', en: 'Emulation and Commendation' },
} as const satisfies Record<string, Localized>;

export const REGISTRATIONS_SHEET = WORDS.sheet.vi;

/** The table's header: Vietnamese, then the same in English on the row below. */
export const REGISTRATION_HEADERS: Readonly<Localized>[] = [
  { vi: 'STT', en: 'No.' },
  { vi: 'Đơn vị, cá nhân đăng ký', en: 'Registrant' },
  { vi: 'Mã', en: 'Code' },
  { vi: 'Loại', en: 'Kind' },
  { vi: 'Đơn vị', en: 'Unit' },
  { vi: 'Danh hiệu đăng ký', en: 'Awards aimed at' },
  { vi: 'Nội dung cam kết', en: 'Pledges' },
  { vi: 'Trạng thái', en: 'State' },
  { vi: 'Ngày đăng ký', en: 'Registered on' },
];

/** In characters; an English date ("12 September 2026") takes a wider last column. */
const WIDTHS: Record<Language, number[]> = {
  vi: [6, 34, 14, 12, 30, 36, 60, 18, 14],
  en: [6, 34, 14, 12, 30, 36, 60, 18, 18],
};

const KIND: Record<RegistrationRowDto['kind'], Localized> = {
  unit: { vi: 'Tập thể', en: 'Collective' },
  individual: { vi: 'Cá nhân', en: 'Individual' },
};

/** "05/03/2026" in Vietnamese; "5 March 2026" in English, where day-first numbers mislead. */
const DATE: Record<Language, (iso: string) => string> = {
  vi: toVietnameseDate,
  en: englishLongDate,
};

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * One row's cells as the workbook writes them in a language (the tests read them back the same
 * way): in English the kind, award names, state and date are English; names and pledges stay as
 * written. Curried, so `items.map(registrationCellsIn('en'))` passes no array for a language.
 */
export const registrationCellsIn =
  (language: Language) =>
  (row: RegistrationRowDto, index: number): (string | number)[] =>
    cellsOf(row, index, language);

/** One row's cells as the Vietnamese workbook writes them. */
export const registrationCells = registrationCellsIn('vi');

function cellsOf(row: RegistrationRowDto, index: number, language: Language): (string | number)[] {
  return [
    index + 1,
    workbookText(row.registrant.name),
    workbookText(row.registrant.code),
    KIND[row.kind][language],
    workbookText(row.unit.name ?? ''),
    row.targets.awards.map((award) => workbookText(award.name[language])).join('; '),
    row.targets.pledges
      .map((pledge) =>
        workbookText(
          pledge.criterionCode ? `[${pledge.criterionCode}] ${pledge.text}` : pledge.text,
        ),
      )
      .join('\n'),
    workbookText(row.stateLabel[language]),
    row.registeredOn === '' ? '' : DATE[language](row.registeredOn),
  ];
}

/**
 * The consolidated list as an Excel workbook, one sheet: the movement, then one row per
 * registration in the order of the JSON answer, with the same registrants, targets and states.
 * Vietnamese, or in English (sheet, title, labels and values; the header row is both anyway).
 */
export async function registrationsXlsx(
  list: RegistrationListDto,
  language: Language = 'vi',
): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same list exported twice makes the same file.
  const epoch = new Date('2000-01-01T00:00:00Z');
  workbook.creator = WORDS.creator[language];
  workbook.created = epoch;
  workbook.modified = epoch;
  const sheet = workbook.addWorksheet(WORDS.sheet[language], {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  sheet.columns = WIDTHS[language].map((width) => ({ width }));
  const last = REGISTRATION_HEADERS.length;

  const title = sheet.addRow([WORDS.title[language]]);
  sheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const movement = sheet.addRow([
    WORDS.movement[language],
    workbookText(`${list.movement.title} (${list.movement.code})`),
  ]);
  sheet.mergeCells(movement.number, 2, movement.number, last);
  movement.getCell(1).font = { bold: true };
  sheet.addRow([]);

  const headerVi = sheet.addRow(REGISTRATION_HEADERS.map((header) => header.vi));
  const headerEn = sheet.addRow(REGISTRATION_HEADERS.map((header) => header.en));
  for (const header of [headerVi, headerEn]) {
    header.eachCell((cell) => {
      cell.font = { bold: header === headerVi, italic: header === headerEn };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = BORDER;
    });
  }
  for (const [index, item] of list.items.entries()) {
    const row = sheet.addRow(cellsOf(item, index, language));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: headerEn.number }];
  sheet.autoFilter = {
    from: { row: headerEn.number, column: 1 },
    to: { row: headerEn.number + list.items.length, column: last },
  };
  sheet.pageSetup.printTitlesRow = `${headerVi.number}:${headerEn.number}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
