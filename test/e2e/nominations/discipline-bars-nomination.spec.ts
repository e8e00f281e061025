import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import { announceDecision, registerPerson } from '../../support/violations';
import {
  decidedViolation,
  LAST_YEAR,
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

/**
 * Story: three colleagues were each the subject of a violation case during last year (the
 * evaluation year). Hoàng Văn Đức, a Party member, was reprimanded (khiển trách) by a Party
 * decision that was then announced; Ngô Thị Thu, a civil servant, was reprimanded by an
 * administrative decision; Lý Quốc Bảo's case ended with no discipline at all. Their unit leader
 * nominates all three as advanced workers. The two reprimanded are refused at SUBMIT (422
 * CASE.GUARD_FAILED, eligibility ineligible) with the discipline line naming the form and the
 * decision; the third is not barred.
 */
describe.each(DIALECTS)('a discipline in the evaluation year bars a nomination (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  /** A violation case about `personId`, decided on `date` with `discipline`; its number. */
  async function decidedOn(
    personId: string,
    date: string,
    discipline: { subjectType: string; form: string | null },
    announce: boolean,
  ): Promise<string> {
    const { id, number } = await decidedViolation(t, tokens, personId, date, discipline);
    if (announce) {
      const announced = await announceDecision(t, tokens.secretariat, id, number, date);
      expect({ status: announced.status, state: announced.body.state }).toEqual({
        status: 200,
        state: 'announced',
      });
    }
    return number;
  }

  async function refusedSubmission(personId: string) {
    const id = await openNomination(t, tokens.leader, personId);
    await t.attachDossier(tokens.leader, id);
    const refused = await t.sendEvent(tokens.leader, id, 'SUBMIT');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'eligibilityAllowsSubmission',
    ]);
    expect(refused.body.eligibility.outcome).toBe('ineligible');
    const read = await t.getCase(tokens.leader, id);
    expect(read.body.state).toBe('draft');
    const asLeader = lineOf(refused.body.eligibility, 'discipline.in_force');
    // The leader is told of a bar and its end, not of the discipline: the secretariat, who may
    // read the violation, sees the line as judged.
    expect(asLeader.outcome).toBe('fail');
    expect(asLeader.reason.vi).not.toContain('khiển trách');
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${id}/eligibility`);
    expect(report.status).toBe(200);
    return { asLeader, line: lineOf(report.body, 'discipline.in_force') };
  }

  test('a civil servant reprimanded during the year is refused, naming the form', async () => {
    const nominee = await t.createPerson('Ngô Thị Thu');
    const number = await decidedOn(
      nominee.id,
      `${LAST_YEAR}-09-10`,
      { subjectType: 'civil_servant', form: 'khien_trach' },
      false,
    );
    const { asLeader, line } = await refusedSubmission(nominee.id);
    expect(asLeader.reason.vi).toContain(`10/09/${LAST_YEAR + 1}`);
    expect(line.outcome).toBe('fail');
    expect(line.reason.vi).toContain('khiển trách');
    expect(line.reason.vi).toContain(number);
    expect(line.reason.vi).toContain(`10/09/${LAST_YEAR}`);
    expect(line.reason.vi).toContain(`năm đánh giá ${LAST_YEAR}`);
    expect(line.reason.en.toLowerCase()).toContain('reprimand');
    expect(line.reason.en).toContain(number);
    expect(line.source.length).toBeGreaterThan(0);
  });

  // The rule set runs a Party member's bar from the announcement: violation v2's ANNOUNCE records
  // its day (`announcedOn`), and the loader passes it on.
  test('a Party member reprimanded and announced in the year is refused', async () => {
    const cell = await t.createUnit('Chi bộ Văn phòng', 'party_cell');
    const nominee = await registerPerson(t, 'Hoàng Văn Đức', {
      unitId: cell.id,
      partyMember: true,
      partyJoinedOn: '2010-03-03',
    });
    // The cell decides on its members' vote; the decision is in the Party's format.
    const number = await decidedOn(
      nominee.id,
      `${LAST_YEAR}-09-20`,
      { subjectType: 'party_member', form: 'khien_trach' },
      true,
    );
    expect(number).toBe(`1-QĐ/${cell.code}`);
    const { line } = await refusedSubmission(nominee.id);
    expect(line.outcome).toBe('fail');
    expect(line.reason.vi).toContain('khiển trách');
    expect(line.reason.vi).toContain(number);
  });

  test('a violation decided with no discipline does not bar', async () => {
    const nominee = await t.createPerson('Lý Quốc Bảo');
    await decidedOn(
      nominee.id,
      `${LAST_YEAR}-10-02`,
      { subjectType: 'civil_servant', form: null },
      true,
    );
    const id = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, id);
    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    expect(submitted.body.context.eligibility.outcome).not.toBe('ineligible');
    const eligibility = await recordedEligibility(t, tokens.leader, id);
    expect(eligibility.outcome).not.toBe('ineligible');
    const line = lineOf(eligibility, 'discipline.in_force');
    expect(line.outcome).toBe('pass');
    expect(line.reason.vi).toContain(`năm đánh giá ${LAST_YEAR}`);
  });
});
