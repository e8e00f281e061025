/**
 * RFC 4180 cells for every CSV the product writes (decision lists, audit exports).
 *
 * A spreadsheet opening the file would run a text cell starting with = + - @, a tab or a carriage
 * return as a formula (OWASP "CSV injection"); a leading apostrophe makes it text. Numbers are
 * written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The byte-order mark that makes Excel read a CSV as UTF-8 (not the ANSI code page). */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
