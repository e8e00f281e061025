import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The one way to the database. On SQLite, TypeORM shares a single connection: two transactions
 * interleaving on it corrupt each other (measured: 10 concurrent transactions all failed and one
 * half-applied write was committed), and a plain read would see another request's uncommitted
 * writes. So on SQLite every unit of work runs alone, in arrival order. On PostgreSQL each runs on
 * its own pooled connection and row locks do the rest.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly gate: Mutex | null;

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.gate = this.dialect === 'sqlite' ? new Mutex() : null;
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  /** One transaction: everything `work` writes commits together or not at all. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.dataSource.transaction(work));
  }

  async ping(): Promise<void> {
    await this.read((manager) => manager.query('SELECT 1'));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.gate ? this.gate.runExclusive(work) : work();
  }
}

/** True for a unique or primary-key violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } })?.driverError ?? error;
  const code = (driverError as { code?: string })?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
