import { todayInVietnam } from '../../support/dates';
import { DIALECTS } from '../../support/databases';
import { type TestApp } from '../../support/test-app';
import { lineOf, openNomination, step, type StoryTokens, startStory } from './nomination-steps';

/** Confirmation happens today, so the evaluation year holding it is this year. */
const THIS_YEAR = new Date().getUTCFullYear();

/**
 * Story: the provincial police report two traffic offences. Đinh Công Tráng's red-light offence is
 * confirmed by the secretariat and then decided (no discipline); Mai Thị Xuân's report is dismissed
 * (the plate was misread). Both are nominated as advanced workers for this year. Tráng's traffic
 * compliance line takes the outcome the rule set configures (needs_review by default: a person
 * decides) and names the violation case; Xuân's line passes: a dismissed report counts for nothing.
 */
describe.each(DIALECTS)('the traffic compliance criterion (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  async function trafficReport(personId: string): Promise<string> {
    const opened = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId },
      data: { category: 'traffic', summary: 'Vượt đèn đỏ tại ngã tư Hàng Bài (Công an thông báo)' },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    return id;
  }

  test('a confirmed traffic violation needs review and is named', async () => {
    const nominee = await t.createPerson('Đinh Công Tráng');
    const violation = await trafficReport(nominee.id);
    await step(t, tokens.secretariat, violation, 'CONFIRM', 'confirmed', {
      reason: 'Biên bản vi phạm của Cảnh sát giao thông',
    });
    await step(t, tokens.secretariat, violation, 'REFER_FOR_DECISION', 'deciding');
    await step(t, tokens.chair, violation, 'DECIDE', 'decided', {
      decision: {
        number: '7/QĐ-GT',
        date: todayInVietnam(),
        signer: 'Bùi Lan',
      },
      discipline: null,
    });

    const id = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien', THIS_YEAR);
    await t.attachDossier(tokens.leader, id);
    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const eligibility = submitted.body.context.eligibility;
    const line = lineOf(eligibility, 'compliance.traffic_law_compliance');
    expect(line.outcome).toBe('needs_review');
    expect(line.details).toMatchObject({ configuredOutcome: 'needs_review' });
    expect(line.reason.vi).toContain(violation);
    expect(line.reason.en).toContain(violation);
    expect(line.reason.vi).toContain(`năm đánh giá ${THIS_YEAR}`);
    expect(line.source.length).toBeGreaterThan(0);
    expect(eligibility.outcome).toBe('needs_review');
    expect(lineOf(eligibility, 'on_hold.pending_matter').outcome).toBe('pass');

    // needs_review is for people to weigh: the nomination may still proceed.
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    const verified = await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
    expect(
      lineOf(verified.body.context.eligibility, 'compliance.traffic_law_compliance').outcome,
    ).toBe('needs_review');
  });

  test('a dismissed traffic report does not count', async () => {
    const nominee = await t.createPerson('Mai Thị Xuân');
    const violation = await trafficReport(nominee.id);
    await step(t, tokens.secretariat, violation, 'DISMISS', 'dismissed', {
      reason: 'Nhầm biển số xe',
    });
    const id = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien', THIS_YEAR);
    await t.attachDossier(tokens.leader, id);
    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const line = lineOf(submitted.body.context.eligibility, 'compliance.traffic_law_compliance');
    expect(line.outcome).toBe('pass');
    expect(line.reason.vi).not.toContain(violation);
    expect(line.details).toMatchObject({ breaches: [] });
  });
});
