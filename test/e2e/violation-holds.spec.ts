import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  councilRecommends,
  LAST_YEAR,
  openNomination,
  step,
  verify,
  type StoryTokens,
} from './nominations/nomination-steps';
import { trafficReport } from './violation-reports';

/**
 * Story (issue 14 item 6): Lương Thị Thu is nominated twice, one nomination verified and waiting
 * to go to the council, another already recommended by it and waiting for the head; a third is
 * still a draft. The traffic police report that she ran a red light. The report puts both
 * submitted nominations on hold in its own transaction (a HOLD from `system` on each nomination's
 * history, naming the report by a reference: the unit's leader, who reads the nominations, may
 * not read the report; the secretariat may, and opens the reference); the draft gets none. While
 * held, neither goes to the council nor is approved, and the refusal says why. The report turns
 * out to be about someone else: dismissing it releases both (RELEASE on both histories, saying
 * only that the matter ended), and both go ahead.
 */

interface RecordView {
  seq: number;
  eventType: string;
  actor: { userId: string; username: string; role: string };
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
}

describe.each(DIALECTS)('a violation report holds the nominee’s nominations (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
  });
  afterAll(() => t.close());

  const records = async (caseId: string): Promise<RecordView[]> => {
    const history = await t.history(tokens.secretariat, caseId);
    expect(history.status).toBe(200);
    return history.body.items as RecordView[];
  };
  const holdRecords = async (caseId: string) =>
    (await records(caseId)).filter((r) => ['HOLD', 'RELEASE'].includes(r.eventType));
  const failedGuards = (body: { failedGuards?: { name: string }[] }) =>
    (body.failedGuards ?? []).map((g) => g.name);

  test('held from the report, in its transaction; released when it is dismissed', async () => {
    const nominee = await t.createPerson('Lương Thị Thu');
    const toCouncil = await openNomination(t, tokens.leader, nominee.id, 'lao_dong_tien_tien');
    await t.attachDossier(tokens.leader, toCouncil);
    const toApprove = await openNomination(
      t,
      tokens.leader,
      nominee.id,
      'lao_dong_tien_tien',
      LAST_YEAR - 1,
    );
    await t.attachDossier(tokens.leader, toApprove);
    await verify(t, tokens, toApprove);
    await step(t, tokens.secretariat, toApprove, 'SEND_TO_COUNCIL', 'council_review');
    await councilRecommends(t, tokens, toApprove);
    await verify(t, tokens, toCouncil);
    const draft = await openNomination(
      t,
      tokens.leader,
      nominee.id,
      'lao_dong_tien_tien',
      LAST_YEAR - 2,
    );
    const before = {
      toCouncil: (await t.getCase(tokens.secretariat, toCouncil)).body.version as number,
      toApprove: (await t.getCase(tokens.secretariat, toApprove)).body.version as number,
    };

    const report = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: nominee.id },
      data: trafficReport(t, 'Vượt đèn đỏ (Cảnh sát giao thông thông báo)'),
    });
    expect(report.status).toBe(201);
    const reportId = report.body.id as string;

    // The secretariat, who may read the report, opens each nomination's reference to it.
    const referenceOn = async (nomination: string) => {
      const opened = await t.getAs(tokens.secretariat, `/api/v1/cases/${nomination}/holds`);
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual({
        items: [
          {
            reference: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-/),
            violationCaseId: reportId,
            nonce: expect.stringMatching(/^[0-9a-f]{64}$/),
            placedAt: expect.any(String),
            current: expect.any(Boolean),
            verified: true,
          },
        ],
        withheld: 0,
      });
      return opened.body.items[0] as { reference: string; current: boolean };
    };
    const references = {
      toCouncil: (await referenceOn(toCouncil)).reference,
      toApprove: (await referenceOn(toApprove)).reference,
    };
    expect(references.toCouncil).not.toBe(references.toApprove);
    expect((await referenceOn(toCouncil)).current).toBe(true);
    const held = (state: string, seq: number, reference: string) => ({
      seq,
      eventType: 'HOLD',
      actor: expect.objectContaining({ role: 'system' }),
      payload: { violationCaseId: reference, reason: 'discipline_pending' },
      fromState: state,
      toState: state,
    });
    expect(await holdRecords(toCouncil)).toEqual([
      expect.objectContaining(held('verified', before.toCouncil + 1, references.toCouncil)),
    ]);
    expect(await holdRecords(toApprove)).toEqual([
      expect.objectContaining(held('recommended', before.toApprove + 1, references.toApprove)),
    ]);
    expect(await holdRecords(draft)).toEqual([]);
    const heldView = await t.getCase(tokens.secretariat, toCouncil);
    expect(heldView.body.context.holds).toEqual([
      { caseId: references.toCouncil, reason: 'discipline_pending', since: todayInVietnam() },
    ]);

    // The unit's leader reads the nomination, its history and its holds, and learns that a
    // matter holds it, not which case: the report's id appears nowhere they can read.
    const asLeader = [
      await t.getCase(tokens.leader, toCouncil),
      await t.history(tokens.leader, toCouncil),
      await t.getAs(tokens.leader, `/api/v1/cases/${toCouncil}/holds`),
    ];
    for (const answer of asLeader) expect(answer.status).toBe(200);
    expect(asLeader[0].body.context.holds).toHaveLength(1);
    expect(asLeader[2].body).toEqual({ items: [], withheld: 1 });
    for (const answer of asLeader) expect(JSON.stringify(answer.body)).not.toContain(reportId);

    // Held: neither goes towards the award, and the refusal says it is the hold.
    const notToCouncil = await t.sendEvent(tokens.secretariat, toCouncil, 'SEND_TO_COUNCIL', {});
    expectProblem(notToCouncil, 422, 'CASE.GUARD_FAILED');
    expect(failedGuards(notToCouncil.body)).toEqual(['notHeld']);
    expect(notToCouncil.body.detail).toContain('on hold');
    expect(notToCouncil.body.detailVi).toContain('tạm dừng');
    const notApproved = await t.sendEvent(tokens.chair, toApprove, 'APPROVE', {});
    expectProblem(notApproved, 422, 'CASE.GUARD_FAILED');
    expect(failedGuards(notApproved.body)).toContain('notHeld');

    // Verifying the report changes nothing on the nominations: the matter is still pending.
    await step(t, tokens.secretariat, reportId, 'START_VERIFICATION', 'verifying');
    expect(await holdRecords(toCouncil)).toHaveLength(1);

    await step(t, tokens.secretariat, reportId, 'DISMISS', 'dismissed', {
      reason: 'Biển số bị nhầm, không phải xe của đồng chí',
    });
    // Released by the same reference; how the report ended stays with the report.
    const released = (state: string, reference: string) => ({
      eventType: 'RELEASE',
      actor: expect.objectContaining({ role: 'system' }),
      payload: { violationCaseId: reference, outcome: 'ended' },
      fromState: state,
      toState: state,
    });
    expect(await holdRecords(toCouncil)).toEqual([
      expect.objectContaining({ eventType: 'HOLD' }),
      expect.objectContaining(released('verified', references.toCouncil)),
    ]);
    expect(await holdRecords(toApprove)).toEqual([
      expect.objectContaining({ eventType: 'HOLD' }),
      expect.objectContaining(released('recommended', references.toApprove)),
    ]);
    expect((await referenceOn(toCouncil)).current).toBe(false);
    expect(await holdRecords(draft)).toEqual([]);
    expect((await t.getCase(tokens.secretariat, toCouncil)).body.context.holds).toEqual([]);

    await step(t, tokens.secretariat, toCouncil, 'SEND_TO_COUNCIL', 'council_review');
    await step(t, tokens.chair, toApprove, 'APPROVE', 'approved');
    for (const id of [toCouncil, toApprove, reportId]) {
      expect((await t.verify(tokens.secretariat, id)).body).toMatchObject({ ok: true });
    }
  });
});
