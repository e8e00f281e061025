import type { ActorFacts } from '../roles';

/** What a case's machine receives: the event plus the facts guards may need, never a lookup. */
export interface CaseEvent {
  type: string;
  payload: Record<string, unknown>;
  actor: ActorFacts;
  /**
   * What the application established for this event and the workflow declared it needs (the
   * eligibility result, today's date, an allocated decision number…). Recorded in the audit record,
   * so a replay sees exactly what the guards saw.
   */
  facts: EventFacts;
}

export type EventFacts = Record<string, unknown>;

/** The part of a case the machine owns: its state and the context its actions have recorded. */
export interface CaseSnapshot {
  state: string;
  context: CaseContext;
}

export type CaseContext = Record<string, unknown>;
