import type { AuditRecord } from '../audit/audit-record';
import type { WorkflowRole } from '../roles';
import type { CaseContext, CaseEvent } from './case-event';
import type { CompiledWorkflow } from './compile-workflow';
import { WORKFLOW_MIGRATED } from './migration-plan';

/** The compiled workflow a record is pinned to (null: the one a case starts on, for no records). */
export type WorkflowResolver = (
  pin: { id: string; version: number; hash: string } | null,
) => CompiledWorkflow;

export interface Replay {
  state: string;
  context: CaseContext;
  final: boolean;
  /** The first record whose `toState` the machine does not reproduce, or null. */
  firstDriftSeq: number | null;
}

/**
 * Re-runs a case's recorded events through the workflow it is pinned to, from the initial state,
 * and says where the machine disagrees with the record. A WORKFLOW_MIGRATED record switches to the
 * version it names (pass a resolver when a case may have been migrated). Roles are not re-checked (they were
 * checked when the event was accepted, against grants that may since have changed); guards and
 * actions run again on the recorded payloads.
 */
export function replay(
  workflows: CompiledWorkflow | WorkflowResolver,
  records: readonly AuditRecord[],
): Replay {
  const resolve = typeof workflows === 'function' ? workflows : () => workflows;
  if (records.length === 0) {
    const { machine, scope } = resolve(null);
    const initial = machine.getInitialSnapshot(scope);
    return { state: String(initial.value), context: {}, final: false, firstDriftSeq: null };
  }
  let workflow = resolve(records[0].workflow);
  let snapshot = workflow.machine.getInitialSnapshot(workflow.scope);
  let firstDriftSeq: number | null =
    String(snapshot.value) !== records[0].toState ? records[0].seq : null;
  for (const record of records.slice(1)) {
    if (record.eventType === WORKFLOW_MIGRATED) {
      // The case continues on the new version, from the mapped state, with its context.
      if (firstDriftSeq === null && String(snapshot.value) !== record.fromState) {
        firstDriftSeq = record.seq;
      }
      workflow = resolve(record.workflow);
      snapshot = workflow.machine.resolveState({
        value: record.toState,
        context: snapshot.context,
      });
      continue;
    }
    const event: CaseEvent = {
      type: record.eventType,
      payload: record.payload,
      actor: {
        userId: record.actor.userId,
        username: record.actor.username,
        roles: [record.actor.role as WorkflowRole],
      },
      facts: record.facts ?? {},
    };
    // A refused event leaves the snapshot as it was, which could look like a self-transition.
    if (firstDriftSeq === null && !snapshot.can(event)) firstDriftSeq = record.seq;
    snapshot = workflow.machine.transition(snapshot, event, workflow.scope);
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
