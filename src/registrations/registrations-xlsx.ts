import type ExcelJS from 'exceljs';
import { exceljs } from '../outputs/exceljs';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Localized } from '../domain/localized';
import { csvCell } from '../outputs/csv';
import type { RegistrationListDto, RegistrationRowDto } from './dto/registration.dto';

export const REGISTRATIONS_SHEET = 'Đăng ký thi đua';

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

const WIDTHS = [6, 34, 14, 12, 30, 36, 60, 18, 14];

const KIND: Record<RegistrationRowDto['kind'], string> = { unit: 'Tập thể', individual: 'Cá nhân' };

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** One row's cells as the workbook writes them (the tests read them back the same way). */
export function registrationCells(row: RegistrationRowDto, index: number): (string | number)[] {
  return [
    index + 1,
    text(row.registrant.name),
    text(row.registrant.code),
    KIND[row.kind],
    text(row.unit.name ?? ''),
    row.targets.awards.map((award) => text(award.name.vi)).join('; '),
    row.targets.pledges
      .map((pledge) =>
        text(pledge.criterionCode ? `[${pledge.criterionCode}] ${pledge.text}` : pledge.text),
      )
      .join('\n'),
    text(row.stateLabel.vi),
    row.registeredOn === '' ? '' : toVietnameseDate(row.registeredOn),
  ];
}

/**
 * The consolidated list as an Excel workbook, one sheet: the movement, then one row per
 * registration in the order of the JSON answer, with the same registrants, targets and states.
 */
export async function registrationsXlsx(list: RegistrationListDto): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  // Fixed metadata: the same list exported twice makes the same file.
  const epoch = new Date('2000-01-01T00:00:00Z');
  workbook.creator = 'Thi đua – Khen thưởng';
  workbook.created = epoch;
  workbook.modified = epoch;
  const sheet = workbook.addWorksheet(REGISTRATIONS_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const last = WIDTHS.length;

  const title = sheet.addRow(['DANH SÁCH TỔNG HỢP ĐĂNG KÝ THI ĐUA']);
  sheet.mergeCells(title.number, 1, title.number, last);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const movement = sheet.addRow([
    'Phong trào',
    text(`${list.movement.title} (${list.movement.code})`),
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
    const row = sheet.addRow(registrationCells(item, index));
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

/**
 * Text as it is (NFC), behind the CSV guard: a name starting with "=" must not become a formula
 * when the workbook is saved again as CSV. The guard's quotes are CSV syntax, taken off again.
 */
function text(value: string): string {
  const normalised = value.normalize('NFC');
  const cell = csvCell(normalised);
  return /[",;\t\r\n]/.test(normalised) ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}
