import { v7 as uuidv7 } from 'uuid';
import type { Council } from '../../src/domain/council/council-roster';
import { CouncilBodies1764190000000 } from '../../src/persistence/migrations/1764190000000-council-bodies';
import { SqlCouncilsRepository } from '../../src/persistence/repositories/sql-councils.repository';
import { DIALECTS } from '../support/databases';
import {
  aChange,
  aUnit,
  countRows,
  insertOrganisation,
  nextInstant,
  openStore,
  type Store,
} from './fixtures';

/**
 * Councils set up before bodies existed are Emulation-Commendation Councils, several to a unit if
 * so they were. A unit has at most one council of each other body, whoever inserts it.
 */
describe.each(DIALECTS)('councils of several bodies in the database (%s)', (dialect) => {
  let store: Store;
  let councils: SqlCouncilsRepository;
  const province = aUnit(null);
  const department = aUnit(province);
  const before = { first: uuidv7(), second: uuidv7() };

  const aCouncil = (unitId: string, body: Council['body']): Council => ({
    id: uuidv7(),
    unitId,
    name: `Hội đồng ${body}`,
    body,
    createdAt: nextInstant(),
  });

  beforeAll(async () => {
    store = await openStore(dialect);
    councils = new SqlCouncilsRepository(store.database);
    await insertOrganisation(store, [province, department]);
    const migration = new CouncilBodies1764190000000();
    const runner = store.ds.createQueryRunner();
    try {
      await migration.down(runner);
      // Two councils of one unit, written as the code before the migration wrote them.
      for (const [id, name] of [
        [before.first, 'Hội đồng Thi đua – Khen thưởng Sở'],
        [before.second, 'Hội đồng Sáng kiến Sở'],
      ]) {
        await runner.query(
          'INSERT INTO councils (id, unit_id, name, created_at) VALUES ' +
            (dialect === 'postgres' ? '($1, $2, $3, $4)' : '(?, ?, ?, ?)'),
          [id, department.id, name, nextInstant()],
        );
      }
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(() => store.close());

  test('councils from before the migration are Emulation-Commendation Councils, the oldest first', async () => {
    expect((await councils.findCouncil(before.first))?.body).toBe('emulation_council');
    expect(
      (await councils.councilsOfBodyIn([department.id], 'emulation_council')).map((c) => c.id),
    ).toEqual([before.first, before.second]);
    expect(await councils.councilsOfBodyIn([department.id], 'party_cell')).toEqual([]);
  });

  test('one Party cell per unit: a second is refused and leaves no trace in the change log', async () => {
    const cell = aCouncil(department.id, 'party_cell');
    expect(await councils.insertCouncil(cell, aChange('council', cell.id))).toBe(true);
    const logged = await countRows(store.ds, 'admin_changes');

    const second = aCouncil(department.id, 'party_cell');
    expect(await councils.insertCouncil(second, aChange('council', second.id))).toBe(false);
    expect(await councils.findCouncil(second.id)).toBeNull();
    expect(await countRows(store.ds, 'admin_changes')).toBe(logged);

    // Another body, or another unit, is another council.
    const committee = aCouncil(department.id, 'grassroots_party_committee');
    expect(await councils.insertCouncil(committee, aChange('council', committee.id))).toBe(true);
    const provinceCell = aCouncil(province.id, 'party_cell');
    expect(await councils.insertCouncil(provinceCell, aChange('council', provinceCell.id))).toBe(
      true,
    );
    expect(
      (await councils.councilsOfBodyIn([department.id, province.id], 'party_cell')).map(
        (c) => c.unitId,
      ),
    ).toEqual([department.id, province.id]);
    expect((await councils.councilsIn([department.path], 'party_cell')).map((c) => c.id)).toEqual([
      cell.id,
    ]);
  });
});
