import type { CalendarDefinition } from '../../../src/domain/calendar/calendar-definition';
import { InvalidCalendarError } from '../../../src/domain/calendar/calendar-errors';
import {
  isWorkingDay,
  loadCalendar,
  type CalendarFile,
} from '../../../src/domain/calendar/working-day-calendar';

/*
 * The loader refuses a bad calendar file, naming the file and every problem. Each case starts from
 * a small valid calendar and breaks one thing.
 */

const label = (en: string) => ({ vi: `Nhãn ${en}`, en });

/**
 * A small valid calendar. 2025: New Year's Day, a Friday off (2025-05-02) made up on Saturday
 * 2025-04-26. 2026 (unconfirmed): a holiday on Sunday 2026-04-26 compensated on Monday 2026-04-27.
 */
function minimal(): CalendarDefinition {
  return {
    id: 'sample',
    version: 1,
    title: { vi: 'Lịch mẫu', en: 'Sample calendar' },
    sources: [
      { id: 'law', citation: 'Bộ luật Lao động số 45/2019/QH14, Điều 111–112' },
      { id: 'notice', citation: 'Thông báo mẫu', published: '2024-11-26' },
    ],
    weekend: { days: ['saturday', 'sunday'], sources: ['law'] },
    years: {
      '2025': {
        confirmed: true,
        daysOff: [
          {
            date: '2025-01-01',
            kind: 'holiday',
            name: label('New Year'),
            confirmed: true,
            sources: ['law'],
          },
          {
            date: '2025-05-02',
            kind: 'swapped',
            name: label('Swapped'),
            confirmed: true,
            sources: ['notice'],
          },
        ],
        makeUpWorkingDays: [
          {
            date: '2025-04-26',
            makesUpFor: '2025-05-02',
            name: label('Make-up'),
            confirmed: true,
            sources: ['notice'],
          },
        ],
      },
      '2026': {
        confirmed: false,
        note: 'Not yet decided',
        daysOff: [
          {
            date: '2026-04-26',
            kind: 'holiday',
            name: label('Hung Kings'),
            confirmed: true,
            sources: ['law'],
          },
          {
            date: '2026-04-27',
            kind: 'compensatory',
            for: '2026-04-26',
            name: label('Compensatory'),
            confirmed: false,
            note: 'Default from Art. 111(3)',
            sources: ['law'],
          },
        ],
        makeUpWorkingDays: [],
      },
    },
  };
}

const SOURCE = 'data/calendars/sample.json';

function file(definition: unknown, space?: number): CalendarFile {
  return { source: SOURCE, text: JSON.stringify(definition, null, space) };
}

/** Loads the file and returns the refusal; fails the test if it loads. */
function refusalOf(calendarFile: CalendarFile): InvalidCalendarError {
  try {
    loadCalendar(calendarFile);
  } catch (error) {
    if (error instanceof InvalidCalendarError) return error;
    throw error;
  }
  throw new Error('the file was loaded without complaint');
}

/** The minimal calendar, broken by `mutate`, as a file. */
function broken(mutate: (calendar: CalendarDefinition) => void): CalendarFile {
  const calendar = minimal();
  mutate(calendar);
  return file(calendar);
}

/** Writes a field the type forbids (the file on disk could hold anything). */
function setRaw(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}

describe('a valid calendar', () => {
  test('loads and answers', () => {
    const calendar = loadCalendar(file(minimal()));
    expect(calendar).toMatchObject({ id: 'sample', version: 1, firstYear: 2025, lastYear: 2026 });
    expect(isWorkingDay('2025-04-26', calendar)).toBe(true);
    expect(isWorkingDay('2025-05-02', calendar)).toBe(false);
    expect(isWorkingDay('2026-04-27', calendar)).toBe(false);
  });

  test('a single year with no entries is enough', () => {
    const calendar = minimal();
    calendar.years = { '2030': { confirmed: true, daysOff: [], makeUpWorkingDays: [] } };
    expect(loadCalendar(file(calendar))).toMatchObject({ firstYear: 2030, lastYear: 2030 });
  });

  test('another weekly rest day works too', () => {
    const calendar = minimal();
    calendar.weekend.days = ['sunday'];
    calendar.years = { '2025': { confirmed: true, daysOff: [], makeUpWorkingDays: [] } };
    expect(isWorkingDay('2025-03-08', loadCalendar(file(calendar)))).toBe(true);
  });
});

