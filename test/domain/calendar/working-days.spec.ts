import {
  CalendarYearNotCoveredError,
  InvalidCalendarDateError,
  InvalidWorkingDayCountError,
} from '../../../src/domain/calendar/calendar-errors';
import {
  addWorkingDays,
  describeDay,
  isWorkingDay,
  unconfirmedEntries,
  workingDaysBetween,
} from '../../../src/domain/calendar/working-day-calendar';
import { loadShippedCalendar, thrownBy } from './load-shipped';

/*
 * Working-day arithmetic on the shipped calendar (data/calendars/vn-public-holidays.json). Every
 * expected date below was worked out by hand from the published arrangements (weekday in
 * brackets); nothing is computed from the data file at run time.
 */

const calendar = loadShippedCalendar();

describe('isWorkingDay', () => {
  test.each([
    ['2025-03-10', true, 'an ordinary Monday'],
    ['2025-03-08', false, 'a Saturday'],
    ['2025-03-09', false, 'a Sunday'],
    ['2025-01-01', false, 'Tết Dương lịch (Wed)'],
    ['2025-01-29', false, 'mùng 1 Tết Ất Tỵ (Wed)'],
    ['2025-02-03', true, 'first day back after Tết 2025 (Mon)'],
    ['2025-04-26', true, 'make-up Saturday for 2025-05-02'],
    ['2025-05-02', false, 'Friday swapped for 2025-04-26'],
    ['2025-09-01', false, 'Quốc khánh, the day before 2/9 (Mon)'],
    ['2026-01-02', false, 'Friday swapped for 2026-01-10'],
    ['2026-01-10', true, 'make-up Saturday for 2026-01-02'],
    ['2026-02-16', false, '29 tháng Chạp Ất Tỵ (Mon)'],
    ['2026-02-20', false, 'mùng 4 Tết Bính Ngọ (Fri)'],
    ['2026-02-23', true, 'first day back after Tết 2026 (Mon)'],
    ['2026-04-26', false, 'Giỗ Tổ Hùng Vương on a Sunday'],
    ['2026-04-27', false, 'compensatory Monday for Giỗ Tổ'],
    ['2026-04-28', true, 'the Tuesday after'],
    ['2026-08-22', true, 'make-up Saturday for 2026-08-31'],
    ['2026-08-31', false, 'Monday swapped for 2026-08-22'],
    ['2026-11-24', true, 'Ngày Văn hóa Việt Nam: not (yet) a day off in this version'],
    ['2027-02-10', false, 'default compensatory day for mùng 2 Tết Đinh Mùi (Wed)'],
    ['2027-02-11', true, 'first day back after the default Tết 2027 (Thu)'],
    ['2027-05-03', false, 'default compensatory Monday for 1/5 on a Saturday'],
    ['2027-12-31', true, 'last covered day (Fri)'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  const table: [string, IsoDateCase][] = [
    // n = 0 and weekends
    ['n = 0 is the start day itself', ['2025-03-03', 0, '2025-03-03']],
    ['n = 0 on a Saturday is still the start', ['2025-03-08', 0, '2025-03-08']],
    ['n = 0 on a holiday is still the start', ['2025-01-01', 0, '2025-01-01']],
    ['n = 0 needs no holiday data', ['2030-06-01', 0, '2030-06-01']],
    ['Monday + 1 is Tuesday', ['2025-03-10', 1, '2025-03-11']],
    ['Friday + 1 skips the weekend', ['2025-03-07', 1, '2025-03-10']],
    ['Saturday + 1 is Monday', ['2025-03-08', 1, '2025-03-10']],
    ['Sunday + 1 is Monday', ['2025-03-09', 1, '2025-03-10']],
    ['Friday + 5 is the next Friday', ['2025-03-07', 5, '2025-03-14']],
    ['10 working days of public notice from a Monday', ['2025-03-03', 10, '2025-03-17']],
    // Tết
    ['Tết 2025: Fri 24/1 + 1 is Mon 3/2', ['2025-01-24', 1, '2025-02-03']],
    ['Tết 2025: Mon 20/1 + 10 is Mon 10/2', ['2025-01-20', 10, '2025-02-10']],
    ['Tết 2026: Fri 13/2 + 1 is Mon 23/2', ['2026-02-13', 1, '2026-02-23']],
    ['Tết 2026: Tue 10/2 + 10 is Tue 3/3', ['2026-02-10', 10, '2026-03-03']],
    ['Tết 2026: from a Sunday inside the break', ['2026-02-15', 1, '2026-02-23']],
    ['Tết 2026: from mùng 2 + 3', ['2026-02-18', 3, '2026-02-25']],
    ['Tết 2027 (default): Wed 3/2 + 1 is Thu 11/2', ['2027-02-03', 1, '2027-02-11']],
    ['Tết 2027 (default): Mon 1/2 + 5 is Mon 15/2', ['2027-02-01', 5, '2027-02-15']],
    // Giỗ Tổ, 30/4 and 1/5
    ['Giỗ Tổ 2025 on Mon 7/4: Fri 4/4 + 1 is Tue 8/4', ['2025-04-04', 1, '2025-04-08']],
    ['30/4–1/5 2025: Fri 25/4 + 1 is the make-up Sat 26/4', ['2025-04-25', 1, '2025-04-26']],
    ['30/4–1/5 2025: Fri 25/4 + 4 is Mon 5/5', ['2025-04-25', 4, '2025-05-05']],
    ['30/4–1/5 2025: Tue 29/4 + 1 is Mon 5/5', ['2025-04-29', 1, '2025-05-05']],
    ['Giỗ Tổ 2026 on a Sunday, off Mon 27/4: Fri 24/4 + 1', ['2026-04-24', 1, '2026-04-28']],
    ['Giỗ Tổ then 30/4–1/5 2026: Fri 24/4 + 3', ['2026-04-24', 3, '2026-05-04']],
    ['1/5 2027 on a Saturday (default Mon 3/5 off)', ['2027-04-29', 1, '2027-05-04']],
    // 2/9
    ['2/9 2025: Fri 29/8 + 1 is Wed 3/9', ['2025-08-29', 1, '2025-09-03']],
    ['2/9 2026: Fri 21/8 + 1 is the make-up Sat 22/8', ['2026-08-21', 1, '2026-08-22']],
    ['2/9 2026: Fri 21/8 + 2 is Mon 24/8', ['2026-08-21', 2, '2026-08-24']],
    ['2/9 2026: Fri 28/8 + 1 is Thu 3/9', ['2026-08-28', 1, '2026-09-03']],
    ['2/9 2027 (default Fri 3/9 off): Wed 1/9 + 1 is Mon 6/9', ['2027-09-01', 1, '2027-09-06']],
    // year boundaries
    ['Wed 31/12/2025 + 1 is Mon 5/1/2026', ['2025-12-31', 1, '2026-01-05']],
    ['Mon 29/12/2025 + 3 is Mon 5/1/2026', ['2025-12-29', 3, '2026-01-05']],
    ['Fri 9/1/2026 + 1 is the make-up Sat 10/1', ['2026-01-09', 1, '2026-01-10']],
    ['Fri 9/1/2026 + 2 is Mon 12/1', ['2026-01-09', 2, '2026-01-12']],
    ['Thu 31/12/2026 + 1 is Mon 4/1/2027', ['2026-12-31', 1, '2027-01-04']],
    ['Thu 24/12/2026 + 10 is Fri 8/1/2027', ['2026-12-24', 10, '2027-01-08']],
    ['a start in an uncovered year is not examined', ['2024-12-31', 1, '2025-01-02']],
  ];

  test.each(table)('%s', (_why, [start, n, expected]) => {
    expect(addWorkingDays(start, n, calendar)).toBe(expected);
  });
});

type IsoDateCase = [start: string, n: number, expected: string];

describe('workingDaysBetween', () => {
  test.each([
    ['2025-03-03', '2025-03-03', 0],
    ['2025-03-03', '2025-03-17', 10],
    ['2025-03-17', '2025-03-03', -10],
    ['2025-03-07', '2025-03-08', 0],
    ['2025-03-08', '2025-03-09', 0],
    ['2026-02-13', '2026-02-22', 0],
    ['2026-02-13', '2026-02-23', 1],
    ['2026-02-23', '2026-02-13', -1],
    ['2025-04-25', '2025-05-05', 4],
    ['2025-12-31', '2026-01-05', 1],
    ['2026-01-09', '2026-01-12', 2],
    ['2024-12-31', '2025-01-02', 1],
  ])('from %s to %s: %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to, calendar)).toBe(expected);
  });

  test.each([
    [2025, '2024-12-31', '2025-12-31'],
    [2026, '2025-12-31', '2026-12-31'],
    [2027, '2026-12-31', '2027-12-31'],
  ])('%i has 250 working days (261 weekdays less the 11 paid holidays)', (_year, from, to) => {
    expect(workingDaysBetween(from, to, calendar)).toBe(250);
  });

  test('inverts addWorkingDays, and the result is the first day that reaches n', () => {
    const mismatches: string[] = [];
    let start = '2025-01-01';
    while (start <= '2027-11-30') {
      for (const n of [0, 1, 2, 5, 10, 20]) {
        const end = addWorkingDays(start, n, calendar);
        if (workingDaysBetween(start, end, calendar) !== n) mismatches.push(`${start} + ${n}`);
        if (n > 0 && !isWorkingDay(end, calendar)) mismatches.push(`${start} + ${n}: ${end} off`);
        if (n > 0) {
          const dayBefore = addDays(end, -1);
          if (dayBefore >= start && workingDaysBetween(start, dayBefore, calendar) !== n - 1) {
            mismatches.push(`${start} + ${n}: not the first day`);
          }
        }
      }
      start = addDays(start, 1);
    }
    expect(mismatches).toEqual([]);
  });
});

/** Calendar arithmetic for the test only, by UTC (no time zone shifts). */
function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

describe('describeDay', () => {
  test('a make-up Saturday names the day off it pays back', () => {
    expect(describeDay('2025-04-26', calendar)).toMatchObject({
      working: true,
      reason: 'make_up_working_day',
      entry: { makesUpFor: '2025-05-02', confirmed: true },
    });
  });

  test('a compensatory day names its holiday', () => {
    expect(describeDay('2026-04-27', calendar)).toMatchObject({
      working: false,
      reason: 'day_off',
      entry: { kind: 'compensatory', for: '2026-04-26', name: { vi: 'Nghỉ bù Giỗ Tổ Hùng Vương' } },
    });
  });

  test('a holiday on a Sunday is reported as the holiday', () => {
    expect(describeDay('2026-04-26', calendar)).toMatchObject({
      working: false,
      reason: 'day_off',
      entry: { kind: 'holiday' },
    });
  });

  test.each([
    ['2025-03-08', false, 'weekend'],
    ['2025-03-10', true, 'weekday'],
  ])('%s: working %s, %s', (date, working, reason) => {
    expect(describeDay(date, calendar)).toEqual({ date, working, reason });
  });

  test('an unconfirmed default says so', () => {
    const status = describeDay('2027-09-03', calendar);
    expect(status).toMatchObject({ working: false, entry: { confirmed: false } });
    expect(status.working === false && status.reason === 'day_off' && status.entry.note).toMatch(
      /Prime Minister/,
    );
  });
});

describe('unconfirmedEntries', () => {
  test('lists the 2027 defaults an organisation should check, by date', () => {
    expect(unconfirmedEntries(calendar).map((entry) => entry.date)).toEqual([
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-04-16',
      '2027-05-03',
      '2027-09-03',
    ]);
  });
});

describe('outside the covered years (2025–2027)', () => {
  test.each([
    ['isWorkingDay in 2028', () => isWorkingDay('2028-01-03', calendar), 2028],
    ['isWorkingDay in 2024', () => isWorkingDay('2024-12-31', calendar), 2024],
    ['describeDay in 2030', () => describeDay('2030-05-01', calendar), 2030],
    ['addWorkingDays running into 2028', () => addWorkingDays('2027-12-30', 2, calendar), 2028],
    ['addWorkingDays from the eve of 2025', () => addWorkingDays('2024-12-30', 1, calendar), 2024],
    [
      'workingDaysBetween ending in 2028',
      () => workingDaysBetween('2027-12-31', '2028-01-10', calendar),
      2028,
    ],
    [
      'workingDaysBetween reversed, ending in 2028',
      () => workingDaysBetween('2028-01-10', '2027-12-31', calendar),
      2028,
    ],
    [
      'workingDaysBetween starting in 2024',
      () => workingDaysBetween('2024-12-20', '2025-01-10', calendar),
      2024,
    ],
  ])('%s is refused, naming the year', (_what, action, year) => {
    const error = thrownBy(action);
    expect(error).toBeInstanceOf(CalendarYearNotCoveredError);
    const refusal = error as CalendarYearNotCoveredError;
    expect(refusal.code).toBe('CALENDAR.YEAR_NOT_COVERED');
    expect(refusal.kind).toBe('unprocessable');
    expect(refusal.year).toBe(year);
    expect(refusal.message).toContain(`No holiday data for ${year}`);
    expect(refusal.message).toContain('"vn-public-holidays" version 1');
    expect(refusal.message).toContain('covers 2025–2027');
    expect(refusal.details).toMatchObject({ year, firstYear: 2025, lastYear: 2027 });
  });

  test('the last covered day still counts', () => {
    expect(addWorkingDays('2027-12-30', 1, calendar)).toBe('2027-12-31');
  });
});

describe('bad arguments', () => {
  test.each([
    ['2025-02-29', 'not a leap year'],
    ['2025-13-01', 'month 13'],
    ['2025-1-1', 'not padded'],
    ['2025-01-01T07:00:00+07:00', 'an instant'],
    ['', 'empty'],
  ])('a date %p is refused (%s)', (date) => {
    const error = thrownBy(() => isWorkingDay(date, calendar));
    expect(error).toBeInstanceOf(InvalidCalendarDateError);
    expect((error as InvalidCalendarDateError).code).toBe('CALENDAR.INVALID_DATE');
    expect((error as Error).message).toContain('date must be a calendar date written YYYY-MM-DD');
  });

  test('the refused argument is named', () => {
    expect(thrownBy(() => workingDaysBetween('2025-03-03', 'tomorrow', calendar))).toMatchObject({
      message: expect.stringContaining('to must be a calendar date'),
    });
    expect(thrownBy(() => addWorkingDays('3/3/2025', 1, calendar))).toMatchObject({
      message: expect.stringContaining('start must be a calendar date'),
    });
  });

  test.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'a count of %p working days is refused',
    (n) => {
      const error = thrownBy(() => addWorkingDays('2025-03-03', n, calendar));
      expect(error).toBeInstanceOf(InvalidWorkingDayCountError);
      expect((error as InvalidWorkingDayCountError).code).toBe('CALENDAR.INVALID_COUNT');
    },
  );
});
