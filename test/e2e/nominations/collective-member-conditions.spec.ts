import { DIALECTS } from '../../support/databases';
import { expectProblem, FULL_DOSSIER, type TestApp } from '../../support/test-app';
import {
  decidedViolation,
  LAST_YEAR,
  lineOf,
  recordedEligibility,
  step,
  type EligibilityLineView,
  type StoryTokens,
  startStory,
} from './nomination-steps';

const AWARD = 'tap_the_lao_dong_tien_tien';
const NO_WARNING = 'member.no_discipline.canh_cao';

/**
 * Story: two offices are proposed as advanced labour collectives for last year. In each, two of
 * the three members were advanced workers (imported from the register). In the Office of
 * Inspection one member, Kiều Văn Lộc, received a warning (cảnh cáo) during the year: the
 * "no member disciplined at warning or above" line fails naming him and the form, and SUBMIT is
 * refused. In the Office of Organisation a member was only reprimanded (khiển trách), which is
 * below the bar: that line passes and the collective may be submitted.
 */
describe.each(DIALECTS)('a collective and its members (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  /** A unit of three: two advanced workers last year, and `disciplined` with `form`. */
  async function office(name: string, members: string[], form: string) {
    const unit = await t.createUnit(name, 'office');
    const people = [];
    for (const member of members) people.push(await t.createPerson(member, unit.id));
    const csv = [
      'Mã cán bộ,Danh hiệu / hình thức,Năm,Tình trạng',
      ...people.slice(1).map((p) => `${p.code},Lao động tiên tiến,${LAST_YEAR},Đã trao`),
    ].join('\n');
    const imported = await t.http
      .post('/api/v1/imports/awards')
      .auth(t.adminToken, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(200);
    await decidedViolation(t, tokens, people[0].id, `${LAST_YEAR}-09-15`, {
      subjectType: 'civil_servant',
      form,
    });
    const opened = await t.openCase(tokens.leader, {
      type: 'nomination',
      subject: { kind: 'unit', unitId: unit.id },
      data: { awardCode: AWARD, evaluationYear: LAST_YEAR },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.attachDossier(tokens.leader, id, FULL_DOSSIER);
    return { id, disciplined: people[0] };
  }

  test('a member warned during the year fails the collective, naming him', async () => {
    const { id, disciplined } = await office(
      'Phòng Thanh tra',
      ['Kiều Văn Lộc', 'Đàm Thị Hương', 'Lã Văn Toàn'],
      'canh_cao',
    );
    const refused = await t.sendEvent(tokens.leader, id, 'SUBMIT');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('ineligible');
    const failing = (refused.body.eligibility.lines as EligibilityLineView[])
      .filter((l) => l.outcome === 'fail')
      .map((l) => l.rule);
    expect(failing).toEqual([NO_WARNING]);
    // The unit leader is told a member is disciplined, not who or how: the secretariat is.
    const told = lineOf(refused.body.eligibility, NO_WARNING);
    expect(told.outcome).toBe('fail');
    expect(told.reason.vi).not.toContain('cảnh cáo');
    expect(JSON.stringify(told)).not.toContain(disciplined.id);
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${id}/eligibility`);
    expect(report.status).toBe(200);
    const line = lineOf(report.body, NO_WARNING);
    // Named as people know them: full name and registry code (the id stays in the details).
    expect(line.reason.vi).toContain(`thành viên Kiều Văn Lộc (${disciplined.code})`);
    expect(line.reason.vi).toContain('cảnh cáo');
    expect(line.reason.vi).toContain(`15/09/${LAST_YEAR}`);
    expect(line.reason.en).toContain(`member Kiều Văn Lộc (${disciplined.code})`);
    expect(line.details).toEqual({ offending: [{ personId: disciplined.id, form: 'canh_cao' }] });
    expect(
      lineOf(refused.body.eligibility, 'member.share_holding.lao_dong_tien_tien').outcome,
    ).toBe('pass');
  });

  test('a reprimand is below the bar', async () => {
    const { id } = await office(
      'Phòng Tổ chức',
      ['Lục Thị Mai', 'Âu Văn Phúc', 'Ông Thị Quỳnh'],
      'khien_trach',
    );
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const line = lineOf(await recordedEligibility(t, tokens.leader, id), NO_WARNING);
    expect(line.outcome).toBe('pass');
    expect(line.details).toEqual({ offending: [] });
  });
});
