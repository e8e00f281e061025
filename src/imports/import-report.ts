import type { RowProblem } from './row-checks';

/** What an import did, as its job reports it once done. */
export interface ImportReport {
  created: number;
  updated: number;
  /** Rows that match the registry already. */
  unchanged: number;
  /** Rows left out because they have errors (only with skipInvalid). */
  skipped: number;
  /** The bad rows by line, in file order; the first `maxListedErrors` of them. */
  errors: RowProblem[];
  /** How many problems were found, listed or not. */
  errorCount: number;
}
