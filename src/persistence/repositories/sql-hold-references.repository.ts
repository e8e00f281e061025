import { Database } from '../database';
import { param, placeholders } from '../sql';
import type { CaseTransaction } from './cases.repository';
import { dialectOf, sqlManagerOf } from './case-transaction-sql';
import type { HoldReferenceRow, HoldReferencesRepository } from './hold-references.repository';

const COLUMNS = 'reference, nomination_case_id, violation_case_id, nonce, created_at';

interface Row {
  reference: string;
  nomination_case_id: string;
  violation_case_id: string;
  nonce: string;
  created_at: string;
}

export class SqlHoldReferencesRepository implements HoldReferencesRepository {
  constructor(private readonly database: Database) {}

  async insertIn(tx: CaseTransaction, row: HoldReferenceRow): Promise<void> {
    const manager = sqlManagerOf(tx);
    await manager.query(
      `INSERT INTO hold_references (${COLUMNS}) VALUES (${placeholders(dialectOf(tx), 5)})`,
      [row.reference, row.nominationCaseId, row.violationCaseId, row.nonce, row.createdAt],
    );
  }

  async ofViolationIn(tx: CaseTransaction, violationCaseId: string): Promise<HoldReferenceRow[]> {
    const rows: Row[] = await sqlManagerOf(tx).query(
      `SELECT ${COLUMNS} FROM hold_references WHERE violation_case_id = ${param(dialectOf(tx), 1)}`,
      [violationCaseId],
    );
    return rows.map(fromRow);
  }

  ofNomination(nominationCaseId: string): Promise<HoldReferenceRow[]> {
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM hold_references ` +
          `WHERE nomination_case_id = ${param(this.database.dialect, 1)} ` +
          `ORDER BY created_at, reference`,
        [nominationCaseId],
      );
      return rows.map(fromRow);
    });
  }
}

function fromRow(row: Row): HoldReferenceRow {
  return {
    reference: row.reference,
    nominationCaseId: row.nomination_case_id,
    violationCaseId: row.violation_case_id,
    nonce: row.nonce,
    createdAt: row.created_at,
  };
}
