import { DIALECTS } from '../support/databases';
import { eventTypes, expectAccepted, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: a unit leader nominates Trần Xuân Lâm; the secretariat returns the dossier once, verifies
 * it and sends it to the council; the chair approves; after public notice the decision is
 * announced. Every step is in the history, and the history verifies.
 */
describe.each(DIALECTS)('a nomination from draft to announcement (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let chair: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat, chair, auditor] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
      'auditor',
    );
  });
  afterAll(() => t.close());

  test('walks every stage, records it, and verifies', async () => {
    const nominee = await t.createPerson('Trần Xuân Lâm');
    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: { kind: 'person', personId: nominee.id },
      data: { award: 'advanced_worker', year: 2026 },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      type: 'nomination',
      state: 'draft',
      version: 1,
      stateLabel: { vi: 'Dự thảo', en: 'Draft' },
      subject: { kind: 'person', id: nominee.id, code: nominee.code, name: 'Trần Xuân Lâm' },
      workflow: { id: 'nomination', version: 1 },
    });
    expect(eventTypes(opened)).toEqual(['SUBMIT', 'WITHDRAW']);
    const id = opened.body.id as string;

    const steps: [string, string, object | undefined, string][] = [
      [leader, 'SUBMIT', undefined, 'submitted'],
      [secretariat, 'START_VERIFICATION', undefined, 'verifying'],
      [
        secretariat,
        'RETURN_FOR_SUPPLEMENT',
        { reason: 'Thiếu bản tóm tắt thành tích' },
        'returned_for_supplement',
      ],
      [leader, 'RESUBMIT', undefined, 'verifying'],
      [secretariat, 'MARK_VERIFIED', undefined, 'verified'],
      [secretariat, 'SEND_TO_COUNCIL', undefined, 'council_review'],
      [chair, 'APPROVE', undefined, 'approved'],
      [secretariat, 'OPEN_PUBLIC_NOTICE', undefined, 'public_notice'],
      [
        secretariat,
        'ANNOUNCE',
        { decision: { number: '125/QĐ-ĐUK', date: '2026-12-20', signer: 'Nguyễn Thị Hoà' } },
        'announced',
      ],
    ];
    for (const [index, [token, type, payload, state]] of steps.entries()) {
      const response = await t.sendEvent(token, id, type, payload);
      expectAccepted(response, type, state, index + 2);
    }

    const read = await t.getCase(auditor, id);
    expect(read.status).toBe(200);
    expect(read.body.context.decision).toEqual({
      number: '125/QĐ-ĐUK',
      date: '2026-12-20',
      signer: 'Nguyễn Thị Hoà',
    });
    expect(read.body.allowedEvents).toEqual([]);

    const history = await t.history(auditor, id);
    expect(history.status).toBe(200);
    expect(history.body.items.map((r: { eventType: string }) => r.eventType)).toEqual([
      'CASE_OPENED',
      ...steps.map(([, type]) => type),
    ]);
    expect(history.body.items[0].payload.subject.name).toBe('Trần Xuân Lâm');
    expect(history.body.items[3]).toMatchObject({
      seq: 4,
      fromState: 'verifying',
      toState: 'returned_for_supplement',
      actor: { role: 'secretariat' },
      payload: { reason: 'Thiếu bản tóm tắt thành tích' },
    });

    const verified = await t.verify(auditor, id);
    expect(verified.body).toEqual({ ok: true, checked: 10, firstBadSeq: null, problem: null });
  });
});
