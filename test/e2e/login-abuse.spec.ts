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
 * and so does a browser that already holds a session of that user. Guesses sent all at once get
 * no more password checks than guesses sent one by one. Locking a real account is in its change
 * log with the address; an administrator can lift every lock at once. Every answer carries
 * protective headers, and CORS stays closed.
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

  test('a burst of simultaneous guesses gets no more checks than the limit: the right password after them gets no token', async () => {
    const user = await t.userWith('council_chair');
    const guesses = Array.from({ length: 41 }, (_, index) => `wrong-guess-number-${index}`);

    // All sent at once; the right password last.
    const answers = await Promise.all(
      [...guesses, TEST_PASSWORD].map((password) => login(OFFICE, user.username, password)),
    );

    const rightOne = answers[answers.length - 1];
    expectProblem(rightOne, 429, 'AUTH.TEMPORARILY_LOCKED');
    expect(rightOne.body).not.toHaveProperty('accessToken');
    // Only the first MAX_FAILURES had their password checked (and were wrong); every other one
    // was turned away unchecked.
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(42 - MAX_FAILURES);
    expect(statuses.filter((status) => status === 200)).toHaveLength(0);

    const locks = (await changesOf(user.id)).filter((change) => change.action === 'login_locked');
    expect(locks).toEqual([
      expect.objectContaining({
        after: expect.objectContaining({ afterFailures: MAX_FAILURES, clientAddress: OFFICE }),
      }),
    ]);
    // The chair elsewhere is not kept out.
    expect((await login(HOME, user.username, TEST_PASSWORD)).status).toBe(200);
  });

  test('a burst of wrong current passwords to the password change gets no more checks than the limit', async () => {
    const user = await t.userWith('secretariat');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t
          .postAs(user.token, '/api/v1/auth/password')
          .set('X-Forwarded-For', OFFICE)
          .send({ currentPassword: `not-it-${index}`, newPassword: 'một mật khẩu mới đủ dài' }),
      ),
    );
    const codes = answers.map((answer) => answer.body.code as string);
    expect(codes.filter((code) => code === 'AUTH.WRONG_CURRENT_PASSWORD')).toHaveLength(
      MAX_FAILURES,
    );
    expect(codes.filter((code) => code === 'AUTH.TEMPORARILY_LOCKED')).toHaveLength(
      20 - MAX_FAILURES,
    );
    expectProblem(
      await login(OFFICE, user.username, TEST_PASSWORD),
      429,
      'AUTH.TEMPORARILY_LOCKED',
    );
  });

  test('a browser holding a session gets one attempt past a lock, however many it sends at once', async () => {
    const user = await t.userWith('council_member');
    const known = browserSessionFrom(await signIn(OFFICE, user.username, TEST_PASSWORD));
    await failTimes(OFFICE, user.username);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        signIn(OFFICE, user.username, TEST_PASSWORD, known.cookieHeader()),
      ),
    );

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...new Array<number>(9).fill(429)]);
    // The session it held was spent on that attempt; the one it got in its place works.
    expectProblem(await t.asBrowser(known, 'get', '/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    const renewed = browserSessionFrom(answers.find((answer) => answer.status === 200)!);
    expect((await t.asBrowser(renewed, 'get', '/api/v1/auth/me')).status).toBe(200);
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
    expect(response.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-permitted-cross-domain-policies': 'none',
    });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    // A refusal carries them too (they are set before anything else runs).
    const refused = await t.http.get('/api/v1/cases');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-security-policy']).toBe(
      response.headers['content-security-policy'],
    );
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });
});
