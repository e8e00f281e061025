import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import {
  WEEKDAYS,
  type CalendarDefinition,
  type DayOff,
  type IsoDate,
  type MakeUpWorkingDay,
} from './calendar-definition';
import {
  CalendarYearNotCoveredError,
  InvalidCalendarError,
  InvalidWorkingDayCountError,
} from './calendar-errors';
import { formatIsoDate, fromDayNumber, isoWeekday, requireIsoDate, toDayNumber } from './iso-date';
import { validateCalendar } from './validate-calendar';

export interface CalendarFile {
  /** Where the text came from, for messages (e.g. `data/calendars/vn-public-holidays.json`). */
  source: string;
  text: string;
}

/**
 * A validated calendar, indexed for look-ups. Build it once (loadCalendar / buildCalendar) and
 * pass it to the functions below; a deadline records `id`, `version` and `hash`.
 */
export interface WorkingDayCalendar {
  readonly id: string;
  readonly version: number;
  /** SHA-256 of the canonical JSON of the definition: changes with any entry, not with layout. */
  readonly hash: string;
  readonly source: string;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly definition: CalendarDefinition;
  /** ISO weekdays (1 = Monday … 7 = Sunday) of the weekly rest. */
  readonly weekend: ReadonlySet<number>;
  readonly daysOff: ReadonlyMap<IsoDate, DayOff>;
  readonly makeUpWorkingDays: ReadonlyMap<IsoDate, MakeUpWorkingDay>;
}

/** Why a date is, or is not, a working day. */
export type DayStatus =
  | { date: IsoDate; working: true; reason: 'weekday' }
  | { date: IsoDate; working: true; reason: 'make_up_working_day'; entry: MakeUpWorkingDay }
  | { date: IsoDate; working: false; reason: 'weekend' }
  | { date: IsoDate; working: false; reason: 'day_off'; entry: DayOff };

/** Parses, validates and indexes a calendar file; refuses it with every problem found. */
export function loadCalendar(file: CalendarFile): WorkingDayCalendar {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    throw new InvalidCalendarError(file.source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return buildCalendar(validateCalendar(raw, file.source), file.source);
}

/** Indexes a definition that validateCalendar has accepted. */
export function buildCalendar(definition: CalendarDefinition, source: string): WorkingDayCalendar {
  const years = Object.keys(definition.years)
    .map(Number)
    .sort((a, b) => a - b);
  const daysOff = new Map<IsoDate, DayOff>();
  const makeUpWorkingDays = new Map<IsoDate, MakeUpWorkingDay>();
  for (const year of years) {
    for (const entry of definition.years[year].daysOff) daysOff.set(entry.date, entry);
    for (const entry of definition.years[year].makeUpWorkingDays) {
      makeUpWorkingDays.set(entry.date, entry);
    }
  }
  return Object.freeze({
    id: definition.id,
    version: definition.version,
    hash: sha256Hex(canonicalJson(definition)),
    source,
    firstYear: years[0],
    lastYear: years[years.length - 1],
    definition,
    weekend: new Set(definition.weekend.days.map((day) => WEEKDAYS.indexOf(day) + 1)),
    daysOff,
    makeUpWorkingDays,
  });
}

/** Whether `date` (YYYY-MM-DD) is a working day; throws if the calendar does not cover its year. */
export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar): boolean {
  return statusOf(toDayNumber(requireIsoDate(date, 'date')), calendar).working;
}

/** Whether `date` is a working day, and why (weekday, weekend, which day off, make-up day). */
export function describeDay(date: IsoDate, calendar: WorkingDayCalendar): DayStatus {
  return statusOf(toDayNumber(requireIsoDate(date, 'date')), calendar);
}

/**
 * The date that is `n` working days after `start`, counting from the day after `start` (so a
 * deadline of "10 working days" from a notice posted on `start`). `start` itself never counts,
 * whatever it is; n = 0 returns `start`. Every day examined must be in a covered year.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkingDayCalendar): IsoDate {
  let day = toDayNumber(requireIsoDate(start, 'start'));
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidWorkingDayCountError(
      `the number of working days must be a whole number ≥ 0, got ${String(n)}`,
      { n },
    );
  }
  for (let remaining = n; remaining > 0;) {
    day += 1;
    if (statusOf(day, calendar).working) remaining -= 1;
  }
  return formatIsoDate(fromDayNumber(day));
}

/**
 * The number of working days after `from` up to and including `to`, so that
 * `workingDaysBetween(s, addWorkingDays(s, n)) === n`. Negative when `to` is before `from`
 * (e.g. how many working days a deadline is overdue); 0 when they are the same day. Every day
 * examined must be in a covered year.
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  calendar: WorkingDayCalendar,
): number {
  const start = toDayNumber(requireIsoDate(from, 'from'));
  const end = toDayNumber(requireIsoDate(to, 'to'));
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) {
    if (statusOf(day, calendar).working) count += 1;
  }
  return sign * count || 0;
}

/** The entries an organisation should check: defaults not confirmed by a source, by date. */
export function unconfirmedEntries(calendar: WorkingDayCalendar): (DayOff | MakeUpWorkingDay)[] {
  return [...calendar.daysOff.values(), ...calendar.makeUpWorkingDays.values()]
    .filter((entry) => !entry.confirmed)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function statusOf(dayNumber: number, calendar: WorkingDayCalendar): DayStatus {
  const civil = fromDayNumber(dayNumber);
  if (civil.year < calendar.firstYear || civil.year > calendar.lastYear) {
    throw new CalendarYearNotCoveredError(civil.year, calendar);
  }
  const date = formatIsoDate(civil);
  const makeUp = calendar.makeUpWorkingDays.get(date);
  if (makeUp !== undefined)
    return { date, working: true, reason: 'make_up_working_day', entry: makeUp };
  const dayOff = calendar.daysOff.get(date);
  if (dayOff !== undefined) return { date, working: false, reason: 'day_off', entry: dayOff };
  if (calendar.weekend.has(isoWeekday(dayNumber)))
    return { date, working: false, reason: 'weekend' };
  return { date, working: true, reason: 'weekday' };
}
