import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  browserSessionFrom,
  cookiesSetBy,
  expectProblem,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/test-app';

const MAX_FAILURES = 3;
const LOCKOUT_SECONDS = 600;
const WRONG = 'wrong-password!';

/** Client addresses, as the trusted proxy (the test client, 127.0.0.1) reports them. */
const OFFICE = '192.0.2.10';
const HOME = '198.51.100.20';

/**
 * Story: someone guesses passwords. After a few consecutive failures from one address, that
 * username is locked *at that address* for a while (whether or not it exists, so the lock reveals
 * nothing): even the right password is refused there, while the real user elsewhere still gets in,
 * and so does a browser that already holds a session of that user. Locking a real account is in
 * its change log with the address; an administrator can lift every lock at once. Every answer
 * carries protective headers, and CORS stays closed.
 */
describe.each(DIALECTS)('login abuse limits (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
      TRUST_PROXY: '127.0.0.1',
    });
  });
  afterAll(() => t.close());

  const login = (from: string, username: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

  const signIn = (from: string, username: string, password: string, cookie?: string) =>
    t.signIn(username, password, {
      'X-Forwarded-For': from,
      ...(cookie === undefined ? {} : { Cookie: cookie }),
    });

  const failTimes = async (from: string, username: string) => {
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expectProblem(await login(from, username, WRONG), 401, 'AUTH.INVALID_CREDENTIALS');
    }
  };

  const changesOf = async (userId: string) =>
    (await t.getAs(t.adminToken, `/api/v1/users/${userId}/changes`)).body as {
      action: string;
      actorUsername: string;
      before: unknown;
      after: Record<string, unknown> | null;
    }[];

  test('failures from one address lock the account there only: the user elsewhere gets in', async () => {
    const user = await t.userWith('council_chair');
    await failTimes(OFFICE, user.username);

    const locked = await login(OFFICE, user.username, TEST_PASSWORD);
    expectProblem(locked, 429, 'AUTH.TEMPORARILY_LOCKED');
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.body.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    expectProblem(
      await signIn(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );

    // The chair, at home, is not kept out by whoever guessed at the office.
    expect((await login(HOME, user.username, TEST_PASSWORD)).status).toBe(200);
    expect((await signIn(HOME, user.username, TEST_PASSWORD)).status).toBe(200);
    // Nor does their success there lift the lock at the office.
    expectProblem(
      await login(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );

    const locks = (await changesOf(user.id)).filter((change) => change.action === 'login_locked');
    expect(locks).toEqual([
      expect.objectContaining({
        actorUsername: 'login',
        after: expect.objectContaining({ afterFailures: MAX_FAILURES, clientAddress: OFFICE }),
      }),
    ]);
  });

  test('the lock ends by itself after the lockout', async () => {
    const user = await t.userWith('secretariat');
    await failTimes(OFFICE, user.username);
    expectProblem(
      await login(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );

    t.advanceClock(LOCKOUT_SECONDS + 1);
    expect((await login(OFFICE, user.username, TEST_PASSWORD)).status).toBe(200);
  });

  test('an unknown username is locked the same way, so a lock reveals nothing', async () => {
    const known = await t.userWith('auditor');
    await failTimes(OFFICE, known.username);
    await failTimes(OFFICE, 'khong.ton.tai');

    const lockedKnown = await login(OFFICE, known.username, WRONG);
    const lockedUnknown = await login(OFFICE, 'khong.ton.tai', WRONG);
    for (const response of [lockedKnown, lockedUnknown]) {
      expectProblem(response, 429, 'AUTH.TEMPORARILY_LOCKED');
    }
    expect(Object.keys(lockedUnknown.body).sort()).toEqual(Object.keys(lockedKnown.body).sort());
  });

  test('a browser holding a session of the user gets in while its address is locked', async () => {
    const user = await t.userWith('council_member');
    const other = await t.userWith('council_member');
    // The member signed in at the office yesterday; today a colleague behind the same office
    // address guesses their password until it locks.
    const known = browserSessionFrom(await signIn(OFFICE, user.username, TEST_PASSWORD));
    const othersBrowser = browserSessionFrom(await signIn(OFFICE, other.username, TEST_PASSWORD));
    await failTimes(OFFICE, user.username);

    expectProblem(
      await signIn(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
    // Someone else's session does not open this user's lock.
    expectProblem(
      await signIn(OFFICE, user.username, TEST_PASSWORD, othersBrowser.cookieHeader()),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
    const again = await signIn(OFFICE, user.username, TEST_PASSWORD, known.cookieHeader());
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({ id: user.id, username: user.username });
    // On plain http the cookies cannot be marked Secure (the browser would never send them).
    expect(cookiesSetBy(again).thidua_refresh.attributes.secure).toBeUndefined();
    // The lock is still there for everyone else at the office.
    expectProblem(
      await signIn(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );

    // A known browser that guesses wrong while locked loses its session, and with it the way in.
    const renewed = browserSessionFrom(again);
    expectProblem(
      await signIn(OFFICE, user.username, WRONG, renewed.cookieHeader()),
      401,
      'AUTH.INVALID_CREDENTIALS',
    );
    expectProblem(
      await t.asBrowser(renewed, 'get', '/api/v1/auth/me'),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    expectProblem(
      await signIn(OFFICE, user.username, TEST_PASSWORD, renewed.cookieHeader()),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
  });

  test('an IPv6 client is counted by its /64 network: a new address there is no new start', async () => {
    const user = await t.userWith('auditor');
    for (const host of ['1', '2', '3']) {
      expectProblem(
        await login(`2001:db8:0:7::${host}`, user.username, WRONG),
        401,
        'AUTH.INVALID_CREDENTIALS',
      );
    }
    expectProblem(
      await login('2001:db8:0:7::99', user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
    expect((await login('2001:db8:0:8::1', user.username, TEST_PASSWORD)).status).toBe(200);
  });

  test('an administrator lifts the locks of an account at every address at once', async () => {
    const user = await t.userWith('unit_leader');
    await failTimes(OFFICE, user.username);
    await failTimes(HOME, user.username);
    for (const from of [OFFICE, HOME]) {
      expectProblem(
        await login(from, user.username, TEST_PASSWORD),
        429,
        'AUTH.TEMPORARILY_LOCKED',
      );
    }
    const [auditor] = await t.tokensFor('auditor');
    const byAuditor = await t.postAs(auditor, `/api/v1/users/${user.id}/unlock`);
    expectProblem(byAuditor, 403, 'AUTH.FORBIDDEN');
    expectProblem(
      await login(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );

    const unlocked = await t.postAs(t.adminToken, `/api/v1/users/${user.id}/unlock`);
    expect(unlocked.status).toBe(204);
    for (const from of [OFFICE, HOME]) {
      expect((await login(from, user.username, TEST_PASSWORD)).status).toBe(200);
    }

    const unlock = (await changesOf(user.id)).find((change) => change.action === 'login_unlocked');
    expect(unlock).toMatchObject({
      actorUsername: ADMIN.username,
      before: {
        throttled: expect.arrayContaining([
          expect.objectContaining({ clientAddress: OFFICE, lockedUntil: expect.any(String) }),
          expect.objectContaining({ clientAddress: HOME, lockedUntil: expect.any(String) }),
        ]),
      },
    });
    expectProblem(
      await t.postAs(t.adminToken, `/api/v1/users/01a23000-0000-7000-8000-000000000000/unlock`),
      404,
      'USER.NOT_FOUND',
    );
  });

  test('a successful login starts the count again', async () => {
    const user = await t.userWith('secretariat');
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < MAX_FAILURES - 1; attempt++) {
        expectProblem(await login(OFFICE, user.username, WRONG), 401, 'AUTH.INVALID_CREDENTIALS');
      }
      expect((await login(OFFICE, user.username, TEST_PASSWORD)).status).toBe(200);
    }
  });

  test('answers carry protective headers and no CORS permission', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ username: ADMIN.username, password: ADMIN.password });
    expect(response.status).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
