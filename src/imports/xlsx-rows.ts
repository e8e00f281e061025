import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../common/errors';
import { cellTooLong, tooManyColumns, unpacksTooLarge, unreadable } from './import-problems';
import { tidyCell, type RawRow, type ReadBounds } from './spreadsheet-rows';

/**
 * A bounded XLSX reader: the first worksheet, streamed cell by cell with nothing built for an
 * empty or absent cell. exceljs (used to write templates) is not used to read: its whole-workbook
 * reader builds every cell up to a row's last one (16,384 of them for a cell in column XFD), and
 * its streaming reader spools worksheets to temporary files and keeps every shared string with no
 * bound, so a zip bomb still fills the disk or the memory. Here the zip's directory (yauzl) gives
 * each part's unpacked size before anything is inflated, and yauzl stops a part that inflates to
 * more than its directory said; the XML is read by saxes as it inflates.
 */

/** A workbook is a handful of parts; thousands of entries serve only to slow the reader down. */
const MAX_ZIP_ENTRIES = 10_000;
const MAIN_WORKBOOK = 'xl/workbook.xml';
const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** Formats Excel shows as a date without naming them in styles.xml (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A shared string longer than any cell may be: refused where a cell uses it. */
const TOO_LONG = null;
type SharedString = string | typeof TOO_LONG;

export async function readXlsxRows(
  file: Uint8Array,
  bounds: ReadBounds,
  onRow: (row: RawRow) => void,
): Promise<void> {
  const zip = await openZip(file);
  try {
    const entries = await listEntries(zip);
    const parts = await locateParts(zip, entries);
    const unpacked = [parts.sheet, parts.sharedStrings, parts.styles]
      .filter((entry): entry is Entry => entry !== null)
      .reduce((total, entry) => total + entry.uncompressedSize, parts.workbookBytes);
    if (unpacked > bounds.maxUnpackedBytes) {
      const largest = [parts.sheet, parts.sharedStrings, parts.styles]
        .filter((entry): entry is Entry => entry !== null)
        .sort((a, b) => b.uncompressedSize - a.uncompressedSize)[0];
      throw unpacksTooLarge(largest.fileName, unpacked, bounds.maxUnpackedBytes);
    }
    const styles = parts.styles ? await readDateStyles(zip, parts.styles) : new Set<number>();
    const strings = parts.sharedStrings
      ? await readSharedStrings(zip, parts.sharedStrings, bounds.maxCellLength)
      : [];
    await readSheet(zip, parts.sheet, {
      bounds,
      strings,
      dateStyles: styles,
      date1904: parts.date1904,
      onRow,
    });
  } catch (error) {
    throw asImportError(error);
  } finally {
    zip.close();
  }
}

function notAWorkbook(reason: string): AppError {
  return unreadable(
    `The file is not a readable XLSX workbook (${reason}).`,
    'Tệp không phải bảng tính XLSX đọc được (có thể bị hỏng hoặc là định dạng khác).',
  );
}

function asImportError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  return notAWorkbook(error instanceof Error ? error.message : String(error));
}

async function openZip(file: Uint8Array): Promise<ZipFile> {
  try {
    return await yauzl.fromBufferPromise(
      Buffer.from(file.buffer, file.byteOffset, file.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
    );
  } catch (error) {
    throw notAWorkbook(error instanceof Error ? error.message : String(error));
  }
}

async function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    throw notAWorkbook(`${zip.entryCount} parts; a workbook has a few dozen`);
  }
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  return entries;
}

interface WorkbookParts {
  sheet: Entry;
  sharedStrings: Entry | null;
  styles: Entry | null;
  date1904: boolean;
  /** Unpacked bytes of the workbook part and its relationships, already read. */
  workbookBytes: number;
}