describe('refusals', () => {
  const cases: { problem: string; file: () => CalendarFile; expected: string }[] = [
    // dates
    {
      problem: 'a date that does not exist',
      file: () => broken((c) => (c.years['2025'].daysOff[0].date = '2025-02-30')),
      expected: 'years.2025.daysOff[0]: "2025-02-30" is not a calendar date',
    },
    {
      problem: 'a date in another notation',
      file: () => broken((c) => (c.years['2025'].daysOff[0].date = '1/1/2025')),
      expected: '/years/2025/daysOff/0/date must match pattern',
    },
    {
      problem: 'a date filed under the wrong year',
      file: () => broken((c) => (c.years['2025'].daysOff[0].date = '2026-01-01')),
      expected: 'years.2025.daysOff[0]: 2026-01-01 is not in 2025',
    },
    {
      problem: 'a make-up day that does not exist',
      file: () => broken((c) => (c.years['2025'].makeUpWorkingDays[0].date = '2025-04-31')),
      expected: 'years.2025.makeUpWorkingDays[0]: "2025-04-31" is not a calendar date',
    },
    {
      problem: 'a source published on a date that does not exist',
      file: () => broken((c) => (c.sources[1].published = '2024-02-30')),
      expected: 'sources[1].published: "2024-02-30" is not a calendar date',
    },
    // duplicates
    {
      problem: 'the same day off twice',
      file: () => broken((c) => c.years['2025'].daysOff.push({ ...c.years['2025'].daysOff[0] })),
      expected:
        'years.2025.daysOff[2]: 2025-01-01 is listed twice as a day off (also years.2025.daysOff[0])',
    },
    {
      problem: 'the same make-up day twice',
      file: () =>
        broken((c) =>
          c.years['2025'].makeUpWorkingDays.push({ ...c.years['2025'].makeUpWorkingDays[0] }),
        ),
      expected:
        'years.2025.makeUpWorkingDays[1]: 2025-04-26 is listed twice as a make-up working day',
    },
    // swaps
    {
      problem: 'a make-up working day that is also a day off',
      file: () =>
        broken((c) =>
          c.years['2025'].daysOff.push({
            date: '2025-04-26',
            kind: 'holiday',
            name: label('Clash'),
            confirmed: true,
            sources: ['law'],
          }),
        ),
      expected:
        'years.2025.makeUpWorkingDays[0]: 2025-04-26 is both a make-up working day and a day off (years.2025.daysOff[2])',
    },
    {
      problem: 'a make-up working day on a weekday',
      file: () => broken((c) => (c.years['2025'].makeUpWorkingDays[0].date = '2025-04-24')),
      expected:
        'years.2025.makeUpWorkingDays[0]: make-up working day 2025-04-24 is a Thursday, already a working day',
    },
    {
      problem: 'a make-up working day for a day that was not swapped',
      file: () => broken((c) => (c.years['2025'].makeUpWorkingDays[0].makesUpFor = '2025-01-01')),
      expected:
        'years.2025.makeUpWorkingDays[0].makesUpFor: 2025-01-01 is not a swapped day off in this calendar',
    },
    {
      problem: 'a make-up working day for a date that does not exist',
      file: () => broken((c) => (c.years['2025'].makeUpWorkingDays[0].makesUpFor = '2025-02-29')),
      expected: 'years.2025.makeUpWorkingDays[0].makesUpFor: "2025-02-29" is not a calendar date',
    },
    {
      problem: 'a swapped day off that is never made up',
      file: () => broken((c) => (c.years['2025'].makeUpWorkingDays = [])),
      expected: 'years.2025.daysOff[1]: swapped day off 2025-05-02 has no make-up working day',
    },
    {
      problem: 'a swapped day off made up twice',
      file: () =>
        broken((c) =>
          c.years['2025'].makeUpWorkingDays.push({
            ...c.years['2025'].makeUpWorkingDays[0],
            date: '2025-05-10',
          }),
        ),
      expected:
        'years.2025.daysOff[1]: swapped day off 2025-05-02 has 2 make-up working days (2025-04-26, 2025-05-10)',
    },
    {
      problem: 'a swapped day off on a weekly rest day',
      file: () =>
        broken((c) => {
          c.years['2025'].daysOff[1].date = '2025-05-03';
          c.years['2025'].makeUpWorkingDays[0].makesUpFor = '2025-05-03';
        }),
      expected:
        'years.2025.daysOff[1]: swapped day off 2025-05-03 is a Saturday, already a weekly rest day',
    },
    // compensatory days
    {
      problem: 'a compensatory day without its holiday',
      file: () => broken((c) => delete c.years['2026'].daysOff[1].for),
      expected:
        'years.2026.daysOff[1]: a compensatory day off needs "for" (the holiday it compensates)',
    },
    {
      problem: 'a compensatory day for a date that is not a holiday',
      file: () => broken((c) => (c.years['2026'].daysOff[1].for = '2026-04-25')),
      expected: 'years.2026.daysOff[1].for: 2026-04-25 is not a holiday in this calendar',
    },
    {
      problem: 'a compensatory day for a holiday on a weekday',
      file: () =>
        broken((c) => {
          c.years['2026'].daysOff[0].date = '2026-04-23';
          c.years['2026'].daysOff[1].for = '2026-04-23';
        }),
      expected:
        'years.2026.daysOff[1].for: holiday 2026-04-23 is a Thursday, not a weekly rest day: there is nothing to compensate',
    },
    {
      problem: 'a compensatory day before its holiday',
      file: () => broken((c) => (c.years['2026'].daysOff[1].date = '2026-04-24')),
      expected: 'years.2026.daysOff[1].for: holiday 2026-04-26 is not before 2026-04-24',
    },
    {
      problem: 'a compensatory day on a weekly rest day',
      file: () => broken((c) => (c.years['2026'].daysOff[1].date = '2026-05-02')),
      expected:
        'years.2026.daysOff[1]: compensatory day off 2026-05-02 is a Saturday, already a weekly rest day',
    },
    {
      problem: 'one holiday compensated twice',
      file: () =>
        broken((c) =>
          c.years['2026'].daysOff.push({ ...c.years['2026'].daysOff[1], date: '2026-04-28' }),
        ),
      expected:
        'years.2026.daysOff[2].for: holiday 2026-04-26 is already compensated by 2026-04-27',
    },
    {
      problem: '"for" on a day off that is not compensatory',
      file: () => broken((c) => (c.years['2025'].daysOff[0].for = '2024-12-29')),
      expected: 'years.2025.daysOff[0].for: only a compensatory day off compensates a holiday',
    },
    // coverage
    {
      problem: 'a gap between covered years',
      file: () =>
        broken((c) => (c.years['2028'] = { confirmed: true, daysOff: [], makeUpWorkingDays: [] })),
      expected: 'years: 2027 is missing (covered years must follow each other, 2025–2028)',
    },
    {
      problem: 'no year at all',
      file: () => broken((c) => (c.years = {})),
      expected: '/years must NOT have fewer than 1 properties',
    },
    {
      problem: 'a year key that is not a year',
      file: () =>
        broken((c) => (c.years['next'] = { confirmed: true, daysOff: [], makeUpWorkingDays: [] })),
      expected: '/years must match pattern "^[0-9]{4}$" (key "next")',
    },
    // sources and confirmation
    {
      problem: 'an entry citing an unknown source',
      file: () => broken((c) => (c.years['2025'].daysOff[0].sources = ['law', 'rumour'])),
      expected: 'years.2025.daysOff[0].sources: unknown source "rumour"',
    },
    {
      problem: 'the weekend citing an unknown source',
      file: () => broken((c) => (c.weekend.sources = ['decree'])),
      expected: 'weekend.sources: unknown source "decree"',
    },
    {
      problem: 'a year citing an unknown source',
      file: () => broken((c) => (c.years['2026'].sources = ['press'])),
      expected: 'years.2026.sources: unknown source "press"',
    },
    {
      problem: 'two sources with one id',
      file: () => broken((c) => c.sources.push({ id: 'law', citation: 'Another law' })),
      expected: 'sources[2]: duplicate id "law"',
    },
    {
      problem: 'an entry without a source',
      file: () => broken((c) => (c.years['2025'].daysOff[0].sources = [])),
      expected: '/years/2025/daysOff/0/sources must NOT have fewer than 1 items',
    },
    {
      problem: 'an unconfirmed entry without a note',
      file: () => broken((c) => delete c.years['2026'].daysOff[1].note),
      expected:
        'years.2026.daysOff[1]: an unconfirmed entry needs a note saying what is not confirmed',
    },
    {
      problem: 'an unconfirmed entry with a blank note',
      file: () => broken((c) => (c.years['2026'].daysOff[1].note = '  ')),
      expected:
        'years.2026.daysOff[1]: an unconfirmed entry needs a note saying what is not confirmed',
    },
    {
      problem: 'an unconfirmed year without a note',
      file: () => broken((c) => delete c.years['2026'].note),
      expected: 'years.2026: an unconfirmed year needs a note saying what is not confirmed',
    },
    {
      problem: 'a confirmed year holding an unconfirmed entry',
      file: () => broken((c) => (c.years['2026'].confirmed = true)),
      expected: 'years.2026: marked confirmed, but some entries are not: 2026-04-27',
    },
    {
      problem: 'an entry without "confirmed"',
      file: () => broken((c) => setRaw(c.years['2025'].daysOff[0], 'confirmed', undefined)),
      expected: "/years/2025/daysOff/0 must have required property 'confirmed'",
    },
    // shape
    {
      problem: 'an unknown weekday',
      file: () => broken((c) => setRaw(c.weekend, 'days', ['samedi', 'sunday'])),
      expected: '/weekend/days/0 must be equal to one of the allowed values',
    },
    {
      problem: 'a weekday listed twice in the weekend',
      file: () => broken((c) => (c.weekend.days = ['sunday', 'sunday'])),
      expected: '/weekend/days must NOT have duplicate items',
    },
    {
      problem: 'a week with no working day',
      file: () =>
        broken(
          (c) =>
            (c.weekend.days = [
              'monday',
              'tuesday',
              'wednesday',
              'thursday',
              'friday',
              'saturday',
              'sunday',
            ]),
        ),
      expected: '/weekend/days must NOT have more than 6 items',
    },
    {
      problem: 'an unknown kind of day off',
      file: () => broken((c) => setRaw(c.years['2025'].daysOff[0], 'kind', 'bridge')),
      expected: '/years/2025/daysOff/0/kind must be equal to one of the allowed values',
    },
    {
      problem: 'a name without its English text',
      file: () => broken((c) => (c.years['2025'].daysOff[0].name = { vi: 'Tết' } as never)),
      expected: "/years/2025/daysOff/0/name must have required property 'en'",
    },
    {
      problem: 'a top-level key the format does not know',
      file: () => broken((c) => setRaw(c, 'holidays', [])),
      expected: '/ must NOT have additional properties (unsupported key "holidays")',
    },
    {
      problem: 'a version that is not a positive whole number',
      file: () => broken((c) => (c.version = 0)),
      expected: '/version must be >= 1',
    },
    {
      problem: 'invalid JSON text',
      file: () => ({ source: SOURCE, text: '{ "id": "sample", ' }),
      expected: 'not valid JSON: ',
    },
  ];

  test.each(cases)('$problem', ({ file: calendarFile, expected }) => {
    const error = refusalOf(calendarFile());

    expect(error.code).toBe('CALENDAR.INVALID_FILE');
    expect(error.kind).toBe('invalid');
    expect(error.source).toBe(SOURCE);
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
    expect(error.message).toContain(`${SOURCE}: invalid working-day calendar`);
    expect(error.message).toContain(expected);
  });

  test('every problem of a file is reported at once', () => {
    const error = refusalOf(
      broken((c) => {
        c.years['2025'].daysOff[0].date = '2025-02-30';
        c.years['2025'].makeUpWorkingDays[0].date = '2025-04-24';
        c.years['2026'].daysOff[1].for = '2026-04-25';
        c.years['2028'] = { confirmed: true, daysOff: [], makeUpWorkingDays: [] };
      }),
    );
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'years: 2027 is missing (covered years must follow each other, 2025–2028)',
        'years.2025.daysOff[0]: "2025-02-30" is not a calendar date',
        'years.2025.makeUpWorkingDays[0]: make-up working day 2025-04-24 is a Thursday, already a working day; it must fall on a weekly rest day',
        'years.2026.daysOff[1].for: 2026-04-25 is not a holiday in this calendar',
      ]),
    );
  });
});

describe('content hash', () => {
  const hashOf = (calendarFile: CalendarFile) => loadCalendar(calendarFile).hash;
  const baseline = hashOf(file(minimal()));

  test('does not change with whitespace', () => {
    expect(hashOf(file(minimal(), 4))).toBe(baseline);
  });

  test('changes when an entry changes', () => {
    const changed = minimal();
    changed.years['2026'].daysOff[1].confirmed = true;
    changed.years['2026'].confirmed = true;
    expect(hashOf(file(changed))).not.toBe(baseline);
  });
});
