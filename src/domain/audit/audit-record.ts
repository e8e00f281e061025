import { canonicalJson, sha256Hex } from './canonical-json';

/**
 * One entry of a case's append-only history. `hash` is SHA-256 over the RFC 8785 canonical JSON of
 * every other field, `prevHash` links to the previous entry of the same case, so changing, removing
 * or reordering any entry breaks the chain from that point on.
 */
export interface AuditRecord {
  caseId: string;
  seq: number;
  /** ISO-8601 UTC with milliseconds, supplied by the caller: the domain has no clock. */
  at: string;
  actor: { userId: string; username: string; role: string };
  eventType: string;
  payload: Record<string, unknown>;
  /**
   * Facts the application supplied with the event (see CaseEvent.facts). Absent when the event
   * declared none; then it is also absent from the hashed content, so records written before
   * facts existed keep their hashes.
   */
  facts?: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  workflow: { id: string; version: number; hash: string };
  prevHash: string;
  hash: string;
}

export type UnsealedRecord = Omit<AuditRecord, 'hash'>;

/** prevHash of a case's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The event type of the record that opens every case (not a workflow event). */
export const CASE_OPENED = 'CASE_OPENED';

export function hashOf(record: UnsealedRecord): string {
  const { caseId, seq, at, actor, eventType, payload, facts, fromState, toState, workflow } =
    record;
  return sha256Hex(
    canonicalJson({
      caseId,
      seq,
      at,
      actor,
      eventType,
      payload,
      ...(facts === undefined ? {} : { facts }),
      fromState,
      toState,
      workflow,
      prevHash: record.prevHash,
    }),
  );
}

export function seal(record: UnsealedRecord): AuditRecord {
  const { facts, ...rest } = record;
  const sealed = facts === undefined ? rest : { ...rest, facts };
  return { ...sealed, hash: hashOf(sealed) };
}
