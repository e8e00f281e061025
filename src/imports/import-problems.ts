import { AppError } from '../common/errors';
import { columnName } from './import-limits';

/**
 * The refusals of a whole file, each with a stable code, the place it was found (line as the
 * author sees it, column as a letter) and text in Vietnamese and English.
 */

export function unreadable(
  en: string,
  vi: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError('IMPORT.UNREADABLE_FILE', 'invalid', en, details, { vi, en });
}

export function emptyFile(): AppError {
  const en = 'The file is empty: it needs a header row and one row per record.';
  return new AppError(
    'IMPORT.EMPTY_FILE',
    'unprocessable',
    en,
    {},
    { vi: 'Tệp trống: cần một dòng tiêu đề và mỗi bản ghi một dòng.', en },
  );
}

export function tooManyColumns(line: number, column: number, limit: number): AppError {
  const en =
    `Line ${line} has a value in column ${columnName(column)} (column ${column}); ` +
    `an import file has at most ${limit} columns (up to ${columnName(limit)}).`;
  return new AppError(
    'IMPORT.TOO_MANY_COLUMNS',
    'unprocessable',
    en,
    { line, column: columnName(column), limit },
    {
      vi:
        `Dòng ${line} có dữ liệu ở cột ${columnName(column)} (cột thứ ${column}); ` +
        `tệp nhập chỉ được có tối đa ${limit} cột (đến cột ${columnName(limit)}).`,
      en,
    },
  );
}

export function tooManyRows(line: number, limit: number): AppError {
  const en =
    `The file has more than ${limit.toLocaleString('en')} data rows (line ${line} is beyond); ` +
    'split it into several files.';
  return new AppError(
    'IMPORT.TOO_MANY_ROWS',
    'unprocessable',
    en,
    { line, limit },
    {
      vi:
        `Tệp có quá ${limit.toLocaleString('vi')} dòng dữ liệu (dòng ${line} vượt giới hạn); ` +
        'hãy chia thành nhiều tệp.',
      en,
    },
  );
}

export function cellTooLong(line: number, column: number, limit: number): AppError {
  const en =
    `The cell ${columnName(column)}${line} (line ${line}) is longer than ${limit} characters; ` +
    'no field of an import is that long.';
  return new AppError(
    'IMPORT.CELL_TOO_LONG',
    'unprocessable',
    en,
    { line, column: columnName(column), limit },
    {
      vi:
        `Ô ${columnName(column)}${line} (dòng ${line}) dài quá ${limit} ký tự; ` +
        'không trường nào của tệp nhập dài như vậy.',
      en,
    },
  );
}

/** A CSV record that grows beyond every cell it may hold, before its cells are even split. */
export function rowTooLong(line: number, limit: number): AppError {
  const en = `Line ${line} is longer than ${limit.toLocaleString('en')} characters.`;
  return new AppError(
    'IMPORT.ROW_TOO_LONG',
    'unprocessable',
    en,
    { line, limit },
    { vi: `Dòng ${line} dài quá ${limit.toLocaleString('vi')} ký tự.`, en },
  );
}

/** A workbook whose parts unpack to more than the limit: a zip bomb, or far too large a file. */
export function unpacksTooLarge(part: string, unpackedBytes: number, limit: number): AppError {
  const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en')} MiB`;
  const en = `The workbook unpacks to ${mib(unpackedBytes)} (in ${part}); at most ${mib(limit)} are read.`;
  return new AppError(
    'IMPORT.UNPACKS_TOO_LARGE',
    'unprocessable',
    en,
    { part, unpackedBytes, limit },
    {
      vi:
        `Bảng tính khi giải nén lên tới ${mib(unpackedBytes)} (ở phần ${part}); ` +
        `chỉ đọc tối đa ${mib(limit)}.`,
      en,
    },
  );
}
