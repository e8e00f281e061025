import { AppError } from '../common/errors';
import { portable, type PortableError } from './import-check';
import type { ImportLimits } from './import-limits';
import type { ColumnSpec } from './import-vocabulary';
import { readSpreadsheet, type SpreadsheetFormat, type SpreadsheetTable } from './spreadsheet';

export interface ReadSpreadsheetInput<Field extends string> {
  content: Uint8Array;
  format: SpreadsheetFormat;
  columns: readonly ColumnSpec<Field>[];
  limits: ImportLimits;
}

/**
 * The rows, or the problem that refuses the file (unreadable, wrong headers, too many rows) as a
 * value: an error thrown in a worker thread reaches the caller as a plain Error, its code lost.
 */
export type ReadSpreadsheetOutcome<Field extends string> =
  | { outcome: 'read'; table: SpreadsheetTable<Field> }
  | { outcome: 'refused'; error: PortableError };

/** Runs in a worker thread (see read-spreadsheet.task.ts). */
export async function readSpreadsheetFile<Field extends string>(
  input: ReadSpreadsheetInput<Field>,
): Promise<ReadSpreadsheetOutcome<Field>> {
  try {
    const table = await readSpreadsheet(input.content, input.format, input.columns, input.limits);
    return { outcome: 'read', table };
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'refused', error: portable(error) };
    throw error;
  }
}
