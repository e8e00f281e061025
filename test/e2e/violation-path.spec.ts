import { DIALECTS } from '../support/databases';
import {
  PROBLEM_JSON,
  eventTypes,
  expectAccepted,
  expectProblem,
  nominationData,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { disciplineCouncilOf, disciplinePayload, violationReport } from '../support/violations';

/**
 * Story: the police notify the secretariat that cadre Đặng Văn Ơn rode a motorbike after drinking.
 * It verifies and confirms the violation and refers it for decision; on the discipline council's
 * vote the head of the agency decides a reprimand (the body and the vote the rule set names), the
 * decision is announced by its number and the case closed. Another report turns out unfounded and
 * is dismissed. The secretariat then works from lists filtered by type and state, page by page.
 */

interface CaseItem {
  id: string;
  type: string;
  state: string;
  createdAt: string;
}

describe.each(DIALECTS)('a violation from report to closure (%s)', (dialect) => {
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

  const openViolation = async (token: string, name: string, data: Record<string, unknown> = {}) =>
    t.openCase(token, {
      type: 'violation',
      subject: await t.personSubject(name),
      data: violationReport(data),
    });

  test('is verified, confirmed, decided by the competent head on the council’s vote, announced and closed, and its history verifies', async () => {
    const unit = await t.createUnit('Văn phòng Đảng ủy Khối', 'office');
    const registered = await t.postAs(t.adminToken, '/api/v1/people').send({
      code: 'CB-0107',
      fullName: 'Đặng Văn Ơn',
      unitId: unit.id,
      employmentType: 'cadre',
    });
    expect(registered.status).toBe(201);
    const cadre = registered.body.id as string;
    const data = {
      category: 'traffic_alcohol',
      source: 'police_notice',
      referenceNumber: '31/TB-CAP',
      occurredOn: '2026-03-14',
      summary: 'Điều khiển xe máy khi trong máu có nồng độ cồn (Công an phường báo tin)',
    };
    // A field the workflow does not know is refused, naming it, not silently kept or dropped.
    const unknownField = await t.openCase(secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: cadre },
      data: { ...data, reportedBy: 'Công an phường' },
    });
    expect({ status: unknownField.status, code: unknownField.body.code }).toEqual({
      status: 422,
      code: 'CASE.INVALID_DATA',
    });
    expect(unknownField.body.problems).toEqual([
      'data must NOT have additional properties (unsupported key "reportedBy")',
    ]);
    const opened = await t.openCase(secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: cadre },
      data,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      type: 'violation',
      state: 'reported',
      stateLabel: { vi: 'Đã tiếp nhận phản ánh', en: 'Reported' },
      closed: false,
      version: 1,
      workflow: { id: 'violation', version: 5 },
      subject: {
        kind: 'person',
        id: cadre,
        code: 'CB-0107',
        name: 'Đặng Văn Ơn',
        unitId: unit.id,
      },
      data,
    });
    // The secretariat may attach the police notice, dismiss at once, or start verifying.
    expect(eventTypes(opened)).toEqual(['ATTACH_EVIDENCE', 'DISMISS', 'START_VERIFICATION']);
    const id = opened.body.id as string;

    const confirmReason = 'Biên bản của Công an phường xác nhận nồng độ cồn vượt mức';
    const signedOn = '2026-04-02';
    const council = await disciplineCouncilOf(t, unit.id);
    // A cadre is disciplined by the head of the agency, on the discipline council's vote.
    const decide = await disciplinePayload(t, chair, id, {
      subjectType: 'cadre',
      form: 'khien_trach',
      date: signedOn,
      signer: 'Nguyễn Thị Hoà',
    });
    expect(decide).toMatchObject({
      body: 'head_of_agency',
      vote: { meetingDate: signedOn, present: council.members, inFavour: 3 },
    });
    const closeReason = 'Đã thi hành quyết định kỷ luật và lưu hồ sơ';
    let decisionNumber = '';
    const steps: [string, string, () => object | undefined, string][] = [
      [secretariat, 'START_VERIFICATION', () => undefined, 'verifying'],
      [
        secretariat,
        'CONFIRM',
        () => ({ reason: confirmReason, confirmedOn: '2026-03-20' }),
        'confirmed',
      ],
      [secretariat, 'REFER_FOR_DECISION', () => undefined, 'deciding'],
      [chair, 'DECIDE', () => decide, 'decided'],
      [secretariat, 'ANNOUNCE', () => ({ decisionNumber, announcedOn: '2026-04-06' }), 'announced'],
      [secretariat, 'CLOSE', () => ({ reason: closeReason }), 'closed'],
    ];
    for (const [index, [token, type, payload, state]] of steps.entries()) {
      if (type === 'DECIDE') {
        const signed = decide.decision as object;
        // The chair first mistypes the date: refused naming the field, nothing recorded.
        const refused = await t.sendEvent(chair, id, 'DECIDE', {
          ...decide,
          decision: { ...signed, date: '2026-02-30' },
        });
        expect({ status: refused.status, code: refused.body.code }).toEqual({
          status: 400,
          code: 'CASE.PAYLOAD_INVALID',
        });
        expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'payload.decision.date',
        ]);
        // A decision dated before the violation was concluded is refused the same way.
        const early = await t.sendEvent(chair, id, 'DECIDE', {
          ...decide,
          decision: { ...signed, date: '2026-03-19' },
          vote: { ...(decide.vote as object), meetingDate: '2026-03-19' },
        });
        expect(early.status).toBe(400);
        expect(early.body.errors[0]).toMatchObject({ field: 'payload.decision.date' });
        expect(early.body.errors[0].messagesVi[0]).toContain('ngày kết luận có vi phạm');
        // A decision must say its outcome: a discipline (with its form) or none.
        const silent = { ...decide };
        delete silent.outcome;
        const withoutOutcome = await t.sendEvent(chair, id, 'DECIDE', silent);
        expect({ status: withoutOutcome.status, code: withoutOutcome.body.code }).toEqual({
          status: 400,
          code: 'CASE.PAYLOAD_INVALID',
        });
        expect(withoutOutcome.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'payload.outcome',
        ]);
        // A form the rule set does not know passes the schema but no body is competent for it.
        const unvoted = { ...decide };
        delete unvoted.vote;
        const unknownForm = await t.sendEvent(chair, id, 'DECIDE', {
          ...unvoted,
          form: 'giang_chuc_x',
        });
        expect(unknownForm.status).toBe(422);
        expect(unknownForm.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
          'decisionBodyCompetent',
        ]);
        // The head decides only on the council's vote: without it nothing is decided.
        const withoutVote = await t.sendEvent(chair, id, 'DECIDE', unvoted);
        expect(withoutVote.status).toBe(422);
        expect(withoutVote.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
          'decisionVoteCarries',
        ]);
        expect(eventTypes(await t.getCase(chair, id))).toEqual(['DECIDE']);
      }
      const response = await t.sendEvent(token, id, type, payload());
      expectAccepted(response, type, state, index + 2);
      if (type === 'DECIDE') {
        const decisions = response.body.context.decisions as { number: string }[];
        expect(decisions).toHaveLength(1);
        decisionNumber = decisions[0].number;
        expect(decisionNumber).toMatch(/^\d+\/QĐ-/);
      }
    }

    const read = await t.getCase(auditor, id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      state: 'closed',
      stateLabel: { vi: 'Đã kết thúc', en: 'Closed' },
      closed: true,
      version: 7,
      allowedEvents: [],
      context: {
        decisions: [
          {
            number: decisionNumber,
            body: 'head_of_agency',
            track: 'state',
            format: 'state',
            subjectType: 'cadre',
            outcome: 'discipline',
            form: 'khien_trach',
            legalBasis: decide.legalBasis,
            date: signedOn,
            signer: 'Nguyễn Thị Hoà',
            vote: { meetingDate: signedOn, inFavour: 3, members: 3 },
            announcedOn: '2026-04-06',
            status: 'in_force',
          },
        ],
        confirmedOn: '2026-03-20',
        lastReason: { event: 'CLOSE', text: closeReason },
      },
    });
    expect(eventTypes(await t.getCase(secretariat, id))).toEqual([]);
    const again = await t.sendEvent(secretariat, id, 'CLOSE', { reason: closeReason });
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'CASE.CASE_CLOSED',
    });

    const history = await t.history(auditor, id);
    expect(history.status).toBe(200);
    expect(history.body.nextAfterSeq).toBeNull();
    const records = history.body.items as {
      seq: number;
      eventType: string;
      fromState: string | null;
      toState: string;
      actor: { role: string };
      payload: Record<string, unknown>;
    }[];
    expect(records.map((r) => [r.seq, r.eventType, r.fromState, r.toState, r.actor.role])).toEqual([
      [1, 'CASE_OPENED', null, 'reported', 'secretariat'],
      [2, 'START_VERIFICATION', 'reported', 'verifying', 'secretariat'],
      [3, 'CONFIRM', 'verifying', 'confirmed', 'secretariat'],
      [4, 'REFER_FOR_DECISION', 'confirmed', 'deciding', 'secretariat'],
      [5, 'DECIDE', 'deciding', 'decided', 'council_chair'],
      [6, 'ANNOUNCE', 'decided', 'announced', 'secretariat'],
      [7, 'CLOSE', 'announced', 'closed', 'secretariat'],
    ]);
    expect(records[2].payload).toEqual({ reason: confirmReason, confirmedOn: '2026-03-20' });
    expect(records[4].payload).toEqual(decide);
    expect(records[5].payload).toEqual({ decisionNumber, announcedOn: '2026-04-06' });

    const page = await t.history(auditor, id, 'afterSeq=3&limit=2');
    expect(page.body.items.map((r: { seq: number }) => r.seq)).toEqual([4, 5]);
    expect(page.body.nextAfterSeq).toBe(5);

    const verified = await t.verify(auditor, id);
    expect(verified.body).toEqual({ ok: true, checked: 7, firstBadSeq: null, problem: null });
  });

  test('an unfounded report opened by a unit leader is dismissed with a reason', async () => {
    const opened = await openViolation(leader, 'Lương Thế Vinh', {
      source: 'citizen_report',
      summary: 'Phản ánh nặc danh',
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expect((await t.sendEvent(secretariat, id, 'START_VERIFICATION')).status).toBe(200);

    const withoutReason = await t.sendEvent(secretariat, id, 'DISMISS');
    expect({ status: withoutReason.status, code: withoutReason.body.code }).toEqual({
      status: 400,
      code: 'CASE.PAYLOAD_INVALID',
    });
    const dismissed = await t.sendEvent(secretariat, id, 'DISMISS', {
      reason: 'Xác minh không có căn cứ, người bị phản ánh không vi phạm',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      state: 'dismissed',
      stateLabel: { vi: 'Không có vi phạm', en: 'Dismissed' },
      closed: true,
      version: 3,
      allowedEvents: [],
    });

    const history = await t.history(auditor, id);
    expect(history.body.items.map((r: { eventType: string }) => r.eventType)).toEqual([
      'CASE_OPENED',
      'START_VERIFICATION',
      'DISMISS',
    ]);
    expect(history.body.items[0].actor.role).toBe('unit_leader');
    const verified = await t.verify(auditor, id);
    expect(verified.body).toEqual({ ok: true, checked: 3, firstBadSeq: null, problem: null });
  });

  describe('lists', () => {
    /** Five violations still reported, oldest first. */
    const reported: string[] = [];
    /** Two violations under verification, oldest first. */
    const verifying: string[] = [];
    let nomination: string;

    beforeAll(async () => {
      for (let n = 1; n <= 7; n++) {
        const opened = await openViolation(n % 2 ? secretariat : leader, `Người bị phản ánh ${n}`);
        expect(opened.status).toBe(201);
        if (n === 3 || n === 6) {
          expect(
            (await t.sendEvent(secretariat, opened.body.id, 'START_VERIFICATION')).status,
          ).toBe(200);
          verifying.push(opened.body.id);
        } else {
          reported.push(opened.body.id);
        }
      }
      const unit = await t.createUnit('Phòng Kế hoạch', 'office');
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: { kind: 'unit', unitId: unit.id },
        data: nominationData('tap_the_lao_dong_tien_tien'),
      });
      expect(opened.status).toBe(201);
      expect(opened.body.subject).toEqual({
        kind: 'unit',
        id: unit.id,
        code: unit.code,
        name: 'Phòng Kế hoạch',
      });
      nomination = opened.body.id;
    });

    const list = async (query: string) => {
      const response = await t.listCases(secretariat, query);
      expect(response.status).toBe(200);
      return response.body as { items: CaseItem[]; nextCursor: string | null };
    };
    const ids = (page: { items: CaseItem[] }) => page.items.map((item) => item.id);

    test('filter by type and state, newest first', async () => {
      expect(ids(await list('type=violation&state=reported'))).toEqual([...reported].reverse());
      expect(ids(await list('type=violation&state=verifying'))).toEqual([...verifying].reverse());
      expect(ids(await list('state=reported'))).toEqual([...reported].reverse());
      expect(ids(await list('type=violation&state=draft'))).toEqual([]);
      expect(ids(await list('type=nomination&state=draft'))).toEqual([nomination]);

      const violations = await list('type=violation&limit=100');
      expect(violations.items.every((item) => item.type === 'violation')).toBe(true);
      expect(ids(violations)).toEqual(expect.arrayContaining([...reported, ...verifying]));
      expect(ids(violations)).not.toContain(nomination);
      const nominations = await list('type=nomination&limit=100');
      expect(ids(nominations)).toEqual([nomination]);
    });

    test('keyset pages of two return each case once, newest first, and end with a null cursor', async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: CaseItem[]; nextCursor: string | null } = await list(
          `type=violation&state=reported&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        sizes.push(page.items.length);
        seen.push(...ids(page));
        if (page.nextCursor !== null)
          expect(page.nextCursor).toBe(page.items[page.items.length - 1].id);
        cursor = page.nextCursor;
        if (sizes.length === 1) {
          // A report arriving mid-listing is newer than the cursor: it must not shift later pages.
          const late = await openViolation(secretariat, 'Phản ánh đến muộn');
          expect(late.status).toBe(201);
          reported.push(late.body.id);
        }
      } while (cursor !== null && sizes.length < 10);

      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(reported.slice(0, 5).reverse());
      expect(new Set(seen).size).toBe(5);

      const whole = await list('type=violation&state=reported&limit=6');
      expect(ids(whole)).toEqual([...reported].reverse());
      expect(whole.nextCursor).toBeNull();
      const exact = await list('type=violation&state=reported&limit=3');
      expect(exact.items).toHaveLength(3);
      const rest = await list(`type=violation&state=reported&limit=3&cursor=${exact.nextCursor}`);
      expect(ids(rest)).toEqual(reported.slice(0, 3).reverse());
      expect(rest.nextCursor).toBeNull();
    });
  });

  test('its evidence is downloaded by those who read it in full, never by a leader who knows only that it exists', async () => {
    const opened = await openViolation(secretariat, 'Phan Văn Trị');
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const notice = await t.uploadDocument(secretariat, id, 'evidence', {
      fileName: 'Thông báo 88-TB-CAP.pdf',
    });
    expect(notice.status).toBe(200);
    const [evidence] = notice.body.context.evidence as { id: string }[];
    const download = (token: string, documentId: string) =>
      t.getAs(token, `/api/v1/cases/${id}/documents/${documentId}`);

    for (const reader of [secretariat, auditor]) {
      const read = await download(reader, evidence.id);
      expect({ status: read.status, type: read.headers['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
    }
    // The unit leader learns that the case exists and its state, and nothing of its file.
    expect((await t.getCase(leader, id)).body).toMatchObject({ existenceOnly: true });
    // Its files are answered as its history is: not found.
    expectProblem(await t.history(leader, id), 404, 'CASE.NOT_FOUND');
    expectProblem(await download(leader, evidence.id), 404, 'CASE.NOT_FOUND');
  });
});
