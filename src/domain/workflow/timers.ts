import { CalendarYearNotCoveredError } from '../calendar/calendar-errors';
import type { IsoDate } from '../calendar/calendar-definition';
import { addDays, isIsoDate } from '../calendar/iso-date';
import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { Localized } from '../localized';
import { isRole, SUBJECT_ROLE, SYSTEM_ROLE } from '../roles';
import type { RuleSet, TimeLimit } from '../rules/rule-set';
import { addMonths } from '../rules/eligibility-text';
import {
  transitionsOf,
  type StateConfig,
  type TimerSpec,
  type WorkflowDefinition,
} from './definition';

/**
 * Timers: what time does to a case (workflows/README.md, "Timers"). XState's `after` delays are not
 * restored from persisted snapshots, so a state's timers are rows the engine writes when a case
 * enters the state and cancels when it leaves, fired by a scheduler as ordinary, audited events.
 * This module is the pure part: which timers a state has, the day each falls due, and the instant
 * it fires.
 */

/** The timers of a state (none when the state declares none). */
export function timersOf(definition: WorkflowDefinition, state: string): TimerSpec[] {
  const config = Object.hasOwn(definition.machine.states, state)
    ? definition.machine.states[state]
    : undefined;
  return config?.meta.timers ?? [];
}

/** What a timer's due day is computed from. */
export interface TimerBasis {
  /** The day in Vietnam the case entered the state (periods count from it, not including it). */
  enteredOn: IsoDate;
  context: Record<string, unknown>;
  data: Record<string, unknown>;
  /** The rule set in force on `enteredOn`. */
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
}

/** Why a due day could not be computed: the timer is kept as failed and admins are alerted. */
export type TimerProblem = 'calendar_year_missing' | 'time_limit_missing' | 'date_missing';

export type TimerDueDay =
  | { ok: true; dueOn: IsoDate; timeLimit?: TimeLimit }
  | { ok: false; problem: TimerProblem; message: Localized };

/**
 * The last day of the timer's period: the rule set's time limit counted from the day the state was
 * entered (working days by the holiday calendar), or the date the case records at `at`.
 */
export function dueDayOf(timer: TimerSpec, basis: TimerBasis): TimerDueDay {
  const { due } = timer;
  if ('at' in due) {
    const value = valueAt(due.at, basis);
    if (isIsoDate(value)) return { ok: true, dueOn: value };
    return {
      ok: false,
      problem: 'date_missing',
      message: {
        vi: `Hồ sơ không có ngày tại ${due.at} để tính hạn "${timer.label.vi}".`,
        en: `The case records no date at ${due.at} for "${timer.label.en}".`,
      },
    };
  }
  const limit = basis.ruleSet.timeLimits?.find((l) => l.code === due.timeLimit);
  if (limit === undefined) {
    return {
      ok: false,
      problem: 'time_limit_missing',
      message: {
        vi: `Bộ quy tắc ${basis.ruleSet.id} phiên bản ${basis.ruleSet.version} không có thời hạn "${due.timeLimit}".`,
        en: `Rule set ${basis.ruleSet.id} version ${basis.ruleSet.version} has no time limit "${due.timeLimit}".`,
      },
    };
  }
  try {
    return {
      ok: true,
      dueOn: endOfPeriod(basis.enteredOn, limit, basis.calendar),
      timeLimit: limit,
    };
  } catch (error) {
    if (!(error instanceof CalendarYearNotCoveredError)) throw error;
    return {
      ok: false,
      problem: 'calendar_year_missing',
      message: {
        vi: `Lịch ngày nghỉ chưa có năm ${error.year}: không tính được hạn "${timer.label.vi}". Quản trị viên cần bổ sung lịch năm ${error.year}.`,
        en: `The holiday calendar has no ${error.year}: "${timer.label.en}" cannot be computed. An administrator must add ${error.year} to the calendar.`,
      },
    };
  }
}

function endOfPeriod(start: IsoDate, limit: TimeLimit, calendar: WorkingDayCalendar): IsoDate {
  switch (limit.kind) {
    case 'working_days':
      return addWorkingDays(start, limit.value, calendar);
    case 'days':
      return addDays(start, limit.value);
    case 'months':
      return addMonths(start, limit.value);
  }
}

