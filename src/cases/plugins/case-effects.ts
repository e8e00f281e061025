import { Injectable } from '@nestjs/common';
import type { AuditRecord } from '../../domain/audit/audit-record';
import type { StoredCase } from '../../domain/cases/stored-case';
import type { EventFacts } from '../../domain/workflow/case-event';
import type { CompiledWorkflow } from '../../domain/workflow/compile-workflow';
import type { StateTag } from '../../domain/workflow/state-tags';
import type { CaseTransaction } from '../../persistence/repositories/cases.repository';

/** One accepted event, as effects see it: the case before and after, and the record that says why. */
export interface AcceptedTransition {
  /** null when the event opened the case. */
  before: StoredCase | null;
  after: StoredCase;
  record: AuditRecord;
  /** The facts the event was judged with (also in the record). */
  facts: EventFacts;
  workflow: CompiledWorkflow;
}

/** What an effect may do inside the transaction of the event that triggered it. */
export interface EffectContext {
  tx: CaseTransaction;
  /**
   * Appends an event to another case as the `system` actor, in this same transaction, with its
   * own audit record; that event's effects run too. A refusal rolls back everything, the
   * triggering event included. `facts` are what the effect establishes itself: a system event
   * sent here cannot have facts read for it (the transaction already holds the write lock).
   */
  sendSystemEvent(
    caseId: string,
    type: string,
    payload?: Record<string, unknown>,
    facts?: EventFacts,
  ): Promise<StoredCase>;
}

/**
 * Work that follows an accepted event in the same transaction: a certificate row, a deadline
 * scheduled or cancelled, a notification into the outbox, a hold put on another case. It commits
 * with the state change and its audit record, or not at all. Plug-ins register their effects at
 * start-up; an effect decides from the transition (state tags, facts) whether it applies, never
 * from state names.
 */
export interface CaseEffect {
  readonly name: string;
  appliesTo(transition: AcceptedTransition): boolean;
  apply(transition: AcceptedTransition, context: EffectContext): Promise<void>;
}

/** The engine's registry of effects, run in registration order. */
@Injectable()
export class CaseEffects {
  private readonly effects: CaseEffect[] = [];

  register(...effects: CaseEffect[]): void {
    for (const effect of effects) {
      if (this.effects.some((e) => e.name === effect.name)) {
        throw new Error(`Two effects named "${effect.name}"`);
      }
      this.effects.push(effect);
    }
  }

  for(transition: AcceptedTransition): CaseEffect[] {
    return this.effects.filter((effect) => effect.appliesTo(transition));
  }
}

/** Whether an event moved the case into a state carrying the tag (it was not there before). */
export function entered(transition: AcceptedTransition, tag: StateTag): boolean {
  const { workflow, record } = transition;
  return (
    workflow.tagsOf(record.toState).includes(tag) &&
    (record.fromState === null || !workflow.tagsOf(record.fromState).includes(tag))
  );
}
