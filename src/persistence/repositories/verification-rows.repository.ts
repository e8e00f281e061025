import { Database } from '../database';
import { param } from '../sql';
import { EVENT_COLUMNS, type EventRow } from './audit-record-rows';

/**
 * Audit records as their rows hold them, for verification: the payload and facts stay the stored
 * JSON text (the verifier hashes that text, see sealedByStoredText), and a whole page of cases is
 * read in one query instead of one per case.
 */
export class VerificationRowsRepository {
  constructor(private readonly database: Database) {}

  /** Every record of these cases, by case then seq. */
  rowsOfCases(caseIds: readonly string[]): Promise<EventRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    const { dialect } = this.database;
    const list = caseIds.map((_, index) => param(dialect, index + 1)).join(', ');
    return this.database.read((manager) =>
      manager.query(
        `SELECT ${EVENT_COLUMNS.join(', ')} FROM case_events WHERE case_id IN (${list}) ` +
          'ORDER BY case_id, seq',
        [...caseIds],
      ),
    );
  }
}
