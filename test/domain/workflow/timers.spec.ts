import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCalendar } from '../../../src/domain/calendar/working-day-calendar';
import type { RuleSet } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';
import type { StateConfig, TimerSpec } from '../../../src/domain/workflow/definition';
import { checkTimers, dueDayOf, firesAt } from '../../../src/domain/workflow/timers';

/*
 * The pure part of timers: the day a timer falls due (working days by the shipped holiday
 * calendar, calendar days, months, or a date the case records), the instant it fires, and the
 * loader's refusals. Expected days are counted by hand on the 2026 and 2027 calendars.
 */

const CALENDAR = join(__dirname, '../../../data/calendars/vn-public-holidays.json');
const calendar = loadCalendar({ source: CALENDAR, text: readFileSync(CALENDAR, 'utf8') });
const RULESETS = join(__dirname, '../../../data/rulesets');
const newest = RuleSetCatalogue.load(
  readdirSync(RULESETS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      source: join(RULESETS, name),
      text: readFileSync(join(RULESETS, name), 'utf8'),
    })),
).latest().ruleSet;

/** The newest rule set with these time limits instead of its own. */
const withLimits = (timeLimits: RuleSet['timeLimits']): RuleSet => ({ ...newest, timeLimits });
const limit = (code: string, kind: 'working_days' | 'days' | 'months', value: number) =>
  ({ code, kind, value, name: { vi: code, en: code }, source: [{ text: 'test' }] }) as never;

const label = { vi: 'Thời hạn', en: 'The time limit' };
const timer = (due: TimerSpec['due'], over: Partial<TimerSpec> = {}): TimerSpec => ({
  name: 'window',
  label,
  due,
  remind: ['secretariat'],
  ...over,
});
const basis = (enteredOn: string, ruleSet = newest, context = {}, data = {}) => ({
  enteredOn,
  context,
  data,
  ruleSet,
  calendar,
});

describe('dueDayOf', () => {
  test.each([
    // Friday before Tết 2026 (16–20 February off): the weekends and the five days are skipped.
    [
      '10 working days from Fri 13 Feb 2026, across Tết',
      '2026-02-13',
      'working_days',
      10,
      '2026-03-06',
    ],
    [
      '10 working days from Mon 2 Mar 2026 (no holiday)',
      '2026-03-02',
      'working_days',
      10,
      '2026-03-16',
    ],
    [
      '1 working day from Fri 13 Feb 2026: Mon 23 Feb',
      '2026-02-13',
      'working_days',
      1,
      '2026-02-23',
    ],
    ['0 working days: the day itself', '2026-02-13', 'working_days', 0, '2026-02-13'],
    ['90 calendar days ignore holidays', '2026-02-13', 'days', 90, '2026-05-14'],
    ['1 month from 31 January: the last day of February', '2026-01-31', 'months', 1, '2026-02-28'],
    ['12 months from 15 March 2026', '2026-03-15', 'months', 12, '2027-03-15'],
  ] as const)('%s', (_, enteredOn, kind, value, expected) => {
    const due = dueDayOf(
      timer({ timeLimit: 'window' }),
      basis(enteredOn, withLimits([limit('window', kind, value)])),
    );
    expect(due).toMatchObject({ ok: true, dueOn: expected });
  });

  test('a date the case records, in its context or its data', () => {
    expect(
      dueDayOf(
        timer({ at: 'context.explanation.dueOn' }),
        basis('2026-03-02', newest, { explanation: { dueOn: '2026-03-20' } }),
      ),
    ).toEqual({ ok: true, dueOn: '2026-03-20' });
    expect(
      dueDayOf(
        timer({ at: 'data.closingDay' }),
        basis('2026-03-02', newest, {}, { closingDay: '2026-04-01' }),
      ),
    ).toEqual({ ok: true, dueOn: '2026-04-01' });
  });

  test('no date at the path, or not a date: date_missing', () => {
    for (const context of [{}, { explanation: {} }, { explanation: { dueOn: 'soon' } }]) {
      const due = dueDayOf(
        timer({ at: 'context.explanation.dueOn' }),
        basis('2026-03-02', newest, context),
      );
      expect(due).toMatchObject({ ok: false, problem: 'date_missing' });
    }
  });

  test('a year missing from the calendar: calendar_year_missing, naming the year in both languages', () => {
    const due = dueDayOf(
      timer({ timeLimit: 'window' }),
      basis('2027-12-24', withLimits([limit('window', 'working_days', 10)])),
    );
    expect(due).toMatchObject({ ok: false, problem: 'calendar_year_missing' });
    if (due.ok) return;
    expect(due.message.vi).toContain('2028');
    expect(due.message.en).toContain('2028');
  });

  test('a time limit the rule set lacks: time_limit_missing', () => {
    expect(
      dueDayOf(timer({ timeLimit: 'no_such_limit' }), basis('2026-03-02', withLimits([]))),
    ).toMatchObject({ ok: false, problem: 'time_limit_missing' });
    expect(
      dueDayOf(timer({ timeLimit: 'window' }), basis('2026-03-02', withLimits(undefined))),
    ).toMatchObject({ ok: false, problem: 'time_limit_missing' });
  });
});

