import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  browserSessionFrom,
  expectProblem,
  INITIAL_PASSWORD,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/test-app';

const MAX_FAILURES = 3;
const NEW_PASSWORD = 'a-password-only-i-know';

/**
 * Story: a password an administrator chose (a new account, a reset) is only good for choosing
 * one's own: until then every other route refuses with AUTH.PASSWORD_CHANGE_REQUIRED. Changing a
 * password needs the current one (a wrong one counts toward the lockout) and signs out every other
 * browser; a reset signs out all of them. Each change is in the account's change log, never the
 * password itself. The administrator configured at start-up is not made to change theirs.
 */
describe.each(DIALECTS)('passwords (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { LOGIN_MAX_FAILURES: String(MAX_FAILURES) });
  });
  afterAll(() => t.close());

  /** A user as the administrator creates them, not yet through their first password change. */
  const newAccount = async (username: string) => {
    const created = await t.postAs(t.adminToken, '/api/v1/users').send({
      username,
      displayName: 'Lê Thị Hồng',
      password: INITIAL_PASSWORD,
      grants: [{ role: 'auditor' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    return created.body.id as string;
  };

  const changesOf = async (userId: string) =>
    (await t.getAs(t.adminToken, `/api/v1/users/${userId}/changes`)).body as {
      action: string;
      actorUsername: string;
      before: unknown;
      after: unknown;
    }[];

  test('a new account may only read who it is and change its password, until it does', async () => {
    const id = await newAccount('le.thi.hong');
    const signedIn = await t.signIn('le.thi.hong', INITIAL_PASSWORD);
    expect(signedIn.body.user).toMatchObject({ id, mustChangePassword: true });
    const browser = browserSessionFrom(signedIn);
    const token = await t.login('le.thi.hong', INITIAL_PASSWORD);

    expect((await t.asBrowser(browser, 'get', '/api/v1/auth/me')).status).toBe(200);
    for (const response of [
      await t.asBrowser(browser, 'get', '/api/v1/units'),
      await t.getAs(token, '/api/v1/units'),
      await t.getAs(token, '/api/v1/audit/events'),
    ]) {
      expectProblem(response, 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
      expect(response.body.detailVi).toEqual(expect.any(String));
    }

    const change = (currentPassword: string, newPassword: string) =>
      t.asBrowser(browser, 'post', '/api/v1/auth/password').send({ currentPassword, newPassword });
    expectProblem(await change(INITIAL_PASSWORD, INITIAL_PASSWORD), 422, 'AUTH.PASSWORD_UNCHANGED');
    const tooShort = await change(INITIAL_PASSWORD, 'short');
    expectProblem(tooShort, 400, 'VALIDATION.FAILED');
    expect(tooShort.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'newPassword',
    ]);
    const spaces = await change(INITIAL_PASSWORD, ' '.repeat(16));
    expectProblem(spaces, 400, 'VALIDATION.FAILED');
    const wrong = await change('not-my-password', NEW_PASSWORD);
    expectProblem(wrong, 403, 'AUTH.WRONG_CURRENT_PASSWORD');
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', messages: expect.any(Array) }]);

    expect((await change(INITIAL_PASSWORD, NEW_PASSWORD)).status).toBe(204);
    const me = await t.asBrowser(browser, 'get', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ id, mustChangePassword: false });
    expect((await t.asBrowser(browser, 'get', '/api/v1/units')).status).toBe(200);
    expect((await t.getAs(token, '/api/v1/audit/events')).status).toBe(200);
    expectProblem(
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'le.thi.hong', password: INITIAL_PASSWORD }),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    expect(typeof (await t.login('le.thi.hong', NEW_PASSWORD))).toBe('string');

    const changes = await changesOf(id);
    expect(changes.map((record) => record.action)).toEqual(['create', 'password_changed']);
    expect(changes[1]).toMatchObject({
      actorUsername: 'le.thi.hong',
      before: { mustChangePassword: true },
      after: { mustChangePassword: false, otherSessionsEnded: 0 },
    });
    expect(JSON.stringify(changes)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(changes)).not.toContain(INITIAL_PASSWORD);
  });

  test('the administrator configured at start-up is not made to change the password', async () => {
    const me = await t.getAs(t.adminToken, '/api/v1/auth/me');
    expect(me.body).toMatchObject({ username: ADMIN.username, mustChangePassword: false });
    expect((await t.getAs(t.adminToken, '/api/v1/users')).status).toBe(200);
  });

  test('changing one’s password signs out every other browser, not this one', async () => {
    const user = await t.userWith('auditor');
    const here = await t.browserSession(user.username);
    const elsewhere = await t.browserSession(user.username);

    const changed = await t
      .asBrowser(here, 'post', '/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);

    expect((await t.asBrowser(here, 'get', '/api/v1/auth/me')).status).toBe(200);
    expectProblem(
      await t.asBrowser(elsewhere, 'get', '/api/v1/auth/me'),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').set('Cookie', elsewhere.cookieHeader()),
      401,
      'AUTH.SESSION_ENDED',
    );
    // The first change is the helper's, from the administrator's password to TEST_PASSWORD.
    const changes = (await changesOf(user.id)).filter(
      (record) => record.action === 'password_changed',
    );
    expect(changes.map((record) => record.after)).toEqual([
      expect.objectContaining({ otherSessionsEnded: 0 }),
      expect.objectContaining({ otherSessionsEnded: 1 }),
    ]);
  });

  test('a wrong current password counts toward the lockout', async () => {
    const user = await t.userWith('auditor');
    const change = (currentPassword: string) =>
      t
        .postAs(user.token, '/api/v1/auth/password')
        .send({ currentPassword, newPassword: NEW_PASSWORD });
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expectProblem(await change('not-my-password'), 403, 'AUTH.WRONG_CURRENT_PASSWORD');
    }
    expectProblem(await change(TEST_PASSWORD), 429, 'AUTH.TEMPORARILY_LOCKED');
    expectProblem(
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD }),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
    expect((await changesOf(user.id)).map((record) => record.action)).toContain('login_locked');
  });

  test('a reset gives a one-time password, signs the user out everywhere and requires a new one', async () => {
    const user = await t.userWith('auditor');
    const browser = await t.browserSession(user.username);
    const [auditor] = await t.tokensFor('auditor');
    const resetPath = `/api/v1/users/${user.id}/password-reset`;

    expectProblem(await t.postAs(auditor, resetPath), 403, 'AUTH.FORBIDDEN');
    expect((await t.asBrowser(browser, 'get', '/api/v1/auth/me')).status).toBe(200);

    const reset = await t.postAs(t.adminToken, resetPath);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({
      temporaryPassword: expect.stringMatching(/^[\w]{5}(-\w{5}){3}$/),
    });
    const temporary = reset.body.temporaryPassword as string;
    const again = await t.postAs(t.adminToken, resetPath);
    expect(again.body.temporaryPassword).not.toBe(temporary);

    expectProblem(
      await t.asBrowser(browser, 'get', '/api/v1/auth/me'),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    // The earlier bearer token still identifies the user, but may do nothing but change the
    // password, which needs the new one.
    expectProblem(await t.getAs(user.token, '/api/v1/units'), 403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    expectProblem(
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD }),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    const latest = again.body.temporaryPassword as string;
    const signedIn = await t.signIn(user.username, latest);
    expect(signedIn.body.user).toMatchObject({ id: user.id, mustChangePassword: true });
    const changed = await t
      .asBrowser(browserSessionFrom(signedIn), 'post', '/api/v1/auth/password')
      .send({ currentPassword: latest, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await t.getAs(user.token, '/api/v1/units')).status).toBe(200);

    const resets = (await changesOf(user.id)).filter(
      (record) => record.action === 'password_reset',
    );
    expect(resets).toEqual([
      expect.objectContaining({
        actorUsername: ADMIN.username,
        after: { mustChangePassword: true, sessionsEnded: 1 },
      }),
      expect.objectContaining({ after: { mustChangePassword: true, sessionsEnded: 0 } }),
    ]);
    expect(JSON.stringify(resets)).not.toContain(temporary);
    expectProblem(
      await t.postAs(t.adminToken, '/api/v1/users/not-a-user/password-reset'),
      404,
      'USER.NOT_FOUND',
    );
  });
});