/** The first worksheet (in the workbook's tab order) and the parts its cells refer to. */
async function locateParts(zip: ZipFile, entries: Map<string, Entry>): Promise<WorkbookParts> {
  const workbookEntry = entries.get(MAIN_WORKBOOK);
  if (!workbookEntry) throw notAWorkbook(`no ${MAIN_WORKBOOK}`);
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const relsEntry = entries.get(relsPath);
  if (!relsEntry) throw notAWorkbook(`no ${relsPath}`);
  // Small parts, but they too are only read after their unpacked size is known to be small.
  for (const entry of [workbookEntry, relsEntry]) {
    if (entry.uncompressedSize > 16 * 1024 * 1024)
      throw notAWorkbook(`${entry.fileName} too large`);
  }

  let firstSheetId: string | null = null;
  let date1904 = false;
  await parseXml(zip, workbookEntry, {
    opentag(tag) {
      const name = localName(tag.name);
      if (name === 'sheet' && firstSheetId === null) {
        firstSheetId = attribute(tag, 'id') ?? null;
      } else if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      }
    },
  });
  if (firstSheetId === null) {
    throw new AppError(
      'IMPORT.UNREADABLE_FILE',
      'invalid',
      'The workbook has no worksheet.',
      {},
      {
        vi: 'Bảng tính không có trang tính nào.',
        en: 'The workbook has no worksheet.',
      },
    );
  }

  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  await parseXml(zip, relsEntry, {
    opentag(tag) {
      if (localName(tag.name) !== 'Relationship') return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      const type = attribute(tag, 'Type') ?? '';
      if (!id || !target) return;
      const path = target.startsWith('/')
        ? target.slice(1)
        : posix.normalize(posix.join('xl', target));
      targets.set(id, path);
      if (type.startsWith(RELATIONSHIP_TYPES))
        byType.set(type.slice(RELATIONSHIP_TYPES.length), path);
    },
  });
  const sheetPath = targets.get(firstSheetId);
  const sheet = sheetPath === undefined ? undefined : entries.get(sheetPath);
  if (!sheet) throw notAWorkbook('its first worksheet is missing');
  const part = (type: string, fallback: string) =>
    entries.get(byType.get(type) ?? fallback) ?? null;
  return {
    sheet,
    sharedStrings: part('sharedStrings', 'xl/sharedStrings.xml'),
    styles: part('styles', 'xl/styles.xml'),
    date1904,
    workbookBytes: workbookEntry.uncompressedSize + relsEntry.uncompressedSize,
  };
}

