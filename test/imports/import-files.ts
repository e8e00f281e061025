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

export type ImportWhat = 'units' | 'people' | 'awards';

export interface ImportRequestOptions {
  contentType?: string;
  query?: string;
  token?: string;
}

/**
 * POSTs `file` to an import route as the admin, without `Prefer: respond-async`: the answer waits
 * for the job (200 with the report, or the problem that refused the file).
 */
export function postImport(
  t: TestApp,
  what: ImportWhat,
  file: string | Buffer,
  options: ImportRequestOptions = {},
) {
  const path = `/api/v1/imports/${what}${options.query ? `?${options.query}` : ''}`;
  return t
    .postAs(options.token ?? t.adminToken, path)
    .set('Content-Type', options.contentType ?? CSV)
    .send(typeof file === 'string' ? Buffer.from(file, 'utf8') : file);
}

/** POSTs `file` with `Prefer: respond-async`: the answer is 202 with the job to poll. */
export function startImport(
  t: TestApp,
  what: ImportWhat,
  file: string | Buffer,
  options: ImportRequestOptions = {},
) {
  return postImport(t, what, file, options).set('Prefer', 'respond-async');
}

/**
 * How long a poll of a job waits before the next. The job runs on the same event loop as the
 * answers to the polls: polling without a pause spends on answering them the time the job needs.
 */
export const POLL_INTERVAL_MS = 25;

/** Waits `ms` milliseconds. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the job at `location` (as the admin unless `token`) until it is done or failed. */
export async function waitForJob(
  t: TestApp,
  location: string,
  token = t.adminToken,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<Record<string, any>> {
  for (;;) {
    const response = await t.getAs(token, location);
    if (response.status !== 200) throw new Error(`${location}: ${response.status}`);
    if (response.body.status === 'done' || response.body.status === 'failed') return response.body;
    await pause(POLL_INTERVAL_MS);
  }
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

/**
 * The zip `archive` with the unpacked size its directory declares for `entryName` set to `size`
 * (the entry itself untouched): a zip bomb as the reader first sees it, without building one.
 */
export function withDeclaredSize(archive: Buffer, entryName: string, size: number): Buffer {
  const patched = Buffer.from(archive);
  const name = Buffer.from(entryName, 'utf8');
  let found = false;
  for (let offset = 0; offset + 46 <= patched.length; offset += 1) {
    if (patched.readUInt32LE(offset) !== 0x02014b50) continue;
    const nameLength = patched.readUInt16LE(offset + 28);
    if (patched.subarray(offset + 46, offset + 46 + nameLength).equals(name)) {
      patched.writeUInt32LE(size, offset + 24);
      found = true;
    }
  }
  if (!found) throw new Error(`${entryName} is not in the archive`);
  return patched;
}

/** A workbook whose first sheet has `header` in row 1 and one more cell at `reference`. */
export async function xlsxWithCellAt(
  header: string[],
  reference: string,
  value: ExcelJS.CellValue,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(header);
  sheet.getCell(reference).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
