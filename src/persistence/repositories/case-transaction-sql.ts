import { EntityManager } from 'typeorm';
import type { Dialect } from '../sql';
import type { CaseTransaction } from './cases.repository';

/**
 * The SQL transaction behind a case transaction, so that a plug-in's own table is written in the
 * same commit as the audit record it completes (an objector's identity, a sealed eligibility line).
 * The one `CaseTransaction` there is (TypeOrmCasesRepository's) runs on an EntityManager; anything
 * else is a programming error, not a user's.
 */
export function sqlManagerOf(tx: CaseTransaction): EntityManager {
  const manager: unknown = (tx as unknown as { manager?: unknown }).manager;
  if (!(manager instanceof EntityManager)) {
    throw new Error('This case transaction is not a SQL transaction');
  }
  return manager;
}

/** The database a case transaction runs on, for SQL written in a plug-in's own table. */
export function dialectOf(tx: CaseTransaction): Dialect {
  return sqlManagerOf(tx).connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}
