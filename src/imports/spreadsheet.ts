import { parse as parseCsv, type Info } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../common/errors';
import { lookupKey } from './cell-values';
import { IGNORED_HEADERS, type ColumnSpec } from './import-vocabulary';

export type SpreadsheetFormat = 'csv' | 'xlsx';

/** One data row: where it is in the file as its author sees it (header = line 1) and its cells. */
export interface SpreadsheetRow<Field extends string> {
  line: number;
  /** Cell text (NFC, trimmed) by field; a field whose column the file lacks is absent. */
  values: Partial<Record<Field, string>>;
  /** True when the row has text in a column that has no header (or beyond the last header). */
  hasStrayCells: boolean;
}

export interface SpreadsheetTable<Field extends string> {
  rows: SpreadsheetRow<Field>[];
}

interface GridRow {
  line: number;
  cells: string[];
}

/** Reads the file and matches its header row against `columns`; every row is kept, even if bad. */
export async function readSpreadsheet<Field extends string>(
  file: Buffer,
  format: SpreadsheetFormat,
  columns: readonly ColumnSpec<Field>[],
): Promise<SpreadsheetTable<Field>> {
  const grid = format === 'csv' ? readCsvGrid(file) : await readXlsxGrid(file);
  // No registry text holds a NUL, and PostgreSQL cannot store one: such a file is not a list.
  const withNul = grid.find((row) => row.cells.some((cell) => cell.includes('\u0000')));
  if (withNul) {
    throw unreadable(
      `Line ${withNul.line} contains a NUL character; the file is not a plain list.`,
      `Dòng ${withNul.line} chứa ký tự NUL; tệp không phải danh sách văn bản thông thường.`,
      { line: withNul.line },
    );
  }
  const [header, ...data] = grid.filter((row) => row.cells.some((cell) => cell !== ''));
  if (!header) {
    const en = 'The file is empty: it needs a header row and one row per record.';
    throw new AppError(
      'IMPORT.EMPTY_FILE',
      'unprocessable',
      en,
      {},
      { vi: 'Tệp trống: cần một dòng tiêu đề và mỗi bản ghi một dòng.', en },
    );
  }
  const fieldOfColumn = matchHeaders(header.cells, columns);
  const ignoredColumns = new Set(
    header.cells.flatMap((text, index) => (isIgnoredHeader(text) ? [index] : [])),
  );
  const rows = data.map((row) => {
    const values: Partial<Record<Field, string>> = {};
    let hasStrayCells = false;
    row.cells.forEach((cell, index) => {
      const field = fieldOfColumn[index];
      if (field) values[field] = cell;
      else if (cell !== '' && !ignoredColumns.has(index)) hasStrayCells = true;
    });
    for (const field of fieldOfColumn) if (field && values[field] === undefined) values[field] = '';
    return { line: row.line, values, hasStrayCells };
  });
  return { rows };
}

/**
 * The field of each column (null for a blank or ignored header). Unknown, duplicated and missing
 * required headers are all reported at once.
 */
export function matchHeaders<Field extends string>(
  headers: string[],
  columns: readonly ColumnSpec<Field>[],
): (Field | null)[] {
  const fieldByKey = new Map<string, Field>();
  for (const column of columns) {
    for (const name of [column.field, column.labelVi, ...column.aliases]) {
      fieldByKey.set(lookupKey(name), column.field);
    }
  }
  const unknownHeaders: string[] = [];
  const duplicateHeaders: string[] = [];
  const seen = new Set<Field>();
  const fieldOfColumn = headers.map((header) => {
    if (header === '' || isIgnoredHeader(header)) return null;
    const field = fieldByKey.get(lookupKey(header));
    if (!field) {
      unknownHeaders.push(header);
      return null;
    }
    if (seen.has(field)) duplicateHeaders.push(header);
    seen.add(field);
    return field;
  });
  const missingHeaders = columns
    .filter((column) => column.required && !seen.has(column.field))
    .map((column) => column.labelVi);
  if (unknownHeaders.length + duplicateHeaders.length + missingHeaders.length > 0) {
    throw headerError(columns, unknownHeaders, duplicateHeaders, missingHeaders);
  }
  return fieldOfColumn;
}

