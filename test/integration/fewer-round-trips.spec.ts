import type { EntityManager } from 'typeorm';
import { readTogether, writeWithNext } from '../../src/persistence/fewer-round-trips';
import { isUniqueViolation } from '../../src/persistence/database';
import { param } from '../../src/persistence/sql';
import { DIALECTS } from '../support/databases';
import { openStore, queriesSentToPostgres, type Store } from './fixtures';

/** Values a later write carries into the text of a query on PostgreSQL: each must come back. */
const AWKWARD_NAMES = [
  'Nguyễn Thị Ánh Tuyết',
  'O\'Brien\'s "quoted" name',
  "'); DROP TABLE scratch_notes; --",
  'C:\\đường dẫn\\tệp \\x00 $1 $$ ?',
  "E'\\\\x' || chr(39)",
  '',
];

/**
 * writeWithNext (src/persistence/fewer-round-trips.ts): a write whose answer nobody reads goes
 * with the transaction's next statement on PostgreSQL, and at once on SQLite. Either way the
 * transaction must behave as if each write were sent alone: later statements see it, a failure
 * fails the whole transaction (named as the write says), a rollback drops it, and its values are
 * stored exactly.
 */
describe.each(DIALECTS)('writes sent with the next statement (%s)', (dialect) => {
  let store: Store;
  const p = (index: number) => param(dialect, index);
  const insertNote = (id: number, body: string | null, pinned: boolean, weight: number) => ({
    sql: `INSERT INTO scratch_notes (id, body, pinned, weight) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
    values: [id, body, pinned, weight],
  });
  const notes = async () =>
    (
      await store.database.read((manager) =>
        manager.query('SELECT id, body, pinned, weight FROM scratch_notes ORDER BY id'),
      )
    ).map((row: { id: unknown; body: unknown; pinned: unknown; weight: unknown }) => [
      Number(row.id),
      row.body,
      Boolean(row.pinned),
      Number(row.weight),
    ]);

  beforeAll(async () => {
    store = await openStore(dialect);
    await store.ds.query(
      'CREATE TABLE scratch_notes (id integer PRIMARY KEY, body text UNIQUE, ' +
        'pinned boolean NOT NULL, weight double precision NOT NULL)',
    );
  });
  afterAll(() => store.close());
  beforeEach(() => store.ds.query('DELETE FROM scratch_notes'));

  it('stores every value exactly, quotes, backslashes and placeholders inside them included', async () => {
    await store.database.write(async (manager) => {
      for (const [index, name] of AWKWARD_NAMES.entries()) {
        await writeWithNext(manager, insertNote(index + 1, name, index % 2 === 0, index / 3));
      }
      await writeWithNext(manager, insertNote(99, null, false, -1.5e-7));
    });
    expect(await notes()).toEqual([
      ...AWKWARD_NAMES.map((name, index) => [index + 1, name, index % 2 === 0, index / 3]),
      [99, null, false, -1.5e-7],
    ]);
  });

  it('leaves a placeholder inside quoted text in the statement alone', async () => {
    await store.database.write((manager) =>
      writeWithNext(manager, {
        sql:
          `INSERT INTO "scratch_notes" (id, body, pinned, weight) ` +
          `VALUES (${p(1)}, 'costs $2, ''$1''' || ${p(2)}, ${p(3)}, ${p(4)})`,
        values: [7, ' each', true, 10],
      }),
    );
    expect(await notes()).toEqual([[7, "costs $2, '$1' each", true, 10]]);
  });

  it('lets the statements after it in the transaction see it', async () => {
    const seen = await store.database.write(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'first', true, 1));
      await writeWithNext(manager, {
        sql: `UPDATE scratch_notes SET weight = weight + 1 WHERE id = ${p(1)}`,
        values: [1],
      });
      const rows: { weight: unknown }[] = await manager.query(
        `SELECT weight FROM scratch_notes WHERE id = ${p(1)}`,
        [1],
      );
      return Number(rows[0].weight);
    });
    expect(seen).toBe(2);
    expect(await notes()).toEqual([[1, 'first', true, 2]]);
  });

  it('reads several statements together, each answering its own rows, after the writes held', async () => {
    const answers = await store.database.write(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'một', true, 1));
      await writeWithNext(manager, insertNote(2, 'hai', false, 2));
      return readTogether(manager, [
        { sql: 'SELECT count(*) AS n FROM scratch_notes', values: [] },
        { sql: `SELECT body FROM scratch_notes WHERE id = ${p(1)}`, values: [2] },
        { sql: `SELECT body FROM scratch_notes WHERE id = ${p(1)}`, values: [3] },
      ]);
    });
    expect(
      answers.map((rows) => rows.map((row) => Object.values(row as object).map(String))),
    ).toEqual([[['2']], [['hai']], []]);
  });

  it('fails the whole transaction when it fails, as the write names the failure', async () => {
    class NameTaken extends Error {}
    const failing = store.database.write(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'kept only if all commit', false, 0));
      await writeWithNext(manager, {
        ...insertNote(2, 'kept only if all commit', false, 0),
        failure: (error) =>
          isUniqueViolation(error, 'scratch_notes') ? new NameTaken() : undefined,
      });
      await writeWithNext(manager, insertNote(3, 'after the failure', false, 0));
    });
    await expect(failing).rejects.toBeInstanceOf(NameTaken);
    expect(await notes()).toEqual([]);
  });

  it('is dropped with the transaction when the work fails before anything else is sent', async () => {
    const failing = store.database.write(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'never', false, 0));
      throw new Error('refused after the write was queued');
    });
    await expect(failing).rejects.toThrow('refused after the write was queued');
    expect(await notes()).toEqual([]);
    // The connection went back to the pool clean: the next transaction commits.
    await store.database.write((manager) => writeWithNext(manager, insertNote(2, 'next', true, 0)));
    expect(await notes()).toEqual([[2, 'next', true, 0]]);
  });

  if (dialect === 'postgres') {
    /** The queries `work`'s transaction sends to PostgreSQL, one per round trip. */
    const exchanges = (work: (manager: EntityManager) => Promise<unknown>) =>
      queriesSentToPostgres(() => store.database.write(work));

    it('waits for two round trips in a transaction that reads once and writes three times', async () => {
      const sent = await exchanges(async (manager) => {
        await manager.query('SELECT count(*) FROM scratch_notes');
        await writeWithNext(manager, insertNote(1, 'a', true, 1));
        await writeWithNext(manager, insertNote(2, 'b', true, 2));
        await writeWithNext(manager, insertNote(3, 'c', true, 3));
      });
      expect(sent).toEqual([
        ['START', 'SELECT'],
        ['INSERT', 'INSERT', 'INSERT', 'COMMIT'],
      ]);
      expect(await notes()).toHaveLength(3);
    });

    it('sends reads asked for together in one round trip, with BEGIN', async () => {
      await store.database.write((manager) => writeWithNext(manager, insertNote(1, 'a', true, 1)));
      const sent = await exchanges(async (manager) => {
        await readTogether(manager, [
          { sql: 'SELECT id FROM scratch_notes WHERE id = $1 FOR UPDATE', values: [1] },
          { sql: 'SELECT count(*) FROM scratch_notes', values: [] },
        ]);
        await writeWithNext(manager, insertNote(4, 'd', true, 4));
      });
      expect(sent).toEqual([
        ['START', 'SELECT', 'SELECT'],
        ['INSERT', 'COMMIT'],
      ]);
      expect(await notes()).toHaveLength(2);
    });

    it('sends a statement with a value it cannot write as text (bytes) on its own, in order', async () => {
      await store.ds.query('CREATE TABLE IF NOT EXISTS scratch_files (id integer, content bytea)');
      await store.database.write(async (manager) => {
        await writeWithNext(manager, insertNote(1, 'before the file', true, 0));
        await writeWithNext(manager, {
          sql: 'INSERT INTO scratch_files (id, content) VALUES ($1, $2)',
          values: [1, Buffer.from([0, 39, 92, 255])],
        });
      });
      const files: { content: Buffer }[] = await store.ds.query(
        'SELECT content FROM scratch_files',
      );
      expect(files.map((file) => [...file.content])).toEqual([[0, 39, 92, 255]]);
      expect(await notes()).toEqual([[1, 'before the file', true, 0]]);
    });
  }
});
