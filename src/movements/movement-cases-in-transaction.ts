import type { CaseSubject } from '../domain/cases/stored-case';
import { dialectOf, sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import type { CaseTransaction } from '../persistence/repositories/cases.repository';
import { param } from '../persistence/sql';

/** What a check made inside a transaction reads of a case that names a movement in its data. */
export interface CaseOfMovement {
  id: string;
  workflow: { id: string; version: number };
  state: string;
  closed: boolean;
}

/**
 * The cases of one type whose data names the movement (`data.movementId`), about one subject when
 * given (a person; or a unit as the subject, not its members), in id order, read through the
 * transaction: they include what the transaction itself wrote, and (read after the movement's
 * case is locked) what every transaction that held that lock before committed. On SQLite the
 * transaction holds the database's only writer, so a read through any other connection would wait
 * for it; on PostgreSQL (READ COMMITTED) each statement sees what was committed when it starts.
 */
export async function casesOfMovementIn(
  tx: CaseTransaction,
  caseType: string,
  movementId: string,
  about?: Pick<CaseSubject, 'kind' | 'id'>,
): Promise<CaseOfMovement[]> {
  const manager = sqlManagerOf(tx);
  const dialect = dialectOf(tx);
  const p = (index: number) => param(dialect, index);
  const movementOf =
    dialect === 'postgres'
      ? `(c.data_json::jsonb ->> 'movementId')`
      : `CAST(json_extract(c.data_json, '$."movementId"') AS TEXT)`;
  const subject =
    about === undefined
      ? ''
      : about.kind === 'person'
        ? ` AND c.subject_person_id = ${p(3)}`
        : ` AND c.subject_person_id IS NULL AND c.unit_id = ${p(3)}`;
  const sql =
    'SELECT c.id, c.workflow_id, c.workflow_version, c.state, c.closed FROM cases c ' +
    `WHERE c.case_type = ${p(1)} AND ${movementOf} = ${p(2)}${subject} ORDER BY c.id`;
  const rows: Record<string, unknown>[] = await manager.query(sql, [
    caseType,
    movementId,
    ...(about === undefined ? [] : [about.id]),
  ]);
  return rows.map((row) => ({
    id: String(row.id),
    workflow: { id: String(row.workflow_id), version: Number(row.workflow_version) },
    state: String(row.state),
    closed: Boolean(row.closed),
  }));
}
