import type { CaseTransaction } from './cases.repository';

export const OBJECTOR_IDENTITIES_REPOSITORY = Symbol('ObjectorIdentitiesRepository');

/**
 * Who filed one objection, kept apart from the case: readable by the secretariat and auditors only.
 * `commitment` = SHA-256 of the canonical JSON of `{ name, contact, nonce }`; `inRecord` says
 * whether the objection's audit record carries it (workflow versions whose payload has no place
 * for it do not).
 */
export interface ObjectorIdentity {
  caseId: string;
  /** The FILE_OBJECTION record's sequence number in the case's chain. */
  seq: number;
  name: string | null;
  contact: string | null;
  nonce: string;
  commitment: string;
  inRecord: boolean;
  filedAt: string;
}

export interface ObjectorIdentitiesRepository {
  /** Written in the transaction of the objection's own record: both commit, or neither. */
  insertIn(tx: CaseTransaction, identity: ObjectorIdentity): Promise<void>;
  /** A case's objectors, in the order of their records. */
  ofCase(caseId: string): Promise<ObjectorIdentity[]>;
}
