import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import {
  PROBLEM_JSON,
  expectProblem as expectProblemStatus,
  nominationData,
  pdfBytes,
  startTestApp,
  type TestApp,
} from '../support/test-app';

/**
 * Story: clients send broken, oversized, mistyped or hostile input. Each gets a 4xx problem
 * details answer with a stable code that names what was wrong, never a 5xx and never a stack
 * trace, and nothing is stored. A case's subject must be a person or unit of the registry that
 * the caller can see; a nomination's data must name an award of the rule set that fits it; a
 * dossier document must be a file of the type it claims. Vietnamese names, however they were typed, are stored and come back in NFC.
 */

/** Signs of internals leaking into an answer. */
const LEAKS =
  /stack|node_modules|\.ts:\d+|\bat \S+ \(|QueryFailedError|SQLITE_|SELECT |INSERT INTO/;

function expectProblem(response: Response, status: number, code: string): void {
  expectProblemStatus(response, status, code);
  expect(response.body).toMatchObject({
    status,
    type: `urn:thidua:problem:${code.toLowerCase()}`,
    title: expect.any(String),
    detail: expect.any(String),
    // Every problem reads in Vietnamese too, the framework's own included.
    detailVi: expect.any(String),
  });
  expect(response.text).not.toMatch(LEAKS);
}

/** The fields a VALIDATION.FAILED answer names. */
const fieldsOf = (response: Response): string[] =>
  (response.body.errors as { field: string }[]).map((error) => error.field).sort();

const NFC_NAMES = ['Nguyễn Thị Hoà', 'Nguyễn Thị Hòa', 'Đặng Văn Ơn', 'Trương Thị Ỷ Lan'];

describe.each(DIALECTS)('bad input is refused cleanly (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let caseId: string;
  /** A person of the registry, as a well-formed subject. */
  let subject: { kind: 'person'; personId: string };
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat] = await t.tokensFor('unit_leader', 'secretariat');
    subject = await t.personSubject('Hồ Văn Mười');
    personId = subject.personId;
    const opened = await t.openCase(leader, { type: 'nomination', subject, data });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
  });

  /** Valid nomination data (v2 of the workflow requires it). */
  const data = nominationData();
  afterAll(() => t.close());

  /** POST `body` as it is, under this Content-Type. */
  const postRaw = (path: string, body: string, contentType = 'application/json') =>
    t.postAs(leader, path).set('Content-Type', contentType).send(body);

  const openRaw = (body: string, contentType?: string) =>
    postRaw('/api/v1/cases', body, contentType);

  const open = (body: unknown) => t.openCase(leader, body as object);

  const sendEvent = (body: unknown, id = caseId) => t.postEvent(leader, id, body as object);

  const caseCount = async () => {
    const response = await t.listCases(leader, 'limit=100');
    expect(response.status).toBe(200);
    return response.body.items.length as number;
  };

  /** The shared draft case must never move: every request in this file is refused. */
  const expectCaseUntouched = async () => {
    const read = await t.getCase(leader, caseId);
    expect(read.body).toMatchObject({ state: 'draft', version: 1 });
  };

  test('malformed JSON gets 400 REQUEST.MALFORMED_JSON', async () => {
    const before = await caseCount();
    const bodies = [
      '{"type": "nomination", "subject": ',
      "{'type': 'nomination'}",
      '{"type": "nomination",}',
      '',
      `{"type": "nomination", "subject": {"kind": "person", "personId": "${personId}"}, "__proto__": {"admin": true}}`,
      `{"type": "nomination", "subject": {"kind": "person", "personId": "${personId}", "constructor": {"prototype": {"x": 1}}}}`,
    ];
    for (const body of bodies) {
      const response = await openRaw(body);
      expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
    const event = await postRaw(`/api/v1/cases/${caseId}/events`, '{"type": SUBMIT}');
    expectProblem(event, 400, 'REQUEST.MALFORMED_JSON');
    const login = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", "password": ');
    expectProblem(login, 400, 'REQUEST.MALFORMED_JSON');

    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();
  });

  test('a body that is not JSON gets 415', async () => {
    const before = await caseCount();
    const attempts: [string, string][] = [
      ['text/plain', JSON.stringify({ type: 'nomination', subject })],
      [
        'application/x-www-form-urlencoded',
        `type=nomination&subject[kind]=person&subject[personId]=${personId}`,
      ],
      ['application/xml', '<case><type>nomination</type></case>'],
    ];
    for (const [contentType, body] of attempts) {
      expectProblem(await openRaw(body, contentType), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    }
    const event = await postRaw(`/api/v1/cases/${caseId}/events`, 'SUBMIT', 'text/plain');
    expectProblem(event, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();
  });

  test('unknown fields are refused with 400 VALIDATION.FAILED naming them, not dropped', async () => {
    const before = await caseCount();
    const topLevel = await open({ type: 'nomination', subject, color: 'red' });
    expectProblem(topLevel, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(topLevel)).toEqual(['color']);
    expect(topLevel.body.detailVi).toEqual(expect.any(String));
    // Each field's problem in Vietnamese too, as the web app shows it to its Vietnamese reader.
    expect(topLevel.body.errors).toEqual([
      {
        field: 'color',
        messages: ['property color should not exist'],
        messagesVi: ['Trường color không có trong yêu cầu này.'],
      },
    ]);

    const nested = await open({
      type: 'nomination',
      subject: { ...subject, birthday: '1990-01-01' },
    });
    expectProblem(nested, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(nested)).toEqual(['subject.birthday']);

    // The free-text subject of earlier versions: its name is no longer taken from the client.
    const oldShape = await open({
      type: 'nomination',
      subject: { ...subject, name: 'Lý Thị Bé', reference: 'NV-0042' },
    });
    expectProblem(oldShape, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(oldShape)).toEqual(['subject.name', 'subject.reference']);

    // A reason sent beside the payload instead of inside it must not be silently lost.
    const misplaced = await sendEvent({ type: 'SUBMIT', reason: 'Đủ hồ sơ' });
    expectProblem(misplaced, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(misplaced)).toEqual(['reason']);

    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();
  });

  test('a query parameter or a body the route does not take is refused, naming it, not ignored', async () => {
    const before = await caseCount();
    // A "dry run" the route does not offer must not quietly open the case for real.
    const dryRun = await t
      .postAs(leader, '/api/v1/cases?dryRun=true')
      .send({ type: 'nomination', subject, data });
    expectProblem(dryRun, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(dryRun)).toEqual(['dryRun']);
    expect(await caseCount()).toBe(before);

    // A route with named query parameters takes those and no other.
    const history = await t.getAs(leader, `/api/v1/cases/${caseId}?expand=history`);
    expectProblem(history, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(history)).toEqual(['expand']);

    // A body sent to an operation that takes none: the grant stays, the body is not dropped.
    const user = await t.userWithGrants([{ role: 'auditor' }]);
    const account = await t.getAs(t.adminToken, `/api/v1/users/${user.id}`).expect(200);
    const [grant] = account.body.grants as { id: string }[];
    const removal = await t.http
      .delete(`/api/v1/users/${user.id}/grants/${grant.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ reason: 'Chuyển công tác' });
    expectProblem(removal, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(removal)).toEqual(['body']);
    const after = await t.getAs(t.adminToken, `/api/v1/users/${user.id}`).expect(200);
    expect(after.body.grants).toEqual(account.body.grants);

    // An Idempotency-Key where the operation applies no repeat once: refused, not ignored (a
    // client retrying on it would create a second unit).
    const keyed = await t
      .postAs(t.adminToken, '/api/v1/units')
      .set('Idempotency-Key', 'don-vi-moi-1')
      .send({ code: 'U-KEYED', name: 'Đơn vị gửi kèm khóa', kind: 'office' });
    expectProblem(keyed, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(keyed)).toEqual(['Idempotency-Key']);
    const units = await t.getAs(t.adminToken, '/api/v1/units?limit=100').expect(200);
    expect(JSON.stringify(units.body)).not.toContain('U-KEYED');

    // Unauthenticated, the answer is still 401 first: nothing is said about the input.
    const anonymous = await t.http.get('/api/v1/cases?dryRun=true');
    expectProblem(anonymous, 401, 'AUTH.UNAUTHENTICATED');
    await expectCaseUntouched();
  });

  test('wrong types get 400 VALIDATION.FAILED naming each field', async () => {
    const before = await caseCount();
    const opening = await open({
      type: 123,
      subject: { kind: 'person', personId: 'not-a-uuid' },
      data: 'string',
    });
    expectProblem(opening, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(opening)).toEqual(['data', 'subject.personId', 'type']);

    const badSubjects = [null, 'Nguyễn Văn A', 42];
    for (const subject of badSubjects) {
      const response = await open({ type: 'nomination', subject });
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toContain('subject');
    }

    const event = await sendEvent({ type: 'submit', expectedVersion: 'abc', payload: 'string' });
    expectProblem(event, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(event)).toEqual(['expectedVersion', 'payload', 'type']);
    // Said in Vietnamese too (the web app's every action goes through this check).
    const inVietnamese = Object.fromEntries(
      event.body.errors.map((e: { field: string; messagesVi: string[] }) => [
        e.field,
        e.messagesVi[0],
      ]),
    );
    expect(inVietnamese).toEqual({
      expectedVersion: expect.stringMatching(/^expectedVersion phải là số nguyên từ 1 đến \d+\.$/),
      payload: 'payload phải là một đối tượng JSON.',
      type: 'type phải là tên thao tác (ví dụ "SUBMIT").',
    });

    for (const [body, field] of [
      [{ type: 'SUBMIT', payload: [1, 2] }, 'payload'],
      [{ type: 'SUBMIT', expectedVersion: 0 }, 'expectedVersion'],
      [{ type: 'SUBMIT', expectedVersion: 1.5 }, 'expectedVersion'],
      [{ type: 'SUBMIT', expectedVersion: '1' }, 'expectedVersion'],
      [{ payload: {} }, 'type'],
      [{ type: ['SUBMIT'] }, 'type'],
    ] as const) {
      const response = await sendEvent(body);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toEqual([field]);
    }
    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();
  });

  test('a subject of the wrong shape gets 400 VALIDATION.FAILED naming the field', async () => {
    const before = await caseCount();
    const unit = await t.createUnit('Phòng Tổ chức', 'office');
    for (const [badSubject, ...fields] of [
      [{ kind: 'person' }, 'subject.personId'],
      [{ kind: 'person', personId: null }, 'subject.personId'],
      [{ kind: 'person', personId: 42 }, 'subject.personId'],
      [{ kind: 'person', personId: '' }, 'subject.personId'],
      [{ kind: 'person', unitId: unit.id }, 'subject.personId', 'subject.unitId'],
      // The other kind's id beside the right one is refused, not ignored.
      [{ kind: 'person', personId, unitId: unit.id }, 'subject.unitId'],
      [{ kind: 'unit' }, 'subject.unitId'],
      [{ kind: 'unit', personId }, 'subject.personId', 'subject.unitId'],
      [{ kind: 'unit', unitId: unit.id, personId }, 'subject.personId'],
      [{ kind: 'unit', unitId: 'Phòng Tổ chức' }, 'subject.unitId'],
      [{ kind: 'robot', personId }, 'subject.kind'],
      [{ personId }, 'subject.kind'],
      [{ kind: ['person'], personId }, 'subject.kind'],
    ] as const) {
      const response = await open({ type: 'nomination', subject: badSubject });
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect({ badSubject, fields: fieldsOf(response) }).toEqual({ badSubject, fields });
    }
    expect(await caseCount()).toBe(before);
  });

  test('a subject the registry does not have gets 422 CASE.UNKNOWN_SUBJECT', async () => {
    const before = await caseCount();
    const unit = await t.createUnit('Phòng Hành chính', 'office');
    for (const badSubject of [
      { kind: 'person', personId: randomUUID() },
      { kind: 'unit', unitId: randomUUID() },
      // Ids of the other kind: a unit is not a person, nor a person a unit.
      { kind: 'person', personId: unit.id },
      { kind: 'unit', unitId: personId },
    ]) {
      const response = await open({ type: 'nomination', subject: badSubject, data });
      expectProblem(response, 422, 'CASE.UNKNOWN_SUBJECT');
      expect(response.body.errors).toEqual([
        { field: 'subject', messages: [expect.any(String)], messagesVi: [expect.any(String)] },
      ]);
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
    const violation = await open({
      type: 'violation',
      subject: { kind: 'person', personId: randomUUID() },
    });
    expectProblem(violation, 422, 'CASE.UNKNOWN_SUBJECT');
    expect(await caseCount()).toBe(before);

    // The same subjects, well chosen, are accepted: the refusals were about the registry.
    const person = await open({ type: 'nomination', subject, data });
    const collective = await open({
      type: 'nomination',
      subject: { kind: 'unit', unitId: unit.id },
      data: nominationData('tap_the_lao_dong_tien_tien'),
    });
    expect([person.status, collective.status]).toEqual([201, 201]);
    expect(await caseCount()).toBe(before + 2);
  });

  test('a missing or list-shaped subject gets 400 VALIDATION.FAILED, not a server error', async () => {
    const before = await caseCount();
    for (const body of [{ type: 'nomination' }, { type: 'nomination', subject: [] }, {}]) {
      const response = await open(body);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toContain('subject');
    }
    expect(await caseCount()).toBe(before);
  });

  test('an unknown or malformed case id gets 404 CASE.NOT_FOUND everywhere', async () => {
    const ids = [randomUUID(), 'not-a-uuid', '12345', encodeURIComponent("1' OR '1'='1")];
    for (const id of ids) {
      for (const path of [
        `/api/v1/cases/${id}`,
        `/api/v1/cases/${id}/history`,
        `/api/v1/cases/${id}/verify`,
        `/api/v1/cases/${id}/documents/${randomUUID()}`,
        `/api/v1/cases/${id}/certificate`,
        `/api/v1/cases/${id}/decision-list?format=csv`,
      ]) {
        const response = await t.getAs(leader, path);
        expectProblem(response, 404, 'CASE.NOT_FOUND');
        expect(response.body.detailVi).toEqual(expect.any(String));
      }
      expectProblem(await sendEvent({ type: 'SUBMIT' }, id), 404, 'CASE.NOT_FOUND');
      expectProblem(await t.uploadDocument(leader, id, 'to_trinh'), 404, 'CASE.NOT_FOUND');
    }
    await expectCaseUntouched();
  });

  test('nomination data that does not fit the workflow or the rule set gets 422 CASE.INVALID_DATA', async () => {
    const before = await caseCount();
    const unit = await t.createUnit('Phòng Tổ chức (dữ liệu đề nghị)', 'office');
    const nextYear = new Date().getUTCFullYear() + 1;
    const attempts: [string, object, object][] = [
      ['no data', subject, {}],
      ['an award code only', subject, { awardCode: 'lao_dong_tien_tien' }],
      ['a key the schema does not have', subject, { ...data, award: 'advanced_worker' }],
      ['a year as text', subject, { ...data, evaluationYear: '2024' }],
      ['an award the rule set does not have', subject, nominationData('advanced_worker')],
      ['a collective title for a person', subject, nominationData('tap_the_lao_dong_tien_tien')],
      ['an individual title for a unit', { kind: 'unit', unitId: unit.id }, data],
      ['a year still to come', subject, nominationData('lao_dong_tien_tien', nextYear)],
    ];
    for (const [label, badSubject, badData] of attempts) {
      const response = await open({ type: 'nomination', subject: badSubject, data: badData });
      expect({ label, status: response.status, code: response.body.code }).toEqual({
        label,
        status: 422,
        code: 'CASE.INVALID_DATA',
      });
      expectProblem(response, 422, 'CASE.INVALID_DATA');
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
    expect(await caseCount()).toBe(before);
  });

  test('a dossier document that is not what it claims gets 4xx and attaches nothing', async () => {
    const upload = (
      code: string,
      options: { fileName?: string; content?: Buffer; mediaType?: string } = {},
    ) => t.uploadDocument(leader, caseId, code, options);

    expectProblem(await upload('giay_khai_sinh'), 422, 'DOCUMENT.UNKNOWN_CODE');
    for (const options of [
      { content: Buffer.from('not a PDF at all') },
      { content: pdfBytes('a PDF'), mediaType: 'image/png' },
      { content: Buffer.alloc(0) },
    ]) {
      expectProblem(await upload('to_trinh', options), 422, 'DOCUMENT.NOT_ACCEPTED');
    }
    for (const mediaType of ['text/plain', 'application/json']) {
      const response = await upload('to_trinh', { mediaType, content: Buffer.from('{}') });
      expect([415, 422]).toContain(response.status);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    }
    const badQuery = await t
      .postAs(leader, `/api/v1/cases/${caseId}/documents?code=To%20Trinh`)
      .set('Content-Type', 'application/pdf')
      .send(pdfBytes('x'));
    expectProblem(badQuery, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(badQuery)).toEqual(['code', 'fileName']);
    await expectCaseUntouched();
    expect((await t.getCase(leader, caseId)).body.context.documents ?? []).toEqual([]);
  });

  test('a case id longer than the router accepts still gets a problem details answer', async () => {
    const response = await t.getCase(leader, 'a'.repeat(200));
    expect([404, 414]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toEqual(expect.any(String));
  });

  test('an unknown case type gets 422 CASE.UNKNOWN_TYPE', async () => {
    const before = await caseCount();
    const unit = await t.createUnit('Phòng Tổ chức (loại hồ sơ)', 'office');
    const response = await open({
      type: 'commendation',
      subject: { kind: 'unit', unitId: unit.id },
    });
    expectProblem(response, 422, 'CASE.UNKNOWN_TYPE');
    // `type` is the problem type (RFC 9457); the unknown case type is `caseType`.
    expect(response.body.caseType).toBe('commendation');
    expect(response.body.knownTypes).toEqual([
      'award_proposal',
      'council_session',
      'emulation_registration',
      'movement',
      'movement_participation',
      'nomination',
      'violation',
    ]);
    expect(response.body.detail).toMatch(/"commendation"/);
    expect(response.body.detailVi).toMatch(/"commendation"/);
    expect(await caseCount()).toBe(before);
  });

  test('an unknown workflow or version gets 404 WORKFLOW.NOT_FOUND', async () => {
    for (const path of [
      '/api/v1/workflows/nomination/versions/99',
      '/api/v1/workflows/commendation/versions/1',
    ]) {
      const missing = await t.getAs(leader, path);
      expectProblem(missing, 404, 'WORKFLOW.NOT_FOUND');
      // Said in Vietnamese too, not a generic sentence with the English in brackets.
      expect(missing.body.detailVi).toMatch(/^Không tìm thấy quy trình: /);
    }
    // Not a version: said as the diagram of the same version says it, naming the field.
    for (const version of ['one', '0', '1.5', '0x1']) {
      const notAVersion = await t.getAs(leader, `/api/v1/workflows/nomination/versions/${version}`);
      expectProblem(notAVersion, 400, 'VALIDATION.FAILED');
      expect(notAVersion.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'version',
      ]);
    }
    const known = await t.getAs(leader, '/api/v1/workflows/nomination/versions/1');
    expect(known.status).toBe(200);
  });

  test('list and history queries out of range get 400 VALIDATION.FAILED', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1000', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      // Numbers are written in decimal digits: Number() read these as 16, 10 and 0.
      ['limit=0x10', 'limit'],
      ['limit=1e1', 'limit'],
      ['limit=', 'limit'],
      ['cursor=not-a-uuid', 'cursor'],
      ['type=Not%20a%20type', 'type'],
      ['state=x%27%3B%20DROP%20TABLE%20cases%3B--', 'state'],
      ['sort=id', 'sort'],
    ]) {
      const response = await t.listCases(leader, query);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toEqual([field]);
    }
    // Named for what is wrong with it: not an integer (it was read as 16).
    const hexadecimal = await t.listCases(leader, 'limit=0x10');
    expect(hexadecimal.body.errors).toEqual([
      {
        field: 'limit',
        messages: ['limit must be an integer number'],
        messagesVi: ['limit phải là số nguyên.'],
      },
    ]);
    for (const [query, field] of [
      ['afterSeq=-1', 'afterSeq'],
      ['afterSeq=', 'afterSeq'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
    ]) {
      const response = await t.history(leader, caseId, query);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toEqual([field]);
    }
    const fine = await t.listCases(leader, 'limit=100');
    expect(fine.status).toBe(200);
  });

  test('a body over 1 MiB gets 413 REQUEST.TOO_LARGE', async () => {
    const before = await caseCount();
    const response = await open({
      type: 'nomination',
      subject,
      data: { attachment: 'x'.repeat(1024 * 1024 + 1) },
    });
    expectProblem(response, 413, 'REQUEST.TOO_LARGE');
    expect(await caseCount()).toBe(before);
  });

  test('data or payload over 64 KiB of JSON gets 400 VALIDATION.FAILED', async () => {
    const before = await caseCount();
    // The size is checked before anything else reads the data.
    const tooBig = { statement: 'â'.repeat(33 * 1024) }; // 2 bytes each in UTF-8: 66 KiB
    const opening = await open({
      type: 'violation',
      subject,
      data: tooBig,
    });
    expectProblem(opening, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(opening)).toEqual(['data']);

    const event = await sendEvent({ type: 'SUBMIT', payload: tooBig });
    expectProblem(event, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(event)).toEqual(['payload']);
    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();

    // Just under the limit gets past the size check to the workflow's own schema, which names
    // the key it does not know: so the limit is where it says, and no key is silently kept.
    const justUnder = await open({
      type: 'violation',
      subject,
      data: { statement: 'x'.repeat(64 * 1024 - 20) },
    });
    expectProblem(justUnder, 422, 'CASE.INVALID_DATA');
    expect(justUnder.body.problems).toEqual([
      'data must NOT have additional properties (unsupported key "statement")',
    ]);
    expect(await caseCount()).toBe(before);
  });

  test('an Idempotency-Key that is not 1–128 visible ASCII characters gets 400', async () => {
    const before = await caseCount();
    const body = { type: 'nomination', subject: await t.personSubject('Cao Bá Quát'), data };
    for (const key of ['has space', 'k'.repeat(129), '', 'tab\there']) {
      const opening = await t.openCase(leader, body, { idempotencyKey: key });
      expectProblem(opening, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(opening)).toEqual(['Idempotency-Key']);

      const event = await t.postEvent(leader, caseId, { type: 'SUBMIT' }, { idempotencyKey: key });
      expectProblem(event, 400, 'VALIDATION.FAILED');
    }
    expect(await caseCount()).toBe(before);
    await expectCaseUntouched();

    const longest = await t.openCase(leader, body, {
      idempotencyKey: `${'k'.repeat(120)}-~!@#$%^`,
    });
    expect(longest.status).toBe(201);
  });

  test('Vietnamese names are stored in NFC and returned exactly', async () => {
    const inputs = [...NFC_NAMES, ...NFC_NAMES.map((name) => name.normalize('NFD'))];
    expect(inputs[NFC_NAMES.length]).not.toBe(NFC_NAMES[0]);
    const unit = await t.createUnit('Phòng Kế hoạch – Tài chính', 'office');
    const nominees: string[] = [];

    for (const [index, name] of inputs.entries()) {
      const expected = name.normalize('NFC');
      const created = await t.postAs(t.adminToken, '/api/v1/people').send({
        code: `NFC-${index}`,
        fullName: name,
        unitId: unit.id,
        employmentType: 'public_employee',
      });
      expect(created.status).toBe(201);
      expect({ index, name: created.body.fullName }).toEqual({ index, name: expected });
      const personId = created.body.id as string;
      nominees.push(personId);
      const stored = await t.getAs(secretariat, `/api/v1/people/${personId}`);
      expect({ index, name: stored.body.fullName }).toEqual({ index, name: expected });

      const opened = await open({
        type: 'nomination',
        subject: { kind: 'person', personId },
        data: {
          ...data,
          achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2026',
          movement: 'Phòng Kế hoạch – Tài chính',
        },
      });
      expect(opened.status).toBe(201);
      expect(opened.body.subject).toEqual({
        kind: 'person',
        id: personId,
        code: `NFC-${index}`,
        name: stored.body.fullName,
        unitId: unit.id,
      });
      const id = opened.body.id as string;

      const read = await t.getCase(secretariat, id);
      expect({ index, name: read.body.subject.name }).toEqual({ index, name: expected });
      expect(read.body.data).toEqual({
        ...data,
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2026',
        movement: 'Phòng Kế hoạch – Tài chính',
      });
      const history = await t.history(secretariat, id);
      expect(history.body.items[0].payload.subject.name).toBe(expected);
      const verify = await t.verify(secretariat, id);
      expect(verify.body.ok).toBe(true);
    }

    const listed = await t.listCases(secretariat, 'limit=100');
    const names = listed.body.items.map((item: { subject: { name: string } }) => item.subject.name);
    for (const name of NFC_NAMES) {
      expect(names.filter((listedName: string) => listedName === name)).toHaveLength(2);
    }
    const people = await t.getAs(secretariat, `/api/v1/people?unitId=${unit.id}&limit=100`);
    expect(people.body.items.map((person: { fullName: string }) => person.fullName).sort()).toEqual(
      [...NFC_NAMES, ...NFC_NAMES].sort(),
    );

    // A rename typed in NFD is stored in NFC as well (and spaces tidied).
    const renamed = await t.http
      .patch(`/api/v1/people/${nominees[0]}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ fullName: '  Nguyễn  Thị Hoà Bình '.normalize('NFD') });
    expect(renamed.status).toBe(200);
    expect(renamed.body.fullName).toBe('Nguyễn Thị Hoà Bình'.normalize('NFC'));
    const unitRenamed = await t.http
      .patch(`/api/v1/units/${unit.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ name: 'Phòng Tổ chức – Cán bộ'.normalize('NFD') });
    expect(unitRenamed.body.name).toBe('Phòng Tổ chức – Cán bộ'.normalize('NFC'));

    const user = await t.postAs(t.adminToken, '/api/v1/users').send({
      username: 'dang.van.on',
      displayName: 'Đặng Văn Ơn'.normalize('NFD'),
      password: 'a-long-test-password',
      grants: [{ role: 'auditor' }],
    });
    expect(user.status).toBe(201);
    expect(user.body.displayName).toBe('Đặng Văn Ơn'.normalize('NFC'));
  });

  test('bad registry and account input is refused with a code that says what was wrong', async () => {
    const unit = await t.createUnit('Chi bộ (dữ liệu sai)', 'party_cell');
    const person = await t.createPerson('Mạc Đĩnh Chi', unit.id);
    const adminPost = (path: string, body: object) => t.postAs(t.adminToken, path).send(body);
    const adminPatch = (path: string, body: object) =>
      t.http.patch(path).auth(t.adminToken, { type: 'bearer' }).send(body);

    const unitFields = await adminPost('/api/v1/units', { code: 'có dấu', name: '', kind: 'club' });
    expectProblem(unitFields, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(unitFields)).toEqual(['code', 'kind', 'name']);
    const personFields = await adminPost('/api/v1/people', {
      code: 'P 1',
      fullName: 'Mạc Thị Bưởi',
      unitId: 'not-a-uuid',
      employmentType: 'intern',
      dateOfBirth: '17/05/1980',
    });
    expectProblem(personFields, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(personFields)).toEqual(['code', 'dateOfBirth', 'employmentType', 'unitId']);

    const unitCode = (await t.getAs(t.adminToken, `/api/v1/units/${unit.id}`)).body.code;
    const takenUnit = await adminPost('/api/v1/units', {
      code: unitCode,
      name: 'X',
      kind: 'office',
    });
    expectProblem(takenUnit, 409, 'UNIT.CODE_TAKEN');
    const takenPerson = await adminPost('/api/v1/people', {
      code: person.code,
      fullName: 'Mạc Thị Bưởi',
      unitId: unit.id,
      employmentType: 'worker',
    });
    expectProblem(takenPerson, 409, 'PERSON.CODE_TAKEN');

    for (const response of [
      await adminPost('/api/v1/units', {
        code: 'U-orphan',
        name: 'Mồ côi',
        kind: 'office',
        parentId: randomUUID(),
      }),
      await adminPost('/api/v1/people', {
        code: 'P-orphan',
        fullName: 'Mạc Thị Bưởi',
        unitId: randomUUID(),
        employmentType: 'worker',
      }),
      await adminPatch(`/api/v1/people/${person.id}`, { unitId: randomUUID() }),
      await adminPatch(`/api/v1/units/${unit.id}`, { parentId: randomUUID() }),
    ]) {
      expectProblem(response, 422, 'UNIT.UNKNOWN');
    }

    // null is a value, not "leave it as it is": a field that cannot be null refuses it, named
    // (a null name was a server error; a null active or kind was silently no change).
    for (const [path, body, fields] of [
      [
        `/api/v1/units/${unit.id}`,
        { name: null, kind: null, active: null },
        ['active', 'kind', 'name'],
      ],
      [
        `/api/v1/people/${person.id}`,
        { fullName: null, unitId: null, partyMember: null },
        ['fullName', 'partyMember', 'unitId'],
      ],
    ] as const) {
      const response = await adminPatch(path, body);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toEqual(fields);
    }
    expect((await t.getAs(t.adminToken, `/api/v1/people/${person.id}`)).body).toMatchObject({
      fullName: 'Mạc Đĩnh Chi',
      unitId: unit.id,
    });
    // A day that does not exist is refused, as the imports refuse it.
    const impossible = await adminPost('/api/v1/people', {
      code: 'P-30-2',
      fullName: 'Mạc Thị Bưởi',
      unitId: unit.id,
      employmentType: 'worker',
      dateOfBirth: '1980-02-30',
    });
    expectProblem(impossible, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(impossible)).toEqual(['dateOfBirth']);
    const notLeap = await adminPatch(`/api/v1/people/${person.id}`, {
      partyJoinedOn: '2023-02-29',
    });
    expectProblem(notLeap, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(notLeap)).toEqual(['partyJoinedOn']);
    // An account with no role is only for a person: a null person is none.
    const roleless = await adminPost('/api/v1/users', {
      username: `khong.vai.tro.${dialect}`,
      displayName: 'Không vai trò',
      password: 'Mat-khau-dai-2026!',
      personId: null,
      grants: [],
    });
    expectProblem(roleless, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(roleless)).toEqual(['personId']);

    const child = await t.createUnit('Tổ Đảng', 'party_cell', unit.id);
    for (const parentId of [unit.id, child.id]) {
      const loop = await adminPatch(`/api/v1/units/${unit.id}`, { parentId });
      expectProblem(loop, 422, 'UNIT.MOVE_INTO_OWN_SUBTREE');
      expect(loop.body.detailVi).toEqual(expect.any(String));
    }
    const parentOfChild = await t.getAs(t.adminToken, `/api/v1/units/${child.id}`);
    expect(parentOfChild.body.parentId).toBe(unit.id);

    for (const id of [randomUUID(), 'not-a-uuid']) {
      expectProblem(await t.getAs(leader, `/api/v1/units/${id}`), 404, 'UNIT.NOT_FOUND');
      const person = await t.getAs(leader, `/api/v1/people/${id}`);
      expectProblem(person, 404, 'PERSON.NOT_FOUND');
      expect(person.body.detailVi).toBe(`Không tìm thấy cán bộ ${id}.`);
    }
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=not%20a%20cursor', 'cursor'],
      ['unitId=nope', 'unitId'],
      [`q=${'a'.repeat(101)}`, 'q'],
    ]) {
      const response = await t.getAs(leader, `/api/v1/people?${query}`);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(response)).toEqual([field]);
    }

    const account = {
      username: 'mac.dinh.chi',
      displayName: 'Mạc Đĩnh Chi',
      password: 'a-long-test-password',
    };
    const users = '/api/v1/users';
    for (const [body, fields] of [
      [{ ...account, roles: ['auditor'] }, ['grants', 'roles']],
      [{ ...account, grants: [] }, ['grants']],
      [{ ...account, grants: [{ role: 'king' }] }, ['grants.0.role']],
      [{ ...account, grants: [{ role: 'auditor', unitId: 'nope' }] }, ['grants.0.unitId']],
      [{ ...account, grants: [{ role: 'auditor' }], personId: 'nope' }, ['personId']],
    ] as const) {
      const response = await adminPost(users, body);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect({ body, fields: fieldsOf(response) }).toEqual({ body, fields });
    }
    const scopedAdmin = await adminPost(users, {
      ...account,
      grants: [{ role: 'admin', unitId: unit.id }],
    });
    expectProblem(scopedAdmin, 422, 'USER.ADMIN_GRANT_SCOPED');
    expect(scopedAdmin.body.detailVi).toEqual(expect.any(String));
    const unknownUnit = await adminPost(users, {
      ...account,
      grants: [{ role: 'auditor', unitId: randomUUID() }],
    });
    expectProblem(unknownUnit, 422, 'USER.UNKNOWN_UNIT');
    const unknownPerson = await adminPost(users, {
      ...account,
      grants: [{ role: 'auditor' }],
      personId: randomUUID(),
    });
    expectProblem(unknownPerson, 422, 'USER.UNKNOWN_PERSON');

    const listed = await t.getAs(t.adminToken, '/api/v1/users?limit=100');
    expect(listed.body.items.map((u: { username: string }) => u.username)).not.toContain(
      'mac.dinh.chi',
    );
  });
});
