/**
 * Builders for import files and small database probes shared by the import specs (not a spec
 * itself).
 */
import ExcelJS from 'exceljs';
import { Database } from '../../src/persistence/database';
import type { TestApp } from '../support/test-app';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export { vietnameseName } from '../../src/demo/vietnamese-names';

/** CSV text: cells quoted when they need it, lines joined by `newline`. */
export function csv(rows: (string | number)[][], delimiter = ',', newline = '\n'): string {
  const quote = (cell: string | number) => {
    const text = String(cell);
    return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(delimiter)).join(newline) + newline;
}

/** An XLSX workbook whose first sheet holds `rows` (Date values become date cells). */
export async function xlsx(rows: ExcelJS.CellValue[][], sheetName = 'Danh sách'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** POSTs `file` to an import route as the admin. */
export function postImport(
  t: TestApp,
  what: 'units' | 'people',
  file: string | Buffer,
  options: { contentType?: string; query?: string; token?: string } = {},
) {
  const path = `/api/v1/imports/${what}${options.query ? `?${options.query}` : ''}`;
  return t
    .postAs(options.token ?? t.adminToken, path)
    .set('Content-Type', options.contentType ?? CSV)
    .send(typeof file === 'string' ? Buffer.from(file, 'utf8') : file);
}

/** Plain SQL on the app's database (literals inline: placeholders differ between engines). */
export async function query<Row = Record<string, unknown>>(
  t: TestApp,
  sql: string,
): Promise<Row[]> {
  return t.app.get(Database).read((manager) => manager.query(sql));
}

/** Rows in `table` matching `where` (PostgreSQL answers COUNT(*) as a string). */
export async function countRows(t: TestApp, table: string, where = '1 = 1'): Promise<number> {
  const rows = await query<{ n: number | string }>(
    t,
    `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
  );
  return Number(rows[0].n);
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  path: string;
}

export async function unitsByCode(t: TestApp): Promise<Map<string, UnitRow>> {
  const rows = await query<UnitRow>(t, 'SELECT id, code, name, kind, parent_id, path FROM units');
  return new Map(rows.map((row) => [row.code, row]));
}
