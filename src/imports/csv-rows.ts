import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { AppError } from '../common/errors';
import { cellTooLong, rowTooLong, tooManyColumns, unreadable } from './import-problems';
import { EXCEL_MAX_COLUMNS, tidyCell, type RawRow, type ReadBounds } from './spreadsheet-rows';

/** Bytes handed to the parser at a time: the file is never decoded into one string. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a CSV file row by row (csv-parse's stream API) and hands each row to `onRow`. A row is
 * bounded before it is built (the parser refuses a record longer than a valid row; a line of more
 * separators than that is refused before parsing), then checked cell by cell. (Checking in the
 * parser's per-cell `cast` hook would stop a few cells earlier, but costs an object per cell:
 * several times the parse itself.)
 */
export async function readCsvRows(
  file: Uint8Array,
  bounds: ReadBounds,
  onRow: (row: RawRow) => void,
): Promise<void> {
  if (!isUtf8(file)) {
    throw unreadable(
      'The CSV file is not UTF-8 text; save it as "CSV UTF-8".',
      'Tệp CSV không ở dạng UTF-8; hãy lưu lại với kiểu "CSV UTF-8".',
    );
  }
  const delimiter = detectDelimiter(file);
  // The longest row a valid file can have; caught while a field is still being read.
  const maxRecordSize = bounds.maxColumns * bounds.maxCellLength;
  refuseOverlongLines(file, delimiter, maxRecordSize);
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    info: true,
    max_record_size: maxRecordSize,
  });
  const source = Readable.from(chunksOf(file));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: Info;
    }>) {
      const line = info.lines - lineBreaksIn(record);
      onRow({ line, cells: checkedCells(record, line, bounds) });
    }
  } catch (error) {
    source.unpipe(parser);
    source.destroy();
    throw asImportError(error);
  }
}

function* chunksOf(file: Uint8Array): Generator<Buffer> {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    yield bytes.subarray(start, start + CHUNK_BYTES);
  }
}

/** The record's cells, tidied, once none is beyond the columns or longer than a cell may be. */
function checkedCells(record: string[], line: number, bounds: ReadBounds): string[] {
  // Empty cells beyond the last column are what a spreadsheet writes for a formatted range;
  // Excel itself never writes more than XFD, so anything beyond is not a spreadsheet's export.
  if (record.length > EXCEL_MAX_COLUMNS) {
    throw tooManyColumns(line, EXCEL_MAX_COLUMNS + 1, bounds.maxColumns);
  }
  return record.map((cell, index) => {
    const tidy = tidyCell(cell);
    if (tidy !== '' && index >= bounds.maxColumns) {
      throw tooManyColumns(line, index + 1, bounds.maxColumns);
    }
    if (tidy.length > bounds.maxCellLength)
      throw cellTooLong(line, index + 1, bounds.maxCellLength);
    return tidy;
  });
}

/**
 * A line with more separators than a valid row has characters is refused before the parser
 * splits it into as many cells (the parser builds a whole row before it can be checked).
 */
function refuseOverlongLines(file: Uint8Array, delimiter: ',' | ';', limit: number): void {
  const separator = delimiter.charCodeAt(0);
  let line = 1;
  let separators = 0;
  for (let index = 0; index < file.length; index += 1) {
    const byte = file[index];
    if (byte === separator) {
      separators += 1;
      if (separators > limit) throw rowTooLong(line, limit);
    } else if (byte === 0x0a || byte === 0x0d) {
      if (byte === 0x0d && file[index + 1] === 0x0a) index += 1;
      line += 1;
      separators = 0;
    }
  }
}

/** The parser's own errors, as the author can act on them. */
function asImportError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const { code, lines } = error as { code?: unknown; lines?: unknown };
  const line = typeof lines === 'number' ? lines : undefined;
  if (code === 'CSV_MAX_RECORD_SIZE' && line !== undefined) {
    return rowTooLong(line, Number((error as { max_record_size?: unknown }).max_record_size ?? 0));
  }
  const reason = error instanceof Error ? error.message : String(error);
  return unreadable(
    `The CSV file cannot be read: ${reason}`,
    `Không đọc được tệp CSV${line !== undefined ? ` (dòng ${line})` : ''}: ${reason}`,
    line !== undefined ? { line } : {},
  );
}

/** Excel writes ";" in locales whose decimal separator is a comma, "," elsewhere. */
function detectDelimiter(file: Uint8Array): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const byte of file) {
    if (byte === 0x22) quoted = !quoted;
    else if (!quoted && (byte === 0x0a || byte === 0x0d)) break;
    else if (!quoted && byte === 0x2c) commas += 1;
    else if (!quoted && byte === 0x3b) semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Line breaks inside the record's quoted cells: the parser counts lines where a record ends, the
 * author looks for where it starts. CRLF counts once, as the parser counts it.
 */
function lineBreaksIn(record: readonly string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let index = 0; index < cell.length; index += 1) {
      const char = cell.charCodeAt(index);
      if (char === 0x0a) count += 1;
      else if (char === 0x0d) {
        count += 1;
        if (cell.charCodeAt(index + 1) === 0x0a) index += 1;
      }
    }
  }
  return count;
}
