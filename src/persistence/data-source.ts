import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseOptions } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/** Builds (but does not open) the TypeORM data source for SQLite or PostgreSQL. */
export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    // No entity classes: the schema is the migrations, and repositories write their SQL.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (options.kind === 'postgres') {
    return new DataSource({
      ...common,
      type: 'postgres',
      url: options.url,
      schema: options.schema,
      // Raw SQL in migrations and repositories resolves unqualified names through search_path.
      extra: options.schema ? { options: `-c search_path=${options.schema}` } : undefined,
    });
  }
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: options.file,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // Durability is set explicitly, never left to the build's default for WAL databases
      // (reported to be NORMAL on some better-sqlite3 builds): FULL fsyncs every commit.
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous}`);
      db.pragma('busy_timeout = 5000');
      // Deleted rows are overwritten, not left in free pages: sealed ballots are deleted at the
      // close of their session and must not be recoverable from the file with the key beside it.
      db.pragma('secure_delete = ON');
    },
  });
}
