import { Logger } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { close, fsync as fsyncCallback, open } from 'node:fs';
import { promisify } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { walFileSyncedByApp } from './data-source';
import { transactionWithFewerRoundTrips } from './fewer-round-trips';
import {
  PreparedStatements,
  PreparedStatementsManager,
  sqliteConnectionOf,
} from './prepared-statements';
import {
  BackgroundConnection,
  PreconditionFailedError,
  type BackgroundStatement,
  type Row,
} from './background-connection';
import { ReaderThreads } from './reader-threads';
import { updatedRows, type Dialect } from './sql';
import { WalCheckpointer } from './wal-checkpointer';

const openFile = promisify(open);
const fsync = promisify(fsyncCallback);
const closeFile = promisify(close);

export type { Dialect } from './sql';

type Work<T> = (manager: EntityManager) => Promise<T>;

export interface WriteOptions {
  /**
   * SQLite at FULL durability: other units may read this write as soon as it commits, while the
   * WAL's fsync is still running; the write itself is still reported done only after the fsync.
   * Only for writes nothing acts on before a later, ordinary write commits: the checkpoint
   * builder's bulk rows (changes, leaves, nodes, cleared marks), which no reader depends on until
   * the checkpoint row commits (writeOffTheEventLoop, where there is no background connection).
   * Their commits are large and their fsyncs long (30–150 ms measured during the first fold after
   * an upgrade), and every request waited behind them. Safe across a power cut because SQLite
   * recovers a prefix of the WAL's commits: anything committed after them, once on disk, brings
   * them along.
   */
  readableBeforeSynced?: boolean;
}

interface PendingWrite {
  work: Work<unknown>;
  readableBeforeSynced: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most units of work a single SQLite commit may carry (bounds the time others wait to read). */
const MAX_GROUP_SIZE = 64;

/**
 * Requests' reads over the log that may run at once off the event loop (readOnAReaderThread): two
 * keep two disk reads in flight, and leave the event loop its core on a 2-core machine.
 */
const READER_THREADS = 2;

/**
 * The one way to the database.
 *
 * PostgreSQL: each unit of work is its own transaction on a pooled connection; row locks order
 * writers of the same case.
 *
 * SQLite: TypeORM shares a single connection, and two transactions interleaving on it corrupt each
 * other (measured: 10 concurrent transactions all failed and one half-applied write was
 * committed), while a plain read would see another request's uncommitted writes. So every unit of
 * work runs alone, in arrival order, behind one gate. Writes that queue up while the gate is busy
 * are committed together (group commit): each runs inside its own SAVEPOINT, so a failing unit is
 * rolled back alone, and one fsync makes the whole group durable. No unit is reported done before
 * that COMMIT returns and, at FULL durability, before the WAL is fsynced off the event loop (see
 * createDataSource); if either fails, every unit of the group fails. Long reads and bulk writes of
 * background work (readOffTheEventLoop, writeOffTheEventLoop) run on a second connection in a
 * worker thread: its reads hold the gate only to take their snapshot, its writes take the one
 * writer (so other writes wait) and not the gate (so reads go on). Requests' reads over the log
 * (readOnAReaderThread) run likewise on reader threads of their own.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly gate = new Mutex();
  private readonly logger = new Logger('Database');
  private readonly pendingWrites: PendingWrite[] = [];
  private flushQueued = false;
  /** The WAL file fsynced after each commit, when SQLite is told not to (see createDataSource). */
  private readonly walToSync: string | null;
  private readonly walFile: KeptOpenFile | null;
  /** SQLite: statements prepared once and the manager that runs queries on them. */
  private prepared: { statements: PreparedStatements; manager: PreparedStatementsManager } | null =
    null;
  /** Checkpoints the WAL from its own thread, once the first write made sure of the file. */
  private checkpointer: WalCheckpointer | null = null;
  private checkpointerWanted: boolean;
  /**
   * SQLite: the one writer. A group commit takes it, then the gate (the app's connection); a
   * write on the background connection takes only this, so reads go on meanwhile.
   */
  private readonly writer = new Mutex();
  /** SQLite's connection in a worker thread (readOffTheEventLoop, writeOffTheEventLoop). */
  private background: BackgroundConnection | null = null;
  private backgroundWanted: boolean;
  /** One piece of work at a time on it, so the gate is only ever held for an idle thread. */
  private readonly backgroundTurn = new Mutex();
  /** SQLite's connections for requests' reads over the log (readOnAReaderThread). */
  private readonly readers: ReaderThreads | null;