describe('firesAt', () => {
  test('the start, in Vietnam (UTC+7), of the day after the due day', () => {
    expect(firesAt('2026-03-06')).toBe('2026-03-06T17:00:00.000Z');
    expect(firesAt('2026-12-31')).toBe('2026-12-31T17:00:00.000Z');
    expect(firesAt('2028-02-28')).toBe('2028-02-28T17:00:00.000Z');
  });
});

describe('checkTimers', () => {
  const events = {
    WINDOW_ENDED: { label, roles: ['system'], facts: ['today'] },
    CLOSE: { label, roles: ['secretariat'] },
    TALLY: { label, roles: ['system'], facts: ['today', 'tally'] },
  } as never;
  const state = (timers: TimerSpec[]): StateConfig =>
    ({
      meta: { label, timers },
      on: {
        WINDOW_ENDED: { target: 'lapsed' },
        CLOSE: { target: 'closed' },
        TALLY: { target: 'counted' },
      },
    }) as never;

  test('a well-formed timer passes', () => {
    expect(
      checkTimers('states.waiting', state([timer({ timeLimit: 'x' }, { send: 'WINDOW_ENDED' })]), {
        events,
      }),
    ).toEqual([]);
  });

  test.each([
    [
      'a duplicate name',
      [timer({ timeLimit: 'x' }), timer({ timeLimit: 'y' })],
      'states.waiting.meta.timers[1]: duplicate timer name "window"',
    ],
    [
      'a timer that does nothing',
      [timer({ timeLimit: 'x' }, { remind: [] })],
      'states.waiting.meta.timers[0]: does nothing (no "send", "remind" or "escalate")',
    ],
    [
      'an event the state does not handle',
      [timer({ timeLimit: 'x' }, { send: 'NOTE' })],
      'states.waiting.meta.timers[0].send: "NOTE" is not handled in this state',
    ],
    [
      'an event a person sends',
      [timer({ timeLimit: 'x' }, { send: 'CLOSE' })],
      'states.waiting.meta.timers[0].send: "CLOSE" must be an event of the "system" role',
    ],
    [
      'an event that needs a fact the scheduler cannot read',
      [timer({ timeLimit: 'x' }, { send: 'TALLY' })],
      'states.waiting.meta.timers[0].send: "TALLY" declares facts a timer cannot establish (tally); only today',
    ],
    [
      'a role no one can be granted',
      [timer({ timeLimit: 'x' }, { remind: ['public'] })],
      'states.waiting.meta.timers[0].remind: "public" is not a role that can be told',
    ],
    [
      'escalating to the system',
      [timer({ timeLimit: 'x' }, { escalate: ['system'] })],
      'states.waiting.meta.timers[0].escalate: "system" is not a role that can be told',
    ],
  ] as const)('refuses %s', (_, timers, problem) => {
    expect(checkTimers('states.waiting', state([...timers]), { events })).toContain(problem);
  });
});
