import { v7 as uuidv7 } from 'uuid';
import type { StoredPerson } from '../../src/persistence/repositories/organisation.repository';
import {
  rosterOn,
  type Council,
  type CouncilMember,
  type CouncilRole,
} from '../../src/domain/council/council-roster';
import { SqlCouncilsRepository } from '../../src/persistence/repositories/sql-councils.repository';
import { DIALECTS } from '../support/databases';
import {
  aChange,
  aPerson,
  aUnit,
  countRows,
  insertOrganisation,
  nextInstant,
  openStore,
  type Store,
} from './fixtures';

/** Fixed ids, so that the order of unit paths (and so of councils) is known in advance. */
const UNIT_IDS = {
  province: '00000000-0000-4000-8000-000000000001',
  department: '00000000-0000-4000-8000-000000000002',
  office: '00000000-0000-4000-8000-000000000003',
  district: '00000000-0000-4000-8000-000000000004',
};

function aCouncil(unitId: string, name: string): Council {
  return { id: uuidv7(), unitId, name, body: 'emulation_council', createdAt: nextInstant() };
}

/** A roster check that accepts every term. */
const acceptAll = () => undefined;

function aTerm(
  council: Council,
  person: StoredPerson,
  role: CouncilRole,
  from: string,
  to: string | null = null,
): CouncilMember {
  return {
    id: uuidv7(),
    councilId: council.id,
    personId: person.id,
    role,
    from,
    to,
    createdAt: nextInstant(),
  };
}

