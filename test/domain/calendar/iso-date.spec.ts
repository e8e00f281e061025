import {
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  parseIsoDate,
  toDayNumber,
} from '../../../src/domain/calendar/iso-date';

/*
 * Calendar dates are plain YYYY-MM-DD strings handled with integer day numbers. Date.UTC is used
 * here only as an independent oracle (UTC has no time zone shifts to get wrong).
 */

describe('parseIsoDate', () => {
  test.each([
    ['2025-01-01', { year: 2025, month: 1, day: 1 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2027-12-31', { year: 2027, month: 12, day: 31 }],
  ])('%s is a calendar date', (text, parts) => {
    expect(parseIsoDate(text)).toEqual(parts);
    expect(isIsoDate(text)).toBe(true);
  });

  test.each([
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-01-00', 'day 0'],
    ['2025-1-1', 'no zero padding'],
    ['01/02/2025', 'another notation'],
    ['2025-01-01T00:00:00Z', 'an instant, not a date'],
    [' 2025-01-01', 'leading space'],
    ['', 'empty'],
  ])('%s is refused (%s)', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
    expect(isIsoDate(text)).toBe(false);
  });

  test.each([[20250101], [null], [undefined], [new Date(0)]])('%p is not a string', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('day numbers', () => {
  test('1970-01-01 is day 0, a Thursday', () => {
    expect(toDayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(isoWeekday(0)).toBe(4);
  });

  test('agree with Date.UTC and round-trip, every day from 1899 to 2101', () => {
    const first = Date.UTC(1899, 0, 1) / 86_400_000;
    const last = Date.UTC(2101, 11, 31) / 86_400_000;
    const mismatches: string[] = [];
    for (let n = first; n <= last; n++) {
      const utc = new Date(n * 86_400_000);
      const expected = utc.toISOString().slice(0, 10);
      const civil = fromDayNumber(n);
      const weekday = utc.getUTCDay() === 0 ? 7 : utc.getUTCDay();
      if (formatIsoDate(civil) !== expected) mismatches.push(`${n}: ${formatIsoDate(civil)}`);
      if (toDayNumber(civil) !== n) mismatches.push(`${expected}: day ${toDayNumber(civil)}`);
      if (isoWeekday(n) !== weekday) mismatches.push(`${expected}: weekday ${isoWeekday(n)}`);
      if (parseIsoDate(expected) === undefined) mismatches.push(`${expected}: refused`);
    }
    expect(last - first).toBeGreaterThan(73_000);
    expect(mismatches).toEqual([]);
  });

  test.each([
    ['2025-01-29', 3],
    ['2026-02-17', 2],
    ['2027-02-06', 6],
    ['2026-04-26', 7],
    ['2025-04-26', 6],
  ])('%s has ISO weekday %i', (text, weekday) => {
    expect(isoWeekday(toDayNumber(parseIsoDate(text)!))).toBe(weekday);
  });
});
