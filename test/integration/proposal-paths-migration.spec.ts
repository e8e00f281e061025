import { ProposalPathsFromUnits1764310000000 } from '../../src/persistence/migrations/1764310000000-proposal-paths-from-units';
import { DIALECTS } from '../support/databases';
import {
  aUnit,
  aUser,
  createUser,
  insertCase,
  insertOrganisation,
  openStore,
  type Store,
} from './fixtures';

/**
 * Undoing the migration that dropped the proposals' copied unit paths gives back the table as it
 * was: each proposal's paths copied from its units, and the proposing unit's path required again.
 */
describe.each(DIALECTS)('undoing "proposal paths from units" (%s)', (dialect) => {
  let store: Store;
  const province = aUnit(null);
  const department = aUnit(province);
  const p = (index: number) => (dialect === 'postgres' ? `$${index}` : '?');

  beforeAll(async () => {
    store = await openStore(dialect);
    await insertOrganisation(store, [province, department]);
  });
  afterAll(() => store.close());

  test('the paths come back from the units, and a proposal without its unit path is refused', async () => {
    const author = await createUser(store, aUser());
    const { stored } = await insertCase(store, author, { caseType: 'proposal', unit: department });
    await store.ds.query(
      'INSERT INTO proposals (case_id, number, year, sequence, format, series, proposing_unit_id, ' +
        'to_authority, to_unit_id, nomination_count, proposed_on, proposed_at) VALUES ' +
        `(${p(1)}, ${p(2)}, 2025, 1, 'state', 'TTr-SNV', ${p(3)}, 'provincial', ${p(4)}, 2, ` +
        `'2025-11-20', ${p(5)})`,
      [stored.id, '01/TTr-SNV', department.id, province.id, '2025-11-20T03:00:00.000Z'],
    );
    const runner = store.ds.createQueryRunner();
    try {
      await new ProposalPathsFromUnits1764310000000().down(runner);
      const rows = (await runner.query(
        'SELECT proposing_unit_path, to_unit_path FROM proposals',
      )) as { proposing_unit_path: string; to_unit_path: string }[];
      expect(rows).toEqual([{ proposing_unit_path: department.path, to_unit_path: province.path }]);
      await expect(
        runner.query(`UPDATE proposals SET proposing_unit_path = NULL WHERE case_id = ${p(1)}`, [
          stored.id,
        ]),
      ).rejects.toThrow(/NOT NULL|null value/i);
      await new ProposalPathsFromUnits1764310000000().up(runner);
    } finally {
      await runner.release();
    }
  });
});
