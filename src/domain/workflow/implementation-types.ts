import type { Localized } from '../localized';
import type { CaseContext, CaseEvent } from './case-event';

/**
 * Guards and actions referenced by name from workflow files. Implemented once here; a workflow that
 * names anything else is refused at start-up.
 */
export interface GuardImplementation {
  description: Localized;
  /** Said to the user when the guard refuses the event. */
  refusal: Localized;
  /** The refusal for this event, when it can say more (which case holds the nomination). */
  refusalFor?(args: { context: CaseContext; event: CaseEvent }): Localized;
  check(args: { context: CaseContext; event: CaseEvent }): boolean;
}

export interface ActionImplementation {
  description: Localized;
  /** Pure: returns the context fields to merge. */
  assign(args: { context: CaseContext; event: CaseEvent }): CaseContext;
}
