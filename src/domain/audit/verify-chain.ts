import {
  GENESIS_HASH,
  hashOf,
  sealedByStoredText,
  type AuditRecord,
  type RecordTexts,
} from './audit-record';

export type ChainProblem = 'SEQUENCE_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' | 'WRONG_CASE';

export interface ChainVerification {
  ok: boolean;
  /** How many records were found sound before the first problem (all of them when ok). */
  checked: number;
  firstBadSeq: number | null;
  problem: ChainProblem | null;
}

/**
 * Re-derives every hash of one case's history, in sequence order as stored, and names the first
 * record that does not fit: a gap or reordering, a broken link, or content that no longer matches
 * its hash.
 *
 * `texts[i]`, when given, is the JSON text records[i]'s payload and facts were parsed from (its
 * row's): a record whose hash is that of its stored text is proved without canonicalising (see
 * sealedByStoredText); any other is decided by hashOf as before.
 */
export function verifyChain(
  caseId: string,
  records: readonly AuditRecord[],
  texts?: readonly RecordTexts[],
): ChainVerification {
  let expectedPrev = GENESIS_HASH;
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    const expectedSeq = index + 1;
    const fail = (problem: ChainProblem): ChainVerification => ({
      ok: false,
      checked: index,
      firstBadSeq: expectedSeq,
      problem,
    });
    if (record.caseId !== caseId) return fail('WRONG_CASE');
    if (record.seq !== expectedSeq) return fail('SEQUENCE_GAP');
    if (record.prevHash !== expectedPrev) return fail('PREV_HASH_MISMATCH');
    const stored = texts?.[index];
    const sealed =
      (stored !== undefined && sealedByStoredText(record, stored)) ||
      hashOf(record) === record.hash;
    if (!sealed) return fail('HASH_MISMATCH');
    expectedPrev = record.hash;
  }
  return { ok: true, checked: records.length, firstBadSeq: null, problem: null };
}
