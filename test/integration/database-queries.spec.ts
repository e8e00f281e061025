import { QueryFailedError } from 'typeorm';
import { PreconditionFailedError } from '../../src/persistence/background-connection';
import { isUniqueViolation } from '../../src/persistence/database';
import { param, placeholders } from '../../src/persistence/sql';
import { DIALECTS } from '../support/databases';
import { openStore, type Store } from './fixtures';

/**
 * Repositories query through the Database's managers. On SQLite those run statements prepared
 * once, straight on better-sqlite3 (src/persistence/prepared-statements.ts); they must answer
 * exactly as TypeORM's own query() does, on both engines: rows, RETURNING, booleans, errors that
 * isUniqueViolation recognises, and a failing unit of a group commit undone alone.
 */
describe.each(DIALECTS)('queries through the Database on %s', (dialect) => {
  let store: Store;
  const p = (index: number) => param(dialect, index);

  beforeAll(async () => {
    store = await openStore(dialect);
    await store.ds.query(
      `CREATE TABLE scratch_people (id integer PRIMARY KEY, name text NOT NULL UNIQUE, ` +
        `active boolean NOT NULL)`,
    );
  });

  afterAll(async () => {
    await store.close();
  });

  const insert = (id: number, name: string, active: boolean) =>
    store.database.write((manager) =>
      manager.query(
        `INSERT INTO scratch_people (id, name, active) VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
        [id, name, active],
      ),
    );
  const names = async () =>
    (
      (await store.database.read((manager) =>
        manager.query('SELECT name FROM scratch_people ORDER BY id'),
      )) as { name: string }[]
    ).map((row) => row.name);

  it('answers a SELECT with the rows TypeORM gives, Vietnamese names exact', async () => {
    await insert(1, 'Nguyễn Thị Hoà', true);
    await insert(2, 'Đặng Văn Ơn', false);
    const sql = `SELECT id, name, active FROM scratch_people WHERE id IN (${placeholders(dialect, 2)}) ORDER BY id`;
    const ours: unknown = await store.database.read((manager) => manager.query(sql, [1, 2]));
    expect(ours).toEqual(await store.ds.query(sql, [1, 2]));
    expect((ours as { name: string }[]).map((row) => row.name)).toEqual([
      'Nguyễn Thị Hoà',
      'Đặng Văn Ơn',
    ]);
    // A boolean parameter matches as the engine stores it (SQLite: 0/1).
    const inactive: { id: number }[] = await store.database.read((manager) =>
      manager.query(`SELECT id FROM scratch_people WHERE active = ${p(1)}`, [false]),
    );
    expect(inactive.map((row) => Number(row.id))).toEqual([2]);
  });

  it('answers UPDATE … RETURNING with the changed rows', async () => {
    const returned: unknown = await store.database.write((manager) =>
      manager.query(
        `UPDATE scratch_people SET name = ${p(1)} WHERE id = ${p(2)} RETURNING id, name`,
        ['Nguyễn Thị Hòa', 1],
      ),
    );
    const rows = (dialect === 'postgres' ? (returned as [unknown[]])[0] : returned) as {
      name: string;
    }[];
    expect(rows.map((row) => row.name)).toEqual(['Nguyễn Thị Hòa']);
    expect(await names()).toEqual(['Nguyễn Thị Hòa', 'Đặng Văn Ơn']);
  });

  it('fails a duplicate with the error isUniqueViolation knows, and undoes only that unit', async () => {
    const [failed, committed] = await Promise.allSettled([
      store.database.write(async (manager) => {
        await manager.query(
          `INSERT INTO scratch_people (id, name, active) VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
          [3, 'Trương Thị Ỷ Lan', true],
        );
        // Same name as row 2: the unit fails after its first insert.
        await manager.query(
          `INSERT INTO scratch_people (id, name, active) VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
          [4, 'Đặng Văn Ơn', true],
        );
      }),
      insert(5, 'Lê Văn Hưu', true),
    ]);
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as unknown;
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(error)).toBe(true);
    expect(committed.status).toBe('fulfilled');
    expect(await names()).toEqual(['Nguyễn Thị Hòa', 'Đặng Văn Ơn', 'Lê Văn Hưu']);
  });

  it.each([
    ["the checkpoint builder's", 'readOffTheEventLoop'],
    ["a request's", 'readOnAReaderThread'],
  ] as const)(
    'answers %s read off the event loop as a read: rows, booleans, blobs, failures',
    async (_, method) => {
      // On a SQLite file this runs on the background connection or a reader thread
      // (background-connection.ts, reader-threads.ts).
      const readOffTheEventLoop = (sql: string, values?: unknown[]) =>
        store.database[method](sql, values);
      const sql =
        'SELECT id, name, active FROM scratch_people ' +
        `WHERE active = ${p(1)} OR name = ${p(2)} ORDER BY id`;
      const values = [true, 'Đặng Văn Ơn'];
      const offLoop = await readOffTheEventLoop(sql, values);
      expect(offLoop).toEqual(await store.database.read((manager) => manager.query(sql, values)));
      expect(offLoop.map((row) => row.name)).toEqual([
        'Nguyễn Thị Hòa',
        'Đặng Văn Ơn',
        'Lê Văn Hưu',
      ]);
      const [blob] = await readOffTheEventLoop(
        dialect === 'postgres' ? "SELECT '\\x00ff10'::bytea AS b" : "SELECT x'00ff10' AS b",
      );
      expect(Buffer.isBuffer(blob.b)).toBe(true);
      expect(blob.b).toEqual(Buffer.from([0x00, 0xff, 0x10]));
      const failure = await readOffTheEventLoop('SELECT nothing FROM scratch_people').catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect(String((failure as Error).message)).toMatch(/nothing/);
      // The next read answers: a failed query leaves no transaction open behind it.
      expect(await readOffTheEventLoop('SELECT COUNT(*) AS n FROM scratch_people')).toEqual([
        { n: dialect === 'postgres' ? '3' : 3 },
      ]);
    },
  );

  it('writes bulk rows off the event loop in one transaction, or nothing when a statement or precondition fails', async () => {
    const insertRow = (id: number, name: string) => ({
      sql: `INSERT INTO scratch_people (id, name, active) VALUES (${p(1)}, ${p(2)}, ${p(3)})`,
      values: [id, name, false],
    });
    const isLeHuu = {
      sql: `UPDATE scratch_people SET active = active WHERE name = ${p(1)} RETURNING id`,
      values: ['Lê Văn Hưu'],
      expectRows: 1,
    };
    await store.database.writeOffTheEventLoop([
      isLeHuu,
      insertRow(10, 'Hồ Xuân Hương'),
      insertRow(11, 'Nguyễn Trãi'),
    ]);
    expect(await names()).toEqual([
      'Nguyễn Thị Hòa',
      'Đặng Văn Ơn',
      'Lê Văn Hưu',
      'Hồ Xuân Hương',
      'Nguyễn Trãi',
    ]);
    const precondition = await store.database
      .writeOffTheEventLoop([insertRow(12, 'Chu Văn An'), { ...isLeHuu, values: ['Không Ai'] }])
      .catch((error: unknown) => error);
    expect(precondition).toEqual(new PreconditionFailedError(1));
    const duplicate = await store.database
      .writeOffTheEventLoop([insertRow(13, 'Chu Văn An'), insertRow(14, 'Nguyễn Trãi')])
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(duplicate)).toBe(true);
    // Neither failed write left a row behind.
    expect(await names()).toHaveLength(5);
    await store.database.write((manager) =>
      manager.query(`DELETE FROM scratch_people WHERE id >= ${p(1)}`, [10]),
    );
  });

  it('keeps answering right past the number of statements it keeps prepared', async () => {
    // 600 different texts (IN lists of 1…600 ids): the oldest prepared statements are let go.
    for (let count = 1; count <= 600; count++) {
      const ids = Array.from({ length: count }, (_, i) => i + 1);
      const rows: { n: number | string }[] = await store.database.read((manager) =>
        manager.query(
          `SELECT COUNT(*) AS n FROM scratch_people WHERE id IN (${placeholders(dialect, count)})`,
          ids,
        ),
      );
      expect(Number(rows[0].n)).toBe(ids.filter((id) => [1, 2, 5].includes(id)).length);
    }
  });
});
