import { DIALECTS } from '../../support/databases';
import { holdCouncilSession, todayInVietnam, unitOfCase } from '../../support/council';
import { expectProblem, nominationData, startTestApp, type TestApp } from '../../support/test-app';
import { resolvingReview } from './review-resolutions';

/**
 * Story: the secretariat announces one award decision for three approved nominations. The decision
 * gets one number, allocated by the system, and every case records it; the decision's list holds
 * the three nominees. A decision that includes a nomination not yet approved is refused as a whole,
 * names that case, and changes nothing, not even the number sequence.
 */
describe.each(DIALECTS)('one decision, many awards (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let chair: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat, chair] = await t.tokensFor('unit_leader', 'secretariat', 'council_chair');
  });
  afterAll(() => t.close());

  const approvedNomination = async (name: string) => {
    const nominee = await t.createPerson(name);
    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: { kind: 'person', personId: nominee.id },
      data: nominationData(),
    });
    const id = opened.body.id as string;
    await t.attachDossier(leader, id);
    const steps: [string, string][] = [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
      [secretariat, 'MARK_VERIFIED'],
      [secretariat, 'SEND_TO_COUNCIL'],
    ];
    // Verification and approval resolve the lines eligibility leaves for review (nomination v7).
    for (const [token, type] of steps) {
      const payload = type === 'MARK_VERIFIED' ? await resolvingReview(t, token, id) : undefined;
      await t.postEvent(token, id, { type, payload }).expect(200);
    }
    await holdCouncilSession(t, secretariat, await unitOfCase(t, secretariat, id));
    await t
      .postEvent(chair, id, { type: 'APPROVE', payload: await resolvingReview(t, chair, id) })
      .expect(200);
    return id;
  };

  test('one number for all, or nothing', async () => {
    const ids = [
      await approvedNomination('Lê Thị Hồng Nhung'),
      await approvedNomination('Phạm Quốc Việt'),
      await approvedNomination('Đỗ Thị Thu Hường'),
    ];
    const pending = await t.openCase(leader, {
      type: 'nomination',
      subject: await t.personSubject('Vũ Đức Thắng'),
      data: nominationData(),
    });
    // Signed after the council met (today): a decision may not precede the council's recommendation.
    const decision = { date: todayInVietnam(), signer: 'Nguyễn Văn Bình, Bí thư Đảng ủy Khối' };

    const refused = await t
      .postAs(secretariat, '/api/v1/decisions')
      .send({ caseIds: [...ids, pending.body.id], decision });
    expectProblem(refused, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');
    expect(refused.body.caseId).toBe(pending.body.id);
    for (const id of ids) expect((await t.getCase(secretariat, id)).body.state).toBe('approved');

    const announced = await t
      .postAs(secretariat, '/api/v1/decisions')
      .send({ caseIds: ids, decision });
    expect(announced.status).toBe(201);
    expect(announced.body.decision).toMatchObject({ sequence: 1, ...decision });
    expect(announced.body.decision.number).toMatch(/^1\/QĐ-/);
    const numbers = announced.body.cases.map(
      (c: { context: { decision: { number: string } } }) => c.context.decision.number,
    );
    expect(numbers).toEqual([1, 2, 3].map(() => announced.body.decision.number));

    const list = await t
      .getAs(secretariat, `/api/v1/cases/${ids[1]}/decision-list?format=csv`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(list.status).toBe(200);
    const csv = (list.body as Buffer).toString('utf8');
    for (const name of ['Lê Thị Hồng Nhung', 'Phạm Quốc Việt', 'Đỗ Thị Thu Hường']) {
      expect(csv).toContain(name);
    }

    const again = await t
      .postAs(secretariat, '/api/v1/decisions')
      .send({ caseIds: [await approvedNomination('Trịnh Văn Hậu')], decision });
    expect(again.body.decision.sequence).toBe(2);
  });

  test('bad requests are refused with the field named', async () => {
    const empty = await t
      .postAs(secretariat, '/api/v1/decisions')
      .send({ caseIds: [], decision: { date: '2026-11-20', signer: 'X' } });
    expectProblem(empty, 400, 'VALIDATION.FAILED');
    const forbidden = await t
      .postAs(leader, '/api/v1/decisions')
      .send({ caseIds: [crypto.randomUUID()], decision: { date: '2026-11-20', signer: 'X' } });
    expect(forbidden.status).toBe(403);
    const missing = await t
      .postAs(secretariat, '/api/v1/decisions')
      .send({ caseIds: [crypto.randomUUID()], decision: { date: '2026-11-20', signer: 'X' } });
    expectProblem(missing, 404, 'CASE.NOT_FOUND');
  });
});
