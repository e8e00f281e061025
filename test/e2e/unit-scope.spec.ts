import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import {
  eventTypes,
  expectProblem,
  nominationData,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/test-app';
import { violationReport } from '../support/violations';
import { resolvingReview } from './nominations/review-resolutions';

/**
 * Story: an organisation with a party committee and, under it, two sibling grassroots
 * organisations A and B, each with its people. What a user sees and may do follows their grants
 * over this tree: the leader of A works on A's people and nothing of B (out of scope answers
 * exactly like missing); the committee's secretariat sees both; an auditor of A reads A and acts
 * on nothing; nobody acts on a case about themselves. Moving a unit in the tree moves its cases'
 * scope with it at once. People are found by name however the name is typed, page by page, and
 * every administrative change is in the change log of what it concerns, with who, when, before
 * and after.
 */

interface Registered {
  id: string;
  code: string;
}

/** Names with ư, ơ, đ, ă, â, ê, ô and every tone mark. */
const PEOPLE_OF_A = [
  'Trần Xuân Lâm',
  'Đặng Văn Ơn',
  'Lưu Thị Hường',
  'Phạm Thị Hằng',
  'Nguyễn Thị Tuyết',
  'Hoàng Văn Độ',
  'Bùi Đức Thắng',
  'Ngô Quốc Dũng',
  'Đỗ Thị Minh Thư',
];
/** Lives in a party cell inside A: part of A's subtree. */
const PERSON_OF_CELL = 'Lê Thị Ngọc Ánh';
/** B has a namesake of one of A's people. */
const PEOPLE_OF_B = ['Đặng Văn Ơn', 'Nguyễn Văn Bình', 'Trương Thị Mỹ'];
const PERSON_OF_COMMITTEE = 'Nguyễn Thị Hoà';

/** How a name reads with no case and no diacritics (what a search is expected to ignore). */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

const subjectId = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;

describe.each(DIALECTS)('scope follows the organisation tree (%s)', (dialect) => {
  let t: TestApp;
  let committee: Registered;
  let unitA: Registered;
  let unitB: Registered;
  let cellA: Registered;
  const inA = new Map<string, Registered>();
  const inB = new Map<string, Registered>();
  let inCell: Registered;
  let inCommittee: Registered;

  let leaderA: TestUser;
  let leaderB: TestUser;
  let secretariat: TestUser;
  let auditorA: TestUser;
  let auditor: TestUser;

  /** A nomination of Trần Xuân Lâm (A), opened by A's leader (each of the three with its dossier:
   * versions 2-4 are the three documents). */
  let caseA: string;
  /** A nomination of B's Đặng Văn Ơn, opened by B's leader. */
  let caseB: string;
  /** A nomination of Lê Thị Ngọc Ánh, in a cell inside A. */
  let caseCell: string;

  const nominate = (token: string, personId: string) =>
    t.openCase(token, {
      type: 'nomination',
      subject: { kind: 'person', personId },
      data: nominationData(),
    });

  const patchAs = (token: string, path: string, body: object) =>
    t.http.patch(path).auth(token, { type: 'bearer' }).send(body);

  const ids = (response: Response): string[] =>
    response.body.items.map((item: { id: string }) => item.id);

  /** Every item of a paged list, following nextCursor with pages of `limit`. */
  const allPages = async (token: string, path: string, limit: number) => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: Response = await t.getAs(
        token,
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      pages.push(ids(page));
      cursor = page.body.nextCursor;
    } while (cursor !== null && pages.length < 50);
    return pages;
  };

  /** Two problem answers that differ only in the id they were asked about. */
  const expectSameAnswer = (
    response: Response,
    id: string,
    reference: Response,
    referenceId: string,
  ) => {
    expect(response.status).toBe(reference.status);
    expect(response.headers['content-type']).toBe(reference.headers['content-type']);
    expect(JSON.stringify(response.body).replaceAll(id, '<id>')).toBe(
      JSON.stringify(reference.body).replaceAll(referenceId, '<id>'),
    );
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    committee = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    unitA = await t.createUnit('Đảng bộ Sở Giáo dục', 'grassroots_party_org', committee.id);
    unitB = await t.createUnit('Đảng bộ Sở Y tế', 'grassroots_party_org', committee.id);
    cellA = await t.createUnit('Chi bộ Phòng Giáo dục Tiểu học', 'party_cell', unitA.id);
    for (const name of PEOPLE_OF_A) inA.set(name, await t.createPerson(name, unitA.id));
    for (const name of PEOPLE_OF_B) inB.set(name, await t.createPerson(name, unitB.id));
    inCell = await t.createPerson(PERSON_OF_CELL, cellA.id);
    inCommittee = await t.createPerson(PERSON_OF_COMMITTEE, committee.id);

    leaderA = await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }]);
    leaderB = await t.userWithGrants([{ role: 'unit_leader', unitId: unitB.id }]);
    secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    auditorA = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
    auditor = await t.userWith('auditor');

    const openedA = await nominate(leaderA.token, inA.get('Trần Xuân Lâm')!.id);
    const openedB = await nominate(leaderB.token, inB.get('Đặng Văn Ơn')!.id);
    const openedCell = await nominate(leaderA.token, inCell.id);
    expect([openedA.status, openedB.status, openedCell.status]).toEqual([201, 201, 201]);
    [caseA, caseB, caseCell] = [openedA.body.id, openedB.body.id, openedCell.body.id];
    await t.attachDossier(leaderA.token, caseA);
    await t.attachDossier(leaderB.token, caseB);
    await t.attachDossier(leaderA.token, caseCell);
  });
  afterAll(() => t.close());

  test("A's leader opens cases about A's people and units, and about nothing of B", async () => {
    const lam = inA.get('Trần Xuân Lâm')!;
    const opened = await t.openCase(leaderA.token, {
      type: 'violation',
      subject: { kind: 'person', personId: lam.id },
      data: violationReport(),
    });
    expect(opened.status).toBe(201);
    // A violation is need-to-know: the leader who reports it learns that it exists, in A.
    expect(opened.body).toMatchObject({
      existenceOnly: true,
      type: 'violation',
      state: 'reported',
      unitId: unitA.id,
    });
    const reported = await t.getCase(secretariat.token, opened.body.id);
    expect(reported.body.subject).toEqual({
      kind: 'person',
      id: lam.id,
      code: lam.code,
      name: 'Trần Xuân Lâm',
      unitId: unitA.id,
    });
    const collective = await t.openCase(leaderA.token, {
      type: 'nomination',
      subject: { kind: 'unit', unitId: cellA.id },
      data: nominationData('tap_the_lao_dong_tien_tien'),
    });
    expect(collective.status).toBe(201);
    expect(collective.body.subject).toEqual({
      kind: 'unit',
      id: cellA.id,
      code: cellA.code,
      name: 'Chi bộ Phòng Giáo dục Tiểu học',
    });

    const casesBefore = ids(await t.listCases(secretariat.token, 'limit=100')).length;
    const missing = randomUUID();
    const unknown = await nominate(leaderA.token, missing);
    expectProblem(unknown, 422, 'CASE.UNKNOWN_SUBJECT');
    const outOfScope: [string, object][] = [
      [inB.get('Đặng Văn Ơn')!.id, { kind: 'person', personId: inB.get('Đặng Văn Ơn')!.id }],
      [inCommittee.id, { kind: 'person', personId: inCommittee.id }],
      [unitB.id, { kind: 'unit', unitId: unitB.id }],
      [committee.id, { kind: 'unit', unitId: committee.id }],
    ];
    for (const [id, subject] of outOfScope) {
      for (const type of ['nomination', 'violation']) {
        const data = type === 'nomination' ? nominationData() : violationReport();
        const response = await t.openCase(leaderA.token, { type, subject, data });
        expectProblem(response, 422, 'CASE.UNKNOWN_SUBJECT');
        expectSameAnswer(response, id, unknown, missing);
      }
    }
    expect(ids(await t.listCases(secretariat.token, 'limit=100'))).toHaveLength(casesBefore);
  });

  test("lists of cases, people and units show A's and nothing of B", async () => {
    const casesOfA = await t.listCases(leaderA.token, 'limit=100');
    expect(casesOfA.status).toBe(200);
    expect(ids(casesOfA)).toEqual(expect.arrayContaining([caseA, caseCell]));
    expect(ids(casesOfA)).not.toContain(caseB);
    for (const item of casesOfA.body.items as {
      existenceOnly?: true;
      unitId?: string;
      subject?: { id: string; unitId?: string };
    }[]) {
      // A case the leader may only know of (a violation) still names its unit.
      const unit = item.existenceOnly ? item.unitId : (item.subject?.unitId ?? item.subject?.id);
      expect([unitA.id, cellA.id]).toContain(unit);
    }
    expect(ids(await t.listCases(leaderA.token, 'type=nomination&state=draft'))).not.toContain(
      caseB,
    );
    expect(ids(await t.listCases(leaderB.token, 'limit=100'))).toEqual([caseB]);

    const people = await t.getAs(leaderA.token, '/api/v1/people?limit=100');
    expect(people.status).toBe(200);
    expect(ids(people).sort()).toEqual(
      [...[...inA.values()].map((person) => person.id), inCell.id].sort(),
    );
    const byName = await t.getAs(leaderA.token, '/api/v1/people?q=dang%20van%20on');
    expect(ids(byName)).toEqual([inA.get('Đặng Văn Ơn')!.id]);
    const nguyen = await t.getAs(leaderA.token, '/api/v1/people?q=nguyen');
    expect(ids(nguyen)).toEqual([inA.get('Nguyễn Thị Tuyết')!.id]);
    const ofB = await t.getAs(leaderA.token, `/api/v1/people?unitId=${unitB.id}`);
    expect(ofB.body).toEqual({ items: [], nextCursor: null });
    const ofCell = await t.getAs(leaderA.token, `/api/v1/people?unitId=${cellA.id}`);
    expect(ids(ofCell)).toEqual([inCell.id]);

    const units = await t.getAs(leaderA.token, '/api/v1/units');
    expect(units.status).toBe(200);
    expect(ids(units)).toEqual([unitA.id, cellA.id]);
    const children = await t.getAs(leaderA.token, `/api/v1/units?parentId=${committee.id}`);
    expect(ids(children)).toEqual([unitA.id]);
    const unitRead = await t.getAs(leaderA.token, `/api/v1/units/${cellA.id}`);
    expect(unitRead.body).toMatchObject({ id: cellA.id, parentId: unitA.id, kind: 'party_cell' });
    const personRead = await t.getAs(leaderA.token, `/api/v1/people/${inCell.id}`);
    expect(personRead.body).toMatchObject({ fullName: PERSON_OF_CELL, unitId: cellA.id });

    const missing = randomUUID();
    const noUnit = await t.getAs(leaderA.token, `/api/v1/units/${missing}`);
    expectProblem(noUnit, 404, 'UNIT.NOT_FOUND');
    for (const id of [unitB.id, committee.id]) {
      expectSameAnswer(await t.getAs(leaderA.token, `/api/v1/units/${id}`), id, noUnit, missing);
    }
    const noPerson = await t.getAs(leaderA.token, `/api/v1/people/${missing}`);
    expectProblem(noPerson, 404, 'PERSON.NOT_FOUND');
    for (const id of [inB.get('Đặng Văn Ơn')!.id, inCommittee.id]) {
      const response = await t.getAs(leaderA.token, `/api/v1/people/${id}`);
      expectSameAnswer(response, id, noPerson, missing);
    }
  });

  test('a case of B answers A exactly like a case that does not exist', async () => {
    const missing = randomUUID();
    const noDocument = randomUUID();
    const requests: [string, (id: string) => Promise<Response>][] = [
      ['GET', (id) => t.getCase(leaderA.token, id)],
      ['history', (id) => t.history(leaderA.token, id)],
      ['verify', (id) => t.verify(leaderA.token, id)],
      ['SUBMIT', (id) => t.sendEvent(leaderA.token, id, 'SUBMIT')],
      [
        'WITHDRAW',
        (id) => t.sendEvent(leaderA.token, id, 'WITHDRAW', undefined, { expectedVersion: 1 }),
      ],
      [
        'keyed',
        (id) => t.sendEvent(leaderA.token, id, 'SUBMIT', undefined, { idempotencyKey: `k-${id}` }),
      ],
      ['upload', (id) => t.uploadDocument(leaderA.token, id, 'to_trinh')],
      ['download', (id) => t.getAs(leaderA.token, `/api/v1/cases/${id}/documents/${noDocument}`)],
      ['certificate', (id) => t.getAs(leaderA.token, `/api/v1/cases/${id}/certificate`)],
      ['auditor GET', (id) => t.getCase(auditorA.token, id)],
      ['auditor history', (id) => t.history(auditorA.token, id)],
      ['auditor verify', (id) => t.verify(auditorA.token, id)],
    ];
    for (const [label, request] of requests) {
      const reference = await request(missing);
      expect({ label, status: reference.status, code: reference.body.code }).toEqual({
        label,
        status: 404,
        code: 'CASE.NOT_FOUND',
      });
      expectSameAnswer(await request(caseB), caseB, reference, missing);
    }
    const untouched = await t.getCase(leaderB.token, caseB);
    expect(untouched.body).toMatchObject({ state: 'draft', version: 4 });
    expect(eventTypes(untouched)).toEqual(['ATTACH_DOCUMENT', 'SUBMIT', 'WITHDRAW']);
    expect((await t.history(leaderB.token, caseB)).body.items).toHaveLength(4);
  });

  test("the committee's secretariat sees and works on the cases of both", async () => {
    const listed = await t.listCases(secretariat.token, 'limit=100');
    expect(ids(listed)).toEqual(expect.arrayContaining([caseA, caseB, caseCell]));
    const people = await t.getAs(secretariat.token, '/api/v1/people?q=dang%20van%20on');
    expect(ids(people).sort()).toEqual(
      [inA.get('Đặng Văn Ơn')!.id, inB.get('Đặng Văn Ơn')!.id].sort(),
    );
    const units = await t.getAs(secretariat.token, '/api/v1/units');
    expect(ids(units).sort()).toEqual([committee.id, unitA.id, unitB.id, cellA.id].sort());

    for (const [leader, id] of [
      [leaderA.token, caseA],
      [leaderB.token, caseB],
    ]) {
      expect((await t.sendEvent(leader, id, 'SUBMIT')).status).toBe(200);
      const read = await t.getCase(secretariat.token, id);
      expect(read.status).toBe(200);
      expect(eventTypes(read)).toEqual(['START_VERIFICATION']);
      const started = await t.sendEvent(secretariat.token, id, 'START_VERIFICATION');
      expect(started.body).toMatchObject({ state: 'verifying', version: 6 });
      expect((await t.verify(secretariat.token, id)).body.ok).toBe(true);
    }
    // The organisation-wide auditor reads everything too.
    expect(ids(await t.listCases(auditor.token, 'limit=100'))).toEqual(
      expect.arrayContaining([caseA, caseB, caseCell]),
    );
  });

  test("an auditor of A reads A's cases and their history, and may send nothing", async () => {
    const nominee = inA.get('Hoàng Văn Độ')!;
    const opened = await nominate(leaderA.token, nominee.id);
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    const listed = await t.listCases(auditorA.token, 'limit=100');
    expect(ids(listed)).toEqual(expect.arrayContaining([id, caseA, caseCell]));
    expect(ids(listed)).not.toContain(caseB);
    for (const item of listed.body.items) expect(item.allowedEvents).toEqual([]);

    // The dossier is the leader's to upload, not the auditor's.
    const upload = await t.uploadDocument(auditorA.token, id, 'to_trinh');
    expectProblem(upload, 403, 'CASE.ROLE_NOT_ALLOWED');
    expect(upload.body.allowedRoles).not.toContain('auditor');
    expect((await t.getCase(auditorA.token, id)).body.version).toBe(1);
    await t.attachDossier(leaderA.token, id);

    // At each stage, every event the workflow offers someone is refused to the auditor.
    const stages: [string, string, [string, object?][]][] = [
      [leaderA.token, 'SUBMIT', [['SUBMIT'], ['WITHDRAW']]],
      [secretariat.token, 'START_VERIFICATION', [['START_VERIFICATION'], ['WITHDRAW']]],
      [
        secretariat.token,
        'MARK_VERIFIED',
        [['MARK_VERIFIED'], ['RETURN_FOR_SUPPLEMENT', { reason: 'Thiếu bản nhận xét' }]],
      ],
    ];
    for (const [actor, next, offered] of stages) {
      const before = await t.getCase(auditorA.token, id);
      expect(before.status).toBe(200);
      expect(before.body.allowedEvents).toEqual([]);
      for (const [type, payload] of offered) {
        const refused = await t.sendEvent(auditorA.token, id, type, payload);
        expectProblem(refused, 403, 'CASE.ROLE_NOT_ALLOWED');
        expect(refused.body.allowedRoles).not.toContain('auditor');
      }
      const after = await t.getCase(auditorA.token, id);
      expect(after.body).toMatchObject({ state: before.body.state, version: before.body.version });
      // Verification resolves the lines eligibility leaves for review (nomination v7).
      const payload = next === 'MARK_VERIFIED' ? await resolvingReview(t, actor, id) : undefined;
      expect((await t.sendEvent(actor, id, next, payload)).status).toBe(200);
    }

    const history = await t.history(auditorA.token, id);
    expect(history.status).toBe(200);
    expect(history.body.items.map((r: { eventType: string }) => r.eventType)).toEqual([
      'CASE_OPENED',
      'ATTACH_DOCUMENT',
      'ATTACH_DOCUMENT',
      'ATTACH_DOCUMENT',
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
    ]);
    expect((await t.verify(auditorA.token, id)).body).toMatchObject({ ok: true, checked: 7 });

    const opening = await nominate(auditorA.token, inA.get('Ngô Quốc Dũng')!.id);
    expectProblem(opening, 403, 'CASE.ROLE_NOT_ALLOWED');
    const people = await t.getAs(auditorA.token, '/api/v1/people?limit=100');
    expect(ids(people)).not.toContain(inB.get('Đặng Văn Ơn')!.id);
    expect(ids(people)).toContain(inA.get('Đặng Văn Ơn')!.id);
  });

  test('nobody acts on a case about themselves', async () => {
    const thu = inA.get('Đỗ Thị Minh Thư')!;
    const leaderThu = await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }], thu.id);
    const casesBefore = ids(await t.listCases(auditor.token, 'limit=100')).length;

    for (const type of ['nomination', 'violation']) {
      const self = await t.openCase(leaderThu.token, {
        type,
        subject: { kind: 'person', personId: thu.id },
        data: type === 'nomination' ? nominationData() : violationReport(),
      });
      expectProblem(self, 403, 'CASE.SELF_ACTION');
      expect(self.body.detailVi).toEqual(expect.any(String));
    }
    expect(ids(await t.listCases(auditor.token, 'limit=100'))).toHaveLength(casesBefore);
    // Linked to a person, the leader still nominates others.
    expect((await nominate(leaderThu.token, inA.get('Phạm Thị Hằng')!.id)).status).toBe(201);

    // A colleague nominates her; she sees the case but is offered nothing and may send nothing.
    const opened = await nominate(leaderA.token, thu.id);
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const asThu = await t.getCase(leaderThu.token, id);
    expect(asThu.status).toBe(200);
    expect(asThu.body.allowedEvents).toEqual([]);
    expect(eventTypes(await t.getCase(leaderA.token, id))).toEqual([
      'ATTACH_DOCUMENT',
      'SUBMIT',
      'WITHDRAW',
    ]);
    expectProblem(await t.uploadDocument(leaderThu.token, id, 'to_trinh'), 403, 'CASE.SELF_ACTION');
    for (const type of ['SUBMIT', 'WITHDRAW']) {
      expectProblem(await t.sendEvent(leaderThu.token, id, type), 403, 'CASE.SELF_ACTION');
    }
    expect((await t.getCase(leaderA.token, id)).body.version).toBe(1);
    await t.attachDossier(leaderA.token, id);
    expect((await t.sendEvent(leaderA.token, id, 'SUBMIT')).status).toBe(200);

    // A secretariat member who is the nominee: nothing offered, everything refused.
    const secretariatThu = await t.userWithGrants(
      [{ role: 'secretariat', unitId: committee.id }],
      thu.id,
    );
    const asSecretariatThu = await t.getCase(secretariatThu.token, id);
    expect(asSecretariatThu.status).toBe(200);
    expect(asSecretariatThu.body.allowedEvents).toEqual([]);
    expect(eventTypes(await t.getCase(secretariat.token, id))).toEqual(['START_VERIFICATION']);
    const listed = await t.listCases(secretariatThu.token, 'limit=100');
    const item = listed.body.items.find((candidate: { id: string }) => candidate.id === id);
    expect(item.allowedEvents).toEqual([]);
    for (const options of [{}, { expectedVersion: 5 }, { idempotencyKey: 'self-start' }]) {
      const refused = await t.sendEvent(
        secretariatThu.token,
        id,
        'START_VERIFICATION',
        undefined,
        options,
      );
      expectProblem(refused, 403, 'CASE.SELF_ACTION');
    }
    const unchanged = await t.getCase(secretariat.token, id);
    expect(unchanged.body).toMatchObject({ state: 'submitted', version: 5 });
    // Her other cases are hers to work on as usual.
    expect(eventTypes(await t.getCase(secretariatThu.token, caseCell))).toEqual([]);
    expect((await t.sendEvent(leaderA.token, caseCell, 'SUBMIT')).status).toBe(200);
    expect(eventTypes(await t.getCase(secretariatThu.token, caseCell))).toEqual([
      'START_VERIFICATION',
    ]);
  });

  test("moving A under B changes at once who sees A's cases: scope follows the tree", async () => {
    const missing = randomUUID();
    const notFound = await t.getCase(leaderB.token, missing);
    expectSameAnswer(await t.getCase(leaderB.token, caseA), caseA, notFound, missing);

    const moved = await patchAs(t.adminToken, `/api/v1/units/${unitA.id}`, { parentId: unitB.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: unitA.id, parentId: unitB.id });
    try {
      // B's leader now holds A (and the cell inside it) in their subtree.
      for (const id of [caseA, caseCell]) {
        expect((await t.getCase(leaderB.token, id)).status).toBe(200);
        expect((await t.history(leaderB.token, id)).status).toBe(200);
        expect((await t.verify(leaderB.token, id)).body.ok).toBe(true);
      }
      expect(ids(await t.listCases(leaderB.token, 'limit=100'))).toEqual(
        expect.arrayContaining([caseA, caseCell, caseB]),
      );
      expect(ids(await t.getAs(leaderB.token, '/api/v1/people?q=tran%20xuan%20lam'))).toEqual([
        inA.get('Trần Xuân Lâm')!.id,
      ]);
      expect(ids(await t.getAs(leaderB.token, '/api/v1/units'))).toEqual([
        unitB.id,
        unitA.id,
        cellA.id,
      ]);
      const cell = await t.getAs(leaderB.token, `/api/v1/units/${cellA.id}`);
      expect(cell.body.path).toBe(`/${committee.id}/${unitB.id}/${unitA.id}/${cellA.id}/`);
      // A's leader keeps A, and does not gain the parent it was moved under.
      expect((await t.getCase(leaderA.token, caseA)).status).toBe(200);
      expectProblem(await t.getCase(leaderA.token, caseB), 404, 'CASE.NOT_FOUND');
      expect((await t.getCase(secretariat.token, caseA)).status).toBe(200);
    } finally {
      const back = await patchAs(t.adminToken, `/api/v1/units/${unitA.id}`, {
        parentId: committee.id,
      });
      expect(back.status).toBe(200);
    }
    expectSameAnswer(await t.getCase(leaderB.token, caseA), caseA, notFound, missing);
    expectSameAnswer(await t.getCase(leaderB.token, caseCell), caseCell, notFound, missing);
    expect(ids(await t.listCases(leaderB.token, 'limit=100'))).toEqual([caseB]);
    expect((await t.getCase(leaderA.token, caseA)).status).toBe(200);
  });

  test('people search ignores case and diacritics and pages with nextCursor', async () => {
    const search = async (token: string, q: string) => {
      const response = await t.getAs(token, `/api/v1/people?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      return (response.body.items as { fullName: string }[]).map((person) => person.fullName);
    };
    for (const [q, expected] of [
      ['tran xuan lam', ['Trần Xuân Lâm']],
      ['TRẦN xuân LÂM', ['Trần Xuân Lâm']],
      ['  tran   xuan  ', ['Trần Xuân Lâm']],
      ['dang van on', ['Đặng Văn Ơn']],
      ['ĐẶNG VĂN ƠN', ['Đặng Văn Ơn']],
      ['Đặng Văn Ơn'.normalize('NFD'), ['Đặng Văn Ơn']],
      ['luu thi huong', ['Lưu Thị Hường']],
      ['huong', ['Lưu Thị Hường']],
      ['pham thi hang', ['Phạm Thị Hằng']],
      ['tuyet', ['Nguyễn Thị Tuyết']],
      ['hoang van do', ['Hoàng Văn Độ']],
      ['duc thang', ['Bùi Đức Thắng']],
      ['ngo quoc dung', ['Ngô Quốc Dũng']],
      ['ngoc anh', [PERSON_OF_CELL]],
      ['Minh Thu', ['Đỗ Thị Minh Thư']],
      ['binh', []],
      ['100%', []],
      ['_', []],
    ] as [string, string[]][]) {
      expect({ q, found: await search(leaderA.token, q) }).toEqual({ q, found: expected });
    }
    expect((await search(secretariat.token, 'nguyen')).sort()).toEqual(
      ['Nguyễn Thị Tuyết', 'Nguyễn Văn Bình', 'Nguyễn Thị Hoà'].sort(),
    );

    // Pages of two over a search, and of three over everyone A's leader sees.
    const withThi = [...PEOPLE_OF_A, PERSON_OF_CELL].filter((name) => plain(name).includes('thi'));
    expect(withThi.length).toBeGreaterThanOrEqual(5);
    for (const [path, limit, expectedCount] of [
      ['/api/v1/people?q=THI', 2, withThi.length],
      ['/api/v1/people', 3, PEOPLE_OF_A.length + 1],
    ] as const) {
      const pages = await allPages(leaderA.token, path, limit);
      const whole = ids(
        await t.getAs(leaderA.token, `${path}${path.includes('?') ? '&' : '?'}limit=100`),
      );
      expect(whole).toHaveLength(expectedCount);
      expect(pages.flat()).toEqual(whole);
      expect(pages.map((page) => page.length)).toEqual([
        ...Array(Math.floor(expectedCount / limit)).fill(limit),
        ...(expectedCount % limit ? [expectedCount % limit] : []),
      ]);
    }
    const thiPeople = await t.getAs(leaderA.token, '/api/v1/people?q=thi&limit=100');
    expect(
      (thiPeople.body.items as { fullName: string }[]).map((person) => person.fullName).sort(),
    ).toEqual([...withThi].sort());
    // In the order of their plain names.
    const order = (thiPeople.body.items as { fullName: string }[]).map((p) => plain(p.fullName));
    expect(order).toEqual([...order].sort());
  });

  describe('the change log', () => {
    let adminId: string;
    let startedAt: string;

    beforeAll(() => {
      adminId = subjectId(t.adminToken);
      startedAt = new Date(Date.now() - 1000).toISOString();
    });

    interface Change {
      id: string;
      at: string;
      actorUserId: string | null;
      actorUsername: string;
      entity: string;
      entityId: string;
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }

    /** The change log at `path`, identical for the admin and both auditors, refused to a leader. */
    const changesAt = async (path: string): Promise<Change[]> => {
      const asAdmin = await t.getAs(t.adminToken, path);
      expect(asAdmin.status).toBe(200);
      // Account histories span units: an auditor scoped to A does not read them.
      const accounts = path.startsWith('/api/v1/users/');
      if (accounts) expectProblem(await t.getAs(auditorA.token, path), 403, 'AUTH.FORBIDDEN');
      for (const reader of accounts ? [auditor] : [auditor, auditorA]) {
        const response = await t.getAs(reader.token, path);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(asAdmin.body);
      }
      expectProblem(await t.getAs(leaderA.token, path), 403, 'AUTH.FORBIDDEN');
      return asAdmin.body;
    };

    const expectByAdmin = (changes: Change[]) => {
      const now = new Date(Date.now() + 1000).toISOString();
      for (const change of changes) {
        expect(change).toMatchObject({ actorUserId: adminId, actorUsername: 'admin' });
        expect(change.at >= startedAt && change.at <= now).toBe(true);
      }
      const times = changes.map((change) => change.at);
      expect(times).toEqual([...times].sort());
    };

    test('every change to a unit is logged with who, when, before and after', async () => {
      const created = await t.createUnit('Chi bộ Phòng Khảo thí', 'party_cell', unitA.id);
      const path = `/api/v1/units/${created.id}`;
      const edits: object[] = [
        { name: 'Chi bộ Phòng Khảo thí và Kiểm định' },
        { active: false },
        { active: true },
        { parentId: cellA.id },
      ];
      for (const edit of edits) expect((await patchAs(t.adminToken, path, edit)).status).toBe(200);

      const changes = await changesAt(`${path}/changes`);
      expect(changes.map((change) => [change.entity, change.entityId, change.action])).toEqual([
        ['unit', created.id, 'create'],
        ['unit', created.id, 'update'],
        ['unit', created.id, 'close'],
        ['unit', created.id, 'reopen'],
        ['unit', created.id, 'move'],
      ]);
      expectByAdmin(changes);
      const [create, rename, close, reopen, move] = changes;
      expect(create.before).toBeNull();
      expect(create.after).toMatchObject({
        id: created.id,
        code: created.code,
        name: 'Chi bộ Phòng Khảo thí',
        parentId: unitA.id,
        active: true,
      });
      expect([rename.before?.name, rename.after?.name]).toEqual([
        'Chi bộ Phòng Khảo thí',
        'Chi bộ Phòng Khảo thí và Kiểm định',
      ]);
      expect([close.before?.active, close.after?.active]).toEqual([true, false]);
      expect([reopen.before?.active, reopen.after?.active]).toEqual([false, true]);
      expect([move.before?.parentId, move.after?.parentId]).toEqual([unitA.id, cellA.id]);
      expect(move.after?.path).toBe(`/${committee.id}/${unitA.id}/${cellA.id}/${created.id}/`);

      // Out of the auditor's scope, the log is not there at all.
      const missing = randomUUID();
      const noUnit = await t.getAs(auditorA.token, `/api/v1/units/${missing}/changes`);
      expectProblem(noUnit, 404, 'UNIT.NOT_FOUND');
      const ofB = await t.getAs(auditorA.token, `/api/v1/units/${unitB.id}/changes`);
      expectSameAnswer(ofB, unitB.id, noUnit, missing);
      expect((await t.getAs(auditor.token, `/api/v1/units/${unitB.id}/changes`)).status).toBe(200);
    });

    test('the units below a moved unit have the move in their own log too', async () => {
      const office = await t.createUnit('Văn phòng Đảng ủy', 'office', unitA.id);
      const cell = await t.createUnit('Chi bộ Văn phòng', 'party_cell', office.id);
      const team = await t.createUnit('Tổ Văn thư', 'office', cell.id);
      expect(
        (await patchAs(t.adminToken, `/api/v1/units/${office.id}`, { parentId: cellA.id })).status,
      ).toBe(200);

      const base = `/${committee.id}/${unitA.id}`;
      for (const [unit, below] of [
        [cell, `${office.id}/${cell.id}/`],
        [team, `${office.id}/${cell.id}/${team.id}/`],
      ] as const) {
        const changes = await changesAt(`/api/v1/units/${unit.id}/changes`);
        expect(changes.map((change) => [change.entityId, change.action])).toEqual([
          [unit.id, 'create'],
          [unit.id, 'move_with_ancestor'],
        ]);
        expectByAdmin(changes);
        const move = changes[1];
        expect([move.before?.path, move.after?.path]).toEqual([
          `${base}/${below}`,
          `${base}/${cellA.id}/${below}`,
        ]);
        // Its own parent did not change: the unit above it moved.
        expect(move.after?.parentId).toBe(move.before?.parentId);
        expect(move.at).toBe((await changesAt(`/api/v1/units/${office.id}/changes`))[1].at);
      }
    });

    test('every change to a person is logged with who, when, before and after', async () => {
      const person = await t.createPerson('Vũ Thị Thu Hà', unitA.id);
      const path = `/api/v1/people/${person.id}`;
      const edits: object[] = [
        { fullName: 'Vũ Thị Thu Hằng', position: 'Bí thư Chi bộ' },
        { partyMember: true, partyJoinedOn: '2010-05-19' },
        { unitId: cellA.id },
        { active: false },
      ];
      for (const edit of edits) expect((await patchAs(t.adminToken, path, edit)).status).toBe(200);

      const changes = await changesAt(`${path}/changes`);
      expect(changes.map((change) => [change.entity, change.entityId, change.action])).toEqual([
        ['person', person.id, 'create'],
        ['person', person.id, 'update'],
        ['person', person.id, 'update'],
        ['person', person.id, 'move'],
        ['person', person.id, 'update'],
      ]);
      expectByAdmin(changes);
      const [create, rename, party, move, deactivate] = changes;
      expect(create.before).toBeNull();
      expect(create.after).toMatchObject({
        id: person.id,
        code: person.code,
        fullName: 'Vũ Thị Thu Hà',
        unitId: unitA.id,
        position: null,
      });
      expect(rename.before).toMatchObject({ fullName: 'Vũ Thị Thu Hà', position: null });
      expect(rename.after).toMatchObject({
        fullName: 'Vũ Thị Thu Hằng',
        position: 'Bí thư Chi bộ',
      });
      expect(party.before).toMatchObject({ partyMember: false, partyJoinedOn: null });
      expect(party.after).toMatchObject({ partyMember: true, partyJoinedOn: '2010-05-19' });
      expect([move.before?.unitId, move.after?.unitId]).toEqual([unitA.id, cellA.id]);
      expect([deactivate.before?.active, deactivate.after?.active]).toEqual([true, false]);

      const ofB = inB.get('Nguyễn Văn Bình')!.id;
      expectProblem(
        await t.getAs(auditorA.token, `/api/v1/people/${ofB}/changes`),
        404,
        'PERSON.NOT_FOUND',
      );
    });

    test('changes to an account and its grants are in the account’s log', async () => {
      const person = await t.createPerson('Trịnh Công Sơn', unitA.id);
      const created = await t.postAs(t.adminToken, '/api/v1/users').send({
        username: 'trinh.cong.son',
        displayName: 'Trịnh Công Sơn',
        password: 'a-long-test-password',
        personId: person.id,
        grants: [{ role: 'unit_leader', unitId: cellA.id }],
      });
      expect(created.status).toBe(201);
      const userId = created.body.id as string;
      const firstGrant = created.body.grants[0].id as string;
      const granted = await t
        .postAs(t.adminToken, `/api/v1/users/${userId}/grants`)
        .send({ role: 'auditor', unitId: cellA.id });
      expect(granted.status).toBe(201);
      const revoked = await t.http
        .delete(`/api/v1/users/${userId}/grants/${firstGrant}`)
        .auth(t.adminToken, { type: 'bearer' });
      expect(revoked.status).toBe(200);
      const renamed = await patchAs(t.adminToken, `/api/v1/users/${userId}`, {
        displayName: 'Trịnh Công Sơn (Văn phòng)',
      });
      expect(renamed.status).toBe(200);

      // The account's whole history, grants included, is on the account itself.
      const ofUser = await changesAt(`/api/v1/users/${userId}/changes`);
      expect(ofUser.map((change) => [change.entity, change.entityId, change.action])).toEqual([
        ['user', userId, 'create'],
        ['user', userId, 'grant'],
        ['user', userId, 'revoke'],
        ['user', userId, 'update'],
      ]);
      expectByAdmin(ofUser);
      expect(ofUser[0].after).toMatchObject({ username: 'trinh.cong.son', personId: person.id });
      expect(ofUser[1].after).toMatchObject({ role: 'auditor', unitId: cellA.id });
      expect(ofUser[2]).toMatchObject({
        before: { grantId: firstGrant, role: 'unit_leader', unitId: cellA.id },
        after: null,
      });
      expect(ofUser[3].before).toMatchObject({ displayName: 'Trịnh Công Sơn' });
      expect(ofUser[3].after).toMatchObject({ displayName: 'Trịnh Công Sơn (Văn phòng)' });
    });
  });
});
