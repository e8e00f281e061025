import { holdCouncilSession, unitOfCase } from '../support/council';
import { DIALECTS } from '../support/databases';
import {
  expectProblem,
  nominationData,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/test-app';
import { violationReport } from '../support/violations';
import { LAST_YEAR, step } from './nominations/nomination-steps';

interface Item {
  id: string;
  type: string;
  state: string;
  allowedEvents: { type: string }[];
}

/**
 * Story: the committee's office (secretariat), its council chair, two unit leaders and an auditor
 * each open "my work" and see exactly the cases they can act on now, each exactly when the case's
 * own page offers them an event, and nothing outside their units; they narrow their lists by unit
 * (with its sub-units), award, year, state and type, and find a nominee by typing the name without
 * tone marks. Paging through a list gives every case once.
 */
describe.each(DIALECTS)('my work and the case list filters (%s)', (dialect) => {
  let t: TestApp;
  const unit: Record<'committee' | 'office' | 'team' | 'cell' | 'outside', string> = {
    committee: '',
    office: '',
    team: '',
    cell: '',
    outside: '',
  };
  const users = {} as Record<
    | 'leaderA'
    | 'leaderB'
    | 'leaderOutside'
    | 'secretariat'
    | 'chair'
    | 'member'
    | 'auditor'
    | 'secretariatAn',
    TestUser
  >;
  /** Cases by the name this story gives them. */
  const cases = {} as Record<
    | 'binhDraft'
    | 'anSubmitted'
    | 'cuongVerifying'
    | 'emCouncil'
    | 'emSession'
    | 'giangWithdrawn'
    | 'dungDraft'
    | 'cellDraft'
    | 'anBDraft'
    | 'dungViolation'
    | 'outsideDraft',
    string
  >;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    unit.committee = (await t.createUnit('Đảng ủy Khối (thử nghiệm)', 'party_committee')).id;
    unit.office = (await t.createUnit('Văn phòng Đảng ủy', 'office', unit.committee)).id;
    unit.team = (await t.createUnit('Tổ Tổng hợp', 'agency', unit.office)).id;
    unit.cell = (await t.createUnit('Chi bộ Kỹ thuật', 'party_cell', unit.committee)).id;
    unit.outside = (await t.createUnit('Đảng bộ khác', 'party_committee')).id;
    const person = async (name: string, unitId: string) => (await t.createPerson(name, unitId)).id;
    const an = await person('Nguyễn Văn An', unit.office);
    const binh = await person('Trần Thị Bình', unit.office);
    const giang = await person('Hoàng Văn Giang', unit.office);
    const cuong = await person('Lê Văn Cường', unit.team);
    const em = await person('Đỗ Văn Em', unit.team);
    const dung = await person('Phạm Thị Dung', unit.cell);
    const anB = await person('Nguyễn Văn Ân', unit.cell);
    const anh = await person('Nguyễn Văn Anh', unit.outside);

    const grant = (role: 'unit_leader' | 'secretariat' | 'council_chair', unitId: string) =>
      t.userWithGrants([{ role, unitId }]);
    users.leaderA = await grant('unit_leader', unit.office);
    users.leaderB = await grant('unit_leader', unit.cell);
    users.leaderOutside = await grant('unit_leader', unit.outside);
    users.secretariat = await grant('secretariat', unit.committee);
    users.chair = await grant('council_chair', unit.committee);
    users.member = await t.userWithGrants([{ role: 'council_member', unitId: unit.committee }]);
    users.auditor = await t.userWithGrants([{ role: 'auditor', unitId: unit.committee }]);
    users.secretariatAn = await t.userWithGrants(
      [{ role: 'secretariat', unitId: unit.committee }],
      an,
    );

    const open = async (token: string, personId: string, year = LAST_YEAR) => {
      const opened = await t.openCase(token, {
        type: 'nomination',
        subject: { kind: 'person', personId },
        data: nominationData('lao_dong_tien_tien', year),
      });
      if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
      return opened.body.id as string;
    };
    const submitted = async (token: string, personId: string) => {
      const id = await open(token, personId);
      await t.attachDossier(token, id);
      await step(t, token, id, 'SUBMIT', 'submitted');
      return id;
    };
    const { leaderA, leaderB, leaderOutside, secretariat } = users;
    cases.binhDraft = await open(leaderA.token, binh);
    cases.anSubmitted = await submitted(leaderA.token, an);
    cases.cuongVerifying = await submitted(leaderA.token, cuong);
    await step(t, secretariat.token, cases.cuongVerifying, 'START_VERIFICATION', 'verifying');
    cases.emCouncil = await submitted(leaderA.token, em);
    for (const [type, state] of [
      ['START_VERIFICATION', 'verifying'],
      ['MARK_VERIFIED', 'verified'],
      ['SEND_TO_COUNCIL', 'council_review'],
    ]) {
      await step(t, secretariat.token, cases.emCouncil, type, state);
    }
    // The council recommends her: the head (the chair) has her to decide on.
    const session = await holdCouncilSession(
      t,
      secretariat.token,
      await unitOfCase(t, secretariat.token, cases.emCouncil),
    );
    cases.emSession = session.sessionId;
    cases.giangWithdrawn = await open(leaderA.token, giang, LAST_YEAR - 1);
    await step(t, leaderA.token, cases.giangWithdrawn, 'WITHDRAW', 'withdrawn');
    cases.dungDraft = await open(leaderB.token, dung);
    const collective = await t.openCase(leaderB.token, {
      type: 'nomination',
      subject: { kind: 'unit', unitId: unit.cell },
      data: nominationData('tap_the_lao_dong_tien_tien'),
    });
    expect(collective.status).toBe(201);
    cases.cellDraft = collective.body.id;
    cases.anBDraft = await open(leaderB.token, anB);
    const violation = await t.openCase(secretariat.token, {
      type: 'violation',
      subject: { kind: 'person', personId: dung },
      data: violationReport({
        category: 'other',
        source: 'inspection',
        summary: 'Vi phạm quy chế làm việc của cơ quan',
      }),
    });
    expect(violation.status).toBe(201);
    cases.dungViolation = violation.body.id;
    cases.outsideDraft = await open(leaderOutside.token, anh);
  });
  afterAll(() => t.close());

  const page = async (token: string, query: string) => {
    const response = await t.listCases(token, query);
    expect({ query, status: response.status }).toEqual({ query, status: 200 });
    return response.body as { items: Item[]; nextCursor: string | null };
  };

  /** Every item of a list, page after page, in the order given. */
  const everything = async (token: string, query = '', limit = 100): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await page(
        token,
        [query, `limit=${limit}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&'),
      );
      ids.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    return ids;
  };
  const sorted = (ids: string[]) => [...ids].sort();
  const named = (...names: (keyof typeof cases)[]) => sorted(names.map((name) => cases[name]));

  test('each role sees exactly the cases it can act on, and none outside its units', async () => {
    const expected: Record<keyof typeof users, (keyof typeof cases)[]> = {
      leaderA: ['binhDraft', 'anSubmitted'],
      leaderB: ['dungDraft', 'cellDraft', 'anBDraft'],
      leaderOutside: ['outsideDraft'],
      secretariat: ['anSubmitted', 'cuongVerifying', 'dungViolation'],
      chair: ['emCouncil'],
      member: [],
      auditor: [],
      // Never a case about oneself: An's own nomination is left out.
      secretariatAn: ['cuongVerifying', 'dungViolation'],
    };
    for (const [who, names] of Object.entries(expected)) {
      const user = users[who as keyof typeof users];
      expect({ who, ids: sorted(await everything(user.token, 'actionable=true')) }).toEqual({
        who,
        ids: named(...names),
      });
    }
  });

  test('"actionable" decides exactly as each case’s allowedEvents does', async () => {
    for (const [who, user] of Object.entries(users)) {
      const readable = await everything(user.token);
      const offering: string[] = [];
      for (const id of readable) {
        const read = await t.getCase(user.token, id);
        expect(read.status).toBe(200);
        // A case the user may only know of (a violation, to a unit leader) offers nothing.
        if (!read.body.existenceOnly && read.body.allowedEvents.length > 0) offering.push(id);
      }
      const actionable = await everything(user.token, 'actionable=true');
      const waiting = await everything(user.token, 'actionable=false');
      expect({ who, actionable: sorted(actionable) }).toEqual({
        who,
        actionable: sorted(offering),
      });
      expect({ who, waiting: sorted(waiting) }).toEqual({
        who,
        waiting: sorted(readable.filter((id) => !offering.includes(id))),
      });
      // The list items themselves say the same.
      const items = (await page(user.token, 'actionable=true&limit=100')).items;
      expect(items.every((item) => item.allowedEvents.length > 0)).toBe(true);
    }
  });

  test('unitId lists that unit and the units below it, inside the caller’s scope', async () => {
    const { secretariat, leaderA, leaderB } = users;
    expect(sorted(await everything(secretariat.token, `unitId=${unit.office}`))).toEqual(
      named(
        'binhDraft',
        'anSubmitted',
        'cuongVerifying',
        'emCouncil',
        'emSession',
        'giangWithdrawn',
      ),
    );
    expect(sorted(await everything(secretariat.token, `unitId=${unit.team}`))).toEqual(
      named('cuongVerifying', 'emCouncil', 'emSession'),
    );
    expect(sorted(await everything(leaderB.token, `unitId=${unit.cell}`))).toEqual(
      named('dungDraft', 'cellDraft', 'anBDraft', 'dungViolation'),
    );
    expect(
      sorted(await everything(secretariat.token, `unitId=${unit.office}&actionable=true`)),
    ).toEqual(named('anSubmitted', 'cuongVerifying'));
    // A unit out of scope answers exactly like one that does not exist.
    const outOfScope = await t.listCases(leaderA.token, `unitId=${unit.cell}`);
    const parent = await t.listCases(leaderA.token, `unitId=${unit.committee}`);
    const missing = await t.listCases(leaderA.token, 'unitId=01900000-0000-7000-8000-000000000000');
    for (const response of [outOfScope, parent, missing]) {
      expectProblem(response, 404, 'UNIT.NOT_FOUND');
      expect(response.body.detailVi).toMatch(/^Không tìm thấy đơn vị/);
    }
    expectProblem(
      await t.listCases(secretariat.token, `unitId=${unit.outside}`),
      404,
      'UNIT.NOT_FOUND',
    );
  });

  test('award, year, state and type narrow the list, and combine', async () => {
    const { secretariat } = users;
    const ids = (query: string) => everything(secretariat.token, query).then(sorted);
    expect(await ids('award=lao_dong_tien_tien')).toEqual(
      named(
        'binhDraft',
        'anSubmitted',
        'cuongVerifying',
        'emCouncil',
        'giangWithdrawn',
        'dungDraft',
        'anBDraft',
      ),
    );
    expect(await ids('award=tap_the_lao_dong_tien_tien')).toEqual(named('cellDraft'));
    expect(await ids('award=giay_khen')).toEqual([]);
    expect(await ids(`year=${LAST_YEAR - 1}`)).toEqual(named('giangWithdrawn'));
    expect(await ids(`year=${LAST_YEAR}&award=lao_dong_tien_tien&unitId=${unit.cell}`)).toEqual(
      named('dungDraft', 'anBDraft'),
    );
    expect(await ids('state=verifying')).toEqual(named('cuongVerifying'));
    expect(await ids('state=draft&type=nomination')).toEqual(
      named('binhDraft', 'dungDraft', 'cellDraft', 'anBDraft'),
    );
    expect(await ids('type=violation')).toEqual(named('dungViolation'));
    // A violation has no award or year: asking for either leaves it out.
    expect(await ids(`type=violation&year=${LAST_YEAR}`)).toEqual([]);
    expect(await ids('type=nomination&actionable=true')).toEqual(
      named('anSubmitted', 'cuongVerifying'),
    );
  });

  test('q finds a subject by name whatever the case and tone marks, only in scope', async () => {
    const { secretariat, leaderA, leaderOutside } = users;
    const search = (token: string, q: string) =>
      everything(token, `q=${encodeURIComponent(q)}`).then(sorted);
    expect(await search(secretariat.token, 'nguyen van an')).toEqual(
      named('anSubmitted', 'anBDraft'),
    );
    expect(await search(secretariat.token, 'NGUYỄN VĂN ÂN')).toEqual(
      named('anSubmitted', 'anBDraft'),
    );
    expect(await search(leaderA.token, 'nguyen van an')).toEqual(named('anSubmitted'));
    // Nguyễn Văn Anh folds to "nguyen van anh": found, but only by whoever may read it.
    expect(await search(leaderOutside.token, 'nguyen van an')).toEqual(named('outsideDraft'));
    expect(await search(secretariat.token, 'dung')).toEqual(named('dungDraft', 'dungViolation'));
    expect(await search(secretariat.token, 'do van em')).toEqual(named('emCouncil'));
    expect(await search(secretariat.token, 'ky thuat')).toEqual(named('cellDraft'));
    // LIKE's wildcards are text like any other.
    expect(await search(secretariat.token, 'an%')).toEqual([]);
    expect(await search(secretariat.token, 'v_n')).toEqual([]);
    expect(sorted(await everything(secretariat.token, 'q=dung&actionable=true'))).toEqual(
      named('dungViolation'),
    );
  });

  test('keyset pages give every case once, newest first, with or without filters', async () => {
    const { secretariat, leaderB } = users;
    for (const [token, query] of [
      [secretariat.token, ''],
      [secretariat.token, 'actionable=true'],
      [secretariat.token, `unitId=${unit.office}`],
      [leaderB.token, 'q=nguyen'],
    ]) {
      const whole = await everything(token, query);
      for (const limit of [1, 2, 3]) {
        const paged = await everything(token, query, limit);
        expect({ query, limit, paged }).toEqual({ query, limit, paged: whole });
      }
      expect(whole).toEqual([...whole].sort().reverse());
      expect(new Set(whole).size).toBe(whole.length);
    }
    const first = await page(secretariat.token, 'limit=4');
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toBe(first.items[3].id);
    const last = await page(secretariat.token, 'limit=100');
    expect(last.nextCursor).toBeNull();
  });

  test('each item carries what a list shows: labels, subject, unit, award, year', async () => {
    const items = (await page(users.secretariat.token, 'limit=100')).items as unknown as Record<
      string,
      unknown
    >[];
    const item = (id: string) => items.find((candidate) => candidate.id === id)!;
    expect(item(cases.anSubmitted)).toMatchObject({
      id: cases.anSubmitted,
      type: 'nomination',
      state: 'submitted',
      stateLabel: { vi: 'Đã trình', en: 'Submitted' },
      subject: { kind: 'person', name: 'Nguyễn Văn An', unitId: unit.office },
      unit: { id: unit.office, name: 'Văn phòng Đảng ủy' },
      award: {
        code: 'lao_dong_tien_tien',
        name: { vi: 'Lao động tiên tiến', en: 'Advanced worker' },
      },
      year: LAST_YEAR,
      version: 5,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      allowedEvents: [{ type: 'START_VERIFICATION', label: expect.any(Object) }],
    });
    expect(item(cases.cellDraft)).toMatchObject({
      subject: { kind: 'unit', name: 'Chi bộ Kỹ thuật' },
      unit: { id: unit.cell, name: 'Chi bộ Kỹ thuật' },
      award: { code: 'tap_the_lao_dong_tien_tien', name: { vi: 'Tập thể lao động tiên tiến' } },
    });
    expect(item(cases.dungViolation)).toMatchObject({
      type: 'violation',
      stateLabel: { vi: 'Đã tiếp nhận phản ánh', en: 'Reported' },
      unit: { id: unit.cell, name: 'Chi bộ Kỹ thuật' },
      award: null,
      year: null,
    });
  });

  test('no filter is silently ignored: a bad or unknown one is a 400 problem', async () => {
    const token = users.secretariat.token;
    for (const [query, field] of [
      ['actionable=yes', 'actionable'],
      ['actionable=', 'actionable'],
      ['year=2025.5', 'year'],
      ['year=abc', 'year'],
      ['year=99999', 'year'],
      ['award=Lao%20dong', 'award'],
      ['unitId=office', 'unitId'],
      ['q=', 'q'],
      ['q=%25%25', 'q'],
      ['q=%CC%81', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['mine=true', 'mine'],
    ]) {
      const response = await t.listCases(token, query);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect({
        query,
        fields: response.body.errors.map((e: { field: string }) => e.field),
      }).toEqual({ query, fields: [field] });
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
  });

  test('signed-in users only: 401 without a token; an administrator, who works on no case, has none', async () => {
    const anonymous = await t.http.get('/api/v1/cases?actionable=true');
    expectProblem(anonymous, 401, 'AUTH.UNAUTHENTICATED');
    const admin = await t.listCases(t.adminToken, 'actionable=true');
    expect({ status: admin.status, items: admin.body.items }).toEqual({ status: 200, items: [] });
  });
});
