import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import {
  expectProblem as expectProblemStatus,
  eventTypes,
  nominationData,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { violationReport } from '../support/violations';

/**
 * Story: people try things the workflow does not allow — the wrong role, the wrong moment, an event
 * that does not exist, a return without a reason, a submission without its dossier, a document
 * sent as a bare event, anything on a withdrawn case. Each is refused
 * with its own status and code, says why (in Vietnamese too), and leaves the case exactly as it
 * was: same state, same version, same history. What a caller may do is also what GET offers them.
 */

function expectProblem(response: Response, status: number, code: string): void {
  expectProblemStatus(response, status, code);
  expect(typeof response.body.detail).toBe('string');
}

describe.each(DIALECTS)('refused events change nothing (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let chair: string;
  let councilMember: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat, chair, councilMember, auditor] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
      'council_member',
      'auditor',
    );
  });
  afterAll(() => t.close());

  const open = (token: string, type: string, subject: object) =>
    t.openCase(token, {
      type,
      subject,
      data: type === 'nomination' ? nominationData() : violationReport(),
    });

  /**
   * Opens a nomination about a new person, attaches its dossier (three records: versions 2-4)
   * unless told not to, and walks it to `state` along the usual path.
   */
  const nominationIn = async (
    state: 'draft' | 'submitted' | 'verifying',
    { dossier = true } = {},
  ): Promise<string> => {
    const opened = await open(leader, 'nomination', await t.personSubject('Phạm Thị Lan'));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    if (dossier) await t.attachDossier(leader, id);
    const path: [string, string][] = [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
    ];
    const steps = { draft: 0, submitted: 1, verifying: 2 }[state];
    for (const [token, type] of path.slice(0, steps)) {
      expect((await t.sendEvent(token, id, type)).status).toBe(200);
    }
    return id;
  };

  /** What a user would notice about a case: where it is, its version, and its history. */
  const observe = async (id: string) => {
    const read = await t.getCase(auditor, id);
    const history = await t.history(auditor, id);
    const verify = await t.verify(auditor, id);
    expect([read.status, history.status, verify.status]).toEqual([200, 200, 200]);
    const items = history.body.items as { seq: number; hash: string }[];
    return {
      state: read.body.state as string,
      version: read.body.version as number,
      closed: read.body.closed as boolean,
      context: read.body.context as unknown,
      updatedAt: read.body.updatedAt as string,
      historyLength: items.length,
      lastHash: items[items.length - 1].hash,
      verified: verify.body.ok as boolean,
    };
  };

  /** Sends the request, checks the refusal, and checks that the case did not move. */
  const expectRefused = async (
    id: string,
    request: () => Promise<Response>,
    status: number,
    code: string,
  ): Promise<Response> => {
    const before = await observe(id);
    const response = await request();
    expectProblem(response, status, code);
    expect(await observe(id)).toEqual(before);
    return response;
  };

  test('a role the workflow does not name gets 403 CASE.ROLE_NOT_ALLOWED, with the roles that may', async () => {
    const id = await nominationIn('submitted');

    for (const token of [leader, chair, councilMember, auditor]) {
      const response = await expectRefused(
        id,
        () => t.sendEvent(token, id, 'START_VERIFICATION'),
        403,
        'CASE.ROLE_NOT_ALLOWED',
      );
      expect(response.body).toMatchObject({
        eventType: 'START_VERIFICATION',
        state: 'submitted',
        allowedRoles: ['secretariat'],
      });
      expect(response.body.detailVi).toMatch(/secretariat/);
    }
    const withdrawBySecretariat = await expectRefused(
      id,
      () => t.sendEvent(secretariat, id, 'WITHDRAW'),
      403,
      'CASE.ROLE_NOT_ALLOWED',
    );
    expect(withdrawBySecretariat.body.allowedRoles).toEqual(['unit_leader']);
    expect((await observe(id)).state).toBe('submitted');
  });

  test('an event the current state does not offer gets 409 CASE.EVENT_NOT_ALLOWED_IN_STATE', async () => {
    const draft = await nominationIn('draft');
    const startTooEarly = await expectRefused(
      draft,
      () => t.sendEvent(secretariat, draft, 'START_VERIFICATION'),
      409,
      'CASE.EVENT_NOT_ALLOWED_IN_STATE',
    );
    expect(startTooEarly.body).toMatchObject({ eventType: 'START_VERIFICATION', state: 'draft' });
    expect(startTooEarly.body.detailVi).toEqual(expect.any(String));

    const submitted = await nominationIn('submitted');
    for (const [token, type] of [
      [secretariat, 'MARK_VERIFIED'],
      [secretariat, 'SEND_TO_COUNCIL'],
      [chair, 'APPROVE'],
      [leader, 'SUBMIT'],
      [leader, 'RESUBMIT'],
    ]) {
      const response = await expectRefused(
        submitted,
        () => t.sendEvent(token, submitted, type),
        409,
        'CASE.EVENT_NOT_ALLOWED_IN_STATE',
      );
      expect(response.body).toMatchObject({ eventType: type, state: 'submitted' });
    }
  });

  test('an event the workflow does not have gets 422 CASE.EVENT_UNKNOWN', async () => {
    const id = await nominationIn('submitted');
    // CONFIRM and DISMISS belong to the violation workflow; CASE_OPENED is a record, not an event.
    for (const type of ['FLY_TO_THE_MOON', 'CONFIRM', 'DISMISS', 'CASE_OPENED', 'CONSTRUCTOR']) {
      const response = await expectRefused(
        id,
        () => t.sendEvent(secretariat, id, type),
        422,
        'CASE.EVENT_UNKNOWN',
      );
      expect(response.body).toMatchObject({ eventType: type, state: 'submitted' });
    }
  });

  test('a return for supplement without a proper reason is refused: 400 naming the field, or 422 naming hasReason', async () => {
    const id = await nominationIn('verifying');
    // What the event's payload schema refuses: each field named, nothing applied.
    const badPayloads: [object | undefined, string][] = [
      [undefined, 'payload.reason'],
      [{}, 'payload.reason'],
      [{ reason: '' }, 'payload.reason'],
      [{ reason: 'Thiế' }, 'payload.reason'],
      [{ reason: 12345 }, 'payload.reason'],
      [{ reason: ['Thiếu bản khai thành tích'] }, 'payload.reason'],
      [{ reason: 'x'.repeat(4001) }, 'payload.reason'],
      [{ reason: 'Thiếu bản khai', note: 'Thiếu bản khai thành tích' }, 'payload.note'],
    ];
    for (const [payload, field] of badPayloads) {
      const response = await expectRefused(
        id,
        () => t.sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', payload),
        400,
        'CASE.PAYLOAD_INVALID',
      );
      expect(response.body).toMatchObject({
        eventType: 'RETURN_FOR_SUPPLEMENT',
        state: 'verifying',
      });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(response.body.errors[0].messagesVi).toEqual([expect.any(String)]);
    }
    // Long enough for the schema, but blank once trimmed: the guard refuses it.
    const blank = await expectRefused(
      id,
      () => t.sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', { reason: '   ab    ' }),
      422,
      'CASE.GUARD_FAILED',
    );
    expect(blank.body.failedGuards).toEqual([
      { name: 'hasReason', message: { vi: expect.any(String), en: expect.any(String) } },
    ]);
    expect(blank.body.detailVi).toMatch(/lý do/);
    expect(blank.body.detailVi).toBe(blank.body.failedGuards[0].message.vi);

    // The shortest reason the guard accepts goes through, so the refusals above were about the reason.
    const accepted = await t.sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', {
      reason: 'Thiếu',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'returned_for_supplement', version: 7 });
  });

  test('a submission without the dossier gets 422 CASE.GUARD_FAILED with the eligibility it judged', async () => {
    const id = await nominationIn('draft', { dossier: false });
    const response = await expectRefused(
      id,
      () => t.sendEvent(leader, id, 'SUBMIT'),
      422,
      'CASE.GUARD_FAILED',
    );
    expect(response.body).toMatchObject({ eventType: 'SUBMIT', state: 'draft' });
    expect(response.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'eligibilityAllowsSubmission',
    ]);
    expect(response.body.eligibility.outcome).toBe('ineligible');

    // A document is added only by uploading it: the same event sent as such is refused, and a
    // field it does not have is named rather than dropped.
    const withField = await expectRefused(
      id,
      () => t.sendEvent(leader, id, 'ATTACH_DOCUMENT', { code: 'to_trinh' }),
      400,
      'CASE.PAYLOAD_INVALID',
    );
    expect(withField.body.errors.map((e: { field: string }) => e.field)).toEqual(['payload.code']);
    const direct = await expectRefused(
      id,
      () => t.sendEvent(leader, id, 'ATTACH_DOCUMENT'),
      422,
      'CASE.GUARD_FAILED',
    );
    expect(direct.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'hasStoredDocument',
    ]);

    // With the three documents uploaded, the same submission goes through.
    await t.attachDossier(leader, id);
    const submitted = await t.sendEvent(leader, id, 'SUBMIT');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', version: 5 });
  });

  test('any event on a withdrawn case gets 409 CASE.CASE_CLOSED', async () => {
    const id = await nominationIn('submitted');
    const withdrawn = await t.sendEvent(leader, id, 'WITHDRAW');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      state: 'withdrawn',
      closed: true,
      version: 6,
      allowedEvents: [],
    });

    for (const [token, type] of [
      [leader, 'SUBMIT'],
      [leader, 'WITHDRAW'],
      [leader, 'RESUBMIT'],
      [secretariat, 'START_VERIFICATION'],
      [chair, 'APPROVE'],
    ]) {
      const response = await expectRefused(
        id,
        () => t.sendEvent(token, id, type),
        409,
        'CASE.CASE_CLOSED',
      );
      expect(response.body).toMatchObject({ eventType: type, state: 'withdrawn' });
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
    expect(await observe(id)).toMatchObject({
      state: 'withdrawn',
      closed: true,
      version: 6,
      historyLength: 6,
    });
  });

  test('who may open a case comes from the workflow, and a refused opening creates nothing', async () => {
    const count = async (type: string) => {
      const response = await t.listCases(auditor, `type=${type}&limit=100`);
      expect(response.status).toBe(200);
      return response.body.items.length as number;
    };
    const violationsBefore = await count('violation');
    const nominationsBefore = await count('nomination');
    const subject = await t.personSubject('Võ Văn Kiệt');

    for (const token of [councilMember, chair, auditor]) {
      const response = await open(token, 'violation', subject);
      expectProblem(response, 403, 'CASE.ROLE_NOT_ALLOWED');
      expect(response.body.allowedRoles).toEqual(['secretariat', 'unit_leader']);
    }
    // An administrator manages accounts and the registry, and works on no case at all.
    expectProblem(await open(t.adminToken, 'violation', subject), 403, 'AUTH.FORBIDDEN');
    for (const token of [secretariat, chair, councilMember, auditor]) {
      const response = await open(token, 'nomination', subject);
      expectProblem(response, 403, 'CASE.ROLE_NOT_ALLOWED');
      expect(response.body.allowedRoles).toEqual(['unit_leader']);
    }
    expect(await count('violation')).toBe(violationsBefore);
    expect(await count('nomination')).toBe(nominationsBefore);

    for (const token of [leader, secretariat]) {
      const response = await open(token, 'violation', subject);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ type: 'violation', state: 'reported' });
      // The secretariat reads the report it opened; the leader learns only that it exists.
      expect(response.body.existenceOnly === true).toBe(token === leader);
      const read = await t.getCase(secretariat, response.body.id);
      expect(read.body).toMatchObject({ type: 'violation', state: 'reported', version: 1 });
    }
    expect(await count('violation')).toBe(violationsBefore + 2);
  });

  test('the events GET offers depend on who asks', async () => {
    const both = (await t.userWith('unit_leader', 'secretariat')).token;
    const id = await nominationIn('submitted');
    const offered = async (token: string) => {
      const response = await t.getCase(token, id);
      expect(response.status).toBe(200);
      return eventTypes(response);
    };

    expect(await offered(secretariat)).toEqual(['START_VERIFICATION']);
    expect(await offered(leader)).toEqual(['WITHDRAW']);
    expect(await offered(auditor)).toEqual([]);
    expect(await offered(chair)).toEqual([]);
    expect(await offered(councilMember)).toEqual([]);
    expect(await offered(both)).toEqual(['START_VERIFICATION', 'WITHDRAW']);

    // The answer to an accepted event is tailored to its sender as well.
    const started = await t.sendEvent(secretariat, id, 'START_VERIFICATION');
    expect(started.status).toBe(200);
    expect(eventTypes(started)).toEqual(['MARK_VERIFIED', 'RETURN_FOR_SUPPLEMENT']);
    expect(await offered(leader)).toEqual([]);
    expect(await offered(auditor)).toEqual([]);
  });
});
