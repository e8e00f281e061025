/**
 * RFC 4180 cells for every CSV the product writes (decision lists, audit exports, import
 * templates).
 *
 * A spreadsheet opening the file runs a text cell starting with = + - @ (or their full-width
 * forms, which Excel also accepts), a tab or a carriage return as a formula (OWASP "CSV
 * injection"); a leading apostrophe makes it text. Quoting alone does not help: Excel evaluates
 * "=1+1" too.
 *
 * The file is written with commas, but Excel in a Vietnamese (or any comma-decimal) locale splits
 * lines on semicolons, and other readers on tabs. Such a reader ignores our quotes when they are
 * not at the start of its own field, so `Lê Văn Bê;=1+1;` would hand it the cell `=1+1`. So: a
 * cell that holds any separator a reader may use, a quote or a line break is quoted (one cell for a
 * reader that splits on commas), and a formula start that follows a separator or line break inside
 * a cell, even behind quotes or spaces, gets the apostrophe too (no cell for a reader that splits
 * elsewhere). Together: wherever any of these readers starts a field, it does not start a formula.
 *
 * Numbers are written as they are (a negative number is not a formula).
 */
const FORMULA_CHARS = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
/** Where a reader may start a field: the separators in use (comma, semicolon, tab), line breaks. */
const FIELD_BREAKS = new Set([',', ';', '\t', '\r', '\n']);
/** A cell whose first visible character, behind quotes or blanks, starts a formula; or a tab or CR. */
const FORMULA_START = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const BLANK = /\s/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** The byte-order mark that makes Excel read a CSV as UTF-8 (not the ANSI code page). */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = neutraliseAfterBreaks(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An apostrophe before each formula character that is the first visible one (behind quotes and
 * blanks) after a separator or line break. One pass, no regular expression: a backtracking
 * pattern would take quadratic time on a cell of many tabs.
 */
function neutraliseAfterBreaks(text: string): string {
  let out = '';
  let copied = 0;
  let afterBreak = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (FIELD_BREAKS.has(char)) {
      afterBreak = true;
    } else if (afterBreak && char !== '"' && !BLANK.test(char)) {
      afterBreak = false;
      if (FORMULA_CHARS.has(char)) {
        out += `${text.slice(copied, i)}'`;
        copied = i;
      }
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * A text cell of a workbook (XLSX): the text as it is, in NFC (the form Vietnamese fonts and
 * Excel expect), behind the CSV guard. An XLSX text cell is never a formula, but a workbook is
 * often saved again as CSV and opened elsewhere, and a name starting with "=" must not become one
 * there. The guard's quotes are CSV syntax, not text, so they are taken off again.
 */
export function workbookText(value: string): string {
  const normalised = value.normalize('NFC');
  const cell = csvCell(normalised);
  return /[",;\t\r\n]/.test(normalised) ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}