function isIgnoredHeader(header: string): boolean {
  const key = lookupKey(header);
  return IGNORED_HEADERS.some((ignored) => lookupKey(ignored) === key);
}

function headerError<Field extends string>(
  columns: readonly ColumnSpec<Field>[],
  unknownHeaders: string[],
  duplicateHeaders: string[],
  missingHeaders: string[],
): AppError {
  const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');
  const en: string[] = [];
  const vi: string[] = [];
  if (unknownHeaders.length > 0) {
    en.push(`unknown columns ${quoted(unknownHeaders)}`);
    vi.push(`cột không nhận ra ${quoted(unknownHeaders)}`);
  }
  if (duplicateHeaders.length > 0) {
    en.push(`columns given twice ${quoted(duplicateHeaders)}`);
    vi.push(`cột bị lặp ${quoted(duplicateHeaders)}`);
  }
  if (missingHeaders.length > 0) {
    en.push(`missing columns ${quoted(missingHeaders)}`);
    vi.push(`thiếu cột ${quoted(missingHeaders)}`);
  }
  const accepted = columns.map((column) => `${column.labelVi} (${column.field})`).join(', ');
  const message = `The header row does not match: ${en.join('; ')}. Accepted columns: ${accepted}.`;
  return new AppError(
    'IMPORT.INVALID_HEADERS',
    'unprocessable',
    message,
    {
      unknownHeaders,
      duplicateHeaders,
      missingHeaders,
      acceptedHeaders: columns.map((column) => ({
        field: column.field,
        header: column.labelVi,
        required: column.required,
      })),
    },
    {
      vi: `Dòng tiêu đề không khớp: ${vi.join('; ')}. Các cột được nhận: ${accepted}.`,
      en: message,
    },
  );
}

function unreadable(en: string, vi: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('IMPORT.UNREADABLE_FILE', 'invalid', en, details, { vi, en });
}

function readCsvGrid(file: Buffer): GridRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    throw unreadable(
      'The CSV file is not UTF-8 text; save it as "CSV UTF-8".',
      'Tệp CSV không ở dạng UTF-8; hãy lưu lại với kiểu "CSV UTF-8".',
    );
  }
  // One line ending, so line numbers can be counted from the newlines inside quoted cells.
  text = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: Info }[];
  try {
    // With `info`, each record comes with where it ends in the text (the typings omit this).
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(
      `The CSV file cannot be read: ${reason}`,
      `Không đọc được tệp CSV${typeof line === 'number' ? ` (dòng ${line})` : ''}: ${reason}`,
      typeof line === 'number' ? { line } : {},
    );
  }
  return records.map(({ record, info }) => {
    const newlinesInside = record.reduce((count, cell) => count + countNewlines(cell), 0);
    return { line: info.lines - newlinesInside, cells: record.map(tidyCell) };
  });
}

/** Excel writes ";" in locales whose decimal separator is a comma, "," elsewhere. */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count += 1;
  return count;
}

async function readXlsxGrid(file: Buffer): Promise<GridRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(
      `The file is not a readable XLSX workbook (${reason}).`,
      'Tệp không phải bảng tính XLSX đọc được (có thể bị hỏng hoặc là định dạng khác).',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw unreadable('The workbook has no worksheet.', 'Bảng tính không có trang tính nào.');
  }
  const rows: GridRow[] = [];
  sheet.eachRow((row, line) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(tidyCell(cellText(row.getCell(column).value)));
    }
    rows.push({ line, cells });
  });
  return rows;
}

/** One Unicode form, so text typed decomposed (as some keyboards do) matches what is stored. */
function tidyCell(text: string): string {
  return text.normalize('NFC').trim();
}

/** The text a person sees in the cell; dates as YYYY-MM-DD whatever the cell's display format. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  return '';
}
