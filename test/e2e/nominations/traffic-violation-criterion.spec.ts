import { todayInVietnam } from '../../support/dates';
import { DIALECTS } from '../../support/databases';
import { type TestApp } from '../../support/test-app';
import { decideDiscipline, violationReport } from '../../support/violations';
import {
  keptLineOf,
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

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
      data: violationReport({
        category: 'traffic_red_light',
        source: 'police_notice',
        place: 'Ngã tư Hàng Bài',
        summary: 'Vượt đèn đỏ tại ngã tư Hàng Bài (Công an thông báo)',
      }),
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
    await decideDiscipline(t, tokens.chair, violation, {
      outcome: 'no_discipline',
      date: todayInVietnam(),
      signer: 'Bùi Lan',
    });

    const id = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien', THIS_YEAR);
    await t.attachDossier(tokens.leader, id);
    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    // The case keeps the lines that did not pass; the SUBMIT's record keeps every line.
    const onTheCase = submitted.body.context.eligibility;
    const eligibility = await recordedEligibility(t, tokens.leader, id);
    // The unit leader learns that a person must weigh it, not which case: the secretariat does.
    for (const told of [
      keptLineOf(onTheCase, 'compliance.traffic_law_compliance'),
      lineOf(eligibility, 'compliance.traffic_law_compliance'),
    ]) {
      expect(told.outcome).toBe('needs_review');
      expect(JSON.stringify(told)).not.toContain(violation);
    }
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${id}/eligibility`);
    expect(report.status).toBe(200);
    const line = lineOf(report.body, 'compliance.traffic_law_compliance');
    expect(line.outcome).toBe('needs_review');
    expect(line.details).toMatchObject({ configuredOutcome: 'needs_review' });
    expect(line.reason.vi).toContain(violation);
    expect(line.reason.en).toContain(violation);
    expect(line.reason.vi).toContain(`năm đánh giá ${THIS_YEAR}`);
    expect(line.source.length).toBeGreaterThan(0);
    expect(eligibility.outcome).toBe('needs_review');
    expect(onTheCase.outcome).toBe('needs_review');
    expect(lineOf(eligibility, 'on_hold.pending_matter').outcome).toBe('pass');

    // needs_review is for people to weigh: the nomination may still proceed.
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    const verified = await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
    expect(
      keptLineOf(verified.body.context.eligibility, 'compliance.traffic_law_compliance').outcome,
    ).toBe('needs_review');
  });

  test('a violation of another kind does not count against the traffic criterion', async () => {
    const nominee = await t.createPerson('Trương Văn Khải');
    const opened = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: nominee.id },
      data: violationReport({ category: 'other', source: 'inspection' }),
    });
    expect(opened.status).toBe(201);
    const violation = opened.body.id as string;
    await step(t, tokens.secretariat, violation, 'START_VERIFICATION', 'verifying');
    await step(t, tokens.secretariat, violation, 'CONFIRM', 'confirmed', {
      reason: 'Vi phạm quy chế làm việc, không phải vi phạm giao thông',
    });
    await step(t, tokens.secretariat, violation, 'REFER_FOR_DECISION', 'deciding');
    await decideDiscipline(t, tokens.chair, violation, { outcome: 'no_discipline' });
    const id = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien', THIS_YEAR);
    await t.attachDossier(tokens.leader, id);
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${id}/eligibility`);
    const line = lineOf(report.body, 'compliance.traffic_law_compliance');
    expect(line.outcome).toBe('pass');
    expect(line.reason.vi).not.toContain(violation);
  });

  test('a dismissed traffic report does not count', async () => {
    const nominee = await t.createPerson('Mai Thị Xuân');
    const violation = await trafficReport(nominee.id);
    await step(t, tokens.secretariat, violation, 'DISMISS', 'dismissed', {
      reason: 'Nhầm biển số xe',
    });
    const id = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien', THIS_YEAR);
    await t.attachDossier(tokens.leader, id);
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const recorded = await recordedEligibility(t, tokens.leader, id);
    const line = lineOf(recorded, 'compliance.traffic_law_compliance');
    expect(line.outcome).toBe('pass');
    expect(line.reason.vi).not.toContain(violation);
    expect(line.details).toMatchObject({ breaches: [] });
  });
});
