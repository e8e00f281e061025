import { foldForSearch } from '../domain/text/fold';
import {
  EMPLOYMENT_TYPES,
  UNIT_KINDS,
  type EmploymentType,
  type UnitKind,
} from '../domain/org/registry';
import {
  EMPLOYMENT_TYPE_LABELS,
  FALSE_WORDS,
  TRUE_WORDS,
  UNIT_KIND_LABELS,
} from './import-vocabulary';

/** What is wrong with one cell, for the person who typed it. */
export interface CellProblem {
  message: string;
  messageVi: string;
}

export type CellResult<T> = { ok: true; value: T } | ({ ok: false } & CellProblem);

const accept = <T>(value: T): CellResult<T> => ({ ok: true, value });
const refuse = (message: string, messageVi: string): CellResult<never> => ({
  ok: false,
  message,
  messageVi,
});

/** Case, diacritics, spaces and punctuation do not matter: "Công chức" = "CONG-CHUC". */
export function lookupKey(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]/g, '');
}

function keyedTable<T extends string>(
  codes: readonly T[],
  labels: Readonly<Record<string, T>>,
): Map<string, T> {
  const table = new Map<string, T>();
  for (const code of codes) table.set(lookupKey(code), code);
  for (const [label, code] of Object.entries(labels)) table.set(lookupKey(label), code);
  return table;
}

const UNIT_KIND_BY_KEY = keyedTable(UNIT_KINDS, UNIT_KIND_LABELS);
const EMPLOYMENT_TYPE_BY_KEY = keyedTable(EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_LABELS);
const BOOLEAN_BY_KEY = new Map<string, boolean>([
  ...TRUE_WORDS.map((word) => [lookupKey(word), true] as const),
  ...FALSE_WORDS.map((word) => [lookupKey(word), false] as const),
]);

export function parseUnitKind(text: string): CellResult<UnitKind> {
  const kind = UNIT_KIND_BY_KEY.get(lookupKey(text));
  if (kind) return accept(kind);
  return refuse(
    `"${text}" is not a unit kind; use one of ${UNIT_KINDS.join(', ')} or its Vietnamese name.`,
    `"${text}" không phải loại đơn vị; dùng một trong: ${Object.keys(UNIT_KIND_LABELS).join(', ')}.`,
  );
}

export function parseEmploymentType(text: string): CellResult<EmploymentType> {
  const type = EMPLOYMENT_TYPE_BY_KEY.get(lookupKey(text));
  if (type) return accept(type);
  return refuse(
    `"${text}" is not an employment type; use one of ${EMPLOYMENT_TYPES.join(', ')} or its Vietnamese name.`,
    `"${text}" không phải đối tượng hợp lệ; dùng một trong: ${Object.keys(EMPLOYMENT_TYPE_LABELS).join(', ')}.`,
  );
}

/** An empty cell is `null`: the caller decides what absence means for its field. */
export function parseBoolean(text: string): CellResult<boolean | null> {
  if (text === '') return accept(null);
  const value = BOOLEAN_BY_KEY.get(lookupKey(text));
  if (value !== undefined) return accept(value);
  return refuse(
    `"${text}" is not yes or no; use true/false, 1/0, x or có/không.`,
    `"${text}" không phải có/không; dùng có/không, x, 1/0 hoặc true/false.`,
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Vietnamese write day first: 17/05/1980, also 17-5-1980 or 17.05.1980. */
const DAY_FIRST_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A real calendar date as YYYY-MM-DD, from ISO or day-first text; an empty cell is `null`. */
export function parseDate(text: string): CellResult<string | null> {
  if (text === '') return accept(null);
  const iso = ISO_DATE.exec(text);
  const dayFirst = iso ? null : DAY_FIRST_DATE.exec(text);
  const parts = iso
    ? { year: +iso[1], month: +iso[2], day: +iso[3] }
    : dayFirst
      ? { year: +dayFirst[3], month: +dayFirst[2], day: +dayFirst[1] }
      : null;
  if (!parts) {
    return refuse(
      `"${text}" is not a date; write it as DD/MM/YYYY or YYYY-MM-DD.`,
      `"${text}" không phải ngày; ghi theo dạng ngày/tháng/năm (DD/MM/YYYY).`,
    );
  }
  const { year, month, day } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return refuse(
      `"${text}" is not a real calendar date.`,
      `"${text}" không phải ngày có thật trên lịch.`,
    );
  }
  return accept(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
