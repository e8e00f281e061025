import { Database } from '../database';
import { param, placeholders } from '../sql';
import type { CaseTransaction } from './cases.repository';
import { sqlManagerOf } from './case-transaction-sql';
import type {
  ObjectorIdentitiesRepository,
  ObjectorIdentity,
} from './objector-identities.repository';

const COLUMNS = [
  'case_id',
  'seq',
  'name',
  'contact',
  'nonce',
  'commitment',
  'in_record',
  'filed_at',
] as const;

interface IdentityRow {
  case_id: string;
  seq: number | string;
  name: string | null;
  contact: string | null;
  nonce: string;
  commitment: string;
  in_record: boolean | number;
  filed_at: string;
}

export class SqlObjectorIdentitiesRepository implements ObjectorIdentitiesRepository {
  constructor(private readonly database: Database) {}

  async insertIn(tx: CaseTransaction, identity: ObjectorIdentity): Promise<void> {
    await sqlManagerOf(tx).query(
      `INSERT INTO objector_identities (${COLUMNS.join(', ')}) ` +
        `VALUES (${placeholders(this.database.dialect, COLUMNS.length)})`,
      [
        identity.caseId,
        identity.seq,
        identity.name,
        identity.contact,
        identity.nonce,
        identity.commitment,
        identity.inRecord,
        identity.filedAt,
      ],
    );
  }

  ofCase(caseId: string): Promise<ObjectorIdentity[]> {
    return this.database.read(async (manager) => {
      const rows: IdentityRow[] = await manager.query(
        `SELECT ${COLUMNS.join(', ')} FROM objector_identities ` +
          `WHERE case_id = ${param(this.database.dialect, 1)} ORDER BY seq`,
        [caseId],
      );
      return rows.map((row) => ({
        caseId: row.case_id,
        seq: Number(row.seq),
        name: row.name,
        contact: row.contact,
        nonce: row.nonce,
        commitment: row.commitment,
        inRecord: Boolean(row.in_record),
        filedAt: row.filed_at,
      }));
    });
  }
}
