import ExcelJS from 'exceljs';
import { registrationCells, registrationCellsIn } from '../../src/registrations/registrations-xlsx';
import { DIALECTS } from '../support/databases';
import { todayInVietnam } from '../support/dates';
import { expectAccepted, expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary-body';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

/**
 * Story: the Provincial Agencies' Party Committee (A) launches a traffic-safety movement to the
 * subtree of the grassroots committee B; the leader of the cell C under B registers the cell and
 * its people in one go. D, another unit under A, is not in the movement. A decides the
 * registrations; B, in between, reads them but may not decide.
 *
 *   A (launches)
 *   ├── B (participating root; its secretariat sits between)
 *   │   └── C (registers itself and Ánh, Bình, Chi)
 *   └── D (outside the movement; Dũng)
 */

/** The legal date `days` days before today in Việt Nam. */
function daysAgo(days: number): string {
  const today = new Date(`${todayInVietnam()}T00:00:00Z`);
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

const LAUNCHED_ON = daysAgo(30);
const DEADLINE = daysAgo(10);
const REGISTERED_ON = daysAgo(15);

const targets = (awardCodes: string[], text = 'Không vi phạm pháp luật về giao thông.') => ({
  awardCodes,
  pledges: [{ criterionCode: 'traffic_law_compliance', text }],
});
const UNIT_TARGETS = targets(['tap_the_lao_dong_tien_tien'], 'Cả chi bộ không có vi phạm.');
const PERSON_TARGETS = targets(['lao_dong_tien_tien']);

describe.each(DIALECTS)('emulation registrations (%s)', (dialect) => {
  let t: TestApp;
  let unitA: { id: string };
  let unitB: { id: string };
  let unitC: { id: string };
  let unitD: { id: string };
  let people: Record<'anh' | 'binh' | 'chi' | 'dung', string>;
  let launcher: string;
  let between: string;
  let leaderC: string;
  let leaderD: string;
  let auditor: string;
  let movementId: string;

  const bulk = (token: string, body: object, movement = movementId) =>
    t.postAs(token, `/api/v1/movements/${movement}/registrations/bulk`).send(body);
  const list = (token: string, query = '') =>
    t.getAs(token, `/api/v1/movements/${movementId}/registrations${query ? `?${query}` : ''}`);
  const registration = (subject: object, data: Record<string, unknown> = {}) => ({
    type: 'emulation_registration',
    subject,
    data: { movementId, registeredOn: REGISTERED_ON, targets: PERSON_TARGETS, ...data },
  });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    unitA = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    unitB = await t.createUnit('Đảng ủy Sở Giao thông', 'grassroots_party_org', unitA.id);
    unitC = await t.createUnit('Chi bộ Phòng Pháp chế', 'party_cell', unitB.id);
    unitD = await t.createUnit('Đảng ủy Sở Y tế', 'grassroots_party_org', unitA.id);
    people = {
      anh: (await t.createPerson('Nguyễn Thị Ánh', unitC.id)).id,
      binh: (await t.createPerson('Trần Văn Bình', unitC.id)).id,
      chi: (await t.createPerson('Lê Thị Chi', unitC.id)).id,
      dung: (await t.createPerson('Phạm Văn Dũng', unitD.id)).id,
    };
    launcher = (await t.userWithGrants([{ role: 'secretariat', unitId: unitA.id }])).token;
    between = (await t.userWithGrants([{ role: 'secretariat', unitId: unitB.id }])).token;
    leaderC = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitC.id }])).token;
    leaderD = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitD.id }])).token;
    auditor = (await t.userWith('auditor')).token;

    const opened = await t.openCase(launcher, {
      type: 'movement',
      subject: { kind: 'unit', unitId: unitA.id },
      data: {
        code: 'PT-ATGT-2026',
        title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
        type: 'thematic',
        legalBasis: [{ citation: 'Chỉ thị 23-CT/TW ngày 25/5/2023' }],
        leadUnitId: unitA.id,
        coordinatingUnitIds: [],
        period: { from: LAUNCHED_ON, to: daysAgo(-300) },
        participatingUnitId: unitB.id,
        criteria: [{ code: 'traffic_law_compliance', weight: 100 }],
        awardsOnOffer: ['lao_dong_tien_tien', 'tap_the_lao_dong_tien_tien'],
        registrationDeadline: DEADLINE,
      },
    });
    expect(opened.status).toBe(201);
    movementId = opened.body.id;
    expectAccepted(
      await t.sendEvent(launcher, movementId, 'LAUNCH', { launchedOn: LAUNCHED_ON }),
      'LAUNCH',
      'launched',
      2,
    );
  });

  afterAll(() => t?.close());

  test('one bad person in a bulk registration: nothing is registered, the row is named', async () => {
    const refused = await bulk(leaderC, {
      unitId: unitC.id,
      registeredOn: REGISTERED_ON,
      unit: { targets: UNIT_TARGETS },
      people: [
        { personId: people.anh, targets: PERSON_TARGETS },
        // Not on offer in this movement.
        { personId: people.binh, targets: targets(['chien_si_thi_dua_co_so']) },
        { personId: people.chi, targets: PERSON_TARGETS },
      ],
    });
    expectProblem(refused, 422, 'REGISTRATION.BULK_REFUSED');
    expect(refused.body.rows).toEqual([
      expect.objectContaining({
        part: 'people',
        index: 1,
        code: 'REGISTRATION.TARGETS_NOT_ON_OFFER',
      }),
    ]);
    // A person of another unit, and the same person twice, are named too.
    const outside = await bulk(leaderC, {
      unitId: unitC.id,
      registeredOn: REGISTERED_ON,
      people: [
        { personId: people.anh, targets: PERSON_TARGETS },
        { personId: people.dung, targets: PERSON_TARGETS },
        { personId: people.anh, targets: PERSON_TARGETS },
      ],
    });
    expectProblem(outside, 422, 'REGISTRATION.BULK_REFUSED');
    expect(
      outside.body.rows.map((r: { index: number; code: string }) => [r.index, r.code]),
    ).toEqual([
      [1, 'REGISTRATION.PERSON_OUTSIDE_UNIT'],
      [2, 'REGISTRATION.DUPLICATE'],
    ]);
    const listed = await list(launcher);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    expect((await t.listCases(auditor, 'type=emulation_registration')).body.items).toEqual([]);
  });

  test('a unit leader registers the unit and its people in one go', async () => {
    const done = await bulk(leaderC, {
      unitId: unitC.id,
      registeredOn: REGISTERED_ON,
      unit: { targets: UNIT_TARGETS },
      people: [
        { personId: people.anh, targets: PERSON_TARGETS },
        { personId: people.binh, targets: { awardCodes: [], pledges: [] } },
      ],
    });
    expect(done.status).toBe(201);
    expect(
      done.body.registrations.map((r: { kind: string; subjectId: string; state: string }) => [
        r.kind,
        r.subjectId,
        r.state,
      ]),
    ).toEqual([
      ['unit', unitC.id, 'submitted'],
      ['individual', people.anh, 'submitted'],
      ['individual', people.binh, 'submitted'],
    ]);
  });

  test('a second registration of the same person is refused', async () => {
    const again = await t.openCase(leaderC, registration({ kind: 'person', personId: people.anh }));
    expectProblem(again, 409, 'REGISTRATION.DUPLICATE');
    const inBulk = await bulk(leaderC, {
      unitId: unitC.id,
      registeredOn: REGISTERED_ON,
      unit: { targets: UNIT_TARGETS },
    });
    expectProblem(inBulk, 422, 'REGISTRATION.BULK_REFUSED');
    expect(inBulk.body.rows).toEqual([
      expect.objectContaining({ part: 'unit', index: 0, code: 'REGISTRATION.DUPLICATE' }),
    ]);
  });

  test('a unit outside the participating subtree may not register', async () => {
    const outside = await t.openCase(leaderD, registration({ kind: 'unit', unitId: unitD.id }));
    expectProblem(outside, 422, 'REGISTRATION.OUTSIDE_MOVEMENT');
    // Nor see the movement's list: it was not launched to D.
    expectProblem(await list(leaderD), 404, 'MOVEMENT.NOT_FOUND');
  });

  test('a registration dated after the deadline is refused', async () => {
    const late = await t.openCase(
      leaderC,
      registration({ kind: 'person', personId: people.chi }, { registeredOn: daysAgo(5) }),
    );
    expectProblem(late, 422, 'REGISTRATION.AFTER_DEADLINE');
    const tomorrow = await t.openCase(
      leaderC,
      registration({ kind: 'person', personId: people.chi }, { registeredOn: daysAgo(-1) }),
    );
    expectProblem(tomorrow, 422, 'REGISTRATION.DATE_IN_FUTURE');
  });

  test('the launcher decides; the unit in between may not; the registrant resubmits', async () => {
    const rows = (await list(launcher)).body.items as {
      caseId: string;
      registrant: { id: string };
    }[];
    const of = (id: string) => rows.find((r) => r.registrant.id === id)!.caseId;

    expectProblem(
      await t.sendEvent(between, of(unitC.id), 'APPROVE', {}),
      422,
      'CASE.GUARD_FAILED',
    );
    // The registrant's own leader holds the role, not the launcher's standing.
    expectProblem(
      await t.sendEvent(leaderC, of(unitC.id), 'APPROVE', {}),
      422,
      'CASE.GUARD_FAILED',
    );
    expectAccepted(
      await t.sendEvent(launcher, of(unitC.id), 'APPROVE', {}),
      'APPROVE',
      'approved',
      2,
    );

    const reason = 'Bổ sung cam kết theo tiêu chí giao thông.';
    expectAccepted(
      await t.sendEvent(launcher, of(people.binh), 'RETURN', { reason }),
      'RETURN',
      'returned',
      2,
    );
    // The launcher does not resubmit for the registrant.
    const changed = { targets: PERSON_TARGETS, registeredOn: daysAgo(12) };
    expectProblem(
      await t.sendEvent(launcher, of(people.binh), 'RESUBMIT', changed),
      422,
      'CASE.GUARD_FAILED',
    );
    expectAccepted(
      await t.sendEvent(leaderC, of(people.binh), 'RESUBMIT', changed),
      'RESUBMIT',
      'submitted',
      3,
    );
    expectProblem(
      await t.sendEvent(between, of(people.anh), 'REFUSE', { reason: 'Không phù hợp.' }),
      422,
      'CASE.GUARD_FAILED',
    );
  });

  test('the consolidated list holds every registration, each reader their scope', async () => {
    const all = await list(launcher);
    expect(all.status).toBe(200);
    expect(all.body.movement).toEqual(
      expect.objectContaining({ id: movementId, code: 'PT-ATGT-2026', callerDecides: true }),
    );
    const summary = all.body.items.map(
      (r: {
        registrant: { id: string };
        kind: string;
        state: string;
        registeredOn: string;
        targets: { awards: { code: string }[] };
      }) => [r.registrant.id, r.kind, r.state, r.registeredOn, r.targets.awards.map((a) => a.code)],
    );
    expect(summary).toEqual([
      [unitC.id, 'unit', 'approved', REGISTERED_ON, ['tap_the_lao_dong_tien_tien']],
      [people.anh, 'individual', 'submitted', REGISTERED_ON, ['lao_dong_tien_tien']],
      [people.binh, 'individual', 'submitted', daysAgo(12), ['lao_dong_tien_tien']],
    ]);
    // The registrations are exactly the cases of the movement.
    const cases = await t.listCases(auditor, 'type=emulation_registration&limit=100');
    expect(cases.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
      all.body.items.map((r: { caseId: string }) => r.caseId).sort(),
    );
    for (const reader of [between, leaderC, auditor]) {
      const seen = await list(reader);
      expect(seen.status).toBe(200);
      expect(seen.body.items).toEqual(all.body.items);
    }
    expect((await list(between)).body.movement.callerDecides).toBe(false);
    const approved = await list(launcher, 'state=approved');
    expect(approved.body.items.map((r: { caseId: string }) => r.caseId)).toEqual([
      all.body.items[0].caseId,
    ]);
    const ofC = await list(launcher, `unitId=${unitC.id}`);
    expect(ofC.body.items).toHaveLength(3);
    expectProblem(await list(leaderC, `unitId=${unitD.id}`), 404, 'UNIT.NOT_FOUND');
  });

  test('the XLSX rows are the JSON rows', async () => {
    const json = (await list(launcher)).body;
    const answer = await t
      .getAs(launcher, `/api/v1/movements/${movementId}/registrations.xlsx`)
      .buffer(true)
      .parse(binary);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('spreadsheetml');
    expect(answer.headers['content-disposition']).toBe(
      'attachment; filename="dang-ky-thi-dua_PT-ATGT-2026.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Đăng ký thi đua');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0][0]).toBe('DANH SÁCH TỔNG HỢP ĐĂNG KÝ THI ĐUA');
    expect(values[1].slice(0, 2)).toEqual([
      'Phong trào',
      'Thi đua bảo đảm trật tự, an toàn giao thông (PT-ATGT-2026)',
    ]);
    const headerEn = values.findIndex((row) => row[0] === 'No.');
    const body = values.slice(headerEn + 1);
    expect(body).toEqual(json.items.map(registrationCells));
    expect(body.map((row) => row[1])).toEqual([
      'Chi bộ Phòng Pháp chế',
      'Nguyễn Thị Ánh',
      'Trần Văn Bình',
    ]);
    expect(body.map((row) => row[7])).toEqual([
      'Đã duyệt',
      'Đã đăng ký, chờ duyệt',
      'Đã đăng ký, chờ duyệt',
    ]);
  });

  test('with lang=en the workbook is in English; names and pledges stay as written', async () => {
    const json = (await list(launcher)).body;
    const path = `/api/v1/movements/${movementId}/registrations.xlsx`;
    const answer = await t.getAs(launcher, `${path}?lang=en`).buffer(true).parse(binary);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toBe(
      'attachment; filename="dang-ky-thi-dua_PT-ATGT-2026.en.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Emulation registrations');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0][0]).toBe('CONSOLIDATED LIST OF EMULATION REGISTRATIONS');
    // The movement's title is the launcher's words: as written.
    expect(values[1].slice(0, 2)).toEqual([
      'Movement',
      'Thi đua bảo đảm trật tự, an toàn giao thông (PT-ATGT-2026)',
    ]);
    const headerEn = values.findIndex((row) => row[0] === 'No.');
    expect(values[headerEn - 1][0]).toBe('STT'); // the header is still in both languages
    const body = values.slice(headerEn + 1);
    expect(body).toEqual(json.items.map(registrationCellsIn('en')));
    expect(body.map((row) => row.slice(1, 4))).toEqual([
      ['Chi bộ Phòng Pháp chế', expect.any(String), 'Collective'],
      ['Nguyễn Thị Ánh', expect.any(String), 'Individual'],
      ['Trần Văn Bình', expect.any(String), 'Individual'],
    ]);
    expect(body.map((row) => row[5])).toEqual([
      'Advanced labour collective',
      'Advanced worker',
      'Advanced worker',
    ]);
    expect(body.map((row) => row[6])).toEqual([
      '[traffic_law_compliance] Cả chi bộ không có vi phạm.',
      '[traffic_law_compliance] Không vi phạm pháp luật về giao thông.',
      expect.any(String),
    ]);
    expect(body.map((row) => row[7])).toEqual(['Approved', 'Submitted', 'Submitted']);
    // "5 March 2026", not the day-first "05/03/2026" an English reader may misread.
    for (const row of body) expect(row[8]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);

    expectLanguageRefused(await t.getAs(launcher, `${path}?lang=fr`));
    await expectLanguageDocumented(t, '/api/v1/movements/{id}/registrations.xlsx');
    // The JSON list has no language to choose: its labels carry both.
    expectProblem(await list(launcher, 'lang=en'), 400, 'VALIDATION.FAILED');
  });

  test('bad input answers 4xx problems', async () => {
    const valid = { unitId: unitC.id, registeredOn: REGISTERED_ON };
    expectProblem(await bulk(leaderC, valid), 400, 'REGISTRATION.BULK_EMPTY');
    // A null unit is not "no unit": it is refused by name (it was a server error).
    const nullUnit = await bulk(leaderC, { ...valid, unit: null, people: [] });
    expectProblem(nullUnit, 400, 'VALIDATION.FAILED');
    expect(nullUnit.body.errors.map((error: { field: string }) => error.field)).toEqual(['unit']);
    expectProblem(
      await bulk(leaderC, {
        ...valid,
        registeredOn: '2026-02-30',
        unit: { targets: UNIT_TARGETS },
      }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await bulk(leaderC, { ...valid, unit: { targets: UNIT_TARGETS }, extra: 1 }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await bulk(leaderC, {
        ...valid,
        people: Array.from({ length: 501 }, () => ({
          personId: people.chi,
          targets: PERSON_TARGETS,
        })),
      }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await bulk(leaderC, { ...valid, people: [{ personId: 'nope', targets: PERSON_TARGETS }] }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await bulk(leaderC, { ...valid, unit: { targets: { awardCodes: ['X!'], pledges: [] } } }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await bulk(leaderC, { ...valid, unit: { targets: UNIT_TARGETS } }, 'not-a-movement'),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    expectProblem(
      await bulk(leaderD, {
        unitId: unitC.id,
        registeredOn: REGISTERED_ON,
        unit: { targets: UNIT_TARGETS },
      }),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    expectProblem(
      await bulk(between, {
        unitId: unitA.id,
        registeredOn: REGISTERED_ON,
        unit: { targets: UNIT_TARGETS },
      }),
      404,
      'UNIT.NOT_FOUND',
    );
    expectProblem(
      await bulk(auditor, { ...valid, unit: { targets: UNIT_TARGETS } }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectProblem(await list(launcher, 'state=bogus'), 400, 'VALIDATION.FAILED');
    expectProblem(await list(launcher, 'unitId=nope'), 400, 'VALIDATION.FAILED');
    const notAMovement = await t.openCase(
      leaderC,
      registration({ kind: 'person', personId: people.chi }, { movementId: unitA.id }),
    );
    // Ours is MOVEMENT.NOT_FOUND; nomination v7's link check (src/nominations) also looks at every
    // workflow with a movementId and may answer first with CASE.INVALID_DATA.
    expect([
      [404, 'MOVEMENT.NOT_FOUND'],
      [422, 'CASE.INVALID_DATA'],
    ]).toContainEqual([notAMovement.status, notAMovement.body.code]);
  });
});
