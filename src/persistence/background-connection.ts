import { Worker } from 'node:worker_threads';
import { QueryFailedError } from 'typeorm';
import { bindable, MAX_PREPARED } from './prepared-statements';

export type Row = Record<string, unknown>;

/** One statement of a write run in the background (Database.writeOffTheEventLoop). */
export interface BackgroundStatement {
  sql: string;
  values: readonly unknown[];
  /**
   * A precondition: the statement (an `UPDATE … RETURNING`) must give exactly this many rows, or
   * the whole write is rolled back and fails with PreconditionFailedError.
   */
  expectRows?: number;
}

/** A write's precondition (BackgroundStatement.expectRows) did not hold: nothing was written. */
export class PreconditionFailedError extends Error {
  constructor(readonly statement: number) {
    super(`the precondition of statement ${statement} did not hold; nothing was written`);
  }
}

/**
 * The thread's whole program: its own connection to the same file, and one piece of work at a
 * time. A read runs in a read transaction of its own, and says when the transaction's snapshot is
 * taken (a one-page read) before the query itself runs, so the app can take the snapshot while it
 * holds its database gate and let go of the gate for the query. A write is one transaction at the
 * app's durability (at FULL, SQLite fsyncs the WAL in this thread before other connections see
 * it). The pragmas are the app's connection's (data-source.ts).
 * Inline rather than a file: no separate build of a worker script under jest (as
 * wal-checkpointer.ts).
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 5000');
db.pragma('secure_delete = ON');
db.pragma('foreign_keys = ON');
// WAL checkpoints are the WAL checkpointer's (wal-checkpointer.ts), as for the app's connection.
db.pragma('wal_autocheckpoint = 0');
const begin = db.prepare('BEGIN');
const beginWrite = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');
const snapshot = db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1');
const prepared = new Map();
const statement = (sql) => {
  let found = prepared.get(sql);
  if (found === undefined) {
    found = db.prepare(sql);
    prepared.set(sql, found);
    if (prepared.size > workerData.maxPrepared) prepared.delete(prepared.keys().next().value);
  }
  return found;
};
const read = ({ id, sql, values }) => {
  try {
    begin.run();
    snapshot.get();
    parentPort.postMessage({ id, snapshot: true });
    const started = performance.now();
    const query = statement(sql);
    // Arrays, not objects: they cross to the app's thread in about half the time (see answer).
    const rows = query.raw(true).all(...values);
    const columns = query.columns().map((column) => column.name);
    parentPort.postMessage({ id, rows, columns, ms: performance.now() - started });
  } finally {
    if (db.inTransaction) commit.run();
  }
};
const write = ({ id, statements }) => {
  beginWrite.run();
  let index = 0;
  try {
    for (; index < statements.length; index++) {
      const { sql, values, expectRows } = statements[index];
      const runnable = statement(sql);
      const rows = runnable.reader ? runnable.all(...values) : (runnable.run(...values), []);
      if (expectRows !== undefined && rows.length !== expectRows) {
        rollback.run();
        parentPort.postMessage({ id, precondition: index });
        return;
      }
    }
    commit.run();
    parentPort.postMessage({ id, rows: [] });
  } catch (error) {
    error.statement = index;
    throw error;
  } finally {
    if (db.inTransaction) rollback.run();
  }
};
parentPort.postMessage('ready');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    if (message.statements) write(message);
    else read(message);
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: {
        message: String(error && error.message),
        code: error && error.code,
        statement: error && error.statement,
      },
    });
  }
});
`;

interface Work {
  /** A read's query, or a write's statements (the failing one named in its error). */
  sql: string;
  values: unknown[];
  statements?: readonly BackgroundStatement[];
  snapshotTaken(): void;
  /** The rows, and how long the query ran in the thread (ms; NaN for a write). */
  resolve(answer: { rows: Row[]; ms: number }): void;
  reject(error: unknown): void;
}

type Answer =
  | 'ready'
  | { id: number; snapshot: true }
  | { id: number; rows: unknown[][]; columns?: string[]; ms?: number }
  | { id: number; precondition: number }
  | { id: number; error: { message: string; code?: string; statement?: number } };

/**
 * A SQLite connection of its own in a worker thread, for long work on cold data (the checkpoint
 * builder's, over a log of millions of records): better-sqlite3 runs statements synchronously, and
 * one whose pages are not in the OS's page cache, or whose writes wait for the disk, held the
 * whole server for as long as the disk took (single statements of 56–200 ms measured during the
 * first checkpoint fold at 10M records).
 *
 * One piece of work at a time: Database sends the next once the previous answered. A failure of
 * the thread (it could not open the file, it died) fails the work in flight and is reported once;
 * the thread is then gone for good, as after stop(): later work is refused at once.
 */
export class BackgroundConnection {
  private readonly worker: Worker;
  private readonly works = new Map<number, Work>();
  private nextId = 1;
  private failed: Error | null = null;
  private stopping = false;
  private readonly stopped: Promise<void>;
  private ready!: () => void;
  /**
   * Settles (never rejects) once the thread's connection is open, or the thread failed: the
   * caller waits for this before it takes its gate, as starting the thread takes a while.
   */
  readonly started = new Promise<void>((resolve) => (this.ready = resolve));

