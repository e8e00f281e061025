import type { EligibilityLine } from '../../domain/rules/eligibility-types';
import { Database } from '../database';
import { param, placeholders } from '../sql';
import type { CaseTransaction } from './cases.repository';
import { dialectOf, sqlManagerOf } from './case-transaction-sql';
import type {
  SealedEligibilityLine,
  SealedEligibilityLinesRepository,
} from './sealed-eligibility-lines.repository';

const COLUMNS = [
  'case_id',
  'seq',
  'line_index',
  'rule',
  'commitment',
  'nonce',
  'line_json',
  'source_case_ids_json',
] as const;

interface SealedRow {
  case_id: string;
  seq: number | string;
  line_index: number | string;
  rule: string;
  commitment: string;
  nonce: string;
  line_json: string;
  source_case_ids_json: string;
}

export class SqlSealedEligibilityLinesRepository implements SealedEligibilityLinesRepository {
  constructor(private readonly database: Database) {}

  insertIn(tx: CaseTransaction, lines: readonly SealedEligibilityLine[]): Promise<void> {
    return insertSealedEligibilityLines(tx, lines);
  }

  ofCase(caseId: string): Promise<SealedEligibilityLine[]> {
    return this.database.read(async (manager) => {
      const rows: SealedRow[] = await manager.query(
        `SELECT ${COLUMNS.join(', ')} FROM sealed_eligibility_lines ` +
          `WHERE case_id = ${param(this.database.dialect, 1)} ORDER BY seq, line_index`,
        [caseId],
      );
      return rows.map((row) => ({
        caseId: row.case_id,
        seq: Number(row.seq),
        lineIndex: Number(row.line_index),
        rule: row.rule,
        commitment: row.commitment,
        nonce: row.nonce,
        line: JSON.parse(row.line_json) as EligibilityLine,
        sourceCaseIds: JSON.parse(row.source_case_ids_json) as string[],
      }));
    });
  }
}

/**
 * Writes sealed lines in a case transaction. A function of the transaction alone (its own SQL
 * connection says which dialect), so that the eligibility fact, which runs inside the engine's
 * transaction wherever the engine is assembled, needs nothing injected to write them.
 */
export async function insertSealedEligibilityLines(
  tx: CaseTransaction,
  lines: readonly SealedEligibilityLine[],
): Promise<void> {
  const manager = sqlManagerOf(tx);
  const dialect = dialectOf(tx);
  const sql =
    `INSERT INTO sealed_eligibility_lines (${COLUMNS.join(', ')}) ` +
    `VALUES (${placeholders(dialect, COLUMNS.length)})`;
  for (const sealed of lines) {
    await manager.query(sql, [
      sealed.caseId,
      sealed.seq,
      sealed.lineIndex,
      sealed.rule,
      sealed.commitment,
      sealed.nonce,
      JSON.stringify(sealed.line),
      JSON.stringify(sealed.sourceCaseIds),
    ]);
  }
}
