import type { DayOff } from '../../../src/domain/calendar/calendar-definition';
import { isoWeekday, parseIsoDate, toDayNumber } from '../../../src/domain/calendar/iso-date';
import { loadCalendar } from '../../../src/domain/calendar/working-day-calendar';
import { loadShippedCalendar, SHIPPED_SOURCE, shippedText } from './load-shipped';

/*
 * The shipped calendar validates, and says what the Labour Code 2019 (Arts 111–112) says: 11 paid
 * holidays a year, five of them for Tết and two for National Day, fixed solar dates confirmed by
 * the Code itself, everything else confirmed only where a published decision was found.
 */

const calendar = loadShippedCalendar();
const YEARS = [2025, 2026, 2027];

const isWeekend = (date: string) => isoWeekday(toDayNumber(parseIsoDate(date)!)) >= 6;
const daysOffIn = (year: number): DayOff[] => calendar.definition.years[year].daysOff;

test('validates and covers 2025–2027', () => {
  expect(calendar).toMatchObject({
    id: 'vn-public-holidays',
    version: 1,
    source: SHIPPED_SOURCE,
    firstYear: 2025,
    lastYear: 2027,
  });
  expect(calendar.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(calendar.definition.weekend.days).toEqual(['saturday', 'sunday']);
});

test('the hash ignores layout', () => {
  const reformatted = JSON.stringify(JSON.parse(shippedText()));
  expect(loadCalendar({ source: SHIPPED_SOURCE, text: reformatted }).hash).toBe(calendar.hash);
});

describe.each(YEARS)('%i', (year) => {
  test.each(['01-01', '04-30', '05-01', '09-02'])(
    'the fixed-date holiday %s is there, confirmed by the Labour Code',
    (monthDay) => {
      expect(calendar.daysOff.get(`${year}-${monthDay}`)).toMatchObject({
        kind: 'holiday',
        confirmed: true,
        sources: expect.arrayContaining(['labour-code-2019']),
      });
    },
  );

  test('five Tết days and two National Day days (Art. 112(1)(b), (đ))', () => {
    const named = (prefix: string) =>
      daysOffIn(year).filter((d) => d.kind === 'holiday' && d.name.vi.startsWith(prefix));
    expect(named('Tết Âm lịch')).toHaveLength(5);
    const nationalDay = named('Quốc khánh').map((d) => d.date);
    expect(nationalDay).toHaveLength(2);
    expect(nationalDay).toContain(`${year}-09-02`);
    expect([`${year}-09-01`, `${year}-09-03`]).toContain(
      nationalDay.find((date) => date !== `${year}-09-02`),
    );
  });

  test('weekdays off less make-up days are the 11 paid holidays (Art. 112(1))', () => {
    const weekdaysOff = daysOffIn(year).filter((d) => !isWeekend(d.date)).length;
    const makeUps = calendar.definition.years[year].makeUpWorkingDays.length;
    expect(weekdaysOff - makeUps).toBe(11);
  });

  test('every entry cites a source; every unconfirmed one says why', () => {
    const { daysOff, makeUpWorkingDays } = calendar.definition.years[year];
    for (const entry of [...daysOff, ...makeUpWorkingDays]) {
      expect(entry.sources.length).toBeGreaterThan(0);
      if (!entry.confirmed) expect(entry.note).toEqual(expect.stringMatching(/\S/));
    }
  });
});

test.each([
  ['2025-01-29', 'mùng 1 Tết Ất Tỵ'],
  ['2026-02-17', 'mùng 1 Tết Bính Ngọ'],
  ['2027-02-06', 'mùng 1 Tết Đinh Mùi'],
  ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
  ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
  ['2027-04-16', 'Giỗ Tổ Hùng Vương'],
])('the lunar holiday %s (%s) is there', (date, name) => {
  expect(calendar.daysOff.get(date)).toMatchObject({ kind: 'holiday' });
  expect(calendar.daysOff.get(date)!.name.vi).toContain(name);
});

test('2025 and 2026 are confirmed throughout; 2027 is not, and says so', () => {
  expect(calendar.definition.years[2025].confirmed).toBe(true);
  expect(calendar.definition.years[2026].confirmed).toBe(true);
  expect(calendar.definition.years[2027].confirmed).toBe(false);
  expect(calendar.definition.years[2027].note).toMatch(/No Government decision for 2027/);
  const unconfirmedBefore2027 = [
    ...calendar.daysOff.values(),
    ...calendar.makeUpWorkingDays.values(),
  ]
    .filter((entry) => !entry.confirmed && entry.date < '2027-01-01')
    .map((entry) => entry.date);
  expect(unconfirmedBefore2027).toEqual([]);
});

test.each([
  ['2025-04-26', '2025-05-02'],
  ['2026-01-10', '2026-01-02'],
  ['2026-08-22', '2026-08-31'],
])('the make-up Saturday %s pays back %s', (saturday, swapped) => {
  expect(calendar.makeUpWorkingDays.get(saturday)?.makesUpFor).toBe(swapped);
  expect(calendar.daysOff.get(swapped)?.kind).toBe('swapped');
});

test('Ngày Văn hóa Việt Nam (24/11) is left out until the Labour Code is amended, and noted', () => {
  expect(calendar.daysOff.has('2026-11-24')).toBe(false);
  expect(calendar.definition.notes?.join(' ')).toMatch(/24 November\) is NOT included/);
});