  constructor(
    file: string,
    /** The durability of its commits: the app's configured level (SQLITE_SYNCHRONOUS). */
    synchronous: string,
    onFailure: (message: string) => void,
  ) {
    this.worker = new Worker(PROGRAM, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file,
        synchronous,
        maxPrepared: MAX_PREPARED,
      },
    });
    this.worker.on('message', (answer: Answer) => this.answer(answer));
    const fail = (error: Error) => {
      if (this.failed !== null) return;
      this.failed = error;
      this.ready();
      if (!this.stopping) onFailure(error.message);
      for (const work of this.works.values()) {
        work.snapshotTaken();
        work.reject(error);
      }
      this.works.clear();
    };
    this.worker.on('error', fail);
    this.stopped = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        fail(new Error(`the background thread ended (exit code ${code})`));
        resolve();
      }),
    );
    // Kept referenced while it starts and while work waits on it; otherwise a process that
    // forgets to stop it (a script, a test) still exits.
    void this.started.then(() => this.referenceWhileBusy());
  }

  get usable(): boolean {
    return this.failed === null;
  }

  /**
   * Sends one read. `snapshot` settles (never rejects) once the thread's read transaction has its
   * snapshot, or the read failed before; `rows` settles with the query's rows, Buffers for blobs,
   * or a QueryFailedError as TypeORM's query() gives; `ran`, with the query's own time in the
   * thread in ms (NaN if it failed): what a caller's wait for the rows was not spent waiting.
   */
  read(
    sql: string,
    values: readonly unknown[],
  ): { snapshot: Promise<void>; rows: Promise<Row[]>; ran: Promise<number> } {
    let snapshotTaken!: () => void;
    const snapshot = new Promise<void>((resolve) => (snapshotTaken = resolve));
    const bound = bindable(values);
    const answered = this.send(sql, bound, snapshotTaken, { sql, values: bound });
    return {
      snapshot,
      rows: answered.then(({ rows }) => rows),
      ran: answered.then(
        ({ ms }) => ms,
        () => Number.NaN,
      ),
    };
  }

  /**
   * Runs the statements in one transaction, committed at FULL durability; rejects with
   * PreconditionFailedError (nothing written) or QueryFailedError (nothing written).
   */
  async write(statements: readonly BackgroundStatement[]): Promise<void> {
    const bound = statements.map((statement) => ({
      ...statement,
      values: bindable(statement.values),
    }));
    const described = bound.map((statement) => statement.sql).join('; ');
    await this.send(described, [], () => undefined, { statements: bound }, bound);
  }

  /** The thread's connection closes and the thread ends; later work is refused. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Referenced until it has exited: a process shutting down waits for the connection to close.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.stopped;
  }

  private send(
    sql: string,
    values: unknown[],
    snapshotTaken: () => void,
    message: object,
    statements?: readonly BackgroundStatement[],
  ): Promise<{ rows: Row[]; ms: number }> {
    return new Promise((resolve, reject) => {
      const refused =
        this.failed ?? (this.stopping ? new Error('the background connection was stopped') : null);
      if (refused !== null) {
        snapshotTaken();
        reject(refused);
        return;
      }
      const id = this.nextId++;
      this.works.set(id, { sql, values, statements, snapshotTaken, resolve, reject });
      try {
        this.worker.postMessage({ id, ...message });
      } catch (error) {
        // A value that cannot cross to the thread: nothing was sent.
        this.works.delete(id);
        snapshotTaken();
        reject(error);
        return;
      }
      this.referenceWhileBusy();
    });
  }

  private referenceWhileBusy(): void {
    if (this.works.size > 0 || this.stopping) this.worker.ref();
    else this.worker.unref();
  }

  private answer(answer: Answer): void {
    if (answer === 'ready') {
      this.ready();
      return;
    }
    const work = this.works.get(answer.id);
    if (work === undefined) return;
    if ('snapshot' in answer) {
      work.snapshotTaken();
      return;
    }
    this.works.delete(answer.id);
    this.referenceWhileBusy();
    work.snapshotTaken();
    if ('rows' in answer) {
      work.resolve({
        rows: answer.rows.map((values) => rowOf(answer.columns ?? [], values)),
        ms: answer.ms ?? Number.NaN,
      });
    } else if ('precondition' in answer) {
      work.reject(new PreconditionFailedError(answer.precondition));
    } else {
      const driverError = Object.assign(new Error(answer.error.message), {
        code: answer.error.code,
      });
      const failing =
        answer.error.statement === undefined
          ? undefined
          : work.statements?.[answer.error.statement];
      work.reject(
        failing === undefined
          ? new QueryFailedError(work.sql, work.values, driverError)
          : new QueryFailedError(failing.sql, [...failing.values], driverError),
      );
    }
  }
}

/**
 * A row as better-sqlite3 gives it on the app's connection (columns by name, a later column of
 * the same name winning), from the values the thread sent. A page of 1,000 audit records arrives
 * as arrays in 0.8 ms against 1.4 ms as objects (structured clone writes every key of every row),
 * which decided an export's speed. Blobs cross as Uint8Array; the app's other reads give Buffers.
 */
function rowOf(columns: readonly string[], values: unknown[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const value = values[i];
    row[columns[i]] =
      value instanceof Uint8Array && !Buffer.isBuffer(value)
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : value;
  }
  return row;
}
