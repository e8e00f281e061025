import { Logger } from '@nestjs/common';
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { Database } from '../../src/persistence/database';
import { createDataSource } from '../../src/persistence/data-source';
import { createTestDatabase, type TestDatabase } from '../support/databases';

/**
 * At FULL durability on SQLite, a commit is reported done only once the WAL is fsynced, and that
 * fsync runs off the event loop (createDataSource, Database): the server goes on meanwhile, but no
 * read sees the commit before it is on disk, and a failed fsync fails the writes it carried.
 */
describe('SQLite commits are acknowledged after the WAL fsync, which runs off the event loop', () => {
  let db: TestDatabase;
  let database: Database;
  let syncs: { path: string; release: () => void; fail: (error: Error) => void }[];

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    if (db.options.kind !== 'sqlite') throw new Error('expected SQLite options');
    const dataSource = createDataSource({ ...db.options, synchronous: 'FULL' });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE notes (id integer PRIMARY KEY, text varchar(20))');
    syncs = [];
    database = new Database(
      dataSource,
      (path) =>
        new Promise<void>((resolve, reject) => {
          syncs.push({ path, release: resolve, fail: reject });
        }),
    );
  });

  afterEach(async () => {
    await database.stopBackgroundWork();
    await database.dataSource.destroy();
    await db.drop();
  });

  const insert = (id: number) =>
    database.write((manager) => manager.query('INSERT INTO notes VALUES (?, ?)', [id, 'ghi chú']));
  const count = () =>
    database
      .read((manager) => manager.query('SELECT count(*) AS n FROM notes'))
      .then((rows: { n: number }[]) => Number(rows[0].n));
  const settled = async <T>(promise: Promise<T>) => {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    // Several turns of the event loop: enough for any work not waiting on the fsync to finish.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  /** Until a commit asks for its fsync (polled: the thread's answers arrive between turns). */
  const fsyncRequested = async () => {
    for (let waited = 0; syncs.length === 0; waited += 5) {
      if (waited > 10_000) throw new Error('no commit asked for its fsync within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  test('a write resolves only after its WAL fsync, and reads wait for it; the event loop runs meanwhile', async () => {
    const write = insert(1);
    expect(await settled(write)).toBe(false);
    expect(syncs.map((sync) => sync.path)).toEqual([
      `${db.options.kind === 'sqlite' && db.options.file}-wal`,
    ]);
    // The event loop is free while the fsync is pending: timers fire, other work goes on.
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A read arriving now waits: the commit is not on disk yet.
    const read = count();
    expect(await settled(read)).toBe(false);

    syncs[0].release();
    await write;
    expect(await read).toBe(1);
  });

  test('writes queued together share one commit and one fsync', async () => {
    const writes = [insert(1), insert(2), insert(3)];
    expect(await settled(Promise.all(writes))).toBe(false);
    expect(syncs).toHaveLength(1);
    syncs[0].release();
    await Promise.all(writes);
    expect(await count()).toBe(3);
  });

  const insertReadableBeforeSynced = (id: number) =>
    database.write((manager) => manager.query('INSERT INTO notes VALUES (?, ?)', [id, 'lá cây']), {
      readableBeforeSynced: true,
    });

  test('a write readable before its sync lets reads through while its fsync runs, and is reported done only after it', async () => {
    const write = insertReadableBeforeSynced(1);
    expect(await settled(write)).toBe(false);
    expect(syncs).toHaveLength(1);
    // The checkpoint builder's bulk rows: a request reads on without waiting for the disk.
    const read = count();
    expect(await settled(read)).toBe(true);
    expect(await read).toBe(1);
    // The next commit does not wait either; it is acknowledged after its own fsync.
    const next = insert(2);
    expect(await settled(next)).toBe(false);
    expect(syncs).toHaveLength(2);
    expect(await settled(write)).toBe(false);
    syncs[0].release();
    await write;
    syncs[1].release();
    await next;
    expect(await count()).toBe(2);
  });

  test('a commit that also carries an ordinary write keeps reads waiting for its fsync', async () => {
    const writes = [insertReadableBeforeSynced(1), insert(2)];
    expect(await settled(Promise.all(writes))).toBe(false);
    expect(syncs).toHaveLength(1);
    const read = count();
    expect(await settled(read)).toBe(false);
    syncs[0].release();
    await Promise.all(writes);
    expect(await read).toBe(2);
  });

  test('a write readable before its sync still fails when its fsync fails', async () => {
    const write = insertReadableBeforeSynced(1).catch((error: Error) => error);
    expect(await settled(write)).toBe(false);
    syncs[0].fail(new Error('EIO: the disk is gone'));
    expect(await write).toEqual(new Error('EIO: the disk is gone'));
  });

  // The checkpoint builder's reads (the background connection) and requests' (reader threads).
  const offLoopReads = [
    ['the background connection', (sql: string) => database.readOffTheEventLoop(sql)],
    ['a reader thread', (sql: string) => database.readOnAReaderThread(sql)],
  ] as const;

  test.each(offLoopReads)(
    'a read on %s waits for a commit to be on disk, as any read',
    async (_, readOffTheLoop) => {
      // The thread started (a read through it), so only the gate can hold the next one.
      await readOffTheLoop('SELECT 1');
      const write = insert(1);
      expect(await settled(write)).toBe(false);
      const offLoop = readOffTheLoop('SELECT count(*) AS n FROM notes');
      // Given several turns and the thread's round trip: it waits at the gate, not in the thread.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await settled(offLoop)).toBe(false);
      syncs[0].release();
      await write;
      expect(await offLoop).toEqual([{ n: 1 }]);
    },
  );

  /** About a second of SQLite's time: counting two million generated rows. */
  const LONG_READ =
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) ' +
    'SELECT count(*) AS c FROM n';

  test.each(offLoopReads)(
    'a long read on %s holds up neither the server nor the other reads',
    async (_, readOffTheLoop) => {
      await readOffTheLoop('SELECT 1');
      const long = readOffTheLoop(LONG_READ);
      const finished: string[] = [];
      void long.then(() => finished.push('long read'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const write = insert(1);
      // The write reaches its fsync while the long read runs. Waited for, not given a fixed
      // number of turns: on a loaded machine the thread may take its snapshot late, and the gate
      // is held until it does. Had the write waited for the read to end, the order below fails.
      await fsyncRequested();
      expect(await settled(write)).toBe(false);
      syncs[0].release();
      await write;
      expect(await count()).toBe(1);
      finished.push('write and read');
      expect(await long).toEqual([{ c: 2000000 }]);
      expect(finished).toEqual(['write and read', 'long read']);
    },
  );

  test("requests' reads on reader threads answer while the builder's long read runs, and while another request's does", async () => {
    const finished: string[] = [];
    const builders = database.readOffTheEventLoop(LONG_READ);
    void builders.then(() => finished.push("builder's long read"));
    const requests = database.readOnAReaderThread(LONG_READ);
    void requests.then(() => finished.push("a request's long read"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await database.readOnAReaderThread('SELECT count(*) AS n FROM notes')).toEqual([
      { n: 0 },
    ]);
    finished.push("another request's read");
    await Promise.all([builders, requests]);
    expect(finished[0]).toBe("another request's read");
    expect(finished).toHaveLength(3);
  });

  test('a read whose reader thread dies is answered on the event loop, as are the reads after it', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await database.readOnAReaderThread('SELECT 1');
      // Fault injection: the one reader thread started ends, as a crash of its own would end it.
      const readers = (database as unknown as { readers: { all: Set<{ worker: Worker }> } })
        .readers;
      const [reader] = [...readers.all];
      const long = database.readOnAReaderThread(LONG_READ);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await reader.worker.terminate();
      expect(await long).toEqual([{ c: 2000000 }]);
      expect(errors).toHaveBeenCalledWith(
        expect.stringMatching(/^A reader thread failed, reads run on the event loop/),
      );
      // No thread is started again: the next read runs on the app's connection, and answers.
      expect(await database.readOnAReaderThread('SELECT count(*) AS n FROM notes')).toEqual([
        { n: 0 },
      ]);
      expect(readers.all.size).toBe(0);
    } finally {
      errors.mockRestore();
    }
  });

  test('a long write off the event loop lets reads through at once; other writes wait for it', async () => {
    // The background thread started (a read through it), so the write below starts at once.
    await database.readOffTheEventLoop('SELECT 1');
    // One row, after about a second of SQLite's time counting generated rows.
    const long = database.writeOffTheEventLoop([
      {
        sql:
          "INSERT INTO notes SELECT 1, 'chậm' WHERE (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL " +
          'SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) FROM n) > 0',
        values: [],
      },
    ]);
    const finished: string[] = [];
    void long.then(() => finished.push('long write'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await count()).toBe(0);
    finished.push('read');
    const write = insert(2).then(() => finished.push('write'));
    // The ordinary write starts its commit (and its fsync) only once the long one committed.
    await fsyncRequested();
    expect(finished).toEqual(['read', 'long write']);
    syncs[0].release();
    await write;
    expect(finished).toEqual(['read', 'long write', 'write']);
    expect(await count()).toBe(2);
  });

  test('a failed fsync fails every write of its commit', async () => {
    const writes = [insert(1), insert(2)].map((write) => write.catch((error: Error) => error));
    expect(await settled(Promise.all(writes))).toBe(false);
    syncs[0].fail(new Error('EIO: the disk is gone'));
    for (const outcome of await Promise.all(writes)) {
      expect(outcome).toEqual(new Error('EIO: the disk is gone'));
    }
  });
});

describe('SQLite WAL checkpoints run on a thread of their own, not inside a commit', () => {
  test('the app connection does no automatic checkpoint, yet committed pages reach the database file', async () => {
    const db = await createTestDatabase('sqlite');
    if (db.options.kind !== 'sqlite') throw new Error('expected SQLite options');
    const file = db.options.file;
    const dataSource = createDataSource({ ...db.options, synchronous: 'FULL' });
    await dataSource.initialize();
    const database = new Database(dataSource);
    try {
      await database.write((manager) =>
        manager.query('CREATE TABLE blobs (id integer, body text)'),
      );
      expect((await dataSource.query('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint).toBe(0);
      const before = statSync(file).size;
      // About 2 MiB committed: only a checkpoint copies it from the WAL into the database file.
      for (let i = 0; i < 8; i++) {
        await database.write((manager) =>
          manager.query('INSERT INTO blobs VALUES (?, ?)', [i, 'đ'.repeat(128 * 1024)]),
        );
      }
      for (let wait = 0; wait < 40 && statSync(file).size <= before + 1024 * 1024; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statSync(file).size).toBeGreaterThan(before + 1024 * 1024);
    } finally {
      await database.stopBackgroundWork();
      await dataSource.destroy();
      await db.drop();
    }
  });
});
