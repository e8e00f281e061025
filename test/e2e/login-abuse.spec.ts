import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  expectProblem,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/test-app';

const MAX_FAILURES = 3;
const LOCKOUT_SECONDS = 2;

/**
 * Story: someone guesses passwords. After a few consecutive failures the username is locked for a
 * while (whether or not it exists, so the lock reveals nothing), even the right password is
 * refused until the lock ends, and locking a real account is in its change log. Every answer
 * carries protective headers, and CORS stays closed.
 */
describe.each(DIALECTS)('login abuse limits (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.LOGIN_MAX_FAILURES = String(MAX_FAILURES);
    process.env.LOGIN_LOCKOUT_SECONDS = String(LOCKOUT_SECONDS);
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    delete process.env.LOGIN_MAX_FAILURES;
    delete process.env.LOGIN_LOCKOUT_SECONDS;
    await t.close();
  });

  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  test('a known account is locked after the failures, audited, and opens again later', async () => {
    const user = await t.userWith('auditor');
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expectProblem(await login(user.username, 'wrong-password!'), 401, 'AUTH.INVALID_CREDENTIALS');
    }
    const locked = await login(user.username, TEST_PASSWORD);
    expectProblem(locked, 429, 'AUTH.TEMPORARILY_LOCKED');
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.body.retryAfterSeconds).toBeLessThanOrEqual(LOCKOUT_SECONDS);

    const changes = await t.getAs(t.adminToken, `/api/v1/users/${user.id}/changes`);
    const lock = changes.body.find(
      (change: { action: string }) => change.action === 'login_locked',
    );
    expect(lock).toMatchObject({ actorUsername: 'login', after: { afterFailures: MAX_FAILURES } });

    await new Promise((resolve) => setTimeout(resolve, LOCKOUT_SECONDS * 1000 + 200));
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  test('an unknown username is locked the same way, so a lock reveals nothing', async () => {
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expectProblem(
        await login('khong.ton.tai', 'wrong-password!'),
        401,
        'AUTH.INVALID_CREDENTIALS',
      );
    }
    expectProblem(await login('khong.ton.tai', 'wrong-password!'), 429, 'AUTH.TEMPORARILY_LOCKED');
  });

  test('a successful login starts the count again', async () => {
    const user = await t.userWith('secretariat');
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < MAX_FAILURES - 1; attempt++) {
        expectProblem(
          await login(user.username, 'wrong-password!'),
          401,
          'AUTH.INVALID_CREDENTIALS',
        );
      }
      expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
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
