import { createHmac, randomUUID } from 'node:crypto';
import { AppConfig } from '../../src/config/app-config';
import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  PROBLEM_JSON,
  TEST_PASSWORD,
  expectProblem,
  nominationData,
  startTestApp,
  type TestApp,
} from '../support/test-app';

/**
 * Story: a stranger gets nowhere. Every operation the API documents, except signing in and out,
 * the health check and the public notice pages (list, objection, certificate check), turns away a
 * request without a valid token or session cookie; a failed login does not say whether
 * the user exists; only an administrator manages users, their grants and the organisation registry,
 * and an administrator without a working role does not read cases. A token issued before its
 * account was deactivated (and reactivated), got a new password or lost a grant stops working.
 */

/**
 * Operations reachable without a token: signing in (token or browser session), renewing and
 * ending a browser session (they read the refresh cookie), the health check, the public notice
 * pages.
 */
const PUBLIC_OPERATIONS = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /health',
  'GET /api/v1/public/notices',
  'POST /api/v1/public/notices/{id}/objections',
  'GET /api/v1/public/certificates/{code}',
];

/** What the API must document at least, so the loop below cannot pass on an empty document. */
const DOCUMENTED_OPERATIONS = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'GET /health',
  'POST /api/v1/users',
  'GET /api/v1/users',
  'GET /api/v1/users/{id}',
  'GET /api/v1/users/{id}/changes',
  'PATCH /api/v1/users/{id}',
  'POST /api/v1/users/{id}/grants',
  'DELETE /api/v1/users/{id}/grants/{grantId}',
  'POST /api/v1/users/{id}/password-reset',
  'POST /api/v1/users/{id}/unlock',
  'GET /api/v1/units',
  'POST /api/v1/units',
  'GET /api/v1/units/{id}',
  'PATCH /api/v1/units/{id}',
  'GET /api/v1/units/{id}/changes',
  'GET /api/v1/people',
  'POST /api/v1/people',
  'GET /api/v1/people/{id}',
  'PATCH /api/v1/people/{id}',
  'GET /api/v1/people/{id}/changes',
  'POST /api/v1/imports/awards',
  'GET /api/v1/rulesets',
  'GET /api/v1/rulesets/{id}/versions/{version}',
  'GET /api/v1/awards',
  'GET /api/v1/workflows',
  'GET /api/v1/workflows/{id}/versions/{version}',
  'POST /api/v1/cases',
  'GET /api/v1/cases',
  'GET /api/v1/cases/{id}',
  'POST /api/v1/cases/{id}/events',
  'GET /api/v1/cases/{id}/history',
  'GET /api/v1/cases/{id}/verify',
  'POST /api/v1/cases/{id}/documents',
  'GET /api/v1/cases/{id}/documents/{documentId}',
  'GET /api/v1/cases/{id}/certificate',
  'GET /api/v1/cases/{id}/decision-list',
  'GET /api/v1/cases/{id}/decision.pdf',
  'GET /api/v1/templates',
  'GET /api/v1/templates/{kind}/{format}/preview.pdf',
  'GET /api/v1/public/notices',
  'POST /api/v1/public/notices/{id}/objections',
  'GET /api/v1/public/certificates/{code}',
  'GET /api/v1/audit/checkpoints',
  'GET /api/v1/audit/public-key',
  'GET /api/v1/audit/events',
  'GET /api/v1/audit/export',
  'GET /api/v1/audit/reads',
];

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed by hand, so tests can forge what an attacker could. */
function signToken(claims: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
  const digest = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${unsigned}.${createHmac(digest, secret).update(unsigned).digest('base64url')}`;
}

const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;

describe.each(DIALECTS)('only authenticated callers get in (%s)', (dialect) => {
  let t: TestApp;
  let secret: string;
  /** A user holding every role except admin. */
  let worker: { id: string; username: string; token: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    secret = t.app.get(AppConfig).auth.jwtSecret;
    worker = await t.userWhoChoseTheirPassword(
      'unit_leader',
      'secretariat',
      'council_member',
      'council_chair',
      'auditor',
    );
  });
  afterAll(() => t.close());

  const documentedOperations = async (): Promise<{ method: HttpMethod; path: string }[]> => {
    const response = await t.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    return Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method): method is HttpMethod =>
          (HTTP_METHODS as readonly string[]).includes(method),
        )
        .map((method) => ({ method, path })),
    );
  };

  test('the OpenAPI document is public and lists every route of the API', async () => {
    const operations = await documentedOperations();
    const names = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(names).toEqual(expect.arrayContaining(DOCUMENTED_OPERATIONS));
  });

  test('every documented operation answers 401 without a valid token or session cookie', async () => {
    const now = Math.floor(Date.now() / 1000);
    const adminId = subjectOf(t.adminToken);
    const credentials: Record<string, string | undefined> = {
      'no Authorization header': undefined,
      'garbage token': 'Bearer not.a.jwt',
      'bearer without a token': 'Bearer',
      'another scheme': `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`,
      'signed with another secret': `Bearer ${signToken(
        { sub: adminId, iat: now, exp: now + 600 },
        'another-secret-that-is-also-32-characters-long',
      )}`,
      expired: `Bearer ${signToken({ sub: adminId, iat: now - 7200, exp: now - 3600 }, secret)}`,
      'alg none': `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: adminId })}.`,
      'another algorithm': `Bearer ${signToken({ sub: adminId, iat: now, exp: now + 600 }, secret, 'HS512')}`,
      'a token that never expires': `Bearer ${signToken({ sub: adminId, iat: now }, secret)}`,
      'a user who does not exist': `Bearer ${signToken(
        { sub: randomUUID(), iat: now, exp: now + 600 },
        secret,
      )}`,
      // The session cookie holds only a session's token, of a session that is still open.
      'a bearer token in the session cookie': `cookie:thidua_access=${t.adminToken}`,
      'a session token of a session that does not exist': `cookie:thidua_access=${signToken(
        { sub: adminId, sid: randomUUID(), iat: now, exp: now + 600 },
        secret,
      )}`,
      'a session cookie signed with another secret': `cookie:thidua_access=${signToken(
        { sub: adminId, sid: randomUUID(), iat: now, exp: now + 600 },
        'another-secret-that-is-also-32-characters-long',
      )}`,
    };

    const operations = (await documentedOperations()).filter(
      ({ method, path }) => !PUBLIC_OPERATIONS.includes(`${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThanOrEqual(
      DOCUMENTED_OPERATIONS.length - PUBLIC_OPERATIONS.length,
    );

    const answers: string[] = [];
    for (const { method, path } of operations) {
      const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
      for (const [label, authorization] of Object.entries(credentials)) {
        let request = t.http[method](url);
        if (authorization?.startsWith('cookie:')) {
          request = request.set('Cookie', authorization.slice('cookie:'.length));
        } else if (authorization !== undefined) {
          request = request.set('Authorization', authorization);
        }
        const response = method === 'get' ? await request : await request.send({});
        answers.push(
          `${method.toUpperCase()} ${path} [${label}] → ${response.status} ${response.body.code} ` +
            (PROBLEM_JSON.test(response.headers['content-type'] ?? '') ? 'problem+json' : 'other'),
        );
      }
    }
    const expected = answers.map((line) =>
      line.replace(/→ .*$/, '→ 401 AUTH.UNAUTHENTICATED problem+json'),
    );
    expect(answers).toEqual(expected);
  });

  test('a correctly signed token without a subject is refused with 401, not a server error', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      { iat: now, exp: now + 600 },
      { sub: null, iat: now, exp: now + 600 },
    ]) {
      const response = await t.getAs(signToken(claims, secret), '/api/v1/workflows');
      expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
    }
  });

  test('a token accepted while it was valid is refused from the second its expiry names', async () => {
    // The guard remembers tokens it has verified; their expiry must still be checked every time.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = signToken({ sub: subjectOf(t.adminToken), iat: exp - 2, exp }, secret);
    expect((await t.getAs(token, '/api/v1/workflows')).status).toBe(200);
    expect((await t.getAs(token, '/api/v1/workflows')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    expectProblem(await t.getAs(token, '/api/v1/workflows'), 401, 'AUTH.UNAUTHENTICATED');
  });

  test('a wrong password and an unknown user get the same 401 answer', async () => {
    const wrongPassword = await t.http
      .post('/api/v1/auth/login')
      .send({ username: worker.username, password: 'not-the-password' });
    const wrongAdminPassword = await t.http
      .post('/api/v1/auth/login')
      .send({ username: ADMIN.username, password: 'not-the-password' });
    const unknownUser = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'nobody.here', password: TEST_PASSWORD });

    for (const response of [wrongPassword, wrongAdminPassword, unknownUser]) {
      expectProblem(response, 401, 'AUTH.INVALID_CREDENTIALS');
      expect(response.body).not.toHaveProperty('accessToken');
    }
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongAdminPassword.body).toEqual(unknownUser.body);
  });

  test('the right password gives a bearer token that works', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username: worker.username, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
    });
    expect(subjectOf(response.body.accessToken)).toBe(worker.id);

    const workflows = await t.getAs(response.body.accessToken, '/api/v1/workflows');
    expect(workflows.status).toBe(200);
    expect(
      workflows.body.items.map((w: { id: string; version: number }) => `${w.id} v${w.version}`),
    ).toEqual([
      'award_proposal v1',
      'council_session v1',
      'emulation_registration v1',
      'movement v1',
      'movement_participation v1',
      'nomination v1',
      'nomination v2',
      'nomination v3',
      'nomination v4',
      'nomination v5',
      'nomination v6',
      'nomination v7',
      'nomination v8',
      'nomination v9',
      'violation v1',
      'violation v2',
      'violation v3',
      'violation v4',
      'violation v5',
    ]);
  });

  describe('tokens issued before an account change stop working', () => {
    const patchUser = (id: string, body: object) =>
      t.http.patch(`/api/v1/users/${id}`).auth(t.adminToken, { type: 'bearer' }).send(body);
    const expectWithdrawn = async (token: string) => {
      const refused = await t.getAs(token, '/api/v1/auth/me');
      expectProblem(refused, 401, 'AUTH.UNAUTHENTICATED');
      expect(refused.body.detail).toBe(
        'The token was withdrawn because the account changed since it was issued (its ' +
          'password, roles or status): please sign in again.',
      );
      expect(refused.body.detailVi).toMatch(/^Mã truy cập đã bị thu hồi/);
    };

    test('a deactivation and reactivation', async () => {
      const user = await t.userWith('auditor');
      const browser = await t.browserSession(user.username);
      expect((await patchUser(user.id, { active: false })).status).toBe(200);
      expect((await patchUser(user.id, { active: true })).status).toBe(200);

      // Reactivated, the account is back, but not what was issued before.
      await expectWithdrawn(user.token);
      expectProblem(
        await t.asBrowser(browser, 'get', '/api/v1/auth/me'),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      expectProblem(
        await t.http.post('/api/v1/auth/refresh').set('Cookie', browser.cookieHeader()),
        401,
        'AUTH.SESSION_ENDED',
      );
      const again = await t.login(user.username);
      expect((await t.getAs(again, '/api/v1/auth/me')).status).toBe(200);
      // Renaming the account withdraws nothing.
      expect((await patchUser(user.id, { displayName: 'Đổi tên thôi' })).status).toBe(200);
      expect((await t.getAs(again, '/api/v1/auth/me')).status).toBe(200);
    });

    test('a grant removed', async () => {
      const user = await t.userWith('auditor', 'secretariat');
      const browser = await t.browserSession(user.username);
      const auditorGrant = (
        await t.getAs(t.adminToken, `/api/v1/users/${user.id}`)
      ).body.grants.find((grant: { role: string }) => grant.role === 'auditor').id as string;
      const removed = await t.http
        .delete(`/api/v1/users/${user.id}/grants/${auditorGrant}`)
        .auth(t.adminToken, { type: 'bearer' });
      expect(removed.status).toBe(200);

      await expectWithdrawn(user.token);
      expectProblem(
        await t.http.post('/api/v1/auth/refresh').set('Cookie', browser.cookieHeader()),
        401,
        'AUTH.SESSION_ENDED',
      );
      // Signed in again, the user has what they still hold.
      const again = await t.login(user.username);
      expect((await t.getAs(again, '/api/v1/auth/me')).body.roles).toEqual(['secretariat']);
      // Adding a grant withdraws nothing.
      const granted = await t
        .postAs(t.adminToken, `/api/v1/users/${user.id}/grants`)
        .send({ role: 'council_member' });
      expect(granted.status).toBe(201);
      expect((await t.getAs(again, '/api/v1/auth/me')).status).toBe(200);
    });

    test('a password reset by an administrator', async () => {
      const user = await t.userWith('auditor');
      const reset = await t.postAs(t.adminToken, `/api/v1/users/${user.id}/password-reset`);
      expect(reset.status).toBe(200);
      await expectWithdrawn(user.token);
    });

    test('a password change: bearer tokens, and the other browsers', async () => {
      const user = await t.userWith('auditor');
      const other = await t.login(user.username);
      const changed = await t.changePassword(user.token, TEST_PASSWORD, 'một-mật-khẩu-khác-hẳn');
      expect(changed.status).toBe(204);
      // A bearer client gets no new token: it signs in again with the new password.
      expect(changed.headers['set-cookie']).toBeUndefined();
      await expectWithdrawn(user.token);
      await expectWithdrawn(other);
      expect(typeof (await t.login(user.username, 'một-mật-khẩu-khác-hẳn'))).toBe('string');
    });

    test('a token that names another generation than its account’s is refused', async () => {
      // The administrator configured at start-up never changed anything: the first generation.
      const adminId = subjectOf(t.adminToken);
      const now = Math.floor(Date.now() / 1000);
      for (const gen of [1, -1, 0.5, '0', null]) {
        const forged = signToken({ sub: adminId, gen, iat: now, exp: now + 600 }, secret);
        expectProblem(await t.getAs(forged, '/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
      }
      // One issued before generations existed (no `gen`) counts as the first generation.
      const older = signToken({ sub: adminId, iat: now, exp: now + 600 }, secret);
      expect((await t.getAs(older, '/api/v1/auth/me')).status).toBe(200);
      // The worker changed their password at the first sign-in: the first generation is past.
      const stale = signToken({ sub: worker.id, iat: now, exp: now + 600 }, secret);
      expectProblem(await t.getAs(stale, '/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    });
  });

  test('only an administrator lists and creates users', async () => {
    const newUser = {
      username: 'tran.thi.mai',
      displayName: 'Trần Thị Mai',
      password: TEST_PASSWORD,
      grants: [{ role: 'auditor' }],
    };

    const listByWorker = await t.getAs(worker.token, '/api/v1/users');
    expectProblem(listByWorker, 403, 'AUTH.FORBIDDEN');
    expect(listByWorker.body.requiredRoles).toEqual(['admin']);
    const createByWorker = await t.postAs(worker.token, '/api/v1/users').send(newUser);
    expectProblem(createByWorker, 403, 'AUTH.FORBIDDEN');

    const created = await t.postAs(t.adminToken, '/api/v1/users').send(newUser);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'tran.thi.mai',
      displayName: 'Trần Thị Mai',
      personId: null,
      grants: [{ id: expect.any(String), role: 'auditor', unitId: null }],
      roles: ['auditor'],
      active: true,
      // The administrator chose the password: the user must replace it first.
      mustChangePassword: true,
    });
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(typeof (await t.login('tran.thi.mai'))).toBe('string');

    const duplicate = await t
      .postAs(t.adminToken, '/api/v1/users')
      .send({ ...newUser, displayName: 'Someone else', grants: [{ role: 'admin' }] });
    expectProblem(duplicate, 409, 'USER.USERNAME_TAKEN');

    const listed = await t.getAs(t.adminToken, '/api/v1/users');
    expect(listed.status).toBe(200);
    const usernames = listed.body.items.map((u: { username: string }) => u.username);
    expect(usernames.filter((name: string) => name === 'tran.thi.mai')).toHaveLength(1);
    expect(usernames).toEqual(expect.arrayContaining([ADMIN.username, worker.username]));
    // No password nor its hash: `mustChangePassword` is the only key that may mention one.
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|"password/i);
  });

  test("only an administrator reads and changes a user's account and grants", async () => {
    const unit = await t.createUnit('Đảng bộ cơ sở (tài khoản)', 'grassroots_party_org');
    const person = await t.createPerson('Trần Thị Mai Anh', unit.id);
    const user = await t.userWith('auditor');
    const userPath = `/api/v1/users/${user.id}`;

    const byWorker = [
      await t.getAs(worker.token, userPath),
      await t.http
        .patch(userPath)
        .auth(worker.token, { type: 'bearer' })
        .send({ displayName: 'Kẻ mạo danh' }),
      await t.postAs(worker.token, `${userPath}/grants`).send({ role: 'admin' }),
      await t.http
        .delete(`${userPath}/grants/${randomUUID()}`)
        .auth(worker.token, { type: 'bearer' }),
    ];
    for (const response of byWorker) expectProblem(response, 403, 'AUTH.FORBIDDEN');

    const read = await t.getAs(t.adminToken, userPath);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: user.id, username: user.username, roles: ['auditor'] });
    expect(JSON.stringify(read.body)).not.toMatch(/scrypt|"password/i);
    const auditorGrant = read.body.grants[0].id as string;

    const patched = await t.http
      .patch(userPath)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ displayName: 'Trần Thị Mai Anh', personId: person.id });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: 'Trần Thị Mai Anh', personId: person.id });

    const granted = await t
      .postAs(t.adminToken, `${userPath}/grants`)
      .send({ role: 'unit_leader', unitId: unit.id });
    expect(granted.status).toBe(201);
    expect(granted.body.grants).toEqual([
      { id: auditorGrant, role: 'auditor', unitId: null },
      { id: expect.any(String), role: 'unit_leader', unitId: unit.id },
    ]);
    const afterGrant = await t.getAs(t.adminToken, userPath);
    expect(afterGrant.body.grants).toEqual(granted.body.grants);
    expect([...afterGrant.body.roles].sort()).toEqual(['auditor', 'unit_leader']);

    const scopedAdmin = await t
      .postAs(t.adminToken, `${userPath}/grants`)
      .send({ role: 'admin', unitId: unit.id });
    expectProblem(scopedAdmin, 422, 'USER.ADMIN_GRANT_SCOPED');

    const changesPath = `/api/v1/units/${unit.id}/changes`;
    expect((await t.getAs(user.token, changesPath)).status).toBe(200);
    const revoked = await t.http
      .delete(`${userPath}/grants/${auditorGrant}`)
      .auth(t.adminToken, { type: 'bearer' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.grants).toEqual([
      { id: expect.any(String), role: 'unit_leader', unitId: unit.id },
    ]);
    const again = await t.http
      .delete(`${userPath}/grants/${auditorGrant}`)
      .auth(t.adminToken, { type: 'bearer' });
    expectProblem(again, 404, 'USER.GRANT_NOT_FOUND');

    // The withdrawn role stops working at once: the token is withdrawn, and signed in again the
    // user no longer has it.
    expectProblem(await t.getAs(user.token, changesPath), 401, 'AUTH.UNAUTHENTICATED');
    const signedInAgain = await t.login(user.username);
    expectProblem(await t.getAs(signedInAgain, changesPath), 403, 'AUTH.FORBIDDEN');
    const fresh = await t.getAs(t.adminToken, userPath);
    expect(fresh.body).toMatchObject({
      personId: person.id,
      grants: revoked.body.grants,
      roles: ['unit_leader'],
    });

    const deactivated = await t.http
      .patch(userPath)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ active: false });
    expect(deactivated.status).toBe(200);
    expectProblem(await t.getAs(signedInAgain, '/api/v1/units'), 401, 'AUTH.UNAUTHENTICATED');

    expectProblem(
      await t.getAs(t.adminToken, `/api/v1/users/${randomUUID()}`),
      404,
      'USER.NOT_FOUND',
    );
  });

  test('the answer to a grant or a revocation is the account as it now is, roles included', async () => {
    const unit = await t.createUnit('Chi bộ (vai trò)', 'party_cell');
    const user = await t.userWith('auditor');
    const userPath = `/api/v1/users/${user.id}`;
    const current = async () => (await t.getAs(t.adminToken, userPath)).body;

    const granted = await t
      .postAs(t.adminToken, `${userPath}/grants`)
      .send({ role: 'secretariat', unitId: unit.id });
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual(await current());
    expect([...granted.body.roles].sort()).toEqual(['auditor', 'secretariat']);

    const auditorGrant = granted.body.grants.find(
      (grant: { role: string }) => grant.role === 'auditor',
    ).id as string;
    const revoked = await t.http
      .delete(`${userPath}/grants/${auditorGrant}`)
      .auth(t.adminToken, { type: 'bearer' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual(await current());
    expect(revoked.body.roles).toEqual(['secretariat']);
  });

  test('only an administrator changes the organisation registry; the others may only read it', async () => {
    const unit = await t.createUnit('Chi bộ Văn phòng', 'party_cell');
    const person = await t.createPerson('Phan Văn Khải', unit.id);
    const writes = [
      t.postAs(worker.token, '/api/v1/units').send({ code: 'X-1', name: 'X', kind: 'office' }),
      t.http
        .patch(`/api/v1/units/${unit.id}`)
        .auth(worker.token, { type: 'bearer' })
        .send({ name: 'Đổi tên' }),
      t.postAs(worker.token, '/api/v1/people').send({
        code: 'X-2',
        fullName: 'Người lạ',
        unitId: unit.id,
        employmentType: 'worker',
      }),
      t.http
        .patch(`/api/v1/people/${person.id}`)
        .auth(worker.token, { type: 'bearer' })
        .send({ fullName: 'Đổi tên' }),
    ];
    for (const response of await Promise.all(writes)) {
      expectProblem(response, 403, 'AUTH.FORBIDDEN');
      expect(response.body.requiredRoles).toEqual(['admin']);
    }

    // The worker holds the auditor role too, so it may read the change log; a leader may not.
    const [leader] = await t.tokensFor('unit_leader');
    for (const path of [
      `/api/v1/units/${unit.id}/changes`,
      `/api/v1/people/${person.id}/changes`,
    ]) {
      expectProblem(await t.getAs(leader, path), 403, 'AUTH.FORBIDDEN');
      expect((await t.getAs(worker.token, path)).status).toBe(200);
    }

    const unitRead = await t.getAs(worker.token, `/api/v1/units/${unit.id}`);
    expect(unitRead.body).toMatchObject({ id: unit.id, name: 'Chi bộ Văn phòng' });
    const personRead = await t.getAs(leader, `/api/v1/people/${person.id}`);
    expect(personRead.body).toMatchObject({ id: person.id, fullName: 'Phan Văn Khải' });
  });

  test('an administrator without a working role cannot read, open or act on cases', async () => {
    const subject = await t.personSubject('Lê Văn Tám');
    const opened = await t.openCase(worker.token, {
      type: 'nomination',
      subject,
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;

    // The routes a person without a role needs (the cases about them) are open to every signed-in
    // user; the admin reads no case, so finds none of them and lists nothing.
    const listed = await t.getAs(t.adminToken, '/api/v1/cases');
    expect({ status: listed.status, items: listed.body.items }).toEqual({ status: 200, items: [] });
    for (const path of [`/api/v1/cases/${id}`, `/api/v1/cases/${id}/history`]) {
      expectProblem(await t.getAs(t.adminToken, path), 404, 'CASE.NOT_FOUND');
    }
    expectProblem(await t.getAs(t.adminToken, `/api/v1/cases/${id}/verify`), 403, 'AUTH.FORBIDDEN');
    const openByAdmin = await t.openCase(t.adminToken, {
      type: 'nomination',
      subject,
      data: nominationData(),
    });
    expectProblem(openByAdmin, 403, 'AUTH.FORBIDDEN');
    const eventByAdmin = await t.sendEvent(t.adminToken, id, 'SUBMIT');
    expectProblem(eventByAdmin, 404, 'CASE.NOT_FOUND');

    const unchanged = await t.getCase(worker.token, id);
    expect(unchanged.body).toMatchObject({ state: 'draft', version: 1 });
    const all = await t.listCases(worker.token);
    expect(all.body.items).toHaveLength(1);
  });

  test('the health check and the API documentation need no token', async () => {
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up', dialect } },
    });

    const docs = await t.http.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);

    // The public notice pages answer without a token: a list, and 404s for what does not exist.
    const notices = await t.http.get('/api/v1/public/notices');
    expect(notices.status).toBe(200);
    expect(notices.body).toMatchObject({ items: expect.any(Array) });
    expectProblem(
      await t.http.get('/api/v1/public/certificates/NO-SUCH-CODE'),
      404,
      'CERTIFICATE.NOT_FOUND',
    );
  });
});
