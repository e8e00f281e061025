import type { Localized } from '../localized';

/** A calendar date in Vietnam, `YYYY-MM-DD`: no time, no time zone. */
export type IsoDate = string;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The on-disk format of `data/calendars/<id>.json` (schema: calendar.schema.json). Holidays change
 * every year by decision of the Prime Minister, so they are data with their sources, never code.
 */
export interface CalendarDefinition {
  id: string;
  version: number;
  title: Localized;
  description?: string;
  notes?: string[];
  /** Legal texts and notices the entries cite by `id`. */
  sources: CalendarSource[];
  /** The weekly rest days (for public bodies: Saturday and Sunday). */
  weekend: WeekendSpec;
  /**
   * Every covered year, keyed `"2025"`, `"2026"`…, without gaps. A working-day count that touches
   * a year not listed here is refused.
   */
  years: Record<string, CalendarYear>;
}

export interface CalendarSource {
  id: string;
  citation: string;
  url?: string;
  published?: IsoDate;
  note?: string;
}

export interface WeekendSpec {
  days: Weekday[];
  sources: string[];
}

export interface CalendarYear {
  /**
   * True when the year's arrangement (Tết days, the second National Day day, swaps) was checked
   * against that year's published decision; false = some entries are defaults, or may be missing.
   */
  confirmed: boolean;
  note?: string;
  sources?: string[];
  daysOff: DayOff[];
  makeUpWorkingDays: MakeUpWorkingDay[];
}

/**
 * - `holiday`: a statutory holiday (ngày nghỉ lễ, tết), even when it falls on a weekend day;
 * - `compensatory`: a day off because the holiday `for` fell on a weekly rest day (nghỉ bù);
 * - `swapped`: a working day turned into a day off, made up on a weekend day (nghỉ hoán đổi).
 */
export type DayOffKind = 'holiday' | 'compensatory' | 'swapped';

/** What every dated entry carries: a name, its sources, and whether it is confirmed. */
export interface CalendarEntry {
  date: IsoDate;
  name: Localized;
  /** False = a default we could not check (an organisation should correct it); `note` says why. */
  confirmed: boolean;
  note?: string;
  sources: string[];
}

export interface DayOff extends CalendarEntry {
  kind: DayOffKind;
  /** For a compensatory day off: the holiday (on a weekend day) it compensates. */
  for?: IsoDate;
}

/** A weekend day worked in exchange for a swapped day off (ngày làm bù). */
export interface MakeUpWorkingDay extends CalendarEntry {
  /** The swapped day off this working day pays back. */
  makesUpFor: IsoDate;
}
