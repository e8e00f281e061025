import type { AuditRecord } from '../domain/audit/audit-record';
import type { CaseVerification } from '../domain/audit/verify-case';
import type { ChainVerification } from '../domain/audit/verify-chain';
import type { StoredCase } from '../domain/cases/stored-case';
import { workerTask } from '../workers/worker-task';

export interface ChainVerificationInput {
  caseId: string;
  records: AuditRecord[];
}

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
