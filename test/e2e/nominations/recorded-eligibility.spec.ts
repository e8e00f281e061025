import { CaseCommands } from '../../../src/cases/case-commands.service';
import type { Principal } from '../../../src/domain/org/principal';
import { todayInVietnam } from '../../support/dates';
import { DIALECTS } from '../../support/databases';
import { expectProblem, nominationData, type TestApp, type TestUser } from '../../support/test-app';
import { violationReport } from '../../support/violations';
import {
  lineOf,
  LAST_YEAR,
  openNomination,
  recordedEligibility,
  startStory,
  step,
  uncited,
  type RecordedEligibilityView,
  type StoryTokens,
} from './nomination-steps';
import { resolvingReview } from './review-resolutions';

const FIGHTER = 'chien_si_thi_dua_co_so';

interface HistoryRecord {
  seq: number;
  at: string;
  eventType: string;
}

/**
 * Story: Lương Thị Thảo is nominated as a grassroots emulation fighter for her initiative, but
 * the dossier lacks the certificate recognising it. Nomination v9 keeps on the case only the
 * outcome and the lines that did not pass; "what did the check say, line by line?" is answered
 * from the audit record of the event that checked it (GET /cases/:id/eligibility/recorded). The
 * secretariat returns the dossier, the leader adds the certificate and resubmits: the report on
 * record is now the RESUBMIT's. A violation report about her then holds the verification: the
 * refused MARK_VERIFIED records nothing, so the RESUBMIT's report stays the one on record until a
 * verification is accepted. A violation case has no eligibility to read; a leader of another
 * unit cannot tell the nomination exists; an auditor's reading is in the read log. A nomination
 * still on v8, which kept the whole report on the case, answers the same report from its record.
 */
