import type { EligibilityLine } from '../../domain/rules/eligibility-types';
import type { CaseTransaction } from './cases.repository';

export const SEALED_ELIGIBILITY_LINES_REPOSITORY = Symbol('SealedEligibilityLinesRepository');

/**
 * An eligibility line as the evaluation wrote it, before the audit record replaced it with a
 * commitment because it describes violation cases (`sourceCaseIds`) that some readers of the
 * nomination may not read. `commitment` = SHA-256 of the canonical JSON of `{ line, nonce }`.
 */
export interface SealedEligibilityLine {
  caseId: string;
  /** The record whose eligibility fact holds the commitment. */
  seq: number;
  /** The line's position in that fact's lines. */
  lineIndex: number;
  rule: string;
  commitment: string;
  nonce: string;
  line: EligibilityLine;
  sourceCaseIds: string[];
}

export interface SealedEligibilityLinesRepository {
  /** Written in the transaction of the record that carries their commitments. */
  insertIn(tx: CaseTransaction, lines: readonly SealedEligibilityLine[]): Promise<void>;
  /** A case's sealed lines, by record and position. */
  ofCase(caseId: string): Promise<SealedEligibilityLine[]>;
}
