import { AppError } from '../common/errors';
import { lookupKey } from './cell-values';
import { readCsvRows } from './csv-rows';
import { DEFAULT_IMPORT_LIMITS, maxColumnsFor, type ImportLimits } from './import-limits';
import { emptyFile, tooManyRows, unreadable } from './import-problems';
import { IGNORED_HEADERS, type ColumnSpec } from './import-vocabulary';
import type { RawRow, ReadBounds } from './spreadsheet-rows';
import { readXlsxRows } from './xlsx-rows';

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

/** Reads the file and matches its header row against `columns`; every row is kept, even if bad. */
export async function readSpreadsheet<Field extends string>(
  file: Uint8Array,
  format: SpreadsheetFormat,
  columns: readonly ColumnSpec<Field>[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  onRowsRead?: (rows: number) => void,
): Promise<SpreadsheetTable<Field>> {
  const table = new TableBuilder(columns, limits.maxRows, onRowsRead);
  const bounds: ReadBounds = {
    maxColumns: maxColumnsFor(columns.length),
    maxCellLength: limits.maxCellLength,
    maxUnpackedBytes: limits.maxUnpackedBytes,
  };
  const readRows = format === 'csv' ? readCsvRows : readXlsxRows;
  await readRows(file, bounds, (row) => table.add(row));
  return table.finish();
}

/** How often the reader says how far it got. */
const PROGRESS_EVERY_ROWS = 2_000;

/**
 * Turns rows into the table as they arrive: the first non-empty row is the header, matched at
 * once (a wrong file stops there); later rows keep only the cells of known fields.
 */
class TableBuilder<Field extends string> {
  private readonly rows: SpreadsheetRow<Field>[] = [];
  private fieldOfColumn: (Field | null)[] | null = null;
  private ignoredColumns = new Set<number>();

  constructor(
    private readonly columns: readonly ColumnSpec<Field>[],
    private readonly maxRows: number,
    private readonly onRowsRead?: (rows: number) => void,
  ) {}

  add({ line, cells }: RawRow): void {
    if (!cells.some((cell) => cell !== '')) return;
    // No registry text holds a NUL, and PostgreSQL cannot store one: such a file is not a list.
    if (cells.some((cell) => cell.includes('\u0000'))) {
      throw unreadable(
        `Line ${line} contains a NUL character; the file is not a plain list.`,
        `Dòng ${line} chứa ký tự NUL; tệp không phải danh sách văn bản thông thường.`,
        { line },
      );
    }
    if (this.fieldOfColumn === null) {
      this.fieldOfColumn = matchHeaders(cells, this.columns);
      this.ignoredColumns = new Set(
        cells.flatMap((text, index) => (isIgnoredHeader(text) ? [index] : [])),
      );
      return;
    }
    if (this.rows.length >= this.maxRows) throw tooManyRows(line, this.maxRows);
    this.rows.push(this.rowOf(line, cells, this.fieldOfColumn));
    if (this.rows.length % PROGRESS_EVERY_ROWS === 0) this.onRowsRead?.(this.rows.length);
  }

  finish(): SpreadsheetTable<Field> {
    if (this.fieldOfColumn === null) throw emptyFile();
    this.onRowsRead?.(this.rows.length);
    return { rows: this.rows };
  }

  private rowOf(line: number, cells: string[], fieldOfColumn: (Field | null)[]) {
    const values: Partial<Record<Field, string>> = {};
    let hasStrayCells = false;
    cells.forEach((cell, index) => {
      const field = fieldOfColumn[index];
      if (field) values[field] = cell;
      else if (cell !== '' && !this.ignoredColumns.has(index)) hasStrayCells = true;
    });
    for (const field of fieldOfColumn) if (field && values[field] === undefined) values[field] = '';
    return { line, values, hasStrayCells };
  }
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
