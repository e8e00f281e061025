import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import { expectProblem, nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: an attacker, signed in or not, sends requests built to make the server work hard: a
 * megabyte array where an object is expected, thousands of unknown fields, an array of a
 * thousand invalid elements, bodies nested past any form, bodies larger than the route needs.
 * Each is refused with one small problem answer; nothing the server writes back grows with what
 * was sent. Every API answer tells browsers and proxies not to keep it.
 */

/** An answer a user (or an attacker) gets is small whatever they sent. */
const SMALL_ANSWER_BYTES = 4 * 1024;

function expectSmall(response: Response, limit = SMALL_ANSWER_BYTES): void {
  expect(Buffer.byteLength(response.text)).toBeLessThan(limit);
}

const KiB = 1024;

/** A JSON text of about `bytes` bytes: an object with one long string. */
const objectOfSize = (bytes: number, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ ...fields, filler: 'x'.repeat(bytes) });

describe.each(DIALECTS)('bounded work per request (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader] = await t.tokensFor('unit_leader');
  });
  afterAll(() => t.close());

  const postJson = (path: string, text: string, token?: string) => {
    const post = t.http.post(path).set('Content-Type', 'application/json');
    if (token) post.auth(token, { type: 'bearer' });
    return post.send(text);
  };

  describe('a body that is not an object', () => {
    test('a 1 MiB array sent to /auth/login is refused with a small answer', async () => {
      // Just under the 1 MiB every route used to take: each element was validated and reported.
      const array = `[${Array.from({ length: 330_000 }, () => '{}').join(',')}]`;
      expect(array.length).toBeLessThan(1024 * KiB);
      const response = await postJson('/api/v1/auth/login', array);
      expectProblem(response, 413, 'REQUEST.TOO_LARGE');
      expectSmall(response);
    });

    test('an array within the size limit is refused at once, naming no element', async () => {
      const array = JSON.stringify(Array.from({ length: 500 }, () => ({ username: 'admin' })));
      const response = await postJson('/api/v1/auth/login', array);
      expectProblem(response, 400, 'REQUEST.BODY_NOT_OBJECT');
      expect(response.body.detailVi).toEqual(expect.any(String));
      expect(response.body.errors).toBeUndefined();
      expectSmall(response);
    });

    test.each([
      ['a string', '"admin"'],
      ['a number', '42'],
      ['null', 'null'],
      ['an empty array', '[]'],
    ])('%s as the body is refused', async (_label, text) => {
      expectProblem(await postJson('/api/v1/auth/login', text), 400, 'REQUEST.BODY_NOT_OBJECT');
    });

    test('a large array where a case is expected is refused, signed in too', async () => {
      const array = JSON.stringify(Array.from({ length: 10_000 }, () => ({ type: 'nomination' })));
      const response = await postJson('/api/v1/cases', array, leader);
      expectProblem(response, 400, 'REQUEST.BODY_NOT_OBJECT');
      expectSmall(response);
    });
  });

  describe('validation sees what it needs and lists a few errors', () => {
    test('a thousand unknown fields: twenty listed, the rest counted', async () => {
      const fields = Object.fromEntries(
        Array.from({ length: 1_000 }, (_, index) => [`f${index}`, index]),
      );
      const response = await postJson(
        '/api/v1/auth/login',
        JSON.stringify({ username: 'admin', password: 'x', ...fields }),
      );
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.body.errors).toHaveLength(20);
      expect(response.body.moreErrors).toBe(980);
      expectSmall(response);
    });

    test('an array over its limit is refused without checking its elements', async () => {
      const response = await t.postAs(t.adminToken, '/api/v1/users').send({
        username: 'quyen.qua.nhieu',
        displayName: 'Quyền quá nhiều',
        password: 'a-long-initial-password',
        grants: Array.from({ length: 500 }, () => ({ role: 'emperor' })),
      });
      expectProblem(response, 400, 'VALIDATION.FAILED');
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toContain('grants');
      expect(fields.filter((field) => field.startsWith('grants.'))).toEqual([]);
      expectSmall(response);
    });

    test('thousands of values where a name belongs: refused naming the field, as a small value is', async () => {
      const numbers = await postJson(
        '/api/v1/auth/login',
        JSON.stringify({ username: Array.from({ length: 7_000 }, () => 0), password: 'x' }),
      );
      const small = await postJson(
        '/api/v1/auth/login',
        JSON.stringify({ username: [0], password: 'x' }),
      );
      expectProblem(numbers, 400, 'VALIDATION.FAILED');
      expect(numbers.body.errors).toEqual(small.body.errors);
      expect(numbers.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'username',
      ]);
      expectSmall(numbers);
    });

    test('a subject sent as a huge array is refused as not an object', async () => {
      const response = await postJson(
        '/api/v1/cases',
        JSON.stringify({ type: 'nomination', subject: Array.from({ length: 50_000 }, () => 1) }),
        leader,
      );
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'subject',
      ]);
    });

    test('free-form case data is stored exactly as sent', async () => {
      const data = {
        ...nominationData('lao_dong_tien_tien'),
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ; "sáng kiến" [1] {2}',
        initiatives: ['Sáng kiến A', 'Sáng kiến B'],
      };
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: await t.personSubject('Hoàng Thị Nguyên Vẹn'),
        data,
      });
      expect(opened.status).toBe(201);
      expect((await t.getCase(leader, opened.body.id)).body.data).toEqual(data);
    });

    test('an event payload with thousands of problems lists twenty', async () => {
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: await t.personSubject('Lê Thị Nhiều Lỗi'),
        data: nominationData(),
      });
      expect(opened.status).toBe(201);
      const unknown = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, i]));
      const response = await t.sendEvent(leader, opened.body.id, 'SUBMIT', unknown);
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(20);
      expect(response.body.errors.at(-1)).toMatchObject({
        field: 'payload',
        messages: ['payload has 2981 more problems, not listed'],
      });
      // Twenty problems in two languages: larger than a sign-in refusal, still a few KiB.
      expectSmall(response, 8 * 1024);
      expect((await t.getCase(leader, opened.body.id)).body.version).toBe(1);
    });
  });

  describe('nesting is checked before the body is parsed', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    test('33 levels are refused, 32 are not', async () => {
      const deep = await postJson('/api/v1/auth/login', nested(33));
      expectProblem(deep, 400, 'REQUEST.MALFORMED_JSON');
      expect(deep.body.detail).toMatch(/nested deeper than 32/);
      // 32 levels parse, then fail validation as any other unknown field would.
      expectProblem(await postJson('/api/v1/auth/login', nested(32)), 400, 'VALIDATION.FAILED');
    });

    test('a body too deep is refused as such even though it never ends', async () => {
      // JSON.parse would first read it all and say the input ended early.
      const response = await postJson('/api/v1/auth/login', `{"a":${'['.repeat(2_000)}`);
      expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
      expect(response.body.detail).toMatch(/nested deeper than 32/);
    });

    test('brackets inside strings are not nesting', async () => {
      const text = JSON.stringify({ username: '[[[[{{{{'.repeat(50), password: '\\"]]]]}}}}' });
      const response = await postJson('/api/v1/auth/login', text);
      expect(response.body.code).not.toBe('REQUEST.MALFORMED_JSON');
    });
  });

  describe('each route reads only the body it needs', () => {
    test('sign-in, password and other JSON commands take 16 KiB', async () => {
      for (const path of ['/api/v1/auth/login', '/api/v1/auth/session']) {
        const under = await postJson(path, objectOfSize(15 * KiB));
        expect(under.status).toBe(400);
        const over = await postJson(path, objectOfSize(17 * KiB));
        expectProblem(over, 413, 'REQUEST.TOO_LARGE');
        expectSmall(over);
      }
      expectProblem(
        await postJson('/api/v1/auth/password', objectOfSize(17 * KiB), leader),
        413,
        'REQUEST.TOO_LARGE',
      );
      expectProblem(
        await postJson('/api/v1/units', objectOfSize(17 * KiB), t.adminToken),
        413,
        'REQUEST.TOO_LARGE',
      );
    });

    test('a public objection takes 32 KiB', async () => {
      const path = `/api/v1/public/notices/${randomUUID()}/objections`;
      const under = await postJson(path, objectOfSize(20 * KiB));
      expect(under.status).not.toBe(413);
      expectProblem(await postJson(path, objectOfSize(40 * KiB)), 413, 'REQUEST.TOO_LARGE');
    });

    test('case data and event payloads take 256 KiB', async () => {
      const subject = await t.personSubject('Phạm Văn Dữ Liệu');
      const under = await postJson(
        '/api/v1/cases',
        objectOfSize(200 * KiB, { type: 'nomination', subject }),
        leader,
      );
      expect(under.status).toBe(400);
      expect(under.body.code).toBe('VALIDATION.FAILED');
      const over = await postJson(
        '/api/v1/cases',
        objectOfSize(300 * KiB, { type: 'nomination', subject }),
        leader,
      );
      expectProblem(over, 413, 'REQUEST.TOO_LARGE');
      const event = await postJson(
        `/api/v1/cases/${randomUUID()}/events`,
        objectOfSize(300 * KiB, { type: 'SUBMIT' }),
        leader,
      );
      expectProblem(event, 413, 'REQUEST.TOO_LARGE');
    });
  });

  test('the OpenAPI document states each route’s body limit and the parser’s refusals', async () => {
    const { paths } = (await t.http.get('/api/docs-json')).body;
    const described = (path: string, status: number) =>
      paths[path].post.responses[status]?.description as string | undefined;
    expect(described('/api/v1/auth/login', 413)).toMatch(
      /REQUEST.TOO_LARGE \(a body over 16 KiB\)/,
    );
    expect(described('/api/v1/cases', 413)).toMatch(/over 256 KiB/);
    expect(described('/api/v1/public/notices/{id}/objections', 413)).toMatch(/over 32 KiB/);
    expect(described('/api/v1/auth/login', 400)).toMatch(/REQUEST.BODY_NOT_OBJECT/);
  });

  describe('no API answer is kept by a browser or a proxy', () => {
    test.each([
      ['the case list', '/api/v1/cases'],
      ['the signed-in user', '/api/v1/auth/me'],
      ['a problem answer', `/api/v1/cases/${randomUUID()}`],
      ['the people registry', '/api/v1/people'],
    ])('%s, signed in: no-store', async (_label, path) => {
      const response = await t.getAs(leader, path);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    test('refusals before sign-in and public answers: no-store', async () => {
      for (const path of ['/api/v1/cases', '/api/v1/public/notices', '/health']) {
        const response = await t.http.get(path);
        expect({ path, cacheControl: response.headers['cache-control'] }).toEqual({
          path,
          cacheControl: expect.stringMatching(/\bno-store\b/),
        });
      }
      const refused = await postJson('/api/v1/auth/login', objectOfSize(17 * KiB));
      expect(refused.headers['cache-control']).toBe('no-store');
    });
  });
});
