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
  deadline?: DeadlineSpec;
}

/**
 * How long a case may stay in a state, in working days. `event` (optional) is the event a scheduler
 * will raise when the time is up; it must be one the state handles.
 */
export interface DeadlineSpec {
  workingDays: number;
  event?: string;
  source?: string;
}

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
