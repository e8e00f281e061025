import { DIALECTS } from '../support/databases';
import { todayInVietnam } from '../support/dates';
import { expectAccepted, expectProblem, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: the Provincial Agencies' Party Committee launches the Directive 23 traffic-safety
 * movement to its subtree, with the propaganda board as lead. The grassroots organisation A and its
 * cell see it once launched (not as a draft), acknowledge it and file their plans; the committee
 * sees who has not; results are reported at the mid-term and final reviews only; closing ends every
 * participation. A unit outside the subtree sees nothing of it throughout.
 */
describe.each(DIALECTS)('emulation movements (%s)', (dialect) => {
  let t: TestApp;
  const today = todayInVietnam();
  const year = today.slice(0, 4);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  const units = {} as Record<'committee' | 'board' | 'a' | 'a1' | 'b' | 'outside', string>;
  const tokens = {} as Record<
    'launcher' | 'leaderA' | 'leaderA1' | 'secretariatB' | 'leaderOutside' | 'auditor',
    string
  >;
  let movementId: string;
  let participationA: string;

  const movementData = (patch: Record<string, unknown> = {}) => ({
    code: 'PT-ATGT-' + year,
    title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
    theme: 'Thực hiện Chỉ thị 23-CT/TW và Kế hoạch 168-KH/TU',
    type: 'thematic',
    legalBasis: [
      { citation: 'Chỉ thị số 23-CT/TW ngày 25/5/2023', sourceId: 'directive_23_ct_tw' },
      { citation: 'Kế hoạch số 168-KH/TU ngày 10/11/2023', sourceId: 'plan_168_kh_tu' },
    ],
    leadUnitId: units.board,
    coordinatingUnitIds: [units.b],
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    participatingUnitId: units.committee,
    criteria: [
      { code: 'traffic_law_compliance', weight: 60 },
      { code: 'propaganda_legal_education' },
    ],
    awardsOnOffer: ['giay_khen'],
    registrationDeadline: `${year}-12-31`,
    ...patch,
  });

  const openMovement = (data: Record<string, unknown>, token = tokens.launcher) =>
    t.openCase(token, {
      type: 'movement',
      subject: { kind: 'unit', unitId: units.committee },
      data,
    });

  const acknowledge = (token: string, unitId: string, data: Record<string, unknown> = {}) =>
    t.openCase(token, {
      type: 'movement_participation',
      subject: { kind: 'unit', unitId },
      data: { movementId, acknowledgedOn: today, ...data },
    });

  const listed = async (token: string) =>
    ((await t.getAs(token, '/api/v1/movements')).body.items as { id: string }[]).map((m) => m.id);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    units.committee = (await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee')).id;
    units.board = (await t.createUnit('Ban Tuyên giáo', 'agency', units.committee)).id;
    units.a = (
      await t.createUnit('Đảng bộ Sở Tư pháp', 'grassroots_party_org', units.committee)
    ).id;
    units.a1 = (await t.createUnit('Chi bộ Phòng Tổ chức', 'party_cell', units.a)).id;
    units.b = (await t.createUnit('Đoàn Thanh niên Khối', 'agency', units.committee)).id;
    units.outside = (await t.createUnit('Đảng ủy xã Bình An', 'party_committee')).id;
    tokens.launcher = (
      await t.userWithGrants([{ role: 'secretariat', unitId: units.committee }])
    ).token;
    tokens.leaderA = (await t.userWithGrants([{ role: 'unit_leader', unitId: units.a }])).token;
    tokens.leaderA1 = (await t.userWithGrants([{ role: 'unit_leader', unitId: units.a1 }])).token;
    tokens.secretariatB = (
      await t.userWithGrants([{ role: 'secretariat', unitId: units.b }])
    ).token;
    tokens.leaderOutside = (
      await t.userWithGrants([{ role: 'unit_leader', unitId: units.outside }])
    ).token;
    tokens.auditor = (await t.userWithGrants([{ role: 'auditor' }])).token;
  });

  afterAll(() => t.close());

  test('the criteria catalogue includes the plan’s traffic-law criterion, with its source', async () => {
    const response = await t.getAs(tokens.leaderA, '/api/v1/emulation-criteria');
    expect(response.status).toBe(200);
    const traffic = response.body.items.find(
      (c: { code: string }) => c.code === 'traffic_law_compliance',
    );
    expect(traffic).toMatchObject({
      confirmed: true,
      source: { sourceId: 'plan_duk_directive_23' },
      name: { vi: expect.any(String), en: expect.any(String) },
    });
  });

  test.each([
    ['an unknown criterion', { criteria: [{ code: 'no_such_criterion' }] }, 'data/criteria/0/code'],
    ['an award the rule set lacks', { awardsOnOffer: ['huan_chuong_sao_vang'] }, 'awardsOnOffer'],
    [
      'an unknown legal source',
      { legalBasis: [{ citation: 'X', sourceId: 'no_such' }] },
      'sourceId',
    ],
    [
      'a period ending before it starts',
      { period: { from: `${year}-12-31`, to: `${year}-01-01` } },
      'period',
    ],
    [
      'a participating unit outside the launcher',
      { participatingUnitId: 'OUTSIDE' },
      'participatingUnitId',
    ],
    [
      'a lead unit that does not exist',
      { leadUnitId: '0190a3c4-0000-7000-8000-00000000dead' },
      'leadUnitId',
    ],
    ['a field the movement does not have', { budget: 1000 }, 'budget'],
    ['a type not in the law', { type: 'annual' }, 'type'],
  ])('a movement with %s is refused (422)', async (_what, patch, named) => {
    const data = movementData(patch);
    if (data.participatingUnitId === 'OUTSIDE') data.participatingUnitId = units.outside;
    const response = await openMovement(data);
    expectProblem(response, 422, 'CASE.INVALID_DATA');
    expect(JSON.stringify(response.body)).toContain(named);
  });

  test('a draft is the launching unit’s alone; the launcher amends it', async () => {
    const opened = await openMovement(movementData());
    expect(opened.status).toBe(201);
    movementId = opened.body.id;
    expect(await listed(tokens.launcher)).toContain(movementId);
    expect(await listed(tokens.auditor)).toContain(movementId);
    expect(await listed(tokens.leaderA)).not.toContain(movementId);
    expectProblem(
      await t.getAs(tokens.leaderA, `/api/v1/movements/${movementId}`),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    expectProblem(await acknowledge(tokens.leaderA, units.a), 422, 'CASE.INVALID_DATA');

    const amended = await t.sendEvent(tokens.launcher, movementId, 'UPDATE_DRAFT', {
      title: 'Phong trào thi đua bảo đảm trật tự, an toàn giao thông',
    });
    expectAccepted(amended, 'UPDATE_DRAFT', 'draft', 2);
    const bad = await t.sendEvent(tokens.launcher, movementId, 'UPDATE_DRAFT', {
      awardsOnOffer: ['no_such_award'],
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body)).toContain('no_such_award');

    const view = await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      title: 'Phong trào thi đua bảo đảm trật tự, an toàn giao thông',
      state: 'draft',
      launcherView: true,
      leadUnit: { id: units.board },
      coordinatingUnits: [{ id: units.b }],
    });
    expect(view.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual([
      'CANCEL',
      'LAUNCH',
      'UPDATE_DRAFT',
    ]);
  });

  test('launching shows it to the subtree, never outside it', async () => {
    expectAccepted(
      await t.sendEvent(tokens.launcher, movementId, 'LAUNCH', {}),
      'LAUNCH',
      'launched',
      3,
    );
    expect(await listed(tokens.leaderA)).toContain(movementId);
    expect(await listed(tokens.leaderA1)).toContain(movementId);
    expect(await listed(tokens.leaderOutside)).not.toContain(movementId);
    expectProblem(
      await t.getAs(tokens.leaderOutside, `/api/v1/movements/${movementId}`),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    const seen = await t.getAs(tokens.leaderA, `/api/v1/movements/${movementId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      state: 'launched',
      tags: ['movement_live', 'registration_open'],
      milestones: { launchedOn: today },
      launcherView: false,
      allowedEvents: [],
      yourUnits: [{ unit: { id: units.a }, participationId: null }],
    });
  });

  test('a unit acknowledges once, inside the subtree, not in the future', async () => {
    expectProblem(await acknowledge(tokens.leaderOutside, units.outside), 422, 'CASE.INVALID_DATA');
    expectProblem(
      await acknowledge(tokens.leaderA, units.a, { acknowledgedOn: tomorrow }),
      422,
      'CASE.INVALID_DATA',
    );
    const opened = await acknowledge(tokens.leaderA, units.a, {
      planSummary: 'Quán triệt Chỉ thị 23 đến 100% đảng viên trong quý I.',
    });
    expect(opened.status).toBe(201);
    participationA = opened.body.id;
    expectProblem(await acknowledge(tokens.leaderA, units.a), 409, 'MOVEMENT.ALREADY_ACKNOWLEDGED');
    const seen = await t.getAs(tokens.leaderA, `/api/v1/movements/${movementId}`);
    expect(seen.body.yourUnits).toEqual([
      { unit: expect.objectContaining({ id: units.a }), participationId: participationA },
    ]);
  });

  test('the launcher sees who has not acknowledged; a participant may not', async () => {
    const table = await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}/participation`);
    expect(table.status).toBe(200);
    expect(table.body).toMatchObject({ movementId, units: 5, acknowledged: 1 });
    const byUnit = Object.fromEntries(
      table.body.items.map((row: { unit: { id: string }; participation: unknown }) => [
        row.unit.id,
        row.participation,
      ]),
    );
    expect(Object.keys(byUnit).sort()).toEqual(
      [units.committee, units.board, units.a, units.a1, units.b].sort(),
    );
    expect(byUnit[units.a]).toMatchObject({ id: participationA, acknowledgedOn: today, plans: 0 });
    expect(byUnit[units.a1]).toBeNull();
    expectProblem(
      await t.getAs(tokens.leaderA, `/api/v1/movements/${movementId}/participation`),
      403,
      'MOVEMENT.FORBIDDEN',
    );
    expectProblem(
      await t.getAs(tokens.leaderOutside, `/api/v1/movements/${movementId}/participation`),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    expectProblem(
      await t.getAs(tokens.launcher, '/api/v1/movements/not-a-uuid'),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    const audited = await t.getAs(tokens.auditor, `/api/v1/movements/${movementId}/participation`);
    expect(audited.body).toMatchObject({ units: 5, acknowledged: 1 });
    const [admin] = await t.tokensFor('admin');
    expectProblem(await t.getAs(admin, '/api/v1/movements'), 403, 'AUTH.FORBIDDEN');
    expect((await t.getAs(admin, '/api/v1/emulation-criteria')).status).toBe(200);
  });

  test('the unit files its implementation plan, hashed like evidence', async () => {
    const uploaded = await t.uploadDocument(tokens.leaderA, participationA, 'implementation_plan');
    expectAccepted(uploaded, 'ATTACH_PLAN', 'acknowledged', 2);
    expect(uploaded.body.context.plans).toEqual([
      expect.objectContaining({
        code: 'implementation_plan',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const evidence = await t.uploadDocument(tokens.leaderA, participationA, 'evidence');
    expect(evidence.status).toBeGreaterThanOrEqual(400);
    expect(evidence.status).toBeLessThan(500);
    const direct = await t.sendEvent(tokens.leaderA, participationA, 'ATTACH_PLAN', {});
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.status).toBeLessThan(500);
  });

  test('results are reported only in the matching review', async () => {
    const report = (phase: string, criterionCode = 'traffic_law_compliance') =>
      t.sendEvent(tokens.leaderA, participationA, 'REPORT_RESULTS', {
        phase,
        results: [{ criterionCode, score: 55, text: 'Không có đảng viên vi phạm.' }],
      });
    const early = await report('midterm');
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('movementInResultsPhase');
    expectAccepted(
      await t.sendEvent(tokens.launcher, movementId, 'START_MIDTERM_REVIEW', {}),
      'START_MIDTERM_REVIEW',
      'midterm_review',
      4,
    );
    expectAccepted(await report('midterm'), 'REPORT_RESULTS', 'acknowledged', 3);
    expect((await report('final')).status).toBe(422);
    expect((await report('midterm', 'initiatives')).status).toBe(422);
    expect((await report('annual')).status).toBe(400);
    const table = await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}/participation`);
    const rowA = table.body.items.find((r: { unit: { id: string } }) => r.unit.id === units.a);
    expect(rowA.participation.resultsReportedOn).toEqual({ midterm: today, final: null });
  });

  test('closing the movement closes every participation; nobody acknowledges it afterwards', async () => {
    expect((await acknowledge(tokens.leaderA1, units.a1)).status).toBe(201);
    await t.sendEvent(tokens.launcher, movementId, 'START_FINAL_REVIEW', {});
    const closed = await t.sendEvent(tokens.launcher, movementId, 'CLOSE', {
      summary: 'Hoàn thành kế hoạch năm.',
    });
    expectAccepted(closed, 'CLOSE', 'closed', 6);
    const table = await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}/participation`);
    const states = table.body.items
      .filter((r: { participation: unknown }) => r.participation !== null)
      .map((r: { participation: { state: string } }) => r.participation.state);
    expect(states).toEqual(['closed', 'closed']);
    const participation = await t.getAs(tokens.leaderA, `/api/v1/cases/${participationA}`);
    expect(participation.body).toMatchObject({
      state: 'closed',
      context: { movementOutcome: 'closed' },
    });
    expectProblem(await acknowledge(tokens.secretariatB, units.b), 409, 'MOVEMENT.NOT_LIVE');
  });

  test('cancelling a launched movement closes its participations too; a cancelled draft stays hidden', async () => {
    const second = await openMovement(movementData({ code: 'PT-CD-' + year, type: 'campaign' }));
    const secondId = second.body.id as string;
    await t.sendEvent(tokens.launcher, secondId, 'LAUNCH', {});
    const acknowledged = await t.openCase(tokens.leaderA1, {
      type: 'movement_participation',
      subject: { kind: 'unit', unitId: units.a1 },
      data: { movementId: secondId, acknowledgedOn: today },
    });
    expect(acknowledged.status).toBe(201);
    expectAccepted(
      await t.sendEvent(tokens.launcher, secondId, 'CANCEL', {
        reason: 'Gộp vào phong trào chung.',
      }),
      'CANCEL',
      'cancelled',
      3,
    );
    const participation = await t.getAs(tokens.leaderA1, `/api/v1/cases/${acknowledged.body.id}`);
    expect(participation.body).toMatchObject({
      state: 'closed',
      context: { movementOutcome: 'cancelled' },
    });
    expect(await listed(tokens.leaderA1)).toContain(secondId);

    const third = await openMovement(movementData({ code: 'PT-NHAP-' + year }));
    await t.sendEvent(tokens.launcher, third.body.id, 'CANCEL', {
      reason: 'Soạn nhầm, hủy dự thảo.',
    });
    expect(await listed(tokens.leaderA)).not.toContain(third.body.id);
    expect(await listed(tokens.launcher)).toContain(third.body.id);
  });
});
