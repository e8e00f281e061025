import { QueryFailedError, type EntityManager } from 'typeorm';
import { PreconditionFailedError } from '../../src/persistence/background-connection';
import { Database, isUniqueViolation } from '../../src/persistence/database';
import { createDataSource } from '../../src/persistence/data-source';
import { writeWithNext } from '../../src/persistence/fewer-round-trips';
import { blindWriteOf } from '../../src/persistence/blind-writes';
import { PreparedStatements } from '../../src/persistence/prepared-statements';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';

/**
 * A blind write (persistence/blind-writes.ts) reads nothing once begun: its statements are held
 * while its code runs and, on a SQLite file, committed by the writer thread, off the event loop,
 * grouped with the blind writes that arrived meanwhile. What a caller sees must be what write()
 * gives: all of a unit or none of it, preconditions and unique keys holding, the answer only once
 * it is committed, and a unit that reads after all run again as an ordinary transaction.
 */
describe.each(DIALECTS)('blind writes (%s)', (dialect) => {
  let db: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    const dataSource = createDataSource(db.options);
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE notes (id integer PRIMARY KEY, text varchar(40) NOT NULL, version integer NOT NULL)',
    );
    database = new Database(dataSource);
  });

  afterEach(async () => {
    await database.stopBackgroundWork();
    await database.dataSource.destroy();
    await db.drop();
  });

  const p = (index: number) => (dialect === 'postgres' ? `$${index}` : '?');
  const insertNote = (id: number, text: string) => ({
    sql: `INSERT INTO notes (id, text, version) VALUES (${p(1)}, ${p(2)}, 1)`,
    values: [id, text],
  });
  /** A precondition: the note is at this version (one row), as expectUnchanged holds one. */
  const noteAt = (id: number, version: number) => ({
    // PostgreSQL locks the row, as the cases' lockIfUnchangedOrFail does; SQLite has one writer.
    sql: `SELECT 1 FROM notes WHERE id = ${p(1)} AND version = ${p(2)}${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    values: [id, version],
    expectRows: 1,
  });
  const notes = async () =>
    (
      (await database.read((manager) =>
        manager.query('SELECT id, text, version FROM notes ORDER BY id'),
      )) as { id: number; text: string; version: number }[]
    ).map((row) => ({ ...row, id: Number(row.id), version: Number(row.version) }));

  /** Holds a statement as the engine's case transactions do; on PostgreSQL, writeWithNext. */
  const holdOrRun = async (manager: EntityManager, statement: ReturnType<typeof noteAt>) => {
    const blind = blindWriteOf(manager);
    if (blind !== undefined) {
      blind.hold({
        ...statement,
        failure: (error) =>
          error instanceof PreconditionFailedError ? new Error('note changed') : undefined,
      });
      return;
    }
    const rows = (await manager.query(statement.sql, statement.values)) as unknown[];
    if (rows.length !== statement.expectRows) throw new Error('note changed');
  };

  test('a unit commits whole, and its answer comes once it is committed', async () => {
    const answer = await database.writeBlind(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'Nguyễn Thị Ánh'));
      await writeWithNext(manager, insertNote(2, 'Trần Văn Đức'));
      return 'done';
    });
    expect(answer).toBe('done');
    expect(await notes()).toEqual([
      { id: 1, text: 'Nguyễn Thị Ánh', version: 1 },
      { id: 2, text: 'Trần Văn Đức', version: 1 },
    ]);
  });

  test('units arriving together: one whose precondition fails is undone alone, the others commit', async () => {
    await database.write((manager) => manager.query(insertNote(1, 'một').sql, [1, 'một']));
    const bump = (to: string) => async (manager: EntityManager) => {
      await holdOrRun(manager, noteAt(1, 1));
      await writeWithNext(manager, {
        sql: `UPDATE notes SET text = ${p(1)}, version = 2 WHERE id = ${p(2)}`,
        values: [to, 1],
      });
      await writeWithNext(manager, insertNote(to === 'hai' ? 2 : 3, to));
    };
    const outcomes = await Promise.allSettled([
      database.writeBlind(bump('hai')),
      database.writeBlind(bump('ba')),
      database.writeBlind(async (manager) => writeWithNext(manager, insertNote(4, 'bốn'))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('note changed'));
    // The refused unit's update and insert are both gone; the others' rows are all there.
    expect(await notes()).toEqual([
      { id: 1, text: 'hai', version: 2 },
      { id: 2, text: 'hai', version: 1 },
      { id: 4, text: 'bốn', version: 1 },
    ]);
  });

  test('a unique key refused in the thread is reported as the statement names it, nothing of the unit written', async () => {
    await database.write((manager) => manager.query(insertNote(1, 'một').sql, [1, 'một']));
    const refused = database.writeBlind(async (manager) => {
      await writeWithNext(manager, insertNote(2, 'hai'));
      await writeWithNext(manager, {
        ...insertNote(1, 'lại một'),
        failure: (error) => (isUniqueViolation(error) ? new Error('already there') : undefined),
      });
    });
    await expect(refused).rejects.toEqual(new Error('already there'));
    const unnamed = await database
      .writeBlind((manager) => writeWithNext(manager, insertNote(1, 'x')))
      .catch((error: unknown) => error);
    expect(unnamed).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(unnamed)).toBe(true);
    expect(await notes()).toEqual([{ id: 1, text: 'một', version: 1 }]);
  });

  test('a unit that reads after all runs again as a transaction, and reads what it wrote', async () => {
    let runs = 0;
    const counted = await database.writeBlind(async (manager) => {
      runs += 1;
      await writeWithNext(manager, insertNote(1, 'một'));
      const rows = (await manager.query('SELECT count(*) AS n FROM notes')) as { n: unknown }[];
      return Number(rows[0].n);
    });
    expect(counted).toBe(1);
    expect(runs).toBe(dialect === 'sqlite' ? 2 : 1);
    expect(await notes()).toEqual([{ id: 1, text: 'một', version: 1 }]);
  });

  test('a value that cannot cross to a thread (bytes) runs the unit as a transaction', async () => {
    await database.dataSource.query(
      `CREATE TABLE files (id integer PRIMARY KEY, content ${dialect === 'postgres' ? 'bytea' : 'blob'})`,
    );
    await database.writeBlind((manager) =>
      writeWithNext(manager, {
        sql: `INSERT INTO files (id, content) VALUES (${p(1)}, ${p(2)})`,
        values: [1, Buffer.from([0xe1, 0xbb, 0x87])],
      }),
    );
    const rows = (await database.read((manager) => manager.query('SELECT content FROM files'))) as {
      content: Buffer;
    }[];
    expect(Buffer.from(rows[0].content)).toEqual(Buffer.from([0xe1, 0xbb, 0x87]));
  });

  test('a repository used on a blind write does not run outside its transaction', async () => {
    await database.writeBlind(async (manager) => {
      await writeWithNext(manager, insertNote(1, 'một'));
      // A query builder reaches the database through the manager's query runner.
      await manager
        .createQueryBuilder()
        .insert()
        .into('notes')
        .values({ id: 2, text: 'hai', version: 1 })
        .execute();
    });
    expect(await notes()).toEqual([
      { id: 1, text: 'một', version: 1 },
      { id: 2, text: 'hai', version: 1 },
    ]);
  });

  if (dialect === 'sqlite') {
    test('on SQLite the statements run on the writer thread, not on the event loop', async () => {
      const onTheEventLoop: string[] = [];
      const run = PreparedStatements.prototype.run;
      const spy = jest.spyOn(PreparedStatements.prototype, 'run').mockImplementation(function (
        this: PreparedStatements,
        sql,
        parameters,
      ) {
        onTheEventLoop.push(sql);
        return run.call(this, sql, parameters);
      });
      try {
        await database.writeBlind((manager) => writeWithNext(manager, insertNote(1, 'một')));
        await database.write((manager) => manager.query(insertNote(2, 'hai').sql, [2, 'hai']));
      } finally {
        spy.mockRestore();
      }
      expect(onTheEventLoop.filter((sql) => sql.startsWith('INSERT'))).toEqual([
        insertNote(2, 'hai').sql,
      ]);
      expect((await notes()).map((note) => note.id)).toEqual([1, 2]);
    });
  }
});
