import type { ActorFacts } from '../roles';

/** What a case's machine receives: the event plus the facts guards may need, never a lookup. */
export interface CaseEvent {
  type: string;
  payload: Record<string, unknown>;
  actor: ActorFacts;
}

/** The part of a case the machine owns: its state and the context its actions have recorded. */
export interface CaseSnapshot {
  state: string;
  context: CaseContext;
}

export type CaseContext = Record<string, unknown>;
