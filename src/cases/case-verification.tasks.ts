import type { AuditRecord } from '../domain/audit/audit-record';
import type { CaseVerification } from '../domain/audit/verify-case';
import type { ChainVerification } from '../domain/audit/verify-chain';
import type { StoredCase } from '../domain/cases/stored-case';
import type { EventRow } from '../persistence/repositories/audit-record-rows';
import { workerTask } from '../workers/worker-task';

/** One case's history, as parsed records or as its rows (then verified from the stored text). */
export type ChainVerificationInput =
  { caseId: string; records: AuditRecord[] } | { caseId: string; rows: EventRow[] };

export interface CaseVerificationInput {
  /** The folder the app loaded its workflow catalogue from (the worker loads it the same way). */
  workflowsDir: string;
  stored: StoredCase;
  records: AuditRecord[];
}

/** The verification, or the workflow version a record is pinned to that the folder lacks. */
export type CaseVerificationOutput =
  | { verification: CaseVerification }
  | { workflowNotFound: { message: string; details: Record<string, unknown> } };

/** Many cases at once, each with its rows as stored: what `thidua verify` hands a thread. */
export interface CaseBatchInput {
  workflowsDir: string;
  cases: { stored: StoredCase; rows: EventRow[] }[];
}

/** verifyChain in a worker thread: every hash of one case's history re-derived. */
export const VERIFY_CHAIN = workerTask<ChainVerificationInput, ChainVerification>(
  require.resolve('./chain-verification.worker'),
  'verifyCaseChain',
);

/** verifyCase in a worker thread: the chain, the row against its head, and the replay. */
export const VERIFY_CASE = workerTask<CaseVerificationInput, CaseVerificationOutput>(
  require.resolve('./case-verification.worker'),
  'verifyWholeCase',
);

/** verifyCase for a batch of cases in a worker thread, each from its rows; outputs in order. */
export const VERIFY_CASES = workerTask<CaseBatchInput, CaseVerificationOutput[]>(
  require.resolve('./case-verification.worker'),
  'verifyCaseBatch',
);
