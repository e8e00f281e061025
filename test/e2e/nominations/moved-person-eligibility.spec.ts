import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import { registerPerson, violationReport } from '../../support/violations';
import {
  decidedViolation,
  LAST_YEAR,
  keptLineOf,
  lineOf,
  openNomination,
  startStory,
  step,
  type EligibilityLineView,
  type StoryTokens,
} from './nomination-steps';

/** The day Mai's reprimand was decided (not yet announced). */
const DECIDED_ON = `${LAST_YEAR}-09-10`;

/**
 * Story (issue 12): Trần Thị Mai, a Party member of the Finance Department, was reprimanded there
 * last year by her Party cell's vote (not yet announced); Đỗ Văn Hùng of the same department is the
 * subject of a violation report still being verified. Both then move to the Home Affairs
 * Department, whose unit leader nominates them. The leader may not read the violation cases (404),
 * and the nominations do not show them either: in the answer to SUBMIT, the case, its history and
 * the eligibility report, each line that rests on them says what it means ("a discipline decision
 * needs review", "on hold") and to ask the secretariat, never the other case's id, the discipline
 * form, the decision or its dates. The chain still verifies. The secretariat of the whole
 * organisation, who may read the violations, reads the lines as judged, proven against the
 * commitments the records carry; a secretariat of Home Affairs only does not.
 */
