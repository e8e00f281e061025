import { QueryFailedError } from 'typeorm';
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
