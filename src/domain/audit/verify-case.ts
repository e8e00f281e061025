import { canonicalJson } from './canonical-json';
import type { AuditRecord, RecordTexts } from './audit-record';
import { verifyChain, type ChainVerification } from './verify-chain';
import type { StoredCase } from '../cases/stored-case';
import { WORKFLOW_MIGRATED } from '../workflow/migration-plan';
import { replay, type WorkflowResolver } from '../workflow/replay';

export interface CaseVerification extends Omit<ChainVerification, 'problem'> {
  problem:
    | ChainVerification['problem']
    | 'MISSING_RECORDS'
    | 'HEAD_MISMATCH'
    | 'WORKFLOW_MISMATCH'
    | 'REPLAY_DRIFT'
    | 'CASE_ROW_MISMATCH';
}

/**
 * Whether a case row says what its history says: the hash chain holds, the head is the row's, every
 * record is pinned to the version the case was on, the opening record names the row's subject,
 * unit and data, and replaying the records through their workflows reproduces the row's state and
 * context. Pure: the API and the command line read the row and the records, and both call this.
 * `texts`: the stored JSON text of each record's payload and facts, when the caller has it (see
 * verifyChain).
 */
export function verifyCase(
  stored: StoredCase,
  records: readonly AuditRecord[],
  workflows: WorkflowResolver,
  texts?: readonly RecordTexts[],
): CaseVerification {
  const chain = verifyChain(stored.id, records, texts);
  if (!chain.ok) return chain;
  const fail = (firstBadSeq: number, problem: CaseVerification['problem']): CaseVerification => ({
    ok: false,
    checked: records.length,
    firstBadSeq,
    problem,
  });
  if (records.length < stored.version) return fail(records.length + 1, 'MISSING_RECORDS');
  const head = records[records.length - 1];
  if (head.seq !== stored.version || head.hash !== stored.headHash) {
    return fail(head.seq, 'HEAD_MISMATCH');
  }
  const pinProblem = firstPinProblem(records, stored.workflow);
  if (pinProblem !== null) return fail(pinProblem, 'WORKFLOW_MISMATCH');
  if (!openingMatches(stored, records[0])) return fail(1, 'CASE_ROW_MISMATCH');
  const replayed = replay(workflows, records);
  if (replayed.firstDriftSeq !== null) return fail(replayed.firstDriftSeq, 'REPLAY_DRIFT');
  if (
    replayed.state !== stored.state ||
    replayed.final !== stored.closed ||
    canonicalJson(replayed.context) !== canonicalJson(stored.context)
  ) {
    return fail(head.seq, 'CASE_ROW_MISMATCH');
  }
  return chain;
}

/** The row's subject, unit and data must be what the opening record (covered by the hashes) says. */
function openingMatches(stored: StoredCase, opening: AuditRecord): boolean {
  const { subject, data } = opening.payload as { subject?: StoredCase['subject']; data?: unknown };
  if (!subject) return false;
  const unitId = subject.kind === 'person' ? subject.unitId : subject.id;
  const subjectPersonId = subject.kind === 'person' ? subject.id : null;
  return (
    canonicalJson(subject) === canonicalJson(stored.subject) &&
    canonicalJson(data ?? {}) === canonicalJson(stored.data) &&
    stored.unitId === unitId &&
    stored.subjectPersonId === subjectPersonId
  );
}

/**
 * Every record must be pinned to the workflow version the case was on when it was written: the
 * opening one, then the one each WORKFLOW_MIGRATED record moved it to; the last is the row's.
 * Returns the first record that is not, or null.
 */
function firstPinProblem(
  records: readonly AuditRecord[],
  current: StoredCase['workflow'],
): number | null {
  let pin = pinText(records[0]?.workflow ?? current);
  for (const record of records) {
    if (record.eventType === WORKFLOW_MIGRATED) {
      const { from, to } = record.payload as { from?: unknown; to?: unknown };
      if (pinText(from ?? null) !== pin || pinText(to ?? null) !== pinText(record.workflow)) {
        return record.seq;
      }
      pin = pinText(record.workflow);
    } else if (pinText(record.workflow) !== pin) {
      return record.seq;
    }
  }
  return pin === pinText(current) ? null : (records[records.length - 1]?.seq ?? 1);
}

/**
 * canonicalJson of a workflow pin, written directly for the usual { id, version, hash } (read
 * from a row: not in key order, so canonicalJson would sort it for every record of every case).
 */
function pinText(pin: unknown): string {
  const { id, version, hash } = (pin ?? {}) as { id?: unknown; version?: unknown; hash?: unknown };
  const plain =
    typeof pin === 'object' &&
    pin !== null &&
    Object.getPrototypeOf(pin) === Object.prototype &&
    Object.keys(pin).length === 3 &&
    typeof id === 'string' &&
    typeof hash === 'string' &&
    Number.isFinite(version) &&
    Object.hasOwn(pin, 'id') &&
    Object.hasOwn(pin, 'version') &&
    Object.hasOwn(pin, 'hash');
  return plain ? JSON.stringify({ hash, id, version }) : canonicalJson(pin);
}
