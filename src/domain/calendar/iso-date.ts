import { InvalidCalendarDateError } from './calendar-errors';
import type { IsoDate } from './calendar-definition';

/*
 * Proleptic Gregorian arithmetic on plain `YYYY-MM-DD` strings, by day numbers (days since
 * 1970-01-01). No `Date` object: a JavaScript Date is an instant, and converting it to a calendar
 * date depends on the time zone of the machine; these are calendar dates in Vietnam.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The parts of a real calendar date, or undefined (wrong shape, month 13, 30 February…). */
export function parseIsoDate(text: unknown): CivilDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isIsoDate(text: unknown): text is IsoDate {
  return parseIsoDate(text) !== undefined;
}

/** Parses a date given to the public API; a malformed one is the caller's mistake. */
export function requireIsoDate(text: unknown, what: string): CivilDate {
  const date = parseIsoDate(text);
  if (date === undefined) {
    throw new InvalidCalendarDateError(
      `${what} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(text)}`,
      { [what]: text },
    );
  }
  return date;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (H. Hinnant's `days_from_civil`). */
export function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of toDayNumber (H. Hinnant's `civil_from_days`). */
export function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function formatIsoDate({ year, month, day }: CivilDate): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** How a Vietnamese reader writes a date: 02/09/2026 for 2026-09-02. */
export function toVietnameseDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The calendar date `days` after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(fromDayNumber(toDayNumber(requireIsoDate(date, 'date')) + days));
}

/** The day in Vietnam (UTC+7 all year) of an ISO instant: the day a record entered a state. */
export function vietnamDayOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3600 * 1000).toISOString().slice(0, 10);
}
