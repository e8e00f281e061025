import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import {
  PROBLEM_JSON,
  expectProblem,
  nominationData,
  pdfBytes,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { resolvingReview } from './nominations/review-resolutions';

/**
 * Story: two secretaries work on the same dossier at once, and clients on flaky networks resend
 * their requests. Conflicting decisions never both apply — the loser gets a 409 and reloads — and a
 * request repeated with the same Idempotency-Key is applied once and answered the same every time,
 * however many copies arrive and however they interleave.
 */

const RETURN_REASON = { reason: 'Thiếu bản sao quyết định khen thưởng năm trước' };

/**
 * Versions of a nomination walked by nominationIn: opened (1), its three dossier documents
 * attached (2-4), submitted (5), verification started (6).
 */
const DRAFT_WITH_DOSSIER = 4;
const SUBMITTED = 5;
const VERIFYING = 6;

describe.each(DIALECTS)('concurrent and repeated requests (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let otherLeader: string;
  let secretariat: string;
  let otherSecretariat: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, otherLeader, secretariat, otherSecretariat, auditor] = await t.tokensFor(
      'unit_leader',
      'unit_leader',
      'secretariat',
      'secretariat',
      'auditor',
    );
  });
  afterAll(() => t.close());

  /** A new person in the registry, to open cases about; returns their id. */
  const person = async (name: string) => (await t.createPerson(name)).id;

  const openRequest = (token: string, personId: string, idempotencyKey?: string) =>
    t.openCase(
      token,
      { type: 'nomination', subject: { kind: 'person', personId }, data: nominationData() },
      { idempotencyKey },
    );

  /**
   * A nomination about a new person, opened by the leader, its dossier attached, and walked to
   * `state`; returns its id.
   */
  const nominationIn = async (name: string, state: 'draft' | 'submitted' | 'verifying') => {
    const opened = await openRequest(leader, await person(name));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.attachDossier(leader, id);
    if (state !== 'draft') expect((await t.sendEvent(leader, id, 'SUBMIT')).status).toBe(200);
    if (state === 'verifying')
      expect((await t.sendEvent(secretariat, id, 'START_VERIFICATION')).status).toBe(200);
    return id;
  };

  const read = async (id: string) => {
    const response = await t.getCase(auditor, id);
    expect(response.status).toBe(200);
    return response.body as { state: string; version: number };
  };

  const historyOf = async (id: string) => {
    const response = await t.history(auditor, id);
    expect(response.status).toBe(200);
    return response.body.items as { seq: number; eventType: string }[];
  };

  const verify = async (id: string) => {
    const response = await t.verify(auditor, id);
    return response.body as { ok: boolean; checked: number };
  };

  const casesAbout = async (personId: string) => {
    const response = await t.listCases(auditor, 'type=nomination&limit=100');
    expect(response.status).toBe(200);
    return (response.body.items as { id: string; subject: { id: string } }[]).filter(
      (item) => item.subject.id === personId,
    );
  };

  const isReplay = (response: Response) => response.headers['idempotency-replayed'] === 'true';

  test('two conflicting decisions at the same version: exactly one applies, the other gets 409', async () => {
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => nominationIn(`Xung đột ${n}`, 'verifying')),
    );
    await Promise.all(
      ids.map(async (id) => {
        // The verification's payload is read before the race, so both requests leave together.
        const verification = await resolvingReview(t, secretariat, id);
        const [verified, returned] = await Promise.all([
          t.sendEvent(secretariat, id, 'MARK_VERIFIED', verification, {
            expectedVersion: VERIFYING,
          }),
          t.sendEvent(otherSecretariat, id, 'RETURN_FOR_SUPPLEMENT', RETURN_REASON, {
            expectedVersion: VERIFYING,
          }),
        ]);
        const answers = [verified, returned];
        expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = answers.find((r) => r.status === 200)!;
        const loser = answers.find((r) => r.status === 409)!;
        expect(['CASE.STALE_VERSION', 'CASE.EVENT_NOT_ALLOWED_IN_STATE']).toContain(
          loser.body.code,
        );
        expect(loser.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(winner.body.version).toBe(VERIFYING + 1);

        const current = await read(id);
        expect(current).toMatchObject({ version: VERIFYING + 1, state: winner.body.state });
        const history = await historyOf(id);
        expect(history).toHaveLength(VERIFYING + 1);
        expect(history[VERIFYING].eventType).toBe(
          winner === verified ? 'MARK_VERIFIED' : 'RETURN_FOR_SUPPLEMENT',
        );
        expect(await verify(id)).toMatchObject({ ok: true, checked: VERIFYING + 1 });
      }),
    );
  });

  test('without expectedVersion the later of two conflicting decisions finds the state moved', async () => {
    const id = await nominationIn('Không kèm phiên bản', 'verifying');
    const verification = await resolvingReview(t, secretariat, id);
    const answers = await Promise.all([
      t.sendEvent(secretariat, id, 'MARK_VERIFIED', verification),
      t.sendEvent(otherSecretariat, id, 'RETURN_FOR_SUPPLEMENT', RETURN_REASON),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expectProblem(loser, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');
    expect(await historyOf(id)).toHaveLength(VERIFYING + 1);
    expect((await read(id)).version).toBe(VERIFYING + 1);
  });

  test('ten copies of the same event at the same version: one applies, nine get CASE.STALE_VERSION', async () => {
    const id = await nominationIn('Mười người cùng bấm', 'submitted');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        t.sendEvent(n % 2 ? secretariat : otherSecretariat, id, 'START_VERIFICATION', undefined, {
          expectedVersion: SUBMITTED,
        }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(9);
    for (const response of refused) {
      expectProblem(response, 409, 'CASE.STALE_VERSION');
      expect(response.body).toMatchObject({
        expectedVersion: SUBMITTED,
        currentVersion: VERIFYING,
      });
    }
    expect(await read(id)).toMatchObject({ state: 'verifying', version: VERIFYING });
    expect(await historyOf(id)).toHaveLength(VERIFYING);
    expect((await verify(id)).ok).toBe(true);
  });

  test('a stale expectedVersion gets 409 CASE.STALE_VERSION saying the current version', async () => {
    const id = await nominationIn('Phiên bản cũ', 'submitted');
    for (const expectedVersion of [1, DRAFT_WITH_DOSSIER, VERIFYING, 99]) {
      const response = await t.sendEvent(secretariat, id, 'START_VERIFICATION', undefined, {
        expectedVersion,
      });
      expectProblem(response, 409, 'CASE.STALE_VERSION');
      expect(response.body).toMatchObject({ expectedVersion, currentVersion: SUBMITTED });
      expect(response.body.detailVi).toMatch(new RegExp(`phiên bản ${SUBMITTED}`));
    }
    expect(await read(id)).toMatchObject({ state: 'submitted', version: SUBMITTED });
    expect(await historyOf(id)).toHaveLength(SUBMITTED);

    const current = await t.sendEvent(secretariat, id, 'START_VERIFICATION', undefined, {
      expectedVersion: SUBMITTED,
    });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ state: 'verifying', version: VERIFYING });
  });

  test('the same Idempotency-Key sent twice returns the first answer and applies once', async () => {
    const id = await nominationIn('Gửi lại hai lần', 'verifying');
    const request = () =>
      t.sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', RETURN_REASON, {
        idempotencyKey: 'return-once-1',
      });

    const first = await request();
    expect(first.status).toBe(200);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(first.body).toMatchObject({ state: 'returned_for_supplement', version: VERIFYING + 1 });

    const second = await request();
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(isReplay(second)).toBe(true);
    expect(await historyOf(id)).toHaveLength(VERIFYING + 1);

    // Even after the case has moved on, the repeat is answered as before and applies nothing.
    const resubmitted = await t.sendEvent(leader, id, 'RESUBMIT');
    expect(resubmitted.body).toMatchObject({ state: 'verifying', version: VERIFYING + 2 });
    const late = await request();
    expect(late.status).toBe(200);
    expect(late.body).toEqual(first.body);
    expect(isReplay(late)).toBe(true);
    expect(await read(id)).toMatchObject({ state: 'verifying', version: VERIFYING + 2 });
    expect((await historyOf(id)).map((r) => r.eventType)).toEqual([
      'CASE_OPENED',
      'ATTACH_DOCUMENT',
      'ATTACH_DOCUMENT',
      'ATTACH_DOCUMENT',
      'SUBMIT',
      'START_VERIFICATION',
      'RETURN_FOR_SUPPLEMENT',
      'RESUBMIT',
    ]);
  });

  test('a document upload repeated with the same key stores it once; another file under it is refused', async () => {
    const opened = await openRequest(leader, await person('Tải lên hai lần'));
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const upload = (content?: Buffer) =>
      t
        .postAs(leader, `/api/v1/cases/${id}/documents?code=to_trinh&fileName=to-trinh.pdf`, {
          idempotencyKey: 'upload-once',
        })
        .set('Content-Type', 'application/pdf')
        .send(content ?? pdfBytes('Tờ trình (một lần)'));

    const copies = await Promise.all([upload(), upload(), upload()]);
    expect(copies.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const response of copies) expect(response.body).toEqual(copies[0].body);
    expect(copies[0].body).toMatchObject({ state: 'draft', version: 2 });
    expect(copies[0].body.context.documents).toHaveLength(1);

    expectProblem(await upload(pdfBytes('Một tệp khác')), 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(await read(id)).toMatchObject({ state: 'draft', version: 2 });
    expect((await historyOf(id)).map((r) => r.eventType)).toEqual([
      'CASE_OPENED',
      'ATTACH_DOCUMENT',
    ]);
    expect(await verify(id)).toMatchObject({ ok: true, checked: 2 });
  });

  test('five concurrent copies with the same key apply once and all get the same answer', async () => {
    const id = await nominationIn('Năm bản sao', 'submitted');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.sendEvent(secretariat, id, 'START_VERIFICATION', undefined, {
          idempotencyKey: 'start-concurrently',
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const response of answers) expect(response.body).toEqual(answers[0].body);
    expect(answers.filter((r) => !isReplay(r))).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ state: 'verifying', version: VERIFYING });
    expect(await historyOf(id)).toHaveLength(VERIFYING);
    expect((await verify(id)).ok).toBe(true);
  });

  // MARK_VERIFIED declares facts: its case is read before the transaction, which steps that copy
  // on the condition that it is unchanged, and the case is locked and read again when it is not.
  test('five concurrent copies with the same key of an event that declares facts apply once, as does a later copy', async () => {
    const id = await nominationIn('Năm bản sao có dữ kiện', 'verifying');
    const verification = await resolvingReview(t, secretariat, id);
    const send = () =>
      t.sendEvent(secretariat, id, 'MARK_VERIFIED', verification, {
        idempotencyKey: 'verify-concurrently',
      });
    const answers = await Promise.all(Array.from({ length: 5 }, send));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const response of answers) expect(response.body).toEqual(answers[0].body);
    expect(answers.filter((r) => !isReplay(r))).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ state: 'verified', version: VERIFYING + 1 });

    const later = await send();
    expect(later.status).toBe(200);
    expect(isReplay(later)).toBe(true);
    expect(later.body).toEqual(answers[0].body);
    expect(await historyOf(id)).toHaveLength(VERIFYING + 1);
    expect((await verify(id)).ok).toBe(true);
  });

  test('five concurrent copies without a key of an event that declares facts: one applies, the others find the state moved', async () => {
    const id = await nominationIn('Năm lần xác minh', 'verifying');
    const verification = await resolvingReview(t, secretariat, id);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        t.sendEvent(n % 2 ? secretariat : otherSecretariat, id, 'MARK_VERIFIED', verification),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const response of answers.filter((r) => r.status !== 200)) {
      expectProblem(response, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');
    }
    expect(await read(id)).toMatchObject({ state: 'verified', version: VERIFYING + 1 });
    expect(await historyOf(id)).toHaveLength(VERIFYING + 1);
    expect((await verify(id)).ok).toBe(true);
  });

  test('a key reused for a different request gets 422 IDEMPOTENCY.KEY_REUSED and applies nothing', async () => {
    const id = await nominationIn('Dùng lại khóa', 'verifying');
    const other = await nominationIn('Dùng lại khóa (hồ sơ khác)', 'verifying');
    const first = await t.sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', RETURN_REASON, {
      idempotencyKey: 'reused-key',
    });
    expect(first.status).toBe(200);

    const differentPayload = await t.sendEvent(
      secretariat,
      id,
      'RETURN_FOR_SUPPLEMENT',
      { reason: 'Một lý do khác hẳn' },
      { idempotencyKey: 'reused-key' },
    );
    expectProblem(differentPayload, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(differentPayload.body.detailVi).toEqual(expect.any(String));
    const differentVersion = await t.sendEvent(
      secretariat,
      id,
      'RETURN_FOR_SUPPLEMENT',
      RETURN_REASON,
      { expectedVersion: VERIFYING, idempotencyKey: 'reused-key' },
    );
    expectProblem(differentVersion, 422, 'IDEMPOTENCY.KEY_REUSED');
    const differentCase = await t.sendEvent(
      secretariat,
      other,
      'RETURN_FOR_SUPPLEMENT',
      RETURN_REASON,
      { idempotencyKey: 'reused-key' },
    );
    expectProblem(differentCase, 422, 'IDEMPOTENCY.KEY_REUSED');

    expect(await historyOf(id)).toHaveLength(VERIFYING + 1);
    expect(await read(other)).toMatchObject({ state: 'verifying', version: VERIFYING });
    expect(await historyOf(other)).toHaveLength(VERIFYING);

    // A key that opened a case cannot then be spent on an event.
    const opened = await openRequest(
      leader,
      await person('Khóa của lệnh mở hồ sơ'),
      'open-then-event',
    );
    expect(opened.status).toBe(201);
    const reusedOnEvent = await t.sendEvent(leader, opened.body.id, 'SUBMIT', undefined, {
      idempotencyKey: 'open-then-event',
    });
    expectProblem(reusedOnEvent, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(await read(opened.body.id)).toMatchObject({ state: 'draft', version: 1 });
  });

  test('opening a case with an Idempotency-Key creates exactly one case however often it is sent', async () => {
    const nominee = await person('Mở một lần duy nhất');
    const first = await openRequest(leader, nominee, 'open-once');
    expect(first.status).toBe(201);
    expect(isReplay(first)).toBe(false);

    const again = [
      await openRequest(leader, nominee, 'open-once'),
      await openRequest(leader, nominee, 'open-once'),
    ];
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => openRequest(leader, nominee, 'open-once')),
    );
    for (const response of [...again, ...concurrent]) {
      expect(response.status).toBe(201);
      expect(response.body).toEqual(first.body);
      expect(isReplay(response)).toBe(true);
    }
    expect((await casesAbout(nominee)).map((c) => c.id)).toEqual([first.body.id]);

    // Five first-time copies racing each other also make one case.
    const raceNominee = await person('Năm lệnh mở cùng lúc');
    const race = await Promise.all(
      Array.from({ length: 5 }, () => openRequest(leader, raceNominee, 'open-race')),
    );
    expect(race.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(race.map((r) => r.body.id)).size).toBe(1);
    expect(race.filter((r) => !isReplay(r))).toHaveLength(1);
    expect((await casesAbout(raceNominee)).map((c) => c.id)).toEqual([race[0].body.id]);
  });

  test('the same key from another user is independent', async () => {
    const nominee = await person('Cùng khóa, khác người');
    const mine = await openRequest(leader, nominee, 'shared-key');
    const theirs = await openRequest(otherLeader, nominee, 'shared-key');
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect([isReplay(mine), isReplay(theirs)]).toEqual([false, false]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await casesAbout(nominee)).toHaveLength(2);

    const id = await nominationIn('Cùng khóa, hai thư ký', 'submitted');
    const started = await t.sendEvent(secretariat, id, 'START_VERIFICATION', undefined, {
      idempotencyKey: 'secretariat-key',
    });
    expect(started.status).toBe(200);
    // Not a replay of the first secretary's answer: the second secretary's own request is judged.
    const second = await t.sendEvent(otherSecretariat, id, 'START_VERIFICATION', undefined, {
      idempotencyKey: 'secretariat-key',
    });
    expectProblem(second, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');
    expect(isReplay(second)).toBe(false);
    expect(await historyOf(id)).toHaveLength(VERIFYING);
  });

  test('twenty SUBMITs on twenty different cases at once all succeed', async () => {
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, n) => person(`Hồ sơ song song ${n + 1}`)),
    );
    const opened = await Promise.all(people.map((personId) => openRequest(leader, personId)));
    expect(opened.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = opened.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(20);
    await Promise.all(ids.map((id) => t.attachDossier(leader, id)));

    const submitted = await Promise.all(
      ids.map((id) =>
        t.sendEvent(leader, id, 'SUBMIT', undefined, { expectedVersion: DRAFT_WITH_DOSSIER }),
      ),
    );
    expect(submitted.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(submitted.map((r) => r.body.id)).toEqual(ids);
    for (const response of submitted) {
      expect(response.body).toMatchObject({ state: 'submitted', version: SUBMITTED });
    }
    const verifications = await Promise.all(ids.map((id) => verify(id)));
    expect(verifications.map((v) => [v.ok, v.checked])).toEqual(Array(20).fill([true, SUBMITTED]));
  });
});
