import type { Localized } from '../localized';
import type { Role, WorkflowRole } from '../roles';
import type { EventFactName } from './event-facts';

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
  machine: MachineConfig;
}

export interface EventSpec {
  label: Localized;
  roles: WorkflowRole[];
  /** What the application must establish and hand to the guards with this event. */
  facts?: EventFactName[];
  description?: string;
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
