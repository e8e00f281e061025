import { initialTransition, transition } from 'xstate';
import type { AuditRecord } from '../audit/audit-record';
import type { Role } from '../roles';
import type { CaseContext, CaseEvent } from './case-event';
import type { CompiledWorkflow } from './compile-workflow';

export interface Replay {
  state: string;
  context: CaseContext;
  final: boolean;
  /** The first record whose `toState` the machine does not reproduce, or null. */
  firstDriftSeq: number | null;
}

/**
 * Re-runs a case's recorded events through the workflow it is pinned to, from the initial state,
 * and says where the machine disagrees with the record. Roles are not re-checked (they were
 * checked when the event was accepted, against grants that may since have changed); guards and
 * actions run again on the recorded payloads.
 */
export function replay(workflow: CompiledWorkflow, records: readonly AuditRecord[]): Replay {
  let [snapshot] = initialTransition(workflow.machine);
  let firstDriftSeq: number | null =
    records.length > 0 && String(snapshot.value) !== records[0].toState ? records[0].seq : null;
  for (const record of records.slice(1)) {
    const event: CaseEvent = {
      type: record.eventType,
      payload: record.payload,
      actor: {
        userId: record.actor.userId,
        username: record.actor.username,
        roles: [record.actor.role as Role],
      },
    };
    [snapshot] = transition(workflow.machine, snapshot, event);
    if (firstDriftSeq === null && String(snapshot.value) !== record.toState) {
      firstDriftSeq = record.seq;
    }
  }
  return {
    state: String(snapshot.value),
    context: snapshot.context as CaseContext,
    final: snapshot.status === 'done',
    firstDriftSeq,
  };
}