  constructor(
    readonly dataSource: DataSource,
    /** How the WAL is made durable; a test may watch or delay it. */
    private readonly syncFile?: (path: string) => Promise<void>,
  ) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.walToSync = walFileSyncedByApp(dataSource);
    this.walFile = this.walToSync === null ? null : new KeptOpenFile(this.walToSync);
    const file = dataSource.options.database;
    this.checkpointerWanted =
      this.dialect === 'sqlite' && typeof file === 'string' && file !== ':memory:';
    this.backgroundWanted = this.checkpointerWanted;
    this.readers = this.checkpointerWanted
      ? new ReaderThreads(
          READER_THREADS,
          (onFailure) => this.openBackgroundConnection(onFailure),
          (message) =>
            this.logger.error(`A reader thread failed, reads run on the event loop: ${message}`),
        )
      : null;
  }

  /**
   * Stops background work on the database (the background connection, the WAL checkpointer);
   * before the data source closes.
   */
  async stopBackgroundWork(): Promise<void> {
    this.checkpointerWanted = false;
    this.backgroundWanted = false;
    await this.readers?.stop();
    await this.backgroundTurn.runExclusive(async () => {
      const background = this.background;
      this.background = null;
      await background?.stop();
    });
    await this.checkpointer?.stop();
    this.checkpointer = null;
    await this.walFile?.close();
  }

  read<T>(work: Work<T>): Promise<T> {
    if (this.dialect === 'postgres') return work(this.dataSource.manager);
    return this.gate.runExclusive(() => work(this.sqlite().manager));
  }

  /**
   * One read of committed rows, as read() sees them, for background work over cold data (the
   * checkpoint builder's reads at millions of records). On a SQLite file it runs on the background
   * connection: its read transaction takes its snapshot while this connection's gate is held, so
   * it sees exactly what a read() at that moment would (nothing uncommitted, nothing whose fsync
   * is still running unless its write said it may be: see WriteOptions), and the gate is let go
   * before the query runs, so a read that waits on the disk blocks nobody. Elsewhere (PostgreSQL,
   * an in-memory database, a background thread that failed) it is read().
   */
  async readOffTheEventLoop(sql: string, values: readonly unknown[] = []): Promise<Row[]> {
    if (!this.backgroundWanted) return this.readOnTheEventLoop(sql, values);
    return this.backgroundTurn.runExclusive(async () => {
      const background = await this.startedBackground();
      if (background === null) return this.readOnTheEventLoop(sql, values);
      return this.readOn(background, sql, values);
    });
  }

  /**
   * A request's read over the log (a case's history), as read() sees the rows, run as
   * readOffTheEventLoop runs the builder's: on a SQLite file, on one of a few reader threads of
   * its own (ReaderThreads), so a read the disk makes slow delays only itself; elsewhere read().
   */
  async readOnAReaderThread<R extends Row = Row>(
    sql: string,
    values: readonly unknown[] = [],
  ): Promise<R[]> {
    const rows = await (this.readers === null
      ? this.readOnTheEventLoop(sql, values)
      : this.readers.withReader((reader) =>
          reader === null ? this.readOnTheEventLoop(sql, values) : this.readOn(reader, sql, values),
        ));
    // Rows as the query names its columns, as manager.query() gives them.
    return rows as R[];
  }

  private readOnTheEventLoop(sql: string, values: readonly unknown[]): Promise<Row[]> {
    return this.read((manager) => manager.query(sql, [...values]) as Promise<Row[]>);
  }

  /**
   * One read on an idle thread's connection: its snapshot taken while the gate is held, its query
   * run once the gate is let go.
   */
  private async readOn(
    connection: BackgroundConnection,
    sql: string,
    values: readonly unknown[],
  ): Promise<Row[]> {
    let rows!: Promise<Row[]>;
    await this.gate.runExclusive(async () => {
      const query = connection.read(sql, values);
      rows = query.rows;
      // Awaited below, once the gate is let go; a failure meanwhile is not unhandled.
      rows.catch(() => undefined);
      await query.snapshot;
    });
    try {
      return await rows;
    } catch (error) {
      // The thread itself failed (not the query): this read on the event loop.
      if (connection.usable) throw error;
      return this.readOnTheEventLoop(sql, values);
    }
  }

  /**
   * One transaction of bulk rows that nothing reads before a later, ordinary write commits (the
   * contract of WriteOptions.readableBeforeSynced: the checkpoint builder's changes, leaves,
   * nodes and cleared marks). A statement with `expectRows` is a precondition: if it gives another
   * number of rows, nothing is written and this rejects with PreconditionFailedError.
   *
   * On a SQLite file the transaction runs on the background connection, at FULL durability, while
   * this Database holds its one writer: reads go on at once, writes wait for it. Its statements
   * (index pages the OS had not cached, WAL writes queued behind the disk) held the whole server
   * for up to 74 ms at a time during the first checkpoint fold at 10M records. Elsewhere, as
   * write() with readableBeforeSynced.
   */
  async writeOffTheEventLoop(statements: readonly BackgroundStatement[]): Promise<void> {
    const onTheEventLoop = () =>
      this.write(
        async (manager) => {
          for (const [index, { sql, values, expectRows }] of statements.entries()) {
            if (expectRows === undefined) {
              await manager.query(sql, [...values]);
            } else if ((await updatedRows(manager, sql, [...values])).length !== expectRows) {
              throw new PreconditionFailedError(index);
            }
          }
        },
        { readableBeforeSynced: true },
      );
    if (!this.backgroundWanted) return onTheEventLoop();
    return this.backgroundTurn.runExclusive(async () => {
      const background = await this.startedBackground();
      if (background === null) return onTheEventLoop();
      // Not retried on the event loop if the thread dies: whether it committed is not known.
      await this.writer.runExclusive(() => background.write(statements));
    });
  }

  /** The background connection, started (and its thread ready) unless it failed before. */
  private async startedBackground(): Promise<BackgroundConnection | null> {
    if (this.background?.usable === false) this.background = null;
    if (this.background === null && this.backgroundWanted) {
      this.background = this.openBackgroundConnection((message) => {
        this.logger.error(
          `The background connection failed, its work runs on the event loop: ${message}`,
        );
        this.backgroundWanted = false;
      });
    }
    await this.background?.started;
    return this.background?.usable ? this.background : null;
  }

  /** A connection to this database in a worker thread, with the app's durability. */
  private openBackgroundConnection(onFailure: (message: string) => void): BackgroundConnection {
    return new BackgroundConnection(
      String(this.dataSource.options.database),
      // At FULL the app's connection runs at NORMAL and fsyncs the WAL itself (data-source.ts).
      this.walToSync !== null
        ? 'FULL'
        : String(sqliteConnectionOf(this.dataSource).pragma('synchronous', { simple: true })),
      onFailure,
    );
  }

  /** One transaction: everything `work` writes commits together or not at all. */
  write<T>(work: Work<T>, options: WriteOptions = {}): Promise<T> {
    if (this.dialect === 'postgres') return transactionWithFewerRoundTrips(this.dataSource, work);
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({
        work,
        readableBeforeSynced: options.readableBeforeSynced === true,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.queueFlush();
    });
  }

  async ping(): Promise<void> {
    await this.read((manager) => manager.query('SELECT 1'));
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Wait one turn of the event loop first: requests already read from their sockets reach
    // their own write meanwhile and share this commit (better-sqlite3's fsync blocks the thread,
    // so nothing else progresses while a commit runs).
    setImmediate(() => {
      let group: PendingWrite[] | undefined;
      this.writer
        .runExclusive(() =>
          this.gate.runExclusive(async () => {
            this.flushQueued = false;
            group = this.pendingWrites.splice(0, MAX_GROUP_SIZE);
            await this.commitGroup(group);
            if (this.pendingWrites.length > 0) this.queueFlush();
          }),
        )
        // commitGroup settles every unit itself; this only guards against the gate itself
        // failing, so that no caller waits forever.
        .catch((error: unknown) => {
          this.flushQueued = false;
          for (const unit of group ?? this.pendingWrites.splice(0)) unit.reject(error);
        });
    });
  }

  /**
   * The SQLite connection's prepared statements, and a manager whose queries run on them; made
   * again if the data source was re-initialised on a new connection.
   */
  private sqlite(): { statements: PreparedStatements; manager: PreparedStatementsManager } {
    const connection = sqliteConnectionOf(this.dataSource);
    if (this.prepared?.statements.connection !== connection) {
      const statements = new PreparedStatements(connection);
      const manager = new PreparedStatementsManager(this.dataSource, statements);
      this.prepared = { statements, manager };
    }
    return this.prepared;
  }

  private async commitGroup(group: PendingWrite[]): Promise<void> {
    if (group.length === 0) return;
    let sqlite: { statements: PreparedStatements; manager: PreparedStatementsManager };
    try {
      sqlite = this.sqlite();
    } catch (error) {
      group.forEach((unit) => unit.reject(error));
      return;
    }
    const { statements, manager } = sqlite;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // A group of writes readable before their fsync (WriteOptions) leaves the gate at its COMMIT;
    // this settles with the fsync's failure, if any, and never rejects.
    let syncedAfterGate: Promise<{ failure: unknown } | null> | null = null;
    try {
      if (this.checkpointerWanted && this.checkpointer === null) this.startCheckpointer(statements);
      statements.run('BEGIN IMMEDIATE');
      for (const unit of group) outcomes.push(await runUnit(statements, manager, unit.work));
      statements.run('COMMIT');
      if (this.walToSync !== null) {
        const synced = this.syncFile ? this.syncFile(this.walToSync) : this.walFile!.sync();
        if (group.every((unit) => unit.readableBeforeSynced)) {
          syncedAfterGate = synced.then(
            () => null,
            (failure: unknown) => ({ failure }),
          );
        } else {
          // Still inside the gate: nothing reads this commit before it is on disk.
          await synced;
        }
      }
    } catch (groupError) {
      try {
        statements.run('ROLLBACK');
      } catch {
        // No transaction left to roll back: BEGIN failed, or the COMMIT went through and the
        // WAL's fsync failed (every unit still fails: it is not known to be on disk).
      }
      for (const unit of group) unit.reject(groupError);
      return;
    }
    const settle = () =>
      group.forEach((unit, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      });
    if (syncedAfterGate === null) {
      settle();
      return;
    }
    void syncedAfterGate.then((failed) => {
      if (failed === null) settle();
      else for (const unit of group) unit.reject(failed.failure);
    });
  }

  /**
   * From the first write on, the app's connection stops checkpointing inside its commits; if the
   * thread fails, it checkpoints there again (SQLite's default of 1,000 pages) rather than let the
   * WAL grow.
   */
  private startCheckpointer(statements: PreparedStatements): void {
    statements.run('PRAGMA wal_autocheckpoint = 0');
    this.checkpointer = new WalCheckpointer(String(this.dataSource.options.database), (message) => {
      this.logger.error(
        `WAL checkpoint failed, the server checkpoints in its commits again: ${message}`,
      );
      this.checkpointerWanted = false;
      this.checkpointer = null;
      void this.gate.runExclusive(() =>
        this.dataSource.query('PRAGMA wal_autocheckpoint = 1000').catch(() => undefined),
      );
    });
    this.checkpointer.start();
  }
}