function valueAt(path: string, basis: TimerBasis): unknown {
  const [root, ...keys] = path.split('.');
  let value: unknown = root === 'data' ? basis.data : basis.context;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Vietnam is UTC+7 all year: its midnight is 17:00 UTC the day before. */
const VIETNAM_OFFSET = '+07:00';

/**
 * The instant a timer fires: the start (in Vietnam) of the day after its due day, since "within N
 * days" leaves the whole of the last day to act.
 */
export function firesAt(dueOn: IsoDate): string {
  return new Date(`${addDays(dueOn, 1)}T00:00:00${VIETNAM_OFFSET}`).toISOString();
}

/** Every time-limit code the workflow's timers name (checked against the rule sets at start-up). */
export function timeLimitCodesOf(definition: WorkflowDefinition): string[] {
  const codes = new Set<string>();
  for (const state of Object.values(definition.machine.states)) {
    for (const timer of state.meta.timers ?? []) {
      if ('timeLimit' in timer.due) codes.add(timer.due.timeLimit);
    }
  }
  return [...codes];
}

/** The facts a timer's event may declare: the scheduler supplies the day it fires. */
const TIMER_FACTS: readonly string[] = ['today'];

/**
 * The loader's checks on a state's timers that a schema cannot make: names unique in the state; a
 * timer does something; the event it sends is handled in the state, sent by `system` only and
 * declares no fact but `today`;
 * reminded and escalated roles are grantable roles (or the case's subject).
 */
export function checkTimers(
  where: string,
  state: StateConfig,
  definition: Pick<WorkflowDefinition, 'events'>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, timer] of (state.meta.timers ?? []).entries()) {
    const at = `${where}.meta.timers[${index}]`;
    if (seen.has(timer.name)) problems.push(`${at}: duplicate timer name "${timer.name}"`);
    seen.add(timer.name);
    if (!timer.send && !timer.remind?.length && !timer.escalate?.length) {
      problems.push(`${at}: does nothing (no "send", "remind" or "escalate")`);
    }
    if (timer.send !== undefined) {
      if (transitionsOf(state, timer.send).length === 0) {
        problems.push(`${at}.send: "${timer.send}" is not handled in this state`);
      }
      const roles = Object.hasOwn(definition.events, timer.send)
        ? definition.events[timer.send].roles
        : [];
      if (!roles.includes(SYSTEM_ROLE)) {
        problems.push(`${at}.send: "${timer.send}" must be an event of the "${SYSTEM_ROLE}" role`);
      }
      // The scheduler sends it holding the case's lock, where no fact can be read; it supplies today.
      const facts = Object.hasOwn(definition.events, timer.send)
        ? (definition.events[timer.send].facts ?? [])
        : [];
      const unreadable = facts.filter((fact) => !TIMER_FACTS.includes(fact));
      if (unreadable.length > 0) {
        problems.push(
          `${at}.send: "${timer.send}" declares facts a timer cannot establish (${unreadable.join(', ')}); only ${TIMER_FACTS.join(', ')}`,
        );
      }
    }
    for (const [list, roles] of [
      ['remind', timer.remind ?? []],
      ['escalate', timer.escalate ?? []],
    ] as const) {
      for (const role of roles) {
        if (!isRole(role) && role !== SUBJECT_ROLE) {
          problems.push(`${at}.${list}: "${role}" is not a role that can be told`);
        }
      }
    }
  }
  return problems;
}

/**
 * Start-up's cross-check: every time limit a published workflow names exists in the newest rule
 * set (older rule sets may lack it; a case then keeps a failed timer and admins are alerted).
 */
export function unknownTimeLimits(
  definitions: readonly WorkflowDefinition[],
  newestRuleSet: RuleSet,
): string[] {
  const known = new Set((newestRuleSet.timeLimits ?? []).map((l) => l.code));
  return definitions.flatMap((definition) =>
    timeLimitCodesOf(definition)
      .filter((code) => !known.has(code))
      .map(
        (code) =>
          `${definition.id} v${definition.version}: timer time limit "${code}" is not in rule set ` +
          `${newestRuleSet.id} v${newestRuleSet.version} (timeLimits)`,
      ),
  );
}
