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

/**
 * The JSON text of a record's payload and facts (null: the record has no facts). New rows store
 * the canonical text, so that a record's hashed text can be put together from its row (see
 * sealedByStoredText) instead of canonicalising the payload and facts again; older rows hold
 * JSON.stringify's.
 */
export interface RecordTexts {
  payload: string;
  facts: string | null;
}

/** prevHash of a case's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The event type of the record that opens every case (not a workflow event). */
export const CASE_OPENED = 'CASE_OPENED';

export function hashOf(record: UnsealedRecord): string {
  return sha256Hex(hashedText(record));
}

export function seal(record: UnsealedRecord): AuditRecord {
  const { facts, ...rest } = record;
  const unsealed: UnsealedRecord = facts === undefined ? rest : { ...rest, facts };
  if (!hasPlainShape(unsealed)) return { ...unsealed, hash: sha256Hex(hashedText(unsealed)) };
  // The payload and facts are canonicalised once, for the hash and for the row alike.
  const pieces = piecesOf(unsealed);
  const sealed: AuditRecord = { ...unsealed, hash: sha256Hex(assembledText(unsealed, pieces)) };
  sealedPieces.set(sealed, pieces);
  return sealed;
}

/**
 * The canonical JSON of everything a record's hash covers: the text its hash is the SHA-256 of.
 * For a record seal() made in this process, from the pieces it kept.
 */
export function hashedContentText(record: UnsealedRecord): string {
  const kept = sealedPieces.get(record as AuditRecord);
  return kept !== undefined ? assembledText(record, kept) : hashedText(record);
}

/**
 * The canonical text of the payload and facts a record was sealed with by seal() in this process
 * (its row stores them as they are), or canonicalised now for a record from elsewhere.
 */
export function canonicalPiecesOf(record: AuditRecord): RecordTexts {
  return sealedPieces.get(record) ?? piecesOf(record);
}

/**
 * Whether the record, whose payload and facts were parsed from `stored` (its row's JSON text), is
 * exactly what was sealed: SHA-256 over the hashed text put together from the row's own fields and
 * that stored text, compared with the record's hash, with no canonicalising. Rows written with
 * canonical text (every row since it was introduced) pass; false says only "not proved this
 * way" (an older row stored with JSON.stringify's key order, or a tampered one), and the caller
 * must then decide by hashOf, which stays the authority.
 *
 * Why equal hashes prove the row: the put-together text differs from the canonical JSON of the
 * parsed record only where a stored text is not canonical, in which case no sealed text has that
 * hash. And because the stored texts parsed on their own (the caller did so), each is one whole
 * JSON value, so the spliced text cannot be cut differently from the one that was sealed. So for
 * every hash seal() gave, this and hashOf agree. They can differ only for a hash someone else
 * recomputed over non-canonical text (true here, false there), just as both say true for one
 * recomputed over canonical text: such a rewrite is caught by the next record's link, the case's
 * head and the checkpoints, which the content hash alone never could.
 */
export function sealedByStoredText(record: AuditRecord, stored: RecordTexts): boolean {
  if ((stored.facts === null) !== (record.facts === undefined)) return false;
  if (!hasPlainShape(record)) return false;
  return sha256Hex(assembledText(record, stored)) === record.hash;
}

/** Keeps seal()'s canonical pieces for the repository that stores the record: no second pass. */
const sealedPieces = new WeakMap<AuditRecord, RecordTexts>();

function piecesOf(record: UnsealedRecord): RecordTexts {
  return {
    payload: canonicalJson(record.payload),
    facts: record.facts === undefined ? null : canonicalJson(record.facts),
  };
}

/** The canonical JSON of everything a record's hash covers. */
function hashedText(record: UnsealedRecord): string {
  if (hasPlainShape(record)) return assembledText(record, piecesOf(record));
  // Anything unusual (a field of another type, a missing one, extra keys in the actor, as a
  // hand-edited export line may have): the general serialiser decides, as it always did.
  const { caseId, seq, at, actor, eventType, payload, facts, fromState, toState, workflow } =
    record;
  return canonicalJson({
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
  });
}

const quoted = JSON.stringify;

/**
 * The canonical JSON of the hashed content, put together directly: keys in JCS order (actor
 * {role, userId, username}, at, caseId, eventType, facts?, fromState, payload, prevHash, seq,
 * toState, workflow {hash, id, version}); JSON.stringify writes strings and safe integers exactly
 * as JCS does. Only for records of the plain shape (hasPlainShape).
 */
function assembledText(record: UnsealedRecord, pieces: RecordTexts): string {
  const { actor, workflow } = record;
  return (
    `{"actor":{"role":${quoted(actor.role)},"userId":${quoted(actor.userId)},` +
    `"username":${quoted(actor.username)}},"at":${quoted(record.at)},` +
    `"caseId":${quoted(record.caseId)},"eventType":${quoted(record.eventType)},` +
    (pieces.facts === null ? '' : `"facts":${pieces.facts},`) +
    `"fromState":${quoted(record.fromState)},"payload":${pieces.payload},` +
    `"prevHash":${quoted(record.prevHash)},"seq":${record.seq},"toState":${quoted(record.toState)},` +
    `"workflow":{"hash":${quoted(workflow.hash)},"id":${quoted(workflow.id)},` +
    `"version":${workflow.version}}}`
  );
}

/**
 * Every hashed field present with the type the record type says, the actor and the workflow plain
 * objects with exactly their three keys, a payload (and facts, if any) JSON can hold: then
 * assembledText is the canonical JSON.
 */
function hasPlainShape(record: UnsealedRecord): boolean {
  const { actor, workflow } = record as Partial<UnsealedRecord>;
  return (
    isJsonValue(record.payload) &&
    (record.facts === undefined || isJsonValue(record.facts)) &&
    typeof record.caseId === 'string' &&
    Number.isSafeInteger(record.seq) &&
    typeof record.at === 'string' &&
    typeof record.eventType === 'string' &&
    (record.fromState === null || typeof record.fromState === 'string') &&
    typeof record.toState === 'string' &&
    typeof record.prevHash === 'string' &&
    isPlainTriple(actor, 'userId', 'username', 'role') &&
    typeof actor.userId === 'string' &&
    typeof actor.username === 'string' &&
    typeof actor.role === 'string' &&
    isPlainTriple(workflow, 'id', 'version', 'hash') &&
    typeof workflow.id === 'string' &&
    Number.isSafeInteger(workflow.version) &&
    typeof workflow.hash === 'string'
  );
}

/** Not something JSON drops or cannot write (canonicalJson refuses the rest itself). */
function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainTriple<K extends string>(
  value: unknown,
  ...keys: [K, K, K]
): value is Record<K, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const own = Object.keys(value);
  return own.length === 3 && keys.every((key) => Object.hasOwn(value, key));
}
