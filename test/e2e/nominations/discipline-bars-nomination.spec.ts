import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  decidedViolation,
  LAST_YEAR,
  lineOf,
  openNomination,
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

  /** A violation case about `personId`, decided on `decidedOn` with `discipline` (or null). */
  async function decidedOn(
    personId: string,
    number: string,
    date: string,
    discipline: { subjectType: string; form: string } | null,
    announce: boolean,
  ): Promise<string> {
    const id = await decidedViolation(t, tokens, personId, { number, date }, discipline);
    if (announce) await step(t, tokens.secretariat, id, 'ANNOUNCE', 'announced');
    return id;
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
    return lineOf(refused.body.eligibility, 'discipline.in_force');
  }

  test('a civil servant reprimanded during the year is refused, naming the form', async () => {
    const nominee = await t.createPerson('Ngô Thị Thu');
    await decidedOn(
      nominee.id,
      '45/QĐ-KL',
      `${LAST_YEAR}-03-10`,
      { subjectType: 'civil_servant', form: 'khien_trach' },
      false,
    );
    const line = await refusedSubmission(nominee.id);
    expect(line.outcome).toBe('fail');
    expect(line.reason.vi).toContain('khiển trách');
    expect(line.reason.vi).toContain('45/QĐ-KL');
    expect(line.reason.vi).toContain(`10/03/${LAST_YEAR}`);
    expect(line.reason.vi).toContain(`năm đánh giá ${LAST_YEAR}`);
    expect(line.reason.en.toLowerCase()).toContain('reprimand');
    expect(line.reason.en).toContain('45/QĐ-KL');
    expect(line.source.length).toBeGreaterThan(0);
  });

  // The rule set runs a Party member's bar from the announcement: violation v2's ANNOUNCE records
  // its day (`announcedOn`), and the loader passes it on.
  test('a Party member reprimanded and announced in the year is refused', async () => {
    const nominee = await t.createPerson('Hoàng Văn Đức');
    await decidedOn(
      nominee.id,
      '12-QĐ/UBKT',
      `${LAST_YEAR}-05-20`,
      { subjectType: 'party_member', form: 'khien_trach' },
      true,
    );
    const line = await refusedSubmission(nominee.id);
    expect(line.outcome).toBe('fail');
    expect(line.reason.vi).toContain('khiển trách');
    expect(line.reason.vi).toContain('12-QĐ/UBKT');
  });

  test('a violation decided with no discipline does not bar', async () => {
    const nominee = await t.createPerson('Lý Quốc Bảo');
    await decidedOn(nominee.id, '46/QĐ-KL', `${LAST_YEAR}-04-02`, null, true);
    const id = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, id);
    const submitted = await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const eligibility = submitted.body.context.eligibility;
    expect(eligibility.outcome).not.toBe('ineligible');
    const line = lineOf(eligibility, 'discipline.in_force');
    expect(line.outcome).toBe('pass');
    expect(line.reason.vi).toContain(`năm đánh giá ${LAST_YEAR}`);
  });
});
