import type { AuditTrailRepository } from './audit-trail.repository';
import type { CheckpointLedger } from './checkpoint-ledger.repository';

/**
 * The audit trail with its checkpoint part read from the checkpoint ledger: version 2 checkpoints
 * carry a `version` that the trail's own checkpoint query does not select, and keep their heads as
 * changes rather than one row per case, so the export (audit-export-lines.ts) must get both from
 * the ledger to list and prove heads in their leaf order. Everything else is the trail's own: the
 * view inherits from the trail object itself, so methods the trail gains later, and spies set on
 * it, carry through unchanged.
 */
export function withLedgerCheckpoints<T extends AuditTrailRepository>(
  trail: T,
  ledger: CheckpointLedger,
): T {
  const view = Object.create(trail) as T;
  const overrides: Pick<
    AuditTrailRepository,
    'latestCheckpoint' | 'checkpoints' | 'headsOf' | 'appendCheckpoint'
  > = {
    latestCheckpoint: () => ledger.latestCheckpoint(),
    checkpoints: () => ledger.checkpoints(),
    headsOf: (checkpointSeq) => ledger.headsOf(checkpointSeq),
    // Version 1 rows (one per case per checkpoint) must not be written any more.
    appendCheckpoint: () =>
      Promise.reject(
        new Error('checkpoints are written by CheckpointsService, through the checkpoint ledger'),
      ),
  };
  return Object.assign(view, overrides);
}
