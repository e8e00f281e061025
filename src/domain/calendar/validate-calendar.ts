import Ajv from 'ajv';
import schema from './calendar.schema.json';
import {
  WEEKDAYS,
  type CalendarDefinition,
  type CalendarEntry,
  type DayOff,
  type MakeUpWorkingDay,
} from './calendar-definition';
import { InvalidCalendarError } from './calendar-errors';
import { isoWeekday, parseIsoDate, toDayNumber } from './iso-date';

const validateShape = new Ajv({ allErrors: true, strict: true }).compile<CalendarDefinition>(
  schema,
);

/**
 * Checks a parsed calendar file: its shape (JSON Schema), then what a schema cannot say: real
 * dates in the right year, covered years without gaps, no date listed twice, make-up working days
 * that pair with swapped days off, compensatory days that follow a holiday on a rest day, sources
 * that exist, a note on everything unconfirmed. Returns the typed calendar or throws with every
 * problem found, so an author fixes a file in one pass.
 */
export function validateCalendar(raw: unknown, source: string): CalendarDefinition {
  if (!validateShape(raw)) {
    const problems = (validateShape.errors ?? []).map((error) => {
      const params = error.params as { additionalProperty?: string; propertyName?: string };
      // Inside `propertyNames`, Ajv puts the offending key on the error itself.
      const key = error.propertyName ?? params.propertyName;
      const what =
        params.additionalProperty !== undefined
          ? ` (unsupported key "${params.additionalProperty}")`
          : key !== undefined
            ? ` (key "${key}")`
            : '';
      return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${what}`;
    });
    throw new InvalidCalendarError(source, problems);
  }
  const calendar = raw;
  const problems = [
    ...checkSources(calendar),
    ...checkCoverage(calendar),
    ...checkEntries(calendar),
  ];
  if (problems.length > 0) throw new InvalidCalendarError(source, problems);
  return calendar;
}

/** An entry with where it sits in the file, for messages. */
interface Located<T> {
  entry: T;
  where: string;
  year: number;
}

function yearsOf(calendar: CalendarDefinition): number[] {
  return Object.keys(calendar.years)
    .map(Number)
    .sort((a, b) => a - b);
}

function daysOffOf(calendar: CalendarDefinition): Located<DayOff>[] {
  return yearsOf(calendar).flatMap((year) =>
    calendar.years[String(year)].daysOff.map((entry, i) => ({
      entry,
      where: `years.${year}.daysOff[${i}]`,
      year,
    })),
  );
}

function makeUpDaysOf(calendar: CalendarDefinition): Located<MakeUpWorkingDay>[] {
  return yearsOf(calendar).flatMap((year) =>
    calendar.years[String(year)].makeUpWorkingDays.map((entry, i) => ({
      entry,
      where: `years.${year}.makeUpWorkingDays[${i}]`,
      year,
    })),
  );
}

function checkSources(calendar: CalendarDefinition): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  calendar.sources.forEach((s, i) => {
    if (known.has(s.id)) problems.push(`sources[${i}]: duplicate id "${s.id}"`);
    known.add(s.id);
    if (s.published !== undefined && parseIsoDate(s.published) === undefined) {
      problems.push(`sources[${i}].published: "${s.published}" is not a calendar date`);
    }
  });
  const cite = (where: string, ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) {
      if (!known.has(id)) problems.push(`${where}.sources: unknown source "${id}"`);
    }
  };
  cite('weekend', calendar.weekend.sources);
  for (const year of yearsOf(calendar)) cite(`years.${year}`, calendar.years[year].sources);
  for (const { entry, where } of [...daysOffOf(calendar), ...makeUpDaysOf(calendar)]) {
    cite(where, entry.sources);
  }
  return problems;
}

function checkCoverage(calendar: CalendarDefinition): string[] {
  const problems: string[] = [];
  const years = yearsOf(calendar);
  const [first, last] = [years[0], years[years.length - 1]];
  for (let year = first; year <= last; year++) {
    if (!Object.hasOwn(calendar.years, String(year))) {
      problems.push(
        `years: ${year} is missing (covered years must follow each other, ${first}–${last})`,
      );
    }
  }
  for (const year of years) {
    const spec = calendar.years[String(year)];
    if (!spec.confirmed && (spec.note ?? '').trim() === '') {
      problems.push(`years.${year}: an unconfirmed year needs a note saying what is not confirmed`);
    }
    const unconfirmed = [...spec.daysOff, ...spec.makeUpWorkingDays]
      .filter((entry) => !entry.confirmed)
      .map((entry) => entry.date);
    if (spec.confirmed && unconfirmed.length > 0) {
      problems.push(
        `years.${year}: marked confirmed, but some entries are not: ${unconfirmed.join(', ')}`,
      );
    }
  }
  return problems;
}

function checkEntries(calendar: CalendarDefinition): string[] {
  const problems: string[] = [];
  const weekend = new Set(calendar.weekend.days.map((day) => WEEKDAYS.indexOf(day) + 1));
  const onWeekend = (date: string) => weekend.has(isoWeekday(toDayNumber(parseIsoDate(date)!)));

  /** The common checks; false when the date itself is unusable and the rest must be skipped. */
  const checkEntry = ({ entry, where, year }: Located<CalendarEntry>): boolean => {
    if (!entry.confirmed && (entry.note ?? '').trim() === '') {
      problems.push(`${where}: an unconfirmed entry needs a note saying what is not confirmed`);
    }
    const date = parseIsoDate(entry.date);
    if (date === undefined) {
      problems.push(`${where}: "${entry.date}" is not a calendar date`);
      return false;
    }
    if (date.year !== year) {
      problems.push(`${where}: ${entry.date} is not in ${year}`);
      return false;
    }
    return true;
  };

  const daysOff = new Map<string, Located<DayOff>>();
  for (const located of daysOffOf(calendar)) {
    if (!checkEntry(located)) continue;
    const earlier = daysOff.get(located.entry.date);
    if (earlier !== undefined) {
      problems.push(
        `${located.where}: ${located.entry.date} is listed twice as a day off (also ${earlier.where})`,
      );
      continue;
    }
    daysOff.set(located.entry.date, located);
  }

  const makeUps = new Map<string, Located<MakeUpWorkingDay>>();
  for (const located of makeUpDaysOf(calendar)) {
    if (!checkEntry(located)) continue;
    const { entry, where } = located;
    const earlier = makeUps.get(entry.date);
    if (earlier !== undefined) {
      problems.push(
        `${where}: ${entry.date} is listed twice as a make-up working day (also ${earlier.where})`,
      );
      continue;
    }
    makeUps.set(entry.date, located);
    const dayOff = daysOff.get(entry.date);
    if (dayOff !== undefined) {
      problems.push(
        `${where}: ${entry.date} is both a make-up working day and a day off (${dayOff.where})`,
      );
    }
    if (!onWeekend(entry.date)) {
      problems.push(
        `${where}: make-up working day ${entry.date} is a ${weekdayName(entry.date)}, already a ` +
          `working day; it must fall on a weekly rest day`,
      );
    }
    if (parseIsoDate(entry.makesUpFor) === undefined) {
      problems.push(`${where}.makesUpFor: "${entry.makesUpFor}" is not a calendar date`);
    } else if (daysOff.get(entry.makesUpFor)?.entry.kind !== 'swapped') {
      problems.push(
        `${where}.makesUpFor: ${entry.makesUpFor} is not a swapped day off in this calendar`,
      );
    }
  }

  const compensated = new Map<string, string>();
  for (const { entry, where } of daysOff.values()) {
    if (entry.kind !== 'holiday' && onWeekend(entry.date)) {
      problems.push(
        `${where}: ${entry.kind} day off ${entry.date} is a ${weekdayName(entry.date)}, ` +
          `already a weekly rest day`,
      );
    }
    if (entry.kind === 'swapped') {
      const paid = [...makeUps.values()].filter((m) => m.entry.makesUpFor === entry.date);
      if (paid.length === 0) {
        problems.push(`${where}: swapped day off ${entry.date} has no make-up working day`);
      } else if (paid.length > 1) {
        const dates = paid.map((m) => m.entry.date).join(', ');
        problems.push(
          `${where}: swapped day off ${entry.date} has ${paid.length} make-up working days (${dates})`,
        );
      }
    }
    if (entry.kind !== 'compensatory') {
      if (entry.for !== undefined) {
        problems.push(`${where}.for: only a compensatory day off compensates a holiday`);
      }
      continue;
    }
    if (entry.for === undefined) {
      problems.push(`${where}: a compensatory day off needs "for" (the holiday it compensates)`);
      continue;
    }
    if (parseIsoDate(entry.for) === undefined) {
      problems.push(`${where}.for: "${entry.for}" is not a calendar date`);
      continue;
    }
    const holiday = daysOff.get(entry.for)?.entry;
    if (holiday?.kind !== 'holiday') {
      problems.push(`${where}.for: ${entry.for} is not a holiday in this calendar`);
      continue;
    }
    if (!onWeekend(entry.for)) {
      problems.push(
        `${where}.for: holiday ${entry.for} is a ${weekdayName(entry.for)}, not a weekly rest ` +
          `day: there is nothing to compensate`,
      );
    }
    if (entry.for >= entry.date) {
      problems.push(`${where}.for: holiday ${entry.for} is not before ${entry.date}`);
    }
    const other = compensated.get(entry.for);
    if (other !== undefined) {
      problems.push(`${where}.for: holiday ${entry.for} is already compensated by ${other}`);
    }
    compensated.set(entry.for, entry.date);
  }
  return problems;
}

function weekdayName(date: string): string {
  const name = WEEKDAYS[isoWeekday(toDayNumber(parseIsoDate(date)!)) - 1];
  return name.charAt(0).toUpperCase() + name.slice(1);
}