/**
 * A file fsynced on libuv's thread pool (the event loop goes on meanwhile), through a descriptor
 * opened once: SQLite never removes or replaces the WAL while the app's connection is open (it
 * truncates it at most, the same file), so there is no open and close per commit.
 */
class KeptOpenFile {
  private descriptor: Promise<number> | null = null;

  constructor(private readonly path: string) {}

  async sync(): Promise<void> {
    this.descriptor ??= openFile(this.path, 'r');
    await fsync(await this.descriptor);
  }

  async close(): Promise<void> {
    const descriptor = this.descriptor;
    this.descriptor = null;
    if (descriptor !== null) await closeFile(await descriptor);
  }
}

/** Runs one unit inside a savepoint; its own failure undoes only its own writes. */
async function runUnit(
  statements: PreparedStatements,
  manager: EntityManager,
  work: Work<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  statements.run('SAVEPOINT unit_of_work');
  try {
    const value = await work(manager);
    statements.run('RELEASE unit_of_work');
    return { ok: true, value };
  } catch (error) {
    // If even this fails, the transaction itself is broken: let the whole group fail.
    statements.run('ROLLBACK TO unit_of_work');
    statements.run('RELEASE unit_of_work');
    return { ok: false, error };
  }
}

/** The driver's own error: as thrown, or wrapped by TypeORM (QueryFailedError.driverError). */
function driverErrorOf(error: unknown): unknown {
  return (error as { driverError?: unknown })?.driverError ?? error;
}

/** The driver's error code ("23505", "SQLITE_CONSTRAINT_UNIQUE"…), wrapped by TypeORM or not. */
export function driverErrorCode(error: unknown): string | undefined {
  const code = (driverErrorOf(error) as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for a unique or primary-key violation on either engine; with `table`, only one of that
 * table's keys (where a failure of several statements sent together must be told apart).
 */
export function isUniqueViolation(error: unknown, table?: string): boolean {
  const driverError = driverErrorOf(error);
  const code = driverErrorCode(error);
  const message = String((driverError as { message?: unknown })?.message ?? '');
  const unique =
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    // On SQLite an append-only table's guard refuses a duplicate key before the constraint does.
    (code === 'SQLITE_CONSTRAINT_TRIGGER' && message.includes('REPLACE refused'));
  if (!unique || table === undefined) return unique;
  // PostgreSQL names the table; SQLite's message names its columns ("… failed: table.column").
  const named = (driverError as { table?: unknown }).table;
  return named === table || (named === undefined && message.includes(`${table}.`));
}
