import { CaseLists1764120000000 } from '../../src/persistence/migrations/1764120000000-case-lists';
import { IndexesAtScale1764295000000 } from '../../src/persistence/migrations/1764295000000-indexes-at-scale';
import { TypeOrmCasesRepository } from '../../src/persistence/repositories/typeorm-cases.repository';
import { DIALECTS } from '../support/databases';
import {
  aPerson,
  aUnit,
  aUser,
  createUser,
  insertCase,
  insertOrganisation,
  nextInstant,
  openStore,
  personSubject,
  unitSubject,
  type Store,
} from './fixtures';
import { ExplainingDatabase } from './query-plans';

/**
 * The case lists search subjects by their folded name (a column written with the case). Cases
 * opened before the column existed get it from the migration; both ways give the same key.
 */
describe.each(DIALECTS)('the folded subject names of cases (%s)', (dialect) => {
  let store: Store;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore(dialect);
    const author = await createUser(store, aUser());
    for (const subject of [
      personSubject('Nguyễn Văn An'),
      personSubject('Đặng  Thị Ơn'),
      unitSubject('Chi bộ Kỹ thuật'),
    ]) {
      ids[subject.name] = (await insertCase(store, author, { subject })).stored.id;
    }
  });
  afterAll(() => store.close());

  const folded = async () => {
    const rows: { id: string; subject_search_name: string }[] = await store.ds.query(
      'SELECT id, subject_search_name FROM cases ORDER BY id',
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.subject_search_name]));
  };
  const expected = () => ({
    [ids['Nguyễn Văn An']]: 'nguyen van an',
    [ids['Đặng  Thị Ơn']]: 'dang thi on',
    [ids['Chi bộ Kỹ thuật']]: 'chi bo ky thuat',
  });

  test('a case is written with its subject’s folded name', async () => {
    expect(await folded()).toEqual(expected());
  });

  test('the migration fills the name of cases opened before it, and can be undone', async () => {
    const migration = new CaseLists1764120000000();
    // A later migration indexes the column: undone first, as a revert would.
    const later = new IndexesAtScale1764295000000();
    const runner = store.ds.createQueryRunner();
    try {
      await later.down(runner);
      await migration.down(runner);
      await migration.up(runner);
      await later.up(runner);
    } finally {
      await runner.release();
    }
    expect(await folded()).toEqual(expected());
    const page = await store.cases.list({ scopes: null, subjectSearch: 'thi on', limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([ids['Đặng  Thị Ơn']]);
  });
});