/** Style indexes (`s` of a cell) whose number format shows a date. */
async function readDateStyles(zip: ZipFile, entry: Entry): Promise<Set<number>> {
  const customDateFormats = new Set<number>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let styleIndex = 0;
  await parseXml(zip, entry, {
    opentag(tag) {
      const name = localName(tag.name);
      if (name === 'numFmt') {
        const id = Number(attribute(tag, 'numFmtId'));
        if (isDateFormat(attribute(tag, 'formatCode') ?? '')) customDateFormats.add(id);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const formatId = Number(attribute(tag, 'numFmtId') ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(formatId) || customDateFormats.has(formatId)) {
          dateStyles.add(styleIndex);
        }
        styleIndex += 1;
      }
    },
    closetag(tag) {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** A format shows a date when it has a day, month or year code outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[dmy]/i.test(bare);
}

async function readSharedStrings(
  zip: ZipFile,
  entry: Entry,
  maxLength: number,
): Promise<SharedString[]> {
  const strings: SharedString[] = [];
  let text: string | null = null;
  let collecting = false;
  let phonetic = false;
  await parseXml(zip, entry, {
    opentag(tag) {
      const name = localName(tag.name);
      if (name === 'si') text = '';
      else if (name === 'rPh') phonetic = true;
      else if (name === 't' && text !== null && !phonetic) collecting = true;
    },
    text(value) {
      if (!collecting || text === null) return;
      // Past the bound (with room for spaces around it) the text is no longer kept: only that
      // it was too long.
      if (text.length <= 2 * maxLength) text += value;
    },
    closetag(tag) {
      const name = localName(tag.name);
      if (name === 't') collecting = false;
      else if (name === 'rPh') phonetic = false;
      else if (name === 'si') {
        const trimmed = (text ?? '').trim();
        strings.push(trimmed.length > maxLength ? TOO_LONG : (text ?? ''));
        text = null;
      }
    },
  });
  return strings;
}

interface SheetContext {
  bounds: ReadBounds;
  strings: SharedString[];
  dateStyles: Set<number>;
  date1904: boolean;
  onRow: (row: RawRow) => void;
}

/** One cell while its XML is read. */
interface OpenCell {
  column: number;
  type: string;
  style: number;
  text: string;
  collecting: boolean;
}

async function readSheet(zip: ZipFile, entry: Entry, context: SheetContext): Promise<void> {
  const { bounds } = context;
  let line = 0;
  let cells: string[] | null = null;
  let lastColumn = 0;
  let cell: OpenCell | null = null;
  let inInlineString = false;
  let phonetic = false;

  await parseXml(zip, entry, {
    opentag(tag) {
      const name = localName(tag.name);
      if (name === 'row') {
        const number = Number(attribute(tag, 'r'));
        line = Number.isInteger(number) && number > line ? number : line + 1;
        cells = [];
        lastColumn = 0;
      } else if (name === 'c' && cells !== null) {
        const reference = attribute(tag, 'r');
        const column = reference ? columnOf(reference) : lastColumn + 1;
        lastColumn = column;
        cell = {
          column,
          type: attribute(tag, 't') ?? 'n',
          style: Number(attribute(tag, 's') ?? 0),
          text: '',
          collecting: false,
        };
      } else if (cell !== null) {
        if (name === 'v') cell.collecting = true;
        else if (name === 'is') inInlineString = true;
        else if (name === 'rPh') phonetic = true;
        else if (name === 't' && inInlineString && !phonetic) cell.collecting = true;
      }
    },
    text(value) {
      if (cell === null || !cell.collecting) return;
      cell.text += value;
      if (
        cell.text.length > bounds.maxCellLength &&
        cell.text.trim().length > bounds.maxCellLength
      ) {
        throw cellTooLong(line, cell.column, bounds.maxCellLength);
      }
    },
    closetag(tag) {
      const name = localName(tag.name);
      if (name === 'v' || name === 't') {
        if (cell) cell.collecting = false;
      } else if (name === 'rPh') {
        phonetic = false;
      } else if (name === 'is') {
        inInlineString = false;
      } else if (name === 'c' && cell !== null && cells !== null) {
        const text = cellText(cell, context, line);
        if (text !== '') {
          if (cell.column > bounds.maxColumns) {
            throw tooManyColumns(line, cell.column, bounds.maxColumns);
          }
          cells[cell.column - 1] = text;
        }
        cell = null;
      } else if (name === 'row' && cells !== null) {
        const row = Array.from(cells, (text) => text ?? '');
        cells = null;
        context.onRow({ line, cells: row });
      }
    },
  });
}

/** The text a person sees in the cell; dates as YYYY-MM-DD whatever the cell's display format. */
function cellText(cell: OpenCell, context: SheetContext, line: number): string {
  const raw = cell.text;
  switch (cell.type) {
    case 's': {
      if (raw === '') return '';
      const shared = context.strings[Number(raw)];
      if (shared === TOO_LONG) {
        throw cellTooLong(line, cell.column, context.bounds.maxCellLength);
      }
      return tidyCell(shared ?? '');
    }
    case 'b':
      return raw === '' ? '' : raw.trim() === '1' ? 'true' : 'false';
    case 'd':
      return /^\d{4}-\d{2}-\d{2}/.test(raw.trim()) ? raw.trim().slice(0, 10) : tidyCell(raw);
    case 'n': {
      const text = raw.trim();
      if (text === '') return '';
      const number = Number(text);
      if (!Number.isFinite(number)) return tidyCell(raw);
      if (context.dateStyles.has(cell.style))
        return dateFromSerial(number, context.date1904) ?? text;
      return String(number);
    }
    default:
      // "str" (a formula's text result), "inlineStr", "e" (#N/A and the like).
      return tidyCell(raw);
  }
}

/** Excel's day count as a calendar date; the time of day, if any, is dropped. */
function dateFromSerial(serial: number, date1904: boolean): string | null {
  const epochDays = date1904 ? serial + 1462 - 25569 : serial - 25569;
  const date = new Date(Math.round(epochDays * 86_400_000));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** 1 for "A1", 16384 for "XFD7": read from the letters only, never beyond them. */
function columnOf(reference: string): number {
  let column = 0;
  for (let index = 0; index < reference.length && index < 4; index += 1) {
    const code = reference.charCodeAt(index) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** An attribute by local name, whatever its prefix (`r:id`, `id`). */
function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const direct = tag.attributes[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}

interface XmlHandlers {
  opentag?(tag: SaxesTagPlain): void;
  text?(text: string): void;
  closetag?(tag: SaxesTagPlain): void;
}

/** Inflates one part and feeds it to a streaming XML parser; nothing of it is kept whole. */
async function parseXml(zip: ZipFile, entry: Entry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  let failure: unknown = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.opentag) parser.on('opentag', handlers.opentag);
  if (handlers.closetag) parser.on('closetag', handlers.closetag);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const stream = await zip.openReadStreamPromise(entry);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.write(chunk));
      if (failure) throw failure;
    }
    parser.write(decoder.end());
    parser.close();
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}
