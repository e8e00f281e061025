import type { Localized } from '../localized';
import type { Role, WorkflowRole } from '../roles';
import type { StateTag } from './state-tags';

/**
 * The on-disk format of `workflows/<id>.v<version>.json` (documented in workflows/README.md).
 * `machine` is an XState machine config restricted to what can be persisted and replayed: flat
 * states, `on` transitions with named guards and actions, no `after`, `always`, `invoke` or inline
 * code.
 */
export interface WorkflowDefinition {
  id: string;
  version: number;
  caseType: string;
  title: Localized;
  /** Legal or organisational sources the workflow implements. */
  sources: string[];
  /** Roles that may open a case of this workflow. */
  openRoles: Role[];
  /** JSON Schema of the `data` a case of this workflow is opened with (checked at opening). */
  dataSchema?: Record<string, unknown>;
  events: Record<string, EventSpec>;
  /** Who may read a case of this version; absent: every case-reading role in scope. */
  access?: CaseAccessSpec;
  machine: MachineConfig;
}

/**
 * A need-to-know workflow (violations: Regulation 22-QĐ/TW, the secrecy of a matter before it is
 * decided): only `readers` in scope read a case in full; the person it is about too when
 * `subjectReads`; `existenceReaders` in scope learn only that it exists and its state. Anyone else
 * is answered as if it did not exist. A case is read by the rule of the version it is pinned to.
 */
export interface CaseAccessSpec {
  readers: Role[];
  subjectReads?: boolean;
  existenceReaders?: Role[];
}

export interface EventSpec {
  label: Localized;
  roles: WorkflowRole[];
  /**
   * What the application must establish and hand to the guards with this event, by the name of a
   * fact provider a plug-in registers (start-up refuses a name no provider serves).
   */
  facts?: string[];
  /**
   * JSON Schema (draft-07) of the event's payload. Enforced on every event before any guard runs;
   * the top level refuses unknown keys, so no field a caller sends is silently dropped. Versions
   * published before payload schemas existed have none (and accept any payload).
   */
  payloadSchema?: Record<string, unknown>;
  /**
   * Legal dates the payload may carry (a decision signed on paper weeks ago), by payload path
   * (`announcedOn`, `decision.date`). Absent: today in Vietnam. Present: not in the future, not
   * before the case's earlier legal dates named in `notBefore`, within the rule set's limit.
   */
  legalDates?: Record<string, LegalDateSpec>;
  description?: string;
}

export interface LegalDateSpec {
  label: Localized;
  /**
   * Earlier legal dates of the case this one may not precede: paths into the case, `context.…`
   * (what earlier events recorded) or `data.…` (what the case was opened with), each with the
   * words a refusal names it by. A path with no value yet is skipped.
   */
  notBefore?: { path: string; label: Localized }[];
  /** Earlier dates this one must come strictly after (a decision after the notice has closed). */
  after?: { path: string; label: Localized }[];
}

export interface MachineConfig {
  initial: string;
  states: Record<string, StateConfig>;
}

export interface StateConfig {
  type?: 'final';
  description?: string;
  meta: StateMeta;
  on?: Record<string, TransitionConfig | TransitionConfig[]>;
}

export interface StateMeta {
  label: Localized;
  /** What the state means to readers outside this workflow (see state-tags.ts). */
  tags?: StateTag[];
  /**
   * The first published versions' single deadline (nomination v1), informative only: no scheduler
   * reads it. Later versions say what time does with `timers`.
   */
  deadline?: DeadlineSpec;
  /** What happens when time passes in this state (see timers.ts); scheduled on entry, cancelled on exit. */
  timers?: TimerSpec[];
}

/** The informative deadline of the earliest versions (working days, an event it names). */
export interface DeadlineSpec {
  workingDays: number;
  event?: string;
  source?: string;
}

/**
 * One timer of a state. It falls due on a day (`due`): the last day of a period counted from the day
 * the case entered the state, or a date the case itself records; it fires once that day has passed
 * in Vietnam. Firing sends `send` as the `system` actor (refused if no longer allowed: the timer is
 * then recorded as skipped), reminds the holders of `remind` and tells those of `escalate` that the
 * case is overdue. Legal and organisational durations are the rule set's `timeLimits`, by code:
 * a workflow file never carries the number.
 */
export interface TimerSpec {
  /** Unique within the state; with the case and the record that entered the state it names a firing. */
  name: string;
  label: Localized;
  due: TimerDue;
  send?: string;
  remind?: WorkflowRole[];
  escalate?: WorkflowRole[];
  source?: string;
}

export type TimerDue =
  /** The rule set's `timeLimits` entry with this code, counted from the day the state was entered. */
  | { timeLimit: string }
  /** A date the case records: `context.…` (set by earlier events) or `data.…` (set at opening). */
  | { at: string };

export interface TransitionConfig {
  target: string;
  /** A named guard, or several that must all pass. */
  guard?: string | string[];
  actions?: string[];
  description?: string;
}

export function transitionsOf(state: StateConfig, eventType: string): TransitionConfig[] {
  if (state.on === undefined || !Object.hasOwn(state.on, eventType)) return [];
  const config = state.on[eventType];
  return Array.isArray(config) ? config : [config];
}

export function guardNames(transition: TransitionConfig): string[] {
  if (transition.guard === undefined) return [];
  return Array.isArray(transition.guard) ? transition.guard : [transition.guard];
}
