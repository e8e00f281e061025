import { verifyChain, type ChainVerification } from '../domain/audit/verify-chain';
import { storedTexts, toAuditRecord } from '../persistence/repositories/audit-record-rows';
import type { ChainVerificationInput } from './case-verification.tasks';

/**
 * Runs in a worker thread (see VERIFY_CHAIN): re-deriving every hash of a long history costs CPU
 * in proportion to its length. Kept apart from the whole-case verification so a thread that only
 * hashes loads only the hashing (no workflow definitions, no XState).
 */
export async function verifyCaseChain(input: ChainVerificationInput): Promise<ChainVerification> {
  if ('records' in input) return verifyChain(input.caseId, input.records);
  return verifyChain(input.caseId, input.rows.map(toAuditRecord), input.rows.map(storedTexts));
}
