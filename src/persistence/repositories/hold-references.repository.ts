import type { CaseTransaction } from './cases.repository';

export const HOLD_REFERENCES_REPOSITORY = Symbol('HoldReferencesRepository');

/**
 * What a hold's reference stands for (domain/workflow/hold-steps.ts holdReference): the violation
 * case and the nomination it holds, and the nonce of the commitment. Kept outside the case and its
 * history, for the readers who may read the violation case.
 */
export interface HoldReferenceRow {
  reference: string;
  nominationCaseId: string;
  violationCaseId: string;
  nonce: string;
  /** When the hold was placed (the server's clock). */
  createdAt: string;
}

export interface HoldReferencesRepository {
  /** Written in the transaction of the HOLD that carries the reference. */
  insertIn(tx: CaseTransaction, row: HoldReferenceRow): Promise<void>;
  /** The references a violation case has put on nominations, read in its own transaction. */
  ofViolationIn(tx: CaseTransaction, violationCaseId: string): Promise<HoldReferenceRow[]>;
  /** The references of the holds a nomination has had, oldest first. */
  ofNomination(nominationCaseId: string): Promise<HoldReferenceRow[]>;
}
