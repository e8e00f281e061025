import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  browserSessionFrom,
  cookiesSetBy,
  expectProblem,
  startTestApp,
  TEST_PASSWORD,
  type BrowserSession,
  type SetCookie,
  type TestApp,
} from '../support/test-app';
import { afterNextPasswordCheck, resetByAdmin } from '../support/password-races';

const ACCESS_SECONDS = 900;
const IDLE_SECONDS = 8 * 3600;
const MAX_SECONDS = 24 * 3600;
const GRACE_SECONDS = 10;

/**
 * Story: the web application signs a user in with cookies. The browser holds a short access
 * cookie and a refresh cookie that only the sign-in routes see, both out of reach of page scripts
 * and of other sites; a request that changes something also needs the session's CSRF token. The
 * refresh token is replaced at every use, and a replaced one that comes back ends the session.
 * Signing out, or leaving the browser idle, ends the session for good.
 */
describe.each(DIALECTS)('browser sessions (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { PUBLIC_BASE_URL: 'https://thidua.example.gov.vn' });
  });
  afterAll(() => t.close());

  const refresh = (cookie?: string) => {
    const call = t.http.post('/api/v1/auth/refresh');
    return cookie === undefined ? call : call.set('Cookie', cookie);
  };
  const refreshCookieOf = (session: BrowserSession) => `thidua_refresh=${session.refresh}`;
  const me = (session: BrowserSession) => t.asBrowser(session, 'get', '/api/v1/auth/me');
  const expectCleared = (cookie: SetCookie | undefined, path: string) =>
    expect(cookie).toEqual({
      value: '',
      attributes: expect.objectContaining({ path, 'max-age': '0' }),
    });

  test('signing in sets two cookies scripts and other sites cannot use, and says who signed in', async () => {
    const user = await t.userWith('secretariat');
    const response = await t.signIn(user.username);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: {
        id: user.id,
        username: user.username,
        displayName: expect.any(String),
        roles: ['secretariat'],
        grants: [{ id: expect.any(String), role: 'secretariat', unitId: null }],
        personId: null,
        mustChangePassword: false,
      },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      accessExpiresIn: ACCESS_SECONDS,
    });

    const cookies = cookiesSetBy(response);
    expect(Object.keys(cookies).sort()).toEqual([
      'thidua_access',
      'thidua_refresh',
      'thidua_signed_in',
    ]);
    expect(cookies.thidua_access.attributes).toEqual({
      path: '/api',
      httponly: true,
      samesite: 'Strict',
      secure: true,
      'max-age': String(ACCESS_SECONDS),
    });
    expect(cookies.thidua_refresh.attributes).toEqual({
      path: '/api/v1/auth',
      httponly: true,
      samesite: 'Strict',
      secure: true,
      'max-age': String(IDLE_SECONDS),
    });
    // The page may read only the hint that a session exists, never a credential.
    expect(cookies.thidua_signed_in).toEqual({
      value: '1',
      attributes: {
        path: '/',
        samesite: 'Strict',
        secure: true,
        'max-age': String(IDLE_SECONDS),
      },
    });
    // The refresh cookie is an opaque random value, not a token that says anything.
    expect(cookies.thidua_refresh.value).toMatch(/^[\w-]{43}$/);

    const session = browserSessionFrom(response);
    const whoAmI = await me(session);
    expect(whoAmI.status).toBe(200);
    expect(whoAmI.body).toEqual(response.body.user);
    const work = await t.asBrowser(session, 'get', '/api/v1/cases', false);
    expect(work.status).toBe(200);
  });

  test('a cookie request that changes something needs the session’s CSRF token; a bearer one does not', async () => {
    const admin = await t.browserSession(ADMIN.username, ADMIN.password);
    const otherAdminSession = await t.browserSession(ADMIN.username, ADMIN.password);
    const unit = (code: string) => ({ code, name: `Tổ ${code}`, kind: 'office' });
    const codes = async () =>
      ((await t.getAs(t.adminToken, '/api/v1/units?limit=100')).body.items as { code: string }[])
        .map((item) => item.code)
        .filter((code) => code.startsWith('CSRF-'))
        .sort();

    const withoutToken = await t
      .asBrowser(admin, 'post', '/api/v1/units', false)
      .send(unit('CSRF-1'));
    expectProblem(withoutToken, 403, 'AUTH.CSRF');
    expect(withoutToken.body.detailVi).toEqual(expect.any(String));
    const otherSessionsToken = await t
      .asBrowser(admin, 'post', '/api/v1/units', false)
      .set('X-CSRF-Token', otherAdminSession.csrfToken)
      .send(unit('CSRF-2'));
    expectProblem(otherSessionsToken, 403, 'AUTH.CSRF');
    expect(await codes()).toEqual([]);

    const withToken = await t.asBrowser(admin, 'post', '/api/v1/units').send(unit('CSRF-3'));
    expect(withToken.status).toBe(201);
    const renamed = await t
      .asBrowser(admin, 'patch', `/api/v1/units/${withToken.body.id}`, false)
      .send({ name: 'Đổi tên' });
    expectProblem(renamed, 403, 'AUTH.CSRF');
    // Reading needs no token; an API client with a bearer token needs none either.
    expect((await t.asBrowser(admin, 'get', '/api/v1/units', false)).status).toBe(200);
    const byBearer = await t.postAs(t.adminToken, '/api/v1/units').send(unit('CSRF-4'));
    expect(byBearer.status).toBe(201);
    expect(await codes()).toEqual(['CSRF-3', 'CSRF-4']);
  });

  test('refreshing replaces the refresh token; a replaced one that comes back ends the session', async () => {
    const user = await t.userWith('auditor');
    const first = await t.browserSession(user.username);

    const renewed = await refresh(refreshCookieOf(first));
    expect(renewed.status).toBe(200);
    expect(renewed.body).toEqual({
      user: expect.objectContaining({ id: user.id }),
      csrfToken: first.csrfToken,
      accessExpiresIn: ACCESS_SECONDS,
    });
    const second = browserSessionFrom(renewed);
    expect(second.refresh).not.toBe(first.refresh);
    expect((await me(second)).status).toBe(200);

    // Another tab refreshing with the same token a moment later is not an attack: it gets an
    // access cookie and keeps the refresh cookie the first tab just received.
    const otherTab = await refresh(refreshCookieOf(first));
    expect(otherTab.status).toBe(200);
    expect(Object.keys(cookiesSetBy(otherTab))).toEqual(['thidua_access']);
    expect((await me(browserSessionFrom(otherTab, second))).status).toBe(200);

    // Later, the replaced token can only be a copy: the whole session ends.
    t.advanceClock(GRACE_SECONDS + 1);
    const replayed = await refresh(refreshCookieOf(first));
    expectProblem(replayed, 401, 'AUTH.SESSION_ENDED');
    expectCleared(cookiesSetBy(replayed).thidua_access, '/api');
    expectCleared(cookiesSetBy(replayed).thidua_refresh, '/api/v1/auth');
    expectProblem(await refresh(refreshCookieOf(second)), 401, 'AUTH.SESSION_ENDED');
    expectProblem(await me(second), 401, 'AUTH.UNAUTHENTICATED');

    const changes = await t.getAs(t.adminToken, `/api/v1/users/${user.id}/changes`);
    expect(changes.body).toContainEqual(
      expect.objectContaining({
        action: 'session_ended',
        after: expect.objectContaining({ reason: 'refresh_token_reuse' }),
      }),
    );
  });

  test('without a live refresh cookie, refreshing is refused', async () => {
    expectProblem(await refresh(), 401, 'AUTH.SESSION_ENDED');
    expectProblem(await refresh('thidua_refresh=made-up'), 401, 'AUTH.SESSION_ENDED');
    const user = await t.userWith('auditor');
    const session = await t.browserSession(user.username);
    // The access token is not a refresh token.
    expectProblem(await refresh(`thidua_refresh=${session.access}`), 401, 'AUTH.SESSION_ENDED');
    const withBody = await refresh(refreshCookieOf(session)).send({ remember: true });
    expectProblem(withBody, 400, 'VALIDATION.FAILED');
  });

  test('a session left idle ends, and no session outlives its absolute limit', async () => {
    const user = await t.userWith('auditor');
    const idle = await t.browserSession(user.username);
    let busy = await t.browserSession(user.username);

    // Refreshed every 7 hours, the busy one lives on; the idle one is gone after 8.
    for (let hour = 7; hour <= 21; hour += 7) {
      t.advanceClock(7 * 3600);
      const renewed = await refresh(refreshCookieOf(busy));
      expect({ hour, status: renewed.status }).toEqual({ hour, status: 200 });
      busy = browserSessionFrom(renewed);
      const lifetime = Number(cookiesSetBy(renewed).thidua_refresh.attributes['max-age']);
      // 8 hours from now, until the last refresh, whose cookie ends with the session at 24 hours.
      const expected = Math.min(IDLE_SECONDS, MAX_SECONDS - hour * 3600);
      expect(lifetime).toBeGreaterThan(expected - 60);
      expect(lifetime).toBeLessThanOrEqual(expected);
    }
    expectProblem(await refresh(refreshCookieOf(idle)), 401, 'AUTH.SESSION_ENDED');
    expectProblem(await me(idle), 401, 'AUTH.UNAUTHENTICATED');

    t.advanceClock(3 * 3600 + 1);
    expectProblem(await refresh(refreshCookieOf(busy)), 401, 'AUTH.SESSION_ENDED');
    expectProblem(await me(busy), 401, 'AUTH.UNAUTHENTICATED');
  });

  test('signing out ends the session and clears both cookies; only the page that has the token can', async () => {
    const user = await t.userWith('auditor');
    const session = await t.browserSession(user.username);
    const logout = () => t.http.post('/api/v1/auth/logout').set('Cookie', session.cookieHeader());

    expectProblem(await logout(), 403, 'AUTH.CSRF');
    expect((await me(session)).status).toBe(200);

    const out = await logout().set('X-CSRF-Token', session.csrfToken);
    expect(out.status).toBe(204);
    const cleared = cookiesSetBy(out);
    expectCleared(cleared.thidua_access, '/api');
    expectCleared(cleared.thidua_refresh, '/api/v1/auth');
    expectProblem(await me(session), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await refresh(refreshCookieOf(session)), 401, 'AUTH.SESSION_ENDED');

    // Signing out twice, or without a session, is no error.
    expect((await logout().set('X-CSRF-Token', session.csrfToken)).status).toBe(204);
    expect((await t.http.post('/api/v1/auth/logout')).status).toBe(204);
  });

  test('signing in again in the same browser ends its previous session', async () => {
    const user = await t.userWith('auditor');
    const before = await t.browserSession(user.username);
    const after = browserSessionFrom(
      await t.signIn(user.username, TEST_PASSWORD, { Cookie: before.cookieHeader() }),
    );
    expectProblem(await me(before), 401, 'AUTH.UNAUTHENTICATED');
    expect((await me(after)).status).toBe(200);
  });

  test('a deactivated user’s session stops at once and cannot be refreshed, even once reactivated', async () => {
    const user = await t.userWith('auditor');
    const session = await t.browserSession(user.username);
    const setActive = (active: boolean) =>
      t.http
        .patch(`/api/v1/users/${user.id}`)
        .auth(t.adminToken, { type: 'bearer' })
        .send({ active });
    expect((await setActive(false)).status).toBe(200);
    expectProblem(await me(session), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await refresh(refreshCookieOf(session)), 401, 'AUTH.SESSION_ENDED');

    expect((await setActive(true)).status).toBe(200);
    expectProblem(await me(session), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await refresh(refreshCookieOf(session)), 401, 'AUTH.SESSION_ENDED');
    expect((await me(await t.browserSession(user.username))).status).toBe(200);
  });

  test('a sign-in whose password is reset while it is checked starts no session', async () => {
    const user = await t.userWith('auditor');
    let temporary = '';
    // The administrator's reset commits after the old password was checked, before the session
    // is stored.
    const spy = afterNextPasswordCheck(t, async () => {
      temporary = await resetByAdmin(t, user.id);
    });
    let racing;
    try {
      racing = await t.signIn(user.username, TEST_PASSWORD);
    } finally {
      spy.mockRestore();
    }

    expectProblem(racing, 409, 'AUTH.ACCOUNT_CHANGED');
    expect(racing.body.detailVi).toMatch(/đăng nhập lại/);
    // No session, so no refresh cookie: one would renew it with tokens of the new generation.
    expect(cookiesSetBy(racing).thidua_refresh).toBeUndefined();
    // The old password is refused from now on; the temporary one is the way in.
    expectProblem(await t.signIn(user.username, TEST_PASSWORD), 401, 'AUTH.INVALID_CREDENTIALS');
    const signedIn = await t.signIn(user.username, temporary);
    expect(signedIn.body.user).toMatchObject({ id: user.id, mustChangePassword: true });
  });
});
