import { todayInVietnam } from '../../support/dates';
import { DIALECTS } from '../../support/databases';
import { expectProblem, FULL_DOSSIER, type TestApp } from '../../support/test-app';
import {
  councilRecommends,
  LAST_YEAR,
  lineOf,
  recordedEligibility,
  signedDecision,
  startStory,
  step,
  type StoryTokens,
} from './nomination-steps';
import { resolvingReview, REVIEW_EVIDENCE } from './review-resolutions';

const FIGHTER = 'chien_si_thi_dua_co_so';
const HIGHER = 'chien_si_thi_dua_bo_tinh';
const CHAIN = `prerequisite.award_in_consecutive_years.${FIGHTER}`;
const HIGHER_DOSSIER = [
  'to_trinh',
  'bao_cao_thanh_tich',
  'bien_ban_binh_xet',
  'xac_nhan_sang_kien',
];

const problemField = (response: { body: { field?: string; errors?: { field: string }[] } }) =>
  response.body.field ?? response.body.errors?.map((e) => e.field).join(',');

/** A Directive 23 movement launched by `unitId` for its own subtree; returns the movement's id. */
async function launchedMovement(t: TestApp, token: string, unitId: string): Promise<string> {
  const today = todayInVietnam();
  const year = today.slice(0, 4);
  const opened = await t.openCase(token, {
    type: 'movement',
    subject: { kind: 'unit', unitId },
    data: {
      code: `PT-ATGT-${Math.floor(Math.random() * 1e6)}`,
      title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
      type: 'thematic',
      legalBasis: [
        { citation: 'Chỉ thị số 23-CT/TW ngày 25/5/2023', sourceId: 'directive_23_ct_tw' },
      ],
      leadUnitId: unitId,
      coordinatingUnitIds: [],
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      participatingUnitId: unitId,
      criteria: [{ code: 'traffic_law_compliance', weight: 40 }, { code: 'task_completion' }],
      awardsOnOffer: ['giay_khen', FIGHTER],
      registrationDeadline: `${year}-12-31`,
    },
  });
  if (opened.status !== 201) throw new Error(`movement: ${JSON.stringify(opened.body)}`);
  await step(t, token, opened.body.id, 'LAUNCH', 'launched', { launchedOn: today });
  return opened.body.id as string;
}

/** A registration of a person for the movement, approved unless `approve` is false. */
async function registration(
  t: TestApp,
  token: string,
  movementId: string,
  personId: string,
  approve = true,
): Promise<string> {
  const opened = await t.openCase(token, {
    type: 'emulation_registration',
    subject: { kind: 'person', personId },
    data: {
      movementId,
      registeredOn: todayInVietnam(),
      targets: {
        awardCodes: [FIGHTER],
        pledges: [{ text: 'Không vi phạm pháp luật về trật tự, an toàn giao thông' }],
      },
    },
  });
  if (opened.status !== 201) throw new Error(`registration: ${JSON.stringify(opened.body)}`);
  if (approve) await step(t, token, opened.body.id, 'APPROVE', 'approved');
  return opened.body.id as string;
}

/** A nomination of a person, with v7's optional fields; returns the answer. */
const openNomination = (
  t: TestApp,
  token: string,
  personId: string,
  data: Record<string, unknown>,
) =>
  t.openCase(token, {
    type: 'nomination',
    subject: { kind: 'person', personId },
    data: { awardCode: FIGHTER, evaluationYear: LAST_YEAR, ...data },
  });

/** A whole nomination of `commendationType` up to announcement (every review line resolved). */
async function announced(
  t: TestApp,
  tokens: StoryTokens,
  personId: string,
  year: number,
  commendationType: string,
): Promise<string> {
  const opened = await t.openCase(tokens.leader, {
    type: 'nomination',
    subject: { kind: 'person', personId },
    data: { awardCode: FIGHTER, evaluationYear: year, commendationType },
  });
  if (opened.status !== 201) throw new Error(`open: ${JSON.stringify(opened.body)}`);
  const id = opened.body.id as string;
  await t.attachDossier(tokens.leader, id, FULL_DOSSIER);
  await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
  await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
  await step(
    t,
    tokens.secretariat,
    id,
    'MARK_VERIFIED',
    'verified',
    await resolvingReview(t, tokens.secretariat, id),
  );
  await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
  await councilRecommends(t, tokens, id);
  await step(
    t,
    tokens.chair,
    id,
    'APPROVE',
    'approved',
    await resolvingReview(t, tokens.chair, id),
  );
  await step(t, tokens.secretariat, id, 'ANNOUNCE', 'announced', signedDecision());
  return id;
}