describe.each(DIALECTS)('councils repository (%s)', (dialect) => {
  let store: Store;
  let councils: SqlCouncilsRepository;
  let people: StoredPerson[];

  const province = aUnit(null, { id: UNIT_IDS.province });
  const department = aUnit(province, { id: UNIT_IDS.department });
  const office = aUnit(department, { id: UNIT_IDS.office });
  const district = aUnit(province, { id: UNIT_IDS.district });

  const provinceCouncil = aCouncil(province.id, 'Hội đồng Thi đua – Khen thưởng tỉnh');
  const departmentCouncil = aCouncil(department.id, 'Hội đồng Thi đua – Khen thưởng Sở');
  const departmentAdvisory = aCouncil(department.id, 'Hội đồng Sáng kiến Sở');
  const officeCouncil = aCouncil(office.id, 'Hội đồng Thi đua – Khen thưởng Phòng');
  const districtCouncil = aCouncil(district.id, 'Hội đồng Thi đua – Khen thưởng huyện');

  beforeAll(async () => {
    store = await openStore(dialect);
    councils = new SqlCouncilsRepository(store.database);
    people = Array.from({ length: 6 }, () => aPerson(department));
    await insertOrganisation(store, [province, department, office, district], people);
    for (const council of [
      districtCouncil,
      officeCouncil,
      departmentCouncil,
      provinceCouncil,
      departmentAdvisory,
    ]) {
      await councils.insertCouncil(
        council,
        aChange('council', council.id, 'create', null, council),
      );
    }
  });
  afterAll(() => store.close());

  test('a council reads back with its unit path, and its creation is in the change log', async () => {
    expect(await councils.findCouncil(departmentCouncil.id)).toEqual({
      ...departmentCouncil,
      unitPath: `/${UNIT_IDS.province}/${UNIT_IDS.department}/`,
    });
    const log = await store.organisation.changesOf('council', departmentCouncil.id);
    expect(log).toMatchObject([
      { entity: 'council', entityId: departmentCouncil.id, action: 'create', before: null },
    ]);
    expect(log[0].after).toEqual(departmentCouncil);
  });

  test('an unknown council is null', async () => {
    expect(await councils.findCouncil(uuidv7())).toBeNull();
  });

  test('councils in scope: the subtrees given, by unit path then name; none for no scope', async () => {
    const names = async (scopes: string[] | null) =>
      (await councils.councilsIn(scopes)).map((council) => council.name);

    expect(await names(null)).toEqual([
      'Hội đồng Thi đua – Khen thưởng tỉnh',
      'Hội đồng Sáng kiến Sở',
      'Hội đồng Thi đua – Khen thưởng Sở',
      'Hội đồng Thi đua – Khen thưởng Phòng',
      'Hội đồng Thi đua – Khen thưởng huyện',
    ]);
    expect(await names([department.path])).toEqual([
      'Hội đồng Sáng kiến Sở',
      'Hội đồng Thi đua – Khen thưởng Sở',
      'Hội đồng Thi đua – Khen thưởng Phòng',
    ]);
    expect(await names([office.path, district.path])).toEqual([
      'Hội đồng Thi đua – Khen thưởng Phòng',
      'Hội đồng Thi đua – Khen thưởng huyện',
    ]);
    expect(await names([])).toEqual([]);
    expect(await councils.councilsIn([district.path])).toEqual([
      { ...districtCouncil, unitPath: district.path },
    ]);
  });

  describe('members and terms', () => {
    let terms: Record<string, CouncilMember>;

    beforeAll(async () => {
      const [an, binh, chi, dung, giang, hoa] = people;
      // Inserted out of order on purpose: the roster is read by role rank, then start.
      terms = {
        secretary: aTerm(provinceCouncil, hoa, 'secretary', '2025-01-01'),
        member: aTerm(provinceCouncil, dung, 'member', '2025-03-01'),
        formerChair: aTerm(provinceCouncil, giang, 'chair', '2024-01-01', '2024-12-31'),
        laterVice: aTerm(provinceCouncil, chi, 'vice_chair', '2025-06-01'),
        chair: aTerm(provinceCouncil, an, 'chair', '2025-01-01', '2025-12-31'),
        vice: aTerm(provinceCouncil, binh, 'vice_chair', '2025-01-01'),
      };
      for (const term of Object.values(terms)) {
        await councils.insertMember(
          term,
          aChange('council', provinceCouncil.id, 'add_member'),
          acceptAll,
        );
      }
    });

    test('every term reads back, chair first and secretary last, earlier terms first', async () => {
      expect(await councils.membersOf(provinceCouncil.id)).toEqual([
        terms.formerChair,
        terms.chair,
        terms.vice,
        terms.laterVice,
        terms.member,
        terms.secretary,
      ]);
      expect(await councils.membersOf(districtCouncil.id)).toEqual([]);
    });

    test.each([
      ['the day before the chair’s term', '2024-12-31', ['formerChair']],
      ['the first day of the terms', '2025-01-01', ['chair', 'vice', 'secretary']],
      ['the day before a term starts', '2025-02-28', ['chair', 'vice', 'secretary']],
      ['the day a term starts', '2025-03-01', ['chair', 'vice', 'member', 'secretary']],
      [
        'the last day of the chair’s term',
        '2025-12-31',
        ['chair', 'vice', 'laterVice', 'member', 'secretary'],
      ],
      [
        'the day after it: open terms go on',
        '2026-01-01',
        ['vice', 'laterVice', 'member', 'secretary'],
      ],
    ])(
      'the roster on %s (%s): both ends of a term are inclusive',
      async (_when, date, expected) => {
        const members = await councils.membersOf(provinceCouncil.id);
        expect(rosterOn(members, date)).toEqual(expected.map((name) => terms[name]));
      },
    );

    test('ending a term sets its last day and is logged; the roster follows', async () => {
      const before = await countRows(store.ds, 'admin_changes');
      const change = aChange('council', provinceCouncil.id, 'end_term', null, {
        memberId: terms.member.id,
        to: '2025-09-30',
      });

      expect(
        await councils.endTerm(provinceCouncil.id, terms.member.id, '2025-09-30', () => change),
      ).toBe(true);

      const members = await councils.membersOf(provinceCouncil.id);
      expect(members.find((member) => member.id === terms.member.id)).toEqual({
        ...terms.member,
        to: '2025-09-30',
      });
      expect(rosterOn(members, '2025-09-30').map((member) => member.id)).toContain(terms.member.id);
      expect(rosterOn(members, '2025-10-01').map((member) => member.id)).not.toContain(
        terms.member.id,
      );
      expect(await countRows(store.ds, 'admin_changes')).toBe(before + 1);
      expect(await store.organisation.changesOf('council', provinceCouncil.id)).toContainEqual(
        change,
      );
    });

    test('ending an unknown term, or a term of another council, changes and logs nothing', async () => {
      const before = await countRows(store.ds, 'admin_changes');
      const membersBefore = await councils.membersOf(provinceCouncil.id);

      expect(
        await councils.endTerm(provinceCouncil.id, uuidv7(), '2025-12-31', () =>
          aChange('council', provinceCouncil.id, 'end_term'),
        ),
      ).toBe(false);
      expect(
        await councils.endTerm(districtCouncil.id, terms.vice.id, '2025-12-31', () =>
          aChange('council', districtCouncil.id, 'end_term'),
        ),
      ).toBe(false);

      expect(await councils.membersOf(provinceCouncil.id)).toEqual(membersBefore);
      expect(await countRows(store.ds, 'admin_changes')).toBe(before);
    });

    test('additions at once are checked one after the other: one chair of five', async () => {
      const noChairYet = (terms: CouncilMember[]) => {
        if (terms.some((term) => term.role === 'chair')) throw new Error('the council has a chair');
      };
      const outcomes = await Promise.allSettled(
        people
          .slice(0, 5)
          .map((person) =>
            councils.insertMember(
              aTerm(officeCouncil, person, 'chair', '2025-01-01'),
              aChange('council', officeCouncil.id, 'add_member'),
              noChairYet,
            ),
          ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(
        (await councils.membersOf(officeCouncil.id)).filter((term) => term.role === 'chair'),
      ).toHaveLength(1);
      expect(await store.organisation.changesOf('council', officeCouncil.id)).toHaveLength(2);
    });

    test('the database refuses a term that ends before it starts, and an unknown role', async () => {
      const before = await countRows(store.ds, 'council_members');
      const backwards = aTerm(provinceCouncil, people[0], 'member', '2025-05-01', '2025-04-30');
      const unknownRole = {
        ...aTerm(provinceCouncil, people[0], 'member', '2025-05-01'),
        role: 'treasurer' as CouncilRole,
      };

      await expect(
        councils.insertMember(
          backwards,
          aChange('council', provinceCouncil.id, 'add_member'),
          acceptAll,
        ),
      ).rejects.toThrow(/check constraint/i);
      await expect(
        councils.insertMember(
          unknownRole,
          aChange('council', provinceCouncil.id, 'add_member'),
          acceptAll,
        ),
      ).rejects.toThrow(/check constraint/i);
      await expect(
        councils.endTerm(provinceCouncil.id, terms.vice.id, '2024-12-31', () =>
          aChange('council', provinceCouncil.id, 'end_term'),
        ),
      ).rejects.toThrow(/check constraint/i);

      expect(await countRows(store.ds, 'council_members')).toBe(before);
      expect(
        (await councils.membersOf(provinceCouncil.id)).find((m) => m.id === terms.vice.id)?.to,
      ).toBeNull();
    });
  });
});
