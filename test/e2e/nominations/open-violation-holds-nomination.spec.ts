import { DIALECTS } from '../../support/databases';
import { expectProblem, nominationData, startTestApp, type TestApp } from '../../support/test-app';
import { violationReport } from '../../support/violations';
import { resolvingReview } from './review-resolutions';

/**
 * Story (the bar of issue 4): Nguyễn Thị Ngọc Ánh is nominated while a traffic violation report
 * about her is still being verified. The nomination can be submitted, but not verified: it is on
 * hold, and the refusal names the pending case. Once the violation case is dismissed, the same
 * nomination passes verification.
 */
describe.each(DIALECTS)('an open violation case holds a nomination (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat] = await t.tokensFor('unit_leader', 'secretariat');
  });
  afterAll(() => t.close());

  test('on hold while the violation is open, proceeds once it is dismissed', async () => {
    const nominee = await t.createPerson('Nguyễn Thị Ngọc Ánh');
    const violation = await t.openCase(secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: nominee.id },
      data: violationReport({
        category: 'traffic_red_light',
        summary: 'Vượt đèn đỏ (Công an tỉnh thông báo)',
      }),
    });
    expect(violation.status).toBe(201);
    const violationId = violation.body.id as string;
    await t.postEvent(secretariat, violationId, { type: 'START_VERIFICATION' }).expect(200);

    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: { kind: 'person', personId: nominee.id },
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.attachDossier(leader, id);

    const submitted = await t.postEvent(leader, id, { type: 'SUBMIT' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.context.eligibility.outcome).toBe('on_hold');
    await t.postEvent(secretariat, id, { type: 'START_VERIFICATION' }).expect(200);

    // Every line left for review is resolved: the hold alone refuses the verification.
    const refused = await t.postEvent(secretariat, id, {
      type: 'MARK_VERIFIED',
      payload: await resolvingReview(t, secretariat, id),
    });
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('on_hold');
    const holdLine = refused.body.eligibility.lines.find(
      (line: { outcome: string }) => line.outcome === 'on_hold',
    );
    expect(holdLine.details).toMatchObject({});
    expect(holdLine.reason.vi).toBeTruthy();
    expect(holdLine.source.length).toBeGreaterThan(0);
    // The eligibility report names the pending case to the secretariat, who may read it.
    const report = await t.getAs(secretariat, `/api/v1/cases/${id}/eligibility`);
    expect(report.status).toBe(200);
    const judged = report.body.lines.find(
      (line: { outcome: string }) => line.outcome === 'on_hold',
    );
    expect(JSON.stringify(judged)).toContain(violationId);

    await t
      .postEvent(secretariat, violationId, {
        type: 'DISMISS',
        payload: { reason: 'Biển số bị nhầm, không phải xe của đồng chí' },
      })
      .expect(200);

    const verified = await t.postEvent(secretariat, id, {
      type: 'MARK_VERIFIED',
      payload: await resolvingReview(t, secretariat, id),
    });
    expect(verified.status).toBe(200);
    expect(verified.body.state).toBe('verified');
    expect(['eligible', 'needs_review']).toContain(verified.body.context.eligibility.outcome);
    expect(
      verified.body.context.eligibility.linesNotPassed.filter(
        (l: { outcome: string }) => l.outcome === 'on_hold',
      ),
    ).toEqual([]);

    const history = await t.history(secretariat, id);
    const verifiedRecord = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'MARK_VERIFIED',
    );
    expect(verifiedRecord.facts.eligibility.outcome).toBe(
      verified.body.context.eligibility.outcome,
    );
    const check = await t.verify(secretariat, id);
    expect(check.body).toMatchObject({ ok: true });
  });
});
