import { DIALECTS } from '../../support/databases';
import { expectProblem, FULL_DOSSIER, startTestApp, type TestApp } from '../../support/test-app';
import { violationReport } from '../../support/violations';
import {
  LAST_YEAR,
  lineOf,
  openNomination,
  step,
  type EligibilityLineView,
} from './nomination-steps';

interface ReportLine extends EligibilityLineView {
  source: { text: string; provision?: string; citation: string | null; title: unknown }[];
}

/**
 * Story: before submitting, a unit leader asks "is Đinh Thị Hạnh eligible?" on the new nomination
 * screen. The screen first lists the documents the award requires (from the award catalogue); the
 * check answers, as of today, one line per rule with its outcome, its reason in Vietnamese and
 * English and its legal source, exactly what SUBMIT then judges and records. Asking changes
 * nothing and records nothing. A pending violation case about her puts it on hold.
 */
describe.each(DIALECTS)('am I eligible? (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let auditor: string;
  let otherLeader: string;
  let unitId: string;
  let hanh: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    unitId = (await t.createUnit('Phòng Kế toán', 'office')).id;
    leader = (await t.userWithGrants([{ role: 'unit_leader', unitId }])).token;
    otherLeader = (
      await t.userWithGrants([
        { role: 'unit_leader', unitId: (await t.createUnit('Phòng khác', 'office')).id },
      ])
    ).token;
    [secretariat, auditor] = await t.tokensFor('secretariat', 'auditor');
    hanh = (await t.createPerson('Đinh Thị Hạnh', unitId)).id;
  });
  afterAll(() => t.close());

  const check = (token: string, id: string) => t.getAs(token, `/api/v1/cases/${id}/eligibility`);

  test('the screen knows the required documents before the first submit', async () => {
    const awards = await t.getAs(leader, '/api/v1/awards');
    const award = awards.body.items.find((a: { code: string }) => a.code === 'lao_dong_tien_tien');
    expect(award.nomineeKinds).toEqual(['person']);
    expect(award.dossier.documents.map((d: { code: string }) => d.code)).toEqual([...FULL_DOSSIER]);
    expect(award.dossier.documents[0].name).toEqual({
      vi: 'Tờ trình đề nghị khen thưởng',
      en: 'Proposal letter',
    });
  });

  test('a draft without its dossier: each rule with outcome, reasons and legal source', async () => {
    const id = await openNomination(t, leader, hanh);
    const before = await t.getCase(leader, id);
    const response = await check(leader, id);
    expect(response.status).toBe(200);
    const report = response.body as {
      caseId: string;
      asOf: string;
      outcome: string;
      ruleSet: { id: string; version: number; hash: string };
      lines: ReportLine[];
    };
    expect(report).toMatchObject({
      caseId: id,
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      outcome: 'ineligible',
      ruleSet: { id: 'vn-law-06-2022-decree-152-2025', version: 5 },
    });
    const dossier = lineOf(report, 'dossier.complete');
    expect(dossier.outcome).toBe('fail');
    expect(dossier.reason.vi).toContain('Tờ trình đề nghị khen thưởng');
    for (const line of report.lines) {
      expect(line).toEqual(
        expect.objectContaining({
          rule: expect.any(String),
          outcome: expect.stringMatching(/^(pass|fail|needs_review|on_hold)$/),
          reason: { vi: expect.any(String), en: expect.any(String) },
        }),
      );
    }
    const cited = report.lines.flatMap((line) => line.source);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited).toContainEqual(
      expect.objectContaining({
        text: 'law_06_2022',
        citation: 'Luật Thi đua, khen thưởng số 06/2022/QH15',
        title: { vi: expect.any(String), en: expect.any(String) },
      }),
    );
    // Read-only: the case did not move, its history did not grow.
    const after = await t.getCase(leader, id);
    expect(after.body).toEqual(before.body);
    expect((await t.history(leader, id)).body.items).toHaveLength(1);
  });

  test('the same judgement SUBMIT then records, line for line', async () => {
    const id = await openNomination(t, leader, hanh, 'giay_khen');
    await t.attachDossier(leader, id);
    const asked = (await check(leader, id)).body as { outcome: string; lines: ReportLine[] };
    expect(lineOf(asked, 'dossier.complete').outcome).toBe('pass');
    await step(t, leader, id, 'SUBMIT', 'submitted');
    const history = await t.history(leader, id);
    const submitted = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'SUBMIT',
    );
    const recorded = submitted.facts.eligibility as {
      outcome: string;
      lines: EligibilityLineView[];
    };
    const essence = (lines: EligibilityLineView[]) =>
      lines.map(({ rule, outcome, reason, source }) => ({
        rule,
        outcome,
        reason,
        source: (source as { text: string; provision?: string }[]).map((s) => ({
          text: s.text,
          provision: s.provision,
        })),
      }));
    expect(asked.outcome).toBe(recorded.outcome);
    expect(essence(asked.lines)).toEqual(essence(recorded.lines));
  });

  test('a pending violation case about the nominee puts the nomination on hold', async () => {
    const id = await openNomination(t, leader, hanh, 'lao_dong_tien_tien', LAST_YEAR - 1);
    const violation = await t.openCase(secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: hanh },
      data: violationReport({
        category: 'other',
        source: 'citizen_report',
        summary: 'Đơn phản ánh đang được xác minh',
      }),
    });
    expect(violation.status).toBe(201);
    const report = (await check(leader, id)).body as { outcome: string; lines: ReportLine[] };
    expect(report.outcome).toBe('on_hold');
    expect(lineOf(report, 'on_hold.pending_matter').outcome).toBe('on_hold');
    // Not a nomination: nothing to judge.
    const notJudged = await check(secretariat, violation.body.id);
    expectProblem(notJudged, 409, 'ELIGIBILITY.NOT_JUDGED');
    expect(notJudged.body.detailVi).toMatch(/không phải đề nghị khen thưởng/);
  });

  test('an auditor may ask too, and the question is not logged as a read', async () => {
    const id = await openNomination(t, leader, hanh, 'giay_khen', LAST_YEAR - 1);
    const logged = async () => {
      const reads = await t.getAs(auditor, '/api/v1/audit/reads?limit=200');
      return (reads.body.items as { query: { caseId?: string } }[]).filter(
        (item) => item.query.caseId === id,
      ).length;
    };
    const before = await logged();
    expect((await check(auditor, id)).status).toBe(200);
    expect(await logged()).toBe(before);
    // Whereas reading the case itself is logged.
    expect((await t.getCase(auditor, id)).status).toBe(200);
    expect(await logged()).toBe(before + 1);
  });

  test('404 for a case out of scope or unknown, 401 without a token, 403 for an admin', async () => {
    const id = await openNomination(t, leader, hanh, 'giay_khen', LAST_YEAR - 2);
    for (const response of [
      await check(otherLeader, id),
      await check(leader, '01900000-0000-7000-8000-000000000000'),
      await check(leader, 'not-a-case'),
    ]) {
      expectProblem(response, 404, 'CASE.NOT_FOUND');
      expect(response.body.detailVi).toMatch(/^Không tìm thấy hồ sơ/);
    }
    expectProblem(await t.http.get(`/api/v1/cases/${id}/eligibility`), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await check(t.adminToken, id), 403, 'AUTH.FORBIDDEN');
  });
});
