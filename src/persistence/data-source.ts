import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseOptions } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/**
 * SQLite files whose durability the app ensures itself, by data source: the WAL file to fsync
 * after each commit (see `Database`).
 */
const walSyncedByApp = new WeakMap<DataSource, string>();

/**
 * The WAL file `Database` must fsync after each commit before it acknowledges it, or null when
 * SQLite's own `synchronous` setting does (PostgreSQL, an in-memory database, NORMAL or EXTRA).
 */
export function walFileSyncedByApp(dataSource: DataSource): string | null {
  return walSyncedByApp.get(dataSource) ?? null;
}

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
      extra: {
        // node-postgres's own default (10) where the caller says nothing (tests, the bench).
        ...(options.poolSize === undefined ? {} : { max: options.poolSize }),
        // Raw SQL in migrations and repositories resolves unqualified names through search_path.
        ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      },
    });
  }
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  // FULL durability with the fsync off the event loop: with synchronous = FULL, every COMMIT
  // fsyncs the WAL inside better-sqlite3's synchronous call, and the whole server stops for it
  // (a third of a transition's time under load). With NORMAL, COMMIT only writes the WAL; the app
  // then fsyncs that same file on libuv's thread pool before it reports the commit done, and holds
  // the database meanwhile, so no one reads what is not yet on disk. An acknowledged commit is on
  // disk exactly as with FULL (NORMAL already syncs the WAL before checkpoints and its header when
  // it is reused); meanwhile the event loop parses, validates and answers other requests.
  const appSyncsWal = options.synchronous === 'FULL' && options.file !== ':memory:';
  const synchronous = appSyncsWal ? 'NORMAL' : options.synchronous;
  const dataSource = new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: options.file,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // Durability is set explicitly, never left to the build's default for WAL databases
      // (reported to be NORMAL on some better-sqlite3 builds): FULL fsyncs every commit.
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      db.pragma('busy_timeout = 5000');
      // Deleted rows are overwritten, not left in free pages: sealed ballots are deleted at the
      // close of their session and must not be recoverable from the file with the key beside it.
      db.pragma('secure_delete = ON');
    },
  });
  if (appSyncsWal) walSyncedByApp.set(dataSource, `${options.file}-wal`);
  return dataSource;
}