describe.each(DIALECTS)("a moved person's violations stay with their unit (%s)", (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let leaderB: string;
  let secretariatB: string;
  let violation: string;
  let decisionNumber: string;
  let pending: string;
  let disciplined: string;
  let onHold: string;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    const finance = await t.createUnit('Sở Tài chính (thử nghiệm)');
    const homeAffairs = await t.createUnit('Sở Nội vụ (thử nghiệm)');
    leaderB = (await t.userWithGrants([{ role: 'unit_leader', unitId: homeAffairs.id }])).token;
    secretariatB = (await t.userWithGrants([{ role: 'secretariat', unitId: homeAffairs.id }]))
      .token;

    const mai = await registerPerson(t, 'Trần Thị Mai', {
      unitId: finance.id,
      partyMember: true,
      partyJoinedOn: '2008-11-07',
    });
    ({ id: violation, number: decisionNumber } = await decidedViolation(
      t,
      tokens,
      mai.id,
      DECIDED_ON,
      { subjectType: 'party_member', form: 'khien_trach' },
    ));
    const hung = await t.createPerson('Đỗ Văn Hùng', finance.id);
    const opened = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: hung.id },
      data: violationReport({
        category: 'other',
        source: 'inspection',
        summary: 'Phản ánh về việc chấp hành quy chế làm việc',
      }),
    });
    pending = opened.body.id;
    await step(t, tokens.secretariat, pending, 'START_VERIFICATION', 'verifying');

    for (const person of [mai, hung]) {
      const moved = await t.http
        .patch(`/api/v1/people/${person.id}`)
        .auth(t.adminToken, { type: 'bearer' })
        .send({ unitId: homeAffairs.id });
      expect(moved.status).toBe(200);
    }
    disciplined = await openNomination(t, leaderB, mai.id);
    onHold = await openNomination(t, leaderB, hung.id);
    await t.attachDossier(leaderB, disciplined);
    await t.attachDossier(leaderB, onHold);
  });
  afterAll(() => t.close());

  /** Nothing that identifies or describes the violation cases. */
  const expectNoViolationDetail = (shown: unknown) => {
    const text = JSON.stringify(shown);
    for (const secret of [
      violation,
      pending,
      decisionNumber,
      DECIDED_ON,
      `10/09/${LAST_YEAR}`,
      'khien_trach',
      'khiển trách',
      'reprimand',
    ]) {
      expect({ secret, found: text.toLowerCase().includes(secret.toLowerCase()) }).toEqual({
        secret,
        found: false,
      });
    }
  };

  test('the new unit leader reads neither the violations nor their details', async () => {
    expectProblem(await t.getCase(leaderB, violation), 404, 'CASE.NOT_FOUND');
    expectProblem(await t.getCase(leaderB, pending), 404, 'CASE.NOT_FOUND');

    const submitted = await step(t, leaderB, disciplined, 'SUBMIT', 'submitted');
    const held = await step(t, leaderB, onHold, 'SUBMIT', 'submitted');
    expect(held.body.context.eligibility.outcome).toBe('on_hold');
    expect(keptLineOf(submitted.body.context.eligibility, 'discipline.in_force')).toMatchObject({
      outcome: 'needs_review',
      reason: {
        vi: 'Cần xem xét một quyết định kỷ luật — xem thông tin tại cơ quan thường trực Hội đồng Thi đua – Khen thưởng',
        en: 'A discipline decision needs review — see the secretariat',
      },
      details: { restricted: true, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(keptLineOf(held.body.context.eligibility, 'on_hold.pending_matter')).toMatchObject({
      outcome: 'on_hold',
      reason: { en: 'On hold: a matter about the nominee is being handled — see the secretariat' },
    });

    for (const id of [disciplined, onHold]) {
      const read = await t.getCase(leaderB, id);
      const history = await t.history(leaderB, id);
      const report = await t.getAs(leaderB, `/api/v1/cases/${id}/eligibility`);
      const recorded = await t.getAs(leaderB, `/api/v1/cases/${id}/eligibility/recorded`);
      expect([read.status, history.status, report.status, recorded.status]).toEqual([
        200, 200, 200, 200,
      ]);
      // The recorded report holds the restricted line too, as its commitment only.
      const lines = recorded.body.recorded.lines as EligibilityLineView[];
      expect(lines.filter((line) => line.details?.restricted === true)).toHaveLength(1);
      expectNoViolationDetail([read.body, history.body, report.body, recorded.body]);
      const sealed = await t.getAs(leaderB, `/api/v1/cases/${id}/eligibility/sealed`);
      expect(sealed.body).toEqual({ items: [], withheld: 1 });
      expect((await t.verify(leaderB, id)).body).toMatchObject({ ok: true });
    }
    expectNoViolationDetail([submitted.body, held.body]);
  });

  test('a secretariat of the new unit only is no wiser', async () => {
    const report = await t.getAs(secretariatB, `/api/v1/cases/${disciplined}/eligibility`);
    expect(report.status).toBe(200);
    expectNoViolationDetail(report.body);
    const sealed = await t.getAs(secretariatB, `/api/v1/cases/${disciplined}/eligibility/sealed`);
    expect(sealed.body).toEqual({ items: [], withheld: 1 });
  });

  test('the secretariat who may read the violations reads the lines as judged', async () => {
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${disciplined}/eligibility`);
    const line: EligibilityLineView = lineOf(report.body, 'discipline.in_force');
    expect(line.outcome).toBe('needs_review');
    expect(line.reason.vi).toContain('khiển trách');
    expect(line.reason.vi).toContain(`10/09/${LAST_YEAR}`);

    const history = await t.history(tokens.secretariat, disciplined);
    const record = history.body.items.find((r: { eventType: string }) => r.eventType === 'SUBMIT');
    const recorded = lineOf(record.facts.eligibility, 'discipline.in_force');
    const sealed = await t.getAs(
      tokens.secretariat,
      `/api/v1/cases/${disciplined}/eligibility/sealed`,
    );
    expect(sealed.status).toBe(200);
    expect(sealed.body.withheld).toBe(0);
    expect(sealed.body.items).toEqual([
      {
        seq: record.seq,
        lineIndex: record.facts.eligibility.lines.indexOf(
          record.facts.eligibility.lines.find(
            (l: { rule: string }) => l.rule === 'discipline.in_force',
          ),
        ),
        rule: 'discipline.in_force',
        line: expect.objectContaining({ rule: 'discipline.in_force', outcome: 'needs_review' }),
        commitment: recorded.details?.commitment,
        nonce: expect.stringMatching(/^[0-9a-f]{64}$/),
        verified: true,
      },
    ]);
    expect(JSON.stringify(sealed.body.items[0].line)).toContain('khien_trach');

    const held = await t.getAs(tokens.secretariat, `/api/v1/cases/${onHold}/eligibility/sealed`);
    expect(JSON.stringify(held.body.items)).toContain(pending);
  });
});
