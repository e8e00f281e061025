import { CouncilFacts } from '../../src/councils/council-facts.service';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../../src/persistence/repositories/organisation.repository';
import { todayInVietnam } from '../support/council';
import { DIALECTS } from '../support/databases';
import { expectProblem, type TestApp, startTestApp } from '../support/test-app';

/**
 * Story: a violation is voted by the Party cell of its subject, not by the Emulation-Commendation
 * Council. The secretariat of the Khối Party committee keeps, next to the emulation councils, a
 * Party cell in a cell and one in the Sở, the Sở's Party committee and the Khối's standing
 * committee, each with its roster. The list says which body each council is and filters by body;
 * a unit has one Party cell. A council session cannot be held by the Party cell. The violation
 * plug-in's lookup finds, for a subject's unit, the body's council in that unit or else the
 * nearest one above it, with who sat on it on the meeting date.
 */
describe.each(DIALECTS)('councils of several bodies (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: string;
  const units: Record<'khoi' | 'so' | 'chiBo' | 'toVanThu', { id: string; path: string }> = {
    khoi: { id: '', path: '' },
    so: { id: '', path: '' },
    chiBo: { id: '', path: '' },
    toVanThu: { id: '', path: '' },
  };
  const councils: Record<'cell' | 'soCell' | 'soCommittee' | 'khoiStanding', string> = {
    cell: '',
    soCell: '',
    soCommittee: '',
    khoiStanding: '',
  };
  const people: Record<'biThu' | 'former' | 'newcomer' | 'clerk', string> = {
    biThu: '',
    former: '',
    newcomer: '',
    clerk: '',
  };

  const createCouncil = (unitId: string, name: string, body?: string) =>
    t
      .postAs(secretariat, '/api/v1/councils')
      .send({ unitId, name, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [secretariat] = await t.tokensFor('secretariat');
    const organisation = t.app.get<OrganisationRepository>(ORGANISATION_REPOSITORY);
    const khoi = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    const so = await t.createUnit('Đảng bộ Sở Tư pháp', 'grassroots_party_org', khoi.id);
    const chiBo = await t.createUnit('Chi bộ Phòng Tổ chức', 'party_cell', so.id);
    const toVanThu = await t.createUnit('Tổ Văn thư', 'office', chiBo.id);
    for (const [key, unit] of Object.entries({ khoi, so, chiBo, toVanThu })) {
      const stored = await organisation.findUnitById(unit.id);
      units[key as keyof typeof units] = { id: unit.id, path: stored!.path };
    }
    people.biThu = (await t.createPerson('Nguyễn Văn Bí', chiBo.id)).id;
    people.former = (await t.createPerson('Trần Thị Cũ', chiBo.id)).id;
    people.newcomer = (await t.createPerson('Lê Văn Mới', chiBo.id)).id;
    people.clerk = (await t.createPerson('Phạm Thị Ghi', chiBo.id)).id;
  });
  afterAll(() => t.close());

  test('the secretariat sets up a Party cell; the list names each body and filters by it', async () => {
    const cell = await createCouncil(units.chiBo.id, 'Chi bộ Phòng Tổ chức', 'party_cell');
    expect(cell.status).toBe(201);
    expect(cell.body).toMatchObject({ name: 'Chi bộ Phòng Tổ chức', body: 'party_cell' });
    councils.cell = cell.body.id;

    // Without a body, a council is the unit's Emulation-Commendation Council, as before.
    const emulation = await createCouncil(units.chiBo.id, 'Hội đồng Thi đua – Khen thưởng');
    expect(emulation.status).toBe(201);
    expect(emulation.body.body).toBe('emulation_council');

    for (const [key, unitId, name, body] of [
      ['soCell', units.so.id, 'Chi bộ Văn phòng Sở', 'party_cell'],
      ['soCommittee', units.so.id, 'Đảng ủy Sở Tư pháp', 'grassroots_party_committee'],
      ['khoiStanding', units.khoi.id, 'Ban Thường vụ Đảng ủy Khối', 'superior_party_committee'],
    ] as const) {
      const created = await createCouncil(unitId, name, body);
      expect(created.status).toBe(201);
      councils[key] = created.body.id;
    }

    const all = await t.getAs(secretariat, '/api/v1/councils');
    expect(all.status).toBe(200);
    const bodyOf = Object.fromEntries(
      all.body.items.map((item: { name: string; body: string }) => [item.name, item.body]),
    );
    expect(bodyOf).toEqual({
      'Ban Thường vụ Đảng ủy Khối': 'superior_party_committee',
      'Chi bộ Văn phòng Sở': 'party_cell',
      'Đảng ủy Sở Tư pháp': 'grassroots_party_committee',
      'Chi bộ Phòng Tổ chức': 'party_cell',
      'Hội đồng Thi đua – Khen thưởng': 'emulation_council',
    });

    const cells = await t.getAs(secretariat, '/api/v1/councils?body=party_cell');
    expect(cells.status).toBe(200);
    expect(cells.body.items.map((item: { id: string }) => item.id)).toEqual([
      councils.soCell,
      councils.cell,
    ]);
    const view = await t.getAs(secretariat, `/api/v1/councils/${councils.cell}`);
    expect(view.body.body).toBe('party_cell');

    expectProblem(
      await t.getAs(secretariat, '/api/v1/councils?body=chi_bo'),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await createCouncil(units.chiBo.id, 'Chi bộ khác', 'party_committee'),
      400,
      'VALIDATION.FAILED',
    );
    // A name of spaces is no name; a name is tidied as every name is (spaces, NFC).
    const blank = await createCouncil(units.chiBo.id, '     ', 'discipline_council');
    expectProblem(blank, 400, 'VALIDATION.FAILED');
    expect(blank.body.errors.map((error: { field: string }) => error.field)).toEqual(['name']);
  });

  test('a unit has one Party cell: a second one is refused, in both languages', async () => {
    const second = await createCouncil(units.chiBo.id, 'Chi bộ Phòng Tổ chức (2)', 'party_cell');
    expectProblem(second, 422, 'COUNCIL.INVALID');
    expect(second.body.field).toBe('body');
    expect(second.body.detailVi).toContain('Đơn vị này đã có Chi bộ');
    expect(second.body.detail).toContain('already has a Party cell');
    const cells = await t.getAs(secretariat, '/api/v1/councils?body=party_cell');
    expect(cells.body.items).toHaveLength(2);

    // Emulation councils stay as they were: a unit may hold more than one.
    const another = await createCouncil(units.chiBo.id, 'Hội đồng Sáng kiến');
    expect(another.status).toBe(201);
  });

  test('a council session cannot be held by the Party cell; the emulation council can', async () => {
    const session = (councilId: string, unitId: string) =>
      t.openCase(secretariat, {
        type: 'council_session',
        subject: { kind: 'unit', unitId },
        data: { councilId, meetingDate: todayInVietnam(), title: 'Phiên họp xét kỷ luật' },
      });

    const refused = await session(councils.cell, units.chiBo.id);
    expectProblem(refused, 422, 'CASE.INVALID_DATA');
    expect(refused.body.body).toBe('party_cell');
    expect(refused.body.detail).toContain(
      'Council sessions belong to the Emulation and Commendation Council; the council chosen is a Party cell',
    );
    expect(refused.body.detailVi).toContain('hội đồng đã chọn là Chi bộ');

    // Another unit's Party cell reads like any council not of the session's unit.
    const elsewhere = await session(councils.cell, units.so.id);
    expectProblem(elsewhere, 422, 'CASE.INVALID_DATA');
    expect(elsewhere.body.body).toBeUndefined();
    expect(elsewhere.body.detail).toBe(
      'This unit has no council with that id (see GET /api/v1/councils).',
    );

    const sessions = await t.getAs(secretariat, '/api/v1/council-sessions');
    expect(sessions.body.items).toEqual([]);

    const { body } = await t.getAs(secretariat, '/api/v1/councils?body=emulation_council');
    const emulation = body.items.find(
      (item: { unit: { id: string }; name: string }) =>
        item.unit.id === units.chiBo.id && item.name === 'Hội đồng Thi đua – Khen thưởng',
    );
    const held = await session(emulation.id, units.chiBo.id);
    expect(held.status).toBe(201);
  });

  test('chairs added at the same moment: the roster still has one chair', async () => {
    const created = await createCouncil(units.so.id, 'Hội đồng Thi đua – Khen thưởng Sở Tư pháp');
    expect(created.status).toBe(201);
    const councilId = created.body.id as string;
    const candidates = [people.biThu, people.former, people.newcomer, people.clerk];
    const answers = await Promise.all(
      candidates.map((personId) =>
        t
          .postAs(secretariat, `/api/v1/councils/${councilId}/members`)
          .send({ personId, role: 'chair', from: '2025-01-01' }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422, 422, 422]);
    for (const answer of answers.filter((a) => a.status === 422)) {
      expectProblem(answer, 422, 'COUNCIL.INVALID');
    }
    const council = await t.getAs(secretariat, `/api/v1/councils/${councilId}`);
    expect(council.body.members.filter((m: { role: string }) => m.role === 'chair')).toHaveLength(
      1,
    );
  });

  test('ending a term later than recorded cannot make two chairs, or two terms of one person', async () => {
    const created = await createCouncil(
      units.toVanThu.id,
      'Hội đồng Thi đua – Khen thưởng Tổ Văn thư',
    );
    expect(created.status).toBe(201);
    const councilId = created.body.id as string;
    const add = (personId: string, role: string, from: string, to?: string) =>
      t
        .postAs(secretariat, `/api/v1/councils/${councilId}/members`)
        .send({ personId, role, from, ...(to ? { to } : {}) });
    const end = (memberId: string, to: string) =>
      t.postAs(secretariat, `/api/v1/councils/${councilId}/members/${memberId}/end`).send({ to });
    const termOf = async (personId: string, role: string) =>
      (
        (await t.getAs(secretariat, `/api/v1/councils/${councilId}`)).body.members as {
          id: string;
          person: { id: string };
          role: string;
          to: string | null;
        }[]
      ).find((m) => m.person.id === personId && m.role === role)!;

    expect((await add(people.former, 'chair', '2024-01-01', '2024-12-31')).status).toBe(201);
    expect((await add(people.biThu, 'chair', '2025-01-01')).status).toBe(201);
    const first = await termOf(people.former, 'chair');

    const twoChairs = await end(first.id, '2025-06-30');
    expectProblem(twoChairs, 422, 'COUNCIL.INVALID');
    expect(twoChairs.body.detailVi).toMatch(/đã có Chủ tịch/);
    expect((await termOf(people.former, 'chair')).to).toBe('2024-12-31');
    // Shortening it is what ending means.
    expect((await end(first.id, '2024-06-30')).status).toBe(200);
    expect((await termOf(people.former, 'chair')).to).toBe('2024-06-30');

    expect((await add(people.former, 'member', '2025-01-01')).status).toBe(201);
    const twoTerms = await end(first.id, '2025-02-01');
    expectProblem(twoTerms, 422, 'COUNCIL.INVALID');
    expect(twoTerms.body.detailVi).toMatch(/đã có nhiệm kỳ/);
    expect((await termOf(people.former, 'chair')).to).toBe('2024-06-30');
  });

  test("a keeper adds only people in their scope; another's answers as one that does not exist", async () => {
    const keeper = (await t.userWithGrants([{ role: 'secretariat', unitId: units.so.id }])).token;
    const desk = await t.createUnit('Phòng Hành chính Sở', 'office', units.so.id);
    const created = await t
      .postAs(keeper, '/api/v1/councils')
      .send({ unitId: desk.id, name: 'Hội đồng Thi đua – Khen thưởng Phòng Hành chính' });
    expect(created.status).toBe(201);
    const add = (personId: string) =>
      t
        .postAs(keeper, `/api/v1/councils/${created.body.id}/members`)
        .send({ personId, role: 'member', from: '2025-01-01' });
    const outsider = await t.createPerson(
      'Đỗ Thị Ngoài',
      (await t.createUnit('Sở Tài chính', 'office')).id,
    );
    const elsewhere = await add(outsider.id);
    const unknown = await add('01900000-0000-7000-8000-000000000000');
    expectProblem(elsewhere, 422, 'COUNCIL.INVALID');
    expect({ ...elsewhere.body, instance: null }).toEqual({ ...unknown.body, instance: null });
    expect(JSON.stringify(elsewhere.body)).not.toContain('Đỗ Thị Ngoài');
    expect((await add(people.clerk)).status).toBe(201);
  });

  describe('the roster a violation vote is checked against', () => {
    beforeAll(async () => {
      for (const [personId, role, from, to] of [
        [people.biThu, 'chair', '2025-01-01', undefined],
        [people.former, 'member', '2025-01-01', '2025-06-30'],
        [people.newcomer, 'member', '2025-07-01', undefined],
        [people.clerk, 'secretary', '2025-01-01', undefined],
      ] as const) {
        const added = await t
          .postAs(secretariat, `/api/v1/councils/${councils.cell}/members`)
          .send({ personId, role, from, ...(to ? { to } : {}) });
        expect(added.status).toBe(201);
      }
    });

    const rosterFor = (
      unit: keyof typeof units,
      body: Parameters<CouncilFacts['bodyRosterFor']>[1],
      on: string,
    ) => t.app.get(CouncilFacts).bodyRosterFor(units[unit].path, body, on);

    test("the subject's own unit's Party cell, with the terms in force on the meeting date", async () => {
      expect(await rosterFor('chiBo', 'party_cell', '2025-06-30')).toEqual({
        council: {
          id: councils.cell,
          name: 'Chi bộ Phòng Tổ chức',
          unitId: units.chiBo.id,
          unitName: 'Chi bộ Phòng Tổ chức',
          body: 'party_cell',
        },
        members: [
          { personId: people.biThu, fullName: 'Nguyễn Văn Bí', role: 'chair', votes: true },
          { personId: people.former, fullName: 'Trần Thị Cũ', role: 'member', votes: true },
          { personId: people.clerk, fullName: 'Phạm Thị Ghi', role: 'secretary', votes: false },
        ],
      });
      const nextDay = await rosterFor('chiBo', 'party_cell', '2025-07-01');
      expect(nextDay?.members.map((member) => member.fullName)).toEqual([
        'Nguyễn Văn Bí',
        'Lê Văn Mới',
        'Phạm Thị Ghi',
      ]);
      // Before anyone's term the council is still the one found, with nobody to vote.
      expect(await rosterFor('chiBo', 'party_cell', '2024-12-31')).toMatchObject({
        council: { id: councils.cell },
        members: [],
      });
    });

    test('else the nearest unit above that has one; null when no unit of the chain has one', async () => {
      // The Tổ has no cell of its own: the cell it belongs to, not the Sở's, votes.
      expect((await rosterFor('toVanThu', 'party_cell', '2025-07-01'))?.council.id).toBe(
        councils.cell,
      );
      expect((await rosterFor('so', 'party_cell', '2025-07-01'))?.council.id).toBe(councils.soCell);
      expect(await rosterFor('toVanThu', 'grassroots_party_committee', '2025-07-01')).toEqual({
        council: {
          id: councils.soCommittee,
          name: 'Đảng ủy Sở Tư pháp',
          unitId: units.so.id,
          unitName: 'Đảng bộ Sở Tư pháp',
          body: 'grassroots_party_committee',
        },
        members: [],
      });
      expect(
        (await rosterFor('toVanThu', 'superior_party_committee', '2025-07-01'))?.council.id,
      ).toBe(councils.khoiStanding);
      // Nothing looks down the tree: the Khối has no Party cell even though units below it do.
      expect(await rosterFor('khoi', 'party_cell', '2025-07-01')).toBeNull();
      expect(await rosterFor('toVanThu', 'discipline_council', '2025-07-01')).toBeNull();
    });
  });
});
