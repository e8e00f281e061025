import type { AuditRecord } from '../../domain/audit/audit-record';
import type { ChainHead, Checkpoint } from '../../domain/audit/checkpoint';
import type { UnitPath } from '../../domain/org/scope';
import type { EventRow } from './audit-record-rows';

export const AUDIT_TRAIL_REPOSITORY = Symbol('AuditTrailRepository');

/** Which audit records an auditor asks for; every field narrows, none widens. */
export interface AuditEventFilter {
  /** Only cases in these subtrees; null = every case. */
  scopes: UnitPath[] | null;
  caseId?: string;
  /** The case's subject: a person, or a unit (as a collective subject). */
  subjectPersonId?: string;
  subjectUnitId?: string;
  actorUserId?: string;
  eventType?: string;
  /** The state the event led to. */
  toState?: string;
  /** ISO-8601 UTC, inclusive / exclusive. */
  from?: string;
  to?: string;
}

/** Keyset position in (occurred_at, case_id, seq) order. */
export interface EventCursor {
  at: string;
  caseId: string;
  seq: number;
}

/** Who looked at what, recorded for every auditor read. */
export interface AuditRead {
  id: string;
  at: string;
  userId: string;
  username: string;
  /** search, history, export, verify… */
  action: string;
  query: Record<string, unknown>;
  resultCount: number | null;
}

export interface AuditTrailRepository {
  /** Records matching the filter after the cursor, oldest first. */
  searchEvents(
    filter: AuditEventFilter,
    after: EventCursor | null,
    limit: number,
  ): Promise<AuditRecord[]>;
  /**
   * Every matching record in export order (case id in byte order, then seq), read in pages so
   * memory stays flat whatever the size.
   */
  streamEvents(filter: AuditEventFilter, pageSize?: number): AsyncGenerator<AuditRecord>;
  /**
   * The same records in the same order, a page of stored rows at a time: the export writes the
   * stored JSON text of payload and facts as it is, without parsing and re-serialising it.
   */
  streamEventRows(filter: AuditEventFilter, pageSize?: number): AsyncGenerator<EventRow[]>;
  countEvents(): Promise<number>;
  /** Every case's chain head as the audit records say (not the cases table). */
  chainHeads(): Promise<ChainHead[]>;
  latestCheckpoint(): Promise<Checkpoint | null>;
  checkpoints(): Promise<Checkpoint[]>;
  headsOf(checkpointSeq: number): Promise<ChainHead[]>;
  /** Appends the checkpoint and its heads in one transaction; false if that seq exists already. */
  appendCheckpoint(checkpoint: Checkpoint, heads: readonly ChainHead[]): Promise<boolean>;
  /** The hash of each case's record at the given seq (absent from the map: no such record). */
  hashesAt(positions: readonly { caseId: string; seq: number }[]): Promise<Map<string, string>>;
  existingCases(caseIds: readonly string[]): Promise<Set<string>>;
  recordRead(read: AuditRead): Promise<void>;
  readsBy(userId: string, limit: number): Promise<AuditRead[]>;
}
