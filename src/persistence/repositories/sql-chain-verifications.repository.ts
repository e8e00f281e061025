import type { ChainProblem } from '../../domain/audit/verify-chain';
import { Database } from '../database';
import { param, placeholders, returnedRows } from '../sql';
import type {
  ChainVerificationsRepository,
  StoredChainVerification,
} from './chain-verifications.repository';

const COLUMNS = [
  'case_id',
  'head_seq',
  'head_hash',
  'intact',
  'checked',
  'first_bad_seq',
  'problem',
  'verified_at',
] as const;

type VerificationRow = Record<(typeof COLUMNS)[number], unknown>;

export class SqlChainVerificationsRepository implements ChainVerificationsRepository {
  constructor(private readonly database: Database) {}

  find(caseId: string): Promise<StoredChainVerification | null> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.read(async (manager) => {
      const rows: VerificationRow[] = await manager.query(
        `SELECT ${COLUMNS.join(', ')} FROM case_chain_verifications WHERE case_id = ${p(1)}`,
        [caseId],
      );
      return rows.length ? toVerification(rows[0]) : null;
    });
  }

  save(verification: StoredChainVerification): Promise<void> {
    const { dialect } = this.database;
    const { result } = verification;
    return this.database.write(async (manager) => {
      await manager.query(
        `INSERT INTO case_chain_verifications (${COLUMNS.join(', ')}) ` +
          `VALUES (${placeholders(dialect, COLUMNS.length)}) ON CONFLICT (case_id) DO UPDATE SET ` +
          COLUMNS.slice(1)
            .map((column) => `${column} = excluded.${column}`)
            .join(', ') +
          ` WHERE case_chain_verifications.head_seq <= excluded.head_seq`,
        [
          verification.caseId,
          verification.head.seq,
          verification.head.hash,
          result.ok,
          result.checked,
          result.firstBadSeq,
          result.problem,
          verification.verifiedAt,
        ],
      );
    });
  }

  madeBefore(before: string, limit: number): Promise<StoredChainVerification[]> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.read(async (manager) => {
      const rows: VerificationRow[] = await manager.query(
        `SELECT ${COLUMNS.join(', ')} FROM case_chain_verifications WHERE verified_at < ${p(1)} ` +
          `ORDER BY verified_at, case_id LIMIT ${p(2)}`,
        [before, limit],
      );
      return rows.map(toVerification);
    });
  }

  claim(caseId: string, verifiedAt: string, claimedAt: string): Promise<boolean> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.write(async (manager) => {
      const claimed: unknown = await manager.query(
        `UPDATE case_chain_verifications SET verified_at = ${p(1)} ` +
          `WHERE case_id = ${p(2)} AND verified_at = ${p(3)} RETURNING case_id`,
        [claimedAt, caseId, verifiedAt],
      );
      return returnedRows(claimed) === 1;
    });
  }
}

function toVerification(row: VerificationRow): StoredChainVerification {
  return {
    caseId: String(row.case_id),
    head: { seq: Number(row.head_seq), hash: String(row.head_hash) },
    result: {
      // SQLite answers 0/1, PostgreSQL true/false.
      ok: Boolean(row.intact),
      checked: Number(row.checked),
      firstBadSeq: row.first_bad_seq === null ? null : Number(row.first_bad_seq),
      problem: row.problem === null ? null : (String(row.problem) as ChainProblem),
    },
    verifiedAt: String(row.verified_at),
  };
}
