import {
  canonicalPiecesOf,
  type AuditRecord,
  type RecordTexts,
} from '../../domain/audit/audit-record';

/** How an audit record is stored in `case_events`: shared by every repository that reads it. */
export const EVENT_COLUMNS = [
  'case_id',
  'seq',
  'occurred_at',
  'actor_user_id',
  'actor_username',
  'actor_role',
  'event_type',
  'payload_json',
  'facts_json',
  'from_state',
  'to_state',
  'workflow_id',
  'workflow_version',
  'workflow_hash',
  'prev_hash',
  'hash',
] as const;

export type EventRow = Record<(typeof EVENT_COLUMNS)[number], unknown>;

/**
 * The row of a record. The payload and facts are stored as their canonical JSON (the pieces seal()
 * hashed), so verifying a row needs no canonicalising (see sealedByStoredText); rows written
 * before hold JSON.stringify's text and still verify, the slower way.
 */
export function eventValues(record: AuditRecord): unknown[] {
  const texts = canonicalPiecesOf(record);
  return [
    record.caseId,
    record.seq,
    record.at,
    record.actor.userId,
    record.actor.username,
    record.actor.role,
    record.eventType,
    texts.payload,
    texts.facts,
    record.fromState,
    record.toState,
    record.workflow.id,
    record.workflow.version,
    record.workflow.hash,
    record.prevHash,
    record.hash,
  ];
}

export function toAuditRecord(row: EventRow): AuditRecord {
  return {
    caseId: String(row.case_id),
    seq: Number(row.seq),
    at: String(row.occurred_at),
    actor: {
      userId: String(row.actor_user_id),
      username: String(row.actor_username),
      role: String(row.actor_role),
    },
    eventType: String(row.event_type),
    payload: JSON.parse(String(row.payload_json)),
    ...(row.facts_json === null || row.facts_json === undefined
      ? {}
      : { facts: JSON.parse(String(row.facts_json)) as Record<string, unknown> }),
    fromState: row.from_state === null ? null : String(row.from_state),
    toState: String(row.to_state),
    workflow: {
      id: String(row.workflow_id),
      version: Number(row.workflow_version),
      hash: String(row.workflow_hash),
    },
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/**
 * The JSON text a row holds for its record's payload and facts: what toAuditRecord parsed, for
 * verifying the record without canonicalising (see verifyChain).
 */
export function storedTexts(row: EventRow): RecordTexts {
  return {
    payload: String(row.payload_json),
    facts: row.facts_json === null || row.facts_json === undefined ? null : String(row.facts_json),
  };
}