/**
 * Nomination v7 (issue 15): a nomination comes from a movement and a registration for it, and says
 * its type of commendation; thematic awards do not count toward the chains of higher awards; the
 * lines eligibility leaves for review are resolved, with evidence, at verification and approval.
 */
describe.each(DIALECTS)('nomination v7 (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('a nomination from an approved registration carries its movement and registration', async () => {
    const unit = await t.createUnit('Chi bộ Phòng Cảnh sát giao thông', 'party_cell');
    const nominee = await t.createPerson('Lê Văn Hùng', unit.id);
    const other = await t.createPerson('Phan Thị Mai', unit.id);
    const pending = await t.createPerson('Trịnh Văn Đức', unit.id);
    const movementId = await launchedMovement(t, tokens.leader, unit.id);
    const registrationId = await registration(t, tokens.leader, movementId, nominee.id);

    const opened = await openNomination(t, tokens.leader, nominee.id, {
      movementId,
      registrationId,
      commendationType: 'regular',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.workflow).toMatchObject({ id: 'nomination', version: 9 });
    expect(opened.body.data).toEqual({
      awardCode: FIGHTER,
      evaluationYear: LAST_YEAR,
      movementId,
      registrationId,
      commendationType: 'regular',
    });
    const read = await t.getCase(tokens.secretariat, opened.body.id);
    expect(read.body.data).toMatchObject({ movementId, registrationId });

    // Each link is checked when the nomination is opened.
    const refusals: [Record<string, unknown>, string][] = [
      [{ commendationType: 'khen_thuong_tuy_y' }, 'data.commendationType'],
      [{ movementId: opened.body.id }, 'data.movementId'],
      [{ movementId, registrationId: movementId }, 'data.registrationId'],
      [{ registrationId }, 'data.movementId'],
      [
        {
          movementId,
          registrationId: await registration(t, tokens.leader, movementId, pending.id, false),
        },
        'data.registrationId',
      ],
    ];
    for (const [data, field] of refusals) {
      const refused = await openNomination(t, tokens.leader, nominee.id, data);
      expectProblem(refused, 422, 'CASE.INVALID_DATA');
      expect({ data, field: problemField(refused) }).toEqual({ data, field });
    }
    // Another person's approved registration is not this nominee's.
    const theirs = await registration(t, tokens.leader, movementId, other.id);
    const notTheirs = await openNomination(t, tokens.leader, nominee.id, {
      movementId,
      registrationId: theirs,
    });
    expectProblem(notTheirs, 422, 'CASE.INVALID_DATA');
    expect(problemField(notTheirs)).toBe('data.registrationId');
    // The old free-text movement is still taken.
    const freeText = await openNomination(t, tokens.leader, nominee.id, {
      evaluationYear: LAST_YEAR - 1,
      movement: 'Phong trào "Thi đua bảo đảm trật tự an toàn giao thông"',
    });
    expect(freeText.status).toBe(201);
  });

  test('a thematic award does not count toward a consecutive-years chain', async () => {
    const years = [LAST_YEAR - 2, LAST_YEAR - 1, LAST_YEAR];
    const regularOnly = await t.createPerson('Đỗ Minh Quân');
    const oneThematic = await t.createPerson('Vũ Thị Lan');
    for (const year of years) {
      await announced(t, tokens, regularOnly.id, year, 'regular');
      await announced(t, tokens, oneThematic.id, year, year === years[1] ? 'thematic' : 'regular');
    }
    const higherFor = async (personId: string) => {
      const opened = await t.openCase(tokens.leader, {
        type: 'nomination',
        subject: { kind: 'person', personId },
        data: { awardCode: HIGHER, evaluationYear: LAST_YEAR, commendationType: 'regular' },
      });
      await t.attachDossier(tokens.leader, opened.body.id, HIGHER_DOSSIER);
      return t.sendEvent(tokens.leader, opened.body.id, 'SUBMIT');
    };
    const passes = await higherFor(regularOnly.id);
    expect(passes.status).toBe(200);
    const passed = await recordedEligibility(t, tokens.leader, passes.body.id);
    expect(lineOf(passed, CHAIN).outcome).toBe('pass');

    const fails = await higherFor(oneThematic.id);
    expectProblem(fails, 422, 'CASE.GUARD_FAILED');
    const line = lineOf(fails.body.eligibility, CHAIN);
    expect(line.outcome).toBe('fail');
    expect(line.details).toMatchObject({
      years: { [years[0]]: 'held', [years[1]]: 'type_not_counted', [years[2]]: 'held' },
    });
    expect(line.reason.vi).toContain(`năm ${years[1]} (khen thưởng theo chuyên đề`);
    expect(line.reason.en).toContain(`${years[1]} (a thematic, campaign or irregular commendation`);
  });

  test('verification and approval resolve every line needing review, and history shows who', async () => {
    const nominee = await t.createPerson('Hoàng Văn Tú');
    const opened = await openNomination(t, tokens.leader, nominee.id, {});
    const id = opened.body.id as string;
    await t.attachDossier(tokens.leader, id, FULL_DOSSIER);
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');

    const unresolved = await t.sendEvent(tokens.secretariat, id, 'MARK_VERIFIED');
    expectProblem(unresolved, 422, 'CASE.GUARD_FAILED');
    const needing = (unresolved.body.eligibility.lines as { rule: string; outcome: string }[])
      .filter((l) => l.outcome === 'needs_review')
      .map((l) => l.rule);
    expect(needing.length).toBeGreaterThan(0);
    expect(unresolved.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'reviewLinesResolved',
    ]);
    for (const rule of needing) expect(unresolved.body.detail).toContain(rule);

    const full = await resolvingReview(t, tokens.secretariat, id);
    const all = full.reviewResolutions as { line: string }[];
    const partly = await t.sendEvent(tokens.secretariat, id, 'MARK_VERIFIED', {
      reviewResolutions: all.slice(1),
    });
    expectProblem(partly, 422, 'CASE.GUARD_FAILED');
    expect(partly.body.detail).toContain(all[0].line);
    const failing = await t.sendEvent(tokens.secretariat, id, 'MARK_VERIFIED', {
      reviewResolutions: all.map((r, i) => (i === 0 ? { ...r, outcome: 'fail' } : r)),
    });
    expectProblem(failing, 422, 'CASE.GUARD_FAILED');
    expect(failing.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'noReviewLineResolvedAsFailing',
    ]);
    const noEvidence = await t.sendEvent(tokens.secretariat, id, 'MARK_VERIFIED', {
      reviewResolutions: all.map((r) => ({ ...r, evidence: 'ok' })),
    });
    expectProblem(noEvidence, 400, 'CASE.PAYLOAD_INVALID');
    expect((await t.getCase(tokens.secretariat, id)).body.state).toBe('verifying');

    const verified = await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified', full);
    const today = todayInVietnam();
    expect(verified.body.context.reviewResolutions).toEqual(
      needing.map((line) => ({
        line,
        outcome: 'pass',
        evidence: REVIEW_EVIDENCE,
        event: 'MARK_VERIFIED',
        resolvedOn: today,
        resolvedBy: expect.any(String),
      })),
    );
    await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
    await councilRecommends(t, tokens, id);
    const headUnresolved = await t.sendEvent(tokens.chair, id, 'APPROVE');
    expectProblem(headUnresolved, 422, 'CASE.GUARD_FAILED');
    const approved = await step(
      t,
      tokens.chair,
      id,
      'APPROVE',
      'approved',
      await resolvingReview(t, tokens.chair, id, {}, 'Thủ trưởng đã xem xét biên bản Hội đồng.'),
    );
    const recorded = approved.body.context.reviewResolutions as { event: string }[];
    expect(recorded.filter((r) => r.event === 'MARK_VERIFIED')).toHaveLength(needing.length);
    expect(recorded.filter((r) => r.event === 'APPROVE').length).toBeGreaterThan(0);

    const history = await t.history(tokens.secretariat, id);
    expect(history.status).toBe(200);
    const items = history.body.items as {
      eventType: string;
      payload: { reviewResolutions?: unknown[] };
      actor: unknown;
    }[];
    const verification = items.find((r) => r.eventType === 'MARK_VERIFIED');
    const approval = items.find((r) => r.eventType === 'APPROVE');
    expect(verification?.payload.reviewResolutions).toEqual(full.reviewResolutions);
    expect(approval?.payload.reviewResolutions?.length).toBeGreaterThan(0);
    expect(verification?.actor).not.toEqual(approval?.actor);
  });
});
