import { todayInVietnam } from '../../support/dates';
import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  announcedAward,
  approve,
  councilRecommends,
  LAST_YEAR,
  lineOf,
  openNomination,
  recordedEligibility,
  uncited,
  signedDecision,
  step,
  type EligibilityLineView,
  type StoryTokens,
  startStory,
} from './nomination-steps';

/** The lines every individual "Lao động tiên tiến" nomination is judged on, in order. */
const LINES = [
  'award.subject_kind',
  'on_hold.pending_matter',
  'discipline.in_force',
  'prerequisite.rating.hoan_thanh_tot',
  'prerequisite.min_service_months',
  'one_achievement_one_award',
  'dossier.complete',
  'nominator.not_nominee',
  'grantor.level',
  'compliance.traffic_law_compliance',
];

/**
 * Story: Phạm Thị Hồng Nhung has no discipline, no violation and no other nomination. Her unit
 * leader nominates her as an advanced worker with a full dossier; SUBMIT lists every eligibility
 * line and none fails. The secretariat verifies, the chair approves and the secretariat announces
 * (an unsigned announcement is refused first and uses up no number): the system numbers the decision "1/QĐ-<unit code>", records the rule set it applied, and the
 * next announcement in the same unit and year is number 2. The history carries the eligibility
 * of each judging step and verifies.
 */
describe.each(DIALECTS)('a clean nominee goes all the way to announcement (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('eligibility on each step, numbered decision, audited and verifiable', async () => {
    const unit = await t.createUnit('Ban Tuyên giáo Đảng ủy Khối');
    const nominee = await t.createPerson('Phạm Thị Hồng Nhung', unit.id);
    const id = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, id);

    const before = await t.getAs(tokens.leader, `/api/v1/cases/${id}/eligibility/recorded`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ caseId: id, recorded: null });

    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    // The case keeps the outcome and the lines that did not pass; the record keeps every line.
    const eligibility = await recordedEligibility(t, tokens.leader, id);
    expect(eligibility).toMatchObject({
      seq: submitted.body.version,
      eventType: 'SUBMIT',
      asOf: todayInVietnam(),
    });
    expect(submitted.body.context.eligibility).toEqual({
      outcome: eligibility.outcome,
      ruleSet: eligibility.ruleSet,
      linesNotPassed: eligibility.lines.filter((l) => l.outcome !== 'pass').map(uncited),
      passedLines: eligibility.lines.filter((l) => l.outcome === 'pass').length,
    });
    expect(lineOf(eligibility, 'discipline.in_force').source[0]).toMatchObject({
      citation: 'Nghị định số 152/2025/NĐ-CP',
    });
    expect(eligibility.lines.map((l: EligibilityLineView) => l.rule)).toEqual(LINES);
    expect(eligibility.lines.filter((l: EligibilityLineView) => l.outcome === 'fail')).toEqual([]);
    expect(['eligible', 'needs_review']).toContain(eligibility.outcome);
    for (const line of eligibility.lines as EligibilityLineView[]) {
      expect(line.reason.vi.length).toBeGreaterThan(0);
      expect(line.reason.en.length).toBeGreaterThan(0);
    }
    expect(lineOf(eligibility, 'one_achievement_one_award').reason.vi).toContain(
      `năm ${LAST_YEAR}`,
    );
    expect(lineOf(eligibility, 'dossier.complete').outcome).toBe('pass');
    expect(lineOf(eligibility, 'discipline.in_force').outcome).toBe('pass');
    expect(lineOf(eligibility, 'on_hold.pending_matter').outcome).toBe('pass');
    expect(eligibility.ruleSet).toMatchObject({ id: 'vn-law-06-2022-decree-152-2025', version: 5 });

    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
    await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
    await councilRecommends(t, tokens, id);
    await step(t, tokens.chair, id, 'APPROVE', 'approved');
    // A refused announcement (no signer) does not use up a decision number.
    const unsigned = await t.sendEvent(tokens.secretariat, id, 'ANNOUNCE', {
      decision: { date: todayInVietnam() },
    });
    expectProblem(unsigned, 400, 'CASE.PAYLOAD_INVALID');
    expect(unsigned.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'payload.decision.signer',
    ]);
    const announced = await step(
      t,
      tokens.secretariat,
      id,
      'ANNOUNCE',
      'announced',
      signedDecision('Lê Minh Khôi'),
    );
    const year = new Date().getUTCFullYear();
    expect(announced.body.context.decision).toMatchObject({
      number: `1/QĐ-${unit.code}`,
      issuingUnit: { id: unit.id, code: unit.code },
      signer: 'Lê Minh Khôi',
      ruleSet: { id: eligibility.ruleSet.id, version: eligibility.ruleSet.version },
    });

    const history = await t.history(tokens.secretariat, id);
    expect(history.status).toBe(200);
    const records = history.body.items as {
      eventType: string;
      facts?: { eligibility?: { outcome: string; lines: unknown[] } };
    }[];
    for (const type of ['SUBMIT', 'MARK_VERIFIED', 'APPROVE']) {
      const record = records.find((r) => r.eventType === type);
      expect({ type, outcome: record?.facts?.eligibility?.outcome }).toEqual({
        type,
        outcome: eligibility.outcome,
      });
      expect(record?.facts?.eligibility?.lines).toHaveLength(LINES.length);
    }
    const announce = records.find((r) => r.eventType === 'ANNOUNCE') as unknown as {
      facts: { decisionNumber: { number: string; sequence: number; year: number } };
    };
    expect(announce.facts.decisionNumber).toMatchObject({
      number: `1/QĐ-${unit.code}`,
      sequence: 1,
      year,
    });
    const check = await t.verify(tokens.secretariat, id);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: true, firstBadSeq: null });

    // The next announcement in the same unit and year takes the next number.
    const colleague = await t.createPerson('Đỗ Quang Vinh', unit.id);
    const second = await announcedAward(t, tokens, colleague.id, 'lao_dong_tien_tien', LAST_YEAR);
    const read = await t.getCase(tokens.secretariat, second);
    expect(read.body.context.decision.number).toBe(`2/QĐ-${unit.code}`);

    // Another unit keeps its own sequence.
    const other = await t.createUnit('Văn phòng Đảng ủy Khối');
    const third = await t.createPerson('Vũ Thị Lan', other.id);
    const thirdId = await openNomination(t, tokens.leader, third.id);
    await t.attachDossier(tokens.leader, thirdId);
    await approve(t, tokens, thirdId);
    const thirdAnnounced = await step(
      t,
      tokens.secretariat,
      thirdId,
      'ANNOUNCE',
      'announced',
      signedDecision(),
    );
    expect(thirdAnnounced.body.context.decision.number).toBe(`1/QĐ-${other.code}`);
  });
});
