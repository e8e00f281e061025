import { v7 as uuidv7 } from 'uuid';
import type { StoredUnitAuthority } from '../../src/persistence/repositories/unit-authorities.repository';
import { SqlUnitAuthoritiesRepository } from '../../src/persistence/repositories/sql-unit-authorities.repository';
import { DIALECTS, type DialectName } from '../support/databases';
import {
  aUnit,
  insertOrganisation,
  moveUnit,
  nextInstant,
  openStore,
  type Store,
} from './fixtures';

/** An active authority row of `unitId` (ended when `endedAt` is given). */
function anAuthority(
  unitId: string,
  authorityCode: string,
  endedAt: string | null = null,
): StoredUnitAuthority {
  const at = nextInstant();
  return {
    id: uuidv7(),
    unitId,
    authorityCode,
    seriesCode: `S-${authorityCode}`,
    active: endedAt === null,
    createdAt: at,
    updatedAt: at,
    endedAt,
  };
}

/** What a chain says, unit by unit: its name and the codes it acts as. */
const named = (links: { unitName: string; authorities: { authorityCode: string }[] }[]) =>
  links.map((link) => [link.unitName, link.authorities.map((a) => a.authorityCode)]);

describe.each(DIALECTS)('authority chains in one statement (%s)', (dialect: DialectName) => {
  let store: Store;
  let authorities: SqlUnitAuthoritiesRepository;
  const province = aUnit(null, { name: 'Tỉnh ủy Đắk Lắk' });
  const district = aUnit(province, { name: 'Huyện ủy Krông Pắc' });
  const commune = aUnit(district, { name: 'Đảng ủy xã Ea Kly' });
  const other = aUnit(null, { name: 'Đảng ủy Khối cơ quan' });

  beforeAll(async () => {
    store = await openStore(dialect);
    authorities = new SqlUnitAuthoritiesRepository(store.database);
    await insertOrganisation(store, [province, district, commune, other]);
    await authorities.transaction(async (tx) => {
      // Out of code order on purpose: each unit's authorities come back ordered by code.
      await tx.insertAuthority(anAuthority(province.id, 'provincial_party_committee'));
      await tx.insertAuthority(anAuthority(province.id, 'party_committee_standing'));
      // Ended: no longer acts as it.
      await tx.insertAuthority(anAuthority(district.id, 'district_chair', nextInstant()));
      await tx.insertAuthority(anAuthority(commune.id, 'commune_chair'));
      await tx.insertAuthority(anAuthority(other.id, 'unit_head'));
    });
  });
  afterAll(() => store.close());

  it('goes from the unit up to the root, nearest first, with only the active authorities', async () => {
    expect(named(await authorities.activeAuthorityChainOf(commune.id))).toEqual([
      ['Đảng ủy xã Ea Kly', ['commune_chair']],
      ['Huyện ủy Krông Pắc', []],
      ['Tỉnh ủy Đắk Lắk', ['party_committee_standing', 'provincial_party_committee']],
    ]);
    expect(named(await authorities.activeAuthorityChainOf(province.id))).toEqual([
      ['Tỉnh ủy Đắk Lắk', ['party_committee_standing', 'provincial_party_committee']],
    ]);
  });

  it('is empty for a unit the registry does not hold', async () => {
    expect(await authorities.activeAuthorityChainOf(uuidv7())).toEqual([]);
  });

  it('answers the units asked about in the order asked, each once, unknown ids left out', async () => {
    const asked = [other.id, uuidv7(), commune.id, other.id, district.id];
    expect(named(await authorities.activeAuthoritiesOf(asked))).toEqual([
      ['Đảng ủy Khối cơ quan', ['unit_head']],
      ['Đảng ủy xã Ea Kly', ['commune_chair']],
      ['Đảng ủy Khối cơ quan', ['unit_head']],
      ['Huyện ủy Krông Pắc', []],
    ]);
  });

  it('follows a unit moved elsewhere in the tree', async () => {
    await moveUnit(store, district.id, other.id);
    expect(named(await authorities.activeAuthorityChainOf(commune.id))).toEqual([
      ['Đảng ủy xã Ea Kly', ['commune_chair']],
      ['Huyện ủy Krông Pắc', []],
      ['Đảng ủy Khối cơ quan', ['unit_head']],
    ]);
  });
});
