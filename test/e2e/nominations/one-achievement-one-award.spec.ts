import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  LAST_YEAR,
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

/**
 * Story: two unit leaders both nominate Trịnh Thị Mỹ Duyên as an advanced worker for last year. The
 * first nomination is submitted; the second is refused at SUBMIT (one achievement, one award),
 * naming the first case. Once the first is withdrawn, the second may be submitted, and the
 * withdrawn one is shown as ignored. A nomination for a different year is not a conflict.
 */
describe.each(DIALECTS)('one achievement, one award (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('a second open nomination fails until the first is withdrawn', async () => {
    const nominee = await t.createPerson('Trịnh Thị Mỹ Duyên');
    const first = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, first);
    await step(t, tokens.leader, first, 'SUBMIT', 'submitted');

    const [otherLeader] = await t.tokensFor('unit_leader');
    const second = await openNomination(t, otherLeader, nominee.id);
    await t.attachDossier(otherLeader, second);
    const refused = await t.sendEvent(otherLeader, second, 'SUBMIT');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('ineligible');
    const line = lineOf(refused.body.eligibility, 'one_achievement_one_award');
    expect(line.outcome).toBe('fail');
    expect(line.reason.vi).toContain(first);
    expect(line.reason.vi).toContain('Lao động tiên tiến');
    expect(line.reason.vi).toContain(`năm ${LAST_YEAR}`);
    expect(line.reason.en).toContain(`another nomination is open (case ${first})`);
    expect(line.details).toMatchObject({ conflicts: [{ caseId: first, state: 'open' }] });
    expect(
      refused.body.eligibility.lines
        .filter((l: { outcome: string }) => l.outcome === 'fail')
        .map((l: { rule: string }) => l.rule),
    ).toEqual(['one_achievement_one_award']);

    // The same nominee for another year is another achievement.
    const nextYear = await openNomination(
      t,
      otherLeader,
      nominee.id,
      'lao_dong_tien_tien',
      LAST_YEAR - 1,
    );
    await t.attachDossier(otherLeader, nextYear);
    await step(t, otherLeader, nextYear, 'SUBMIT', 'submitted');
    const otherYear = await recordedEligibility(t, otherLeader, nextYear);
    expect(lineOf(otherYear, 'one_achievement_one_award').outcome).toBe('pass');

    await step(t, tokens.leader, first, 'WITHDRAW', 'withdrawn');
    const submitted = await step(t, otherLeader, second, 'SUBMIT', 'submitted');
    const recorded = await recordedEligibility(t, otherLeader, second);
    expect(recorded).toMatchObject({ seq: submitted.body.version, eventType: 'SUBMIT' });
    const after = lineOf(recorded, 'one_achievement_one_award');
    expect(after.outcome).toBe('pass');
    expect(after.details).toMatchObject({
      conflicts: [],
      ignored: [{ caseId: first, state: 'withdrawn' }],
    });
  });
});