describe.each(DIALECTS)('the eligibility a nomination recorded (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let auditor: TestUser;
  let outsider: string;
  let unitId: string;
  let nominee: string;
  /** The nomination of the story, and the violation report about its nominee. */
  let nomination: string;
  let violation: string;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    unitId = (await t.createUnit('Phòng Tổng hợp', 'office')).id;
    const otherUnit = (await t.createUnit('Phòng Hành chính', 'office')).id;
    outsider = (await t.userWithGrants([{ role: 'unit_leader', unitId: otherUnit }])).token;
    auditor = await t.userWith('auditor');
    nominee = (await t.createPerson('Lương Thị Thảo', unitId)).id;
  });
  afterAll(() => t.close());

  const recorded = (token: string, id: string) =>
    t.getAs(token, `/api/v1/cases/${id}/eligibility/recorded`);
  const historyOf = async (id: string) => {
    const history = await t.history(tokens.secretariat, id);
    expect(history.status).toBe(200);
    return history.body.items as HistoryRecord[];
  };
  /** The record at `report.seq`: the event the report names, written when the report says. */
  const expectKeptBy = async (id: string, report: RecordedEligibilityView) => {
    const record = (await historyOf(id)).find((r) => r.seq === report.seq);
    expect(record).toMatchObject({ eventType: report.eventType, at: report.recordedAt });
  };

  test('after a return for supplement the RESUBMIT’s report is on record; a refused event records nothing', async () => {
    nomination = await openNomination(t, tokens.leader, nominee, FIGHTER);
    await t.attachDossier(tokens.leader, nomination);
    // Nothing has judged it yet.
    const draft = await recorded(tokens.leader, nomination);
    expect(draft.status).toBe(200);
    expect(draft.body).toEqual({ caseId: nomination, recorded: null });

    const submitted = await step(t, tokens.leader, nomination, 'SUBMIT', 'submitted');
    const atSubmit = await recordedEligibility(t, tokens.leader, nomination);
    expect(atSubmit).toMatchObject({
      seq: submitted.body.version,
      eventType: 'SUBMIT',
      asOf: todayInVietnam(),
      outcome: submitted.body.context.eligibility.outcome,
      ruleSet: submitted.body.context.eligibility.ruleSet,
    });
    await expectKeptBy(nomination, atSubmit);
    // The case keeps the lines that did not pass and how many passed; the record keeps them all.
    const passed = atSubmit.lines.filter((l) => l.outcome === 'pass');
    expect(passed.length).toBeGreaterThan(0);
    expect(submitted.body.context.eligibility).toEqual({
      outcome: atSubmit.outcome,
      ruleSet: atSubmit.ruleSet,
      linesNotPassed: atSubmit.lines.filter((l) => l.outcome !== 'pass').map(uncited),
      passedLines: passed.length,
    });
    const dossierAtSubmit = lineOf(atSubmit, 'dossier.complete');
    expect(dossierAtSubmit.outcome).toBe('pass');
    expect(dossierAtSubmit.details).toMatchObject({
      conditional: [{ document: 'xac_nhan_sang_kien', provided: false }],
    });
    expect(dossierAtSubmit.source[0]).toMatchObject({ citation: expect.any(String) });

    // Events that judge nothing leave the SUBMIT's report on record.
    await step(t, tokens.secretariat, nomination, 'START_VERIFICATION', 'verifying');
    await step(
      t,
      tokens.secretariat,
      nomination,
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      {
        reason: 'Đề nghị bổ sung văn bản công nhận sáng kiến',
      },
    );
    expect(await recordedEligibility(t, tokens.leader, nomination)).toEqual(atSubmit);

    await t.uploadDocument(tokens.leader, nomination, 'xac_nhan_sang_kien').expect(200);
    const resubmitted = await step(t, tokens.leader, nomination, 'RESUBMIT', 'verifying');
    const atResubmit = await recordedEligibility(t, tokens.leader, nomination);
    expect(atResubmit).toMatchObject({
      seq: resubmitted.body.version,
      eventType: 'RESUBMIT',
      outcome: resubmitted.body.context.eligibility.outcome,
    });
    expect(atResubmit.seq).toBeGreaterThan(atSubmit.seq);
    await expectKeptBy(nomination, atResubmit);
    expect(lineOf(atResubmit, 'dossier.complete').details).toMatchObject({
      conditional: [{ document: 'xac_nhan_sang_kien', provided: true }],
    });

    // A violation report about her now holds the verification: refused, it records nothing.
    const reported = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: nominee },
      data: violationReport({ category: 'other', summary: 'Đơn phản ánh đang được xác minh' }),
    });
    expect(reported.status).toBe(201);
    violation = reported.body.id as string;
    const records = (await historyOf(nomination)).length;
    const refused = await t.sendEvent(
      tokens.secretariat,
      nomination,
      'MARK_VERIFIED',
      await resolvingReview(t, tokens.secretariat, nomination),
    );
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('on_hold');
    expect(atResubmit.outcome).not.toBe('on_hold');
    expect(await historyOf(nomination)).toHaveLength(records);
    expect(await recordedEligibility(t, tokens.leader, nomination)).toEqual(atResubmit);
    expect((await t.getCase(tokens.leader, nomination)).body.context.eligibility.outcome).toBe(
      atResubmit.outcome,
    );

    // Dismissed, the report no longer holds her: the accepted verification's report is on record.
    await step(t, tokens.secretariat, violation, 'START_VERIFICATION', 'verifying');
    await step(t, tokens.secretariat, violation, 'DISMISS', 'dismissed', {
      reason: 'Đơn phản ánh không có căn cứ',
    });
    const verified = await step(t, tokens.secretariat, nomination, 'MARK_VERIFIED', 'verified');
    const atVerification = await recordedEligibility(t, tokens.leader, nomination);
    expect(atVerification).toMatchObject({
      seq: verified.body.version,
      eventType: 'MARK_VERIFIED',
    });
    expect(atVerification.outcome).not.toBe('on_hold');
    expect(lineOf(atVerification, 'on_hold.pending_matter').outcome).toBe('pass');
  });

  test('a violation case has no eligibility to read; out of scope it does not exist', async () => {
    const notJudged = await recorded(tokens.secretariat, violation);
    expectProblem(notJudged, 409, 'ELIGIBILITY.NOT_JUDGED');
    for (const response of [
      await recorded(outsider, nomination),
      // Out of scope, a violation case is missing too, not "not judged".
      await recorded(outsider, violation),
      await recorded(tokens.leader, '01900000-0000-7000-8000-000000000000'),
    ]) {
      expectProblem(response, 404, 'CASE.NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain('dossier.complete');
    }
    expectProblem(
      await t.http.get(`/api/v1/cases/${nomination}/eligibility/recorded`),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    expectProblem(await recorded(t.adminToken, nomination), 403, 'AUTH.FORBIDDEN');
  });

  test('an auditor’s reading is logged as an eligibility read; a refused one and others’ are not', async () => {
    const draft = await openNomination(
      t,
      tokens.leader,
      nominee,
      'lao_dong_tien_tien',
      LAST_YEAR - 1,
    );
    const logged = async () => {
      const reads = await t.getAs(
        auditor.token,
        `/api/v1/audit/reads?userId=${auditor.id}&limit=200`,
      );
      expect(reads.status).toBe(200);
      return (
        reads.body.items as {
          userId: string;
          action: string;
          query: { caseId?: string };
          resultCount: number | null;
        }[]
      )
        .filter((read) => [nomination, draft, violation].includes(read.query.caseId ?? ''))
        .map(({ userId, action, query, resultCount }) => ({ userId, action, query, resultCount }));
    };
    expect(await logged()).toEqual([]);

    const read = await recorded(auditor.token, nomination);
    expect(read.status).toBe(200);
    expect(read.body.recorded).toMatchObject({ eventType: 'MARK_VERIFIED' });
    expect((await recorded(auditor.token, draft)).body).toEqual({ caseId: draft, recorded: null });
    expectProblem(await recorded(auditor.token, violation), 409, 'ELIGIBILITY.NOT_JUDGED');
    expect((await recorded(tokens.secretariat, nomination)).status).toBe(200);
    // Newest first: the draft's read found no report, the nomination's found one.
    expect(await logged()).toEqual([
      {
        userId: auditor.id,
        action: 'recorded_eligibility',
        query: { caseId: draft },
        resultCount: 0,
      },
      {
        userId: auditor.id,
        action: 'recorded_eligibility',
        query: { caseId: nomination },
        resultCount: 1,
      },
    ]);
  });

  test('a nomination still on v8 answers the whole report it kept, from its record', async () => {
    const leader = await t.userWith('unit_leader');
    const principal: Principal = {
      userId: leader.id,
      username: leader.username,
      roles: ['unit_leader'],
      personId: null,
      grants: [{ role: 'unit_leader', unitId: null, scope: null }],
    };
    const personId = (await t.createPerson('Phùng Văn Khải', unitId)).id;
    const opened = await t.app
      .get(CaseCommands)
      .open(
        principal,
        { type: 'nomination', subject: { kind: 'person', personId }, data: nominationData() },
        { method: 'POST', path: '/api/v1/cases' },
        8,
      );
    const id = opened.body.id;
    expect((await t.getCase(leader.token, id)).body.workflow).toEqual(
      expect.objectContaining({ id: 'nomination', version: 8 }),
    );
    await t.attachDossier(leader.token, id);
    const submitted = await step(t, leader.token, id, 'SUBMIT', 'submitted');
    const report = await recordedEligibility(t, leader.token, id);
    expect(report).toMatchObject({ seq: submitted.body.version, eventType: 'SUBMIT' });
    await expectKeptBy(id, report);
    // v8 kept every line on the case, passing ones included: the record says the same.
    expect(report.lines.some((l) => l.outcome === 'pass')).toBe(true);
    expect(submitted.body.context.eligibility).toEqual({
      outcome: report.outcome,
      ruleSet: report.ruleSet,
      lines: report.lines.map(uncited),
    });
    expect(lineOf(report, 'discipline.in_force').source[0]).toMatchObject({
      citation: 'Nghị định số 152/2025/NĐ-CP',
    });
  });
});
