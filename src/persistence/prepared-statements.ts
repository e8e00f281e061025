import type BetterSqlite3 from 'better-sqlite3';
import {
  EntityManager,
  QueryFailedError,
  type DataSource,
  type ObjectLiteral,
  type QueryRunner,
} from 'typeorm';

/**
 * Most statements kept prepared. The app's SQL is a fixed set of texts, plus lists of ids whose
 * length varies (`IN (?, ?, …)`); the oldest prepared statement goes first once this many are kept.
 */
export const MAX_PREPARED = 500;

/** Values as better-sqlite3 binds them: booleans as 0/1, as TypeORM's driver does. */
export function bindable(values: readonly unknown[]): unknown[] {
  return values.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

/**
 * SQLite's statements prepared once and run straight on better-sqlite3, with the results and
 * errors TypeORM's query() gives: rows for a statement that returns rows (RETURNING included),
 * the last inserted row id otherwise, booleans bound as 0/1, a failure as QueryFailedError with
 * the driver's error (so isUniqueViolation and the problem filter read it as before).
 *
 * TypeORM's own path costs several awaits, a broadcaster and a logger call for each statement (8%
 * of a transition's CPU, with its 9 statements, in the profile); the SQL is the same. Safe
 * only because the Database runs every SQLite unit of work alone on the one connection, behind its
 * gate: a statement here is inside whatever transaction and savepoint that unit is in.
 */
export class PreparedStatements {
  private readonly prepared = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly connection: BetterSqlite3.Database) {}

  run(sql: string, parameters: readonly unknown[] = []): unknown {
    const bound = bindable(parameters);
    try {
      const statement = this.statement(sql);
      return statement.reader ? statement.all(...bound) : statement.run(...bound).lastInsertRowid;
    } catch (error) {
      throw new QueryFailedError(sql, bound, error as Error);
    }
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.prepared.get(sql);
    if (statement === undefined) {
      statement = this.connection.prepare(sql);
      this.prepared.set(sql, statement);
      if (this.prepared.size > MAX_PREPARED) {
        this.prepared.delete(this.prepared.keys().next().value!);
      }
    }
    return statement;
  }
}

/**
 * An EntityManager whose query() runs on PreparedStatements; everything else (entities, query
 * builders) is TypeORM's, on the same connection. Repositories take it as any EntityManager.
 */
export class PreparedStatementsManager extends EntityManager {
  constructor(
    dataSource: DataSource,
    private readonly statements: PreparedStatements,
    queryRunner?: QueryRunner,
  ) {
    super(dataSource, queryRunner);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async query<T = any>(sql: string, parameters?: unknown[] | ObjectLiteral): Promise<T> {
    if (parameters !== undefined && !Array.isArray(parameters)) {
      // TypeORM refuses named parameters on SQLite too; keep its answer.
      return super.query<T>(sql, parameters);
    }
    return this.statements.run(sql, parameters) as T;
  }
}

/** better-sqlite3's connection under an initialised SQLite data source. */
export function sqliteConnectionOf(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
    .databaseConnection;
}
