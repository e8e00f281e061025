import { CaseLists1764120000000 } from '../../src/persistence/migrations/1764120000000-case-lists';
import { DIALECTS } from '../support/databases';
import {
  aUser,
  createUser,
  insertCase,
  openStore,
  personSubject,
  unitSubject,
  type Store,
} from './fixtures';

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
    const runner = store.ds.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await folded()).toEqual(expected());
    const page = await store.cases.list({ scopes: null, subjectSearch: 'thi on', limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([ids['Đặng  Thị Ơn']]);
  });
});