describe.each(DIALECTS)('case lists at scale (%s)', (dialect) => {
  let store: Store;
  let database: ExplainingDatabase;
  let cases: TypeOrmCasesRepository;

  beforeAll(async () => {
    store = await openStore(dialect);
    database = new ExplainingDatabase(store.ds);
    cases = new TypeOrmCasesRepository(database);
  });
  afterAll(async () => {
    await database.stopBackgroundWork();
    await store.close();
  });
  beforeEach(() => database.plans.splice(0));

  test('a search finds the case by its folded name, and on SQLite reads only the names’ index', async () => {
    const author = await createUser(store, aUser());
    const wanted = await insertCase(store, author, { subject: personSubject('Trần Thị Ánh') });
    await insertCase(store, author, { subject: personSubject('Trần Văn Bình') });
    const page = await cases.list({ scopes: null, subjectSearch: 'thi anh', limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([wanted.stored.id]);
    // Every word, in any order, as people type a name they half remember.
    const anyOrder = await cases.list({ scopes: null, subjectSearch: 'anh tran', limit: 10 });
    expect(anyOrder.items.map((item) => item.id)).toEqual([wanted.stored.id]);
    // A name lies after a case's 2–4 KB of context: the search reads the index of names instead.
    if (dialect === 'sqlite') {
      expect(database.plans.map((plan) => plan.text)).toEqual(
        expect.arrayContaining([expect.stringMatching(/COVERING INDEX cases_search/)]),
      );
      // Nor the whole table in id order, testing each case against the matches.
      const lines = database.plans.flatMap((plan) => plan.lines);
      expect(lines.filter((line) => /^SCAN c\b/.test(line))).toEqual([]);
    }
  });

  test('a case keeps the name its subject had, and is found by the name the registry has now', async () => {
    const author = await createUser(store, aUser());
    const unit = aUnit(null);
    const person = aPerson(unit, { fullName: 'Đoàn Thị Quyên' });
    await insertOrganisation(store, [unit], [person]);
    const opened = await insertCase(store, author, {
      subject: personSubject(person.fullName, { id: person.id, unitId: unit.id }),
      unit,
      subjectPersonId: person.id,
    });
    // The name changed in the registry after the case was opened.
    await store.organisation.transaction((tx) =>
      tx.updatePerson({ ...person, fullName: 'Trần Thị Quyên', updatedAt: nextInstant() }),
    );
    for (const search of ['doan thi quyen', 'tran thi quyen']) {
      const page = await cases.list({ scopes: null, subjectSearch: search, limit: 10 });
      expect(page.items.map((item) => item.id)).toEqual([opened.stored.id]);
      expect(page.items[0].subject.name).toBe('Đoàn Thị Quyên');
    }
    // The registry's names first, then their cases by index: never every case.
    if (dialect === 'sqlite') {
      const lines = database.plans.flatMap((plan) => plan.lines);
      expect(lines).toEqual(
        expect.arrayContaining([expect.stringMatching(/USING INDEX cases_subject_person/)]),
      );
      expect(lines.filter((line) => /^SCAN (c|theirs)\b/.test(line))).toEqual([]);
    }
  });

  test('a reader who may read only their own cases finds them through the subject’s index, and one who may read none asks nothing', async () => {
    const author = await createUser(store, aUser());
    const unit = aUnit(null);
    const [administrator, colleague] = [aPerson(unit), aPerson(unit)];
    await insertOrganisation(store, [unit], [administrator, colleague]);
    const about = (person: typeof administrator) =>
      insertCase(store, author, {
        subject: personSubject(person.fullName, { id: person.id, unitId: unit.id }),
        unit,
        subjectPersonId: person.id,
      });
    const me = administrator.id;
    const mine = await about(administrator);
    await about(colleague);
    await insertCase(store, author, { unit });
    // An administrator with a person: no unit's cases, only their own of a need-to-know workflow.
    const ownOnly = (subjectPersonId: string | null) => ({
      defaultScopes: [],
      pinned: [
        {
          workflowId: 'nomination',
          version: 1,
          fullScopes: [],
          subjectPersonId,
          existenceScopes: [],
        },
      ],
    });
    const page = await cases.list({ scopes: null, readable: ownOnly(me), limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([mine.stored.id]);
    // With a clause for the units it reads none of, SQLite read every case to find them.
    if (dialect === 'sqlite') {
      const lines = database.plans.flatMap((plan) => plan.lines);
      expect(lines.filter((line) => /^SCAN c\b/.test(line))).toEqual([]);
    }
    database.plans.splice(0);
    const none = await cases.list({ scopes: null, readable: ownOnly(null), limit: 10 });
    expect(none).toEqual({ items: [], nextCursor: null });
    expect(database.plans).toEqual([]);
  });

  test('work to do is looked for among open cases only, never by reading every case', async () => {
    const author = await createUser(store, aUser());
    const open = await insertCase(store, author, { state: 'verifying' });
    const closed = await insertCase(store, author, { state: 'verifying' });
    const truth = dialect === 'postgres' ? 'true' : '1';
    await store.ds.query(`UPDATE cases SET closed = ${truth} WHERE id = '${closed.stored.id}'`);
    // As a user with two roles sees it: each role's subtrees, states of several workflow versions.
    const states = (names: string[]) => [
      { workflowId: 'nomination', version: 1, states: names },
      { workflowId: 'violation', version: 3, states: ['reported', 'verifying'] },
    ];
    const page = await cases.list({
      scopes: null,
      work: {
        clauses: [
          { scopes: ['/nowhere/'], states: states(['draft', 'returned']) },
          { scopes: null, states: states(['verifying', 'approving']) },
        ],
        notAboutPersonId: 'someone',
        wanted: true,
      },
      limit: 10,
    });
    expect(page.items.map((item) => item.id)).toEqual([open.stored.id]);
    // Without the open cases' index SQLite read the whole table, closed cases' history included.
    if (dialect === 'sqlite') {
      const lines = database.plans.flatMap((plan) => plan.lines);
      expect(lines.filter((line) => /^SCAN c\b/.test(line))).toEqual([]);
    }
  });
});
