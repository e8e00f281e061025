import type { ChainVerification } from '../../domain/audit/verify-chain';

export const CHAIN_VERIFICATIONS_REPOSITORY = Symbol('ChainVerificationsRepository');

/** The last full check of one case's hash chain, and the head it was made at. */
export interface StoredChainVerification {
  caseId: string;
  /** The case row's head (version and head hash) when its records were read and checked. */
  head: { seq: number; hash: string };
  result: ChainVerification;
  verifiedAt: string;
}

/**
 * Stored chain checks (a cache of what the audit log proves): read while a case's head has not
 * moved, so a public page does not re-hash a whole chain on every request.
 */
export interface ChainVerificationsRepository {
  /** One indexed read. */
  find(caseId: string): Promise<StoredChainVerification | null>;
  /**
   * Stores the check as the case's, unless one made at a later head is stored already (two
   * instances checking at once: the newer head wins, whichever finishes last).
   */
  save(verification: StoredChainVerification): Promise<void>;
  /** Checks made before `before`, oldest first. */
  madeBefore(before: string, limit: number): Promise<StoredChainVerification[]>;
  /**
   * Marks a stored check as being redone at `claimedAt`, if it is still the one read (made at
   * `verifiedAt`): true for exactly one of several instances claiming it at once.
   */
  claim(caseId: string, verifiedAt: string, claimedAt: string): Promise<boolean>;
}
