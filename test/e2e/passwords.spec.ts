import * as crypto from 'node:crypto';
import {
  currentParameters,
  OWASP_ARGON2ID,
  OWASP_SCRYPT,
  PasswordHasher,
  type HashParameters,
} from '../../src/auth/password-hasher';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  browserSessionAfter,
  browserSessionFrom,
  expectProblem,
  INITIAL_PASSWORD,
  startTestApp,
  TEST_HASHING,
  TEST_PASSWORD,
  type TestApp,
} from '../support/test-app';
import { afterNextPasswordCheck, resetByAdmin } from '../support/password-races';

const MAX_FAILURES = 3;
const NEW_PASSWORD = 'a-password-only-i-know';

/**
 * Story: a password an administrator chose (a new account, a reset) is only good for choosing
 * one's own: until then every other route refuses with AUTH.PASSWORD_CHANGE_REQUIRED. Changing a
 * password needs the current one (a wrong one counts toward the lockout) and a new one that is not
 * easy to guess (the reason is given, in Vietnamese and English), withdraws every token issued
 * before and signs out every other browser, while the browser that made the change stays signed
 * in; a reset signs out all of them. Each change is in the account's change log, never the
 * password itself. The administrator configured at start-up is not made to change theirs.
 * Passwords are stored at the OWASP-recommended cost, and a password stored under older
 * parameters is stored again under the current ones at its owner's next sign-in.
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
    expect(wrong.body.errors).toEqual([
      {
        field: 'currentPassword',
        messages: ['The current password is wrong.'],
        messagesVi: ['Mật khẩu hiện tại không đúng.'],
      },
    ]);

    const changed = await change(INITIAL_PASSWORD, NEW_PASSWORD);
    expect(changed.status).toBe(204);
    // The browser that changed it stays signed in, with the access cookie the answer set.
    const kept = browserSessionAfter(changed, browser);
    expect(kept.access).not.toBe(browser.access);
    const me = await t.asBrowser(kept, 'get', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ id, mustChangePassword: false });
    expect((await t.asBrowser(kept, 'get', '/api/v1/units')).status).toBe(200);
    // Tokens issued under the temporary password are withdrawn.
    expectProblem(await t.getAs(token, '/api/v1/audit/events'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(
      await t.asBrowser(browser, 'get', '/api/v1/auth/me'),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    const fresh = await t.login('le.thi.hong', NEW_PASSWORD);
    expect((await t.getAs(fresh, '/api/v1/audit/events')).status).toBe(200);
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
    const user = await t.userWhoChoseTheirPassword('auditor');
    const here = await t.browserSession(user.username);
    const elsewhere = await t.browserSession(user.username);

    const changed = await t
      .asBrowser(here, 'post', '/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);

    const stillHere = browserSessionAfter(changed, here);
    expect((await t.asBrowser(stillHere, 'get', '/api/v1/auth/me')).status).toBe(200);
    // It goes on refreshing as before.
    const refreshed = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', stillHere.cookieHeader());
    expect((await t.asBrowser(browserSessionFrom(refreshed), 'get', '/api/v1/units')).status).toBe(
      200,
    );
    // Its own access cookie of before the change is no good any more, nor the user's bearer token.
    expectProblem(await t.asBrowser(here, 'get', '/api/v1/auth/me'), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await t.getAs(user.token, '/api/v1/units'), 401, 'AUTH.UNAUTHENTICATED');
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
    // The first change is the user's first sign-in's, from the administrator's password to
    // TEST_PASSWORD.
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
    // The earlier bearer token is withdrawn too.
    const withdrawn = await t.getAs(user.token, '/api/v1/auth/me');
    expectProblem(withdrawn, 401, 'AUTH.UNAUTHENTICATED');
    expect(withdrawn.body.detail).toMatch(/sign in again/);
    expect(withdrawn.body.detailVi).toMatch(/đăng nhập lại/);
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
    expectProblem(await t.getAs(user.token, '/api/v1/units'), 401, 'AUTH.UNAUTHENTICATED');
    expect(
      (await t.getAs(await t.login(user.username, NEW_PASSWORD), '/api/v1/units')).status,
    ).toBe(200);

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
  test('a password change racing an administrator’s reset writes nothing: the reset stands', async () => {
    const user = await t.userWith('auditor');
    const browser = await t.browserSession(user.username);
    let temporary = '';
    // The reset commits after the current password was checked against the hash of before it.
    const spy = afterNextPasswordCheck(t, async () => {
      temporary = await resetByAdmin(t, user.id);
    });
    let changed;
    try {
      changed = await t
        .asBrowser(browser, 'post', '/api/v1/auth/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    } finally {
      spy.mockRestore();
    }

    expectProblem(changed, 409, 'AUTH.PASSWORD_CHANGED_MEANWHILE');
    expect(changed.body.detailVi).toMatch(/đặt lại/);
    expect(changed.body.detail).toMatch(/not saved/);
    // Neither the old password nor the one the user chose opens the account: the temporary one
    // does, and must still be replaced.
    for (const password of [TEST_PASSWORD, NEW_PASSWORD]) {
      expectProblem(
        await t.http.post('/api/v1/auth/login').send({ username: user.username, password }),
        401,
        'AUTH.INVALID_CREDENTIALS',
      );
    }
    const signedIn = await t.signIn(user.username, temporary);
    expect(signedIn.body.user).toMatchObject({ id: user.id, mustChangePassword: true });
    // The reset signed the browser of the change out.
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').set('Cookie', browser.cookieHeader()),
      401,
      'AUTH.SESSION_ENDED',
    );
    expect((await changesOf(user.id)).map((record) => record.action)).not.toContain(
      'password_changed',
    );
  });

  test('a password that is easy to guess is refused with the reason, in Vietnamese and English', async () => {
    const unit = await t.createUnit('Phòng Tổ chức cán bộ', 'office');
    const user = await t.userWithGrants([{ role: 'secretariat', unitId: unit.id }]);
    const renamed = await t.http
      .patch(`/api/v1/users/${user.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ displayName: 'Nguyễn Văn Thành' });
    expect(renamed.status).toBe(200);
    const change = (newPassword: string) =>
      t
        .postAs(user.token, '/api/v1/auth/password')
        .send({ currentPassword: TEST_PASSWORD, newPassword });

    for (const weak of [
      'matkhau123456', // "password" in Vietnamese, and a number run
      'anhyeuem123456', // "I love you"
      'Mậtkhẩu@2024', // the same word with tone marks and the usual symbols
      '123456789012',
      'qwertyuiop123',
      'nguyenvanthanh1990', // the user's own name and a year
      `${user.username}-2025`, // the username
      'phongtochuccanbo', // the unit's name
      'aaaaaaaaaaaaaaaa',
    ]) {
      const refused = await change(weak);
      expectProblem(refused, 422, 'AUTH.PASSWORD_TOO_WEAK');
      expect({ weak, errors: refused.body.errors }).toEqual({
        weak,
        errors: [
          {
            field: 'newPassword',
            messages: [expect.stringMatching(/^The password is too easy to guess\. \S/)],
            messagesVi: [expect.stringMatching(/^Mật khẩu quá dễ đoán\. \S/)],
          },
        ],
      });
      expect(refused.body.detailVi).toBe(refused.body.errors[0].messagesVi[0]);
      expect(refused.body.score).toBeLessThan(refused.body.requiredScore);
    }
    const common = await change('matkhau123456');
    expect(common.body.errors[0].messagesVi[0]).toContain('gần giống một mật khẩu phổ biến');
    const personal = await change('nguyenvanthanh1990');
    expect(personal.body.errors[0].messagesVi[0]).toContain('tên đăng nhập, họ tên hay tên đơn vị');
    expect(personal.body.errors[0].messages[0]).toContain('personal');

    // A weak choice costs no sign-in attempt (nine refusals, over the limit of three), and changes
    // nothing: the password in use still works.
    expect((await t.getAs(user.token, '/api/v1/auth/me')).status).toBe(200);
    expect(typeof (await t.login(user.username))).toBe('string');
  });

  test.each([
    'correct horse battery staple',
    'mây trắng bay qua đồi chè xanh', // a Vietnamese phrase, tone marks and all
    'Tháng-Chạp-mưa-phùn-trên-phố-cổ',
  ])('a password that is hard to guess is accepted: %s', async (strong) => {
    const user = await t.userWith('auditor');
    const changed = await t
      .postAs(user.token, '/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: strong });
    expect(changed.status).toBe(204);
    expect(typeof (await t.login(user.username, strong))).toBe('string');
  });

  describe('hashing', () => {
    const hasher = () => t.app.get(PasswordHasher);
    const storedHashOf = async (userId: string): Promise<string> => {
      const database = t.app.get(Database);
      const placeholder = database.dialect === 'postgres' ? '$1' : '?';
      const rows: { password_hash: string }[] = await database.dataSource.query(
        `SELECT password_hash FROM users WHERE id = ${placeholder}`,
        [userId],
      );
      return rows[0].password_hash;
    };
    /** What this project stored before issue 12: scrypt at a third of the OWASP cost. */
    const LEGACY: HashParameters = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

    afterEach(() => hasher().useParametersForTests(TEST_HASHING));

    test('new passwords are stored at the OWASP cost: Argon2id where the runtime has it, else scrypt', async () => {
      const runtimeHasArgon2 = typeof (crypto as { argon2?: unknown }).argon2;
      expect(currentParameters()).toEqual(
        runtimeHasArgon2 === 'function' ? OWASP_ARGON2ID : OWASP_SCRYPT,
      );
      hasher().useParametersForTests(currentParameters());
      const user = await t.userWith('auditor');
      const stored = await storedHashOf(user.id);
      expect(stored).toMatch(
        runtimeHasArgon2 === 'function'
          ? /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/
          : /^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/,
      );
      expect(stored).not.toContain(TEST_PASSWORD);
    });

    test('a password stored under older parameters is stored anew at the next sign-in, and still works', async () => {
      hasher().useParametersForTests(LEGACY);
      const user = await t.userWith('auditor');
      const legacy = await storedHashOf(user.id);
      expect(legacy).toMatch(/^scrypt\$32768\$8\$1\$/);

      hasher().useParametersForTests(currentParameters());
      expectProblem(
        await t.http
          .post('/api/v1/auth/login')
          .send({ username: user.username, password: 'not-the-password' }),
        401,
        'AUTH.INVALID_CREDENTIALS',
      );
      // A wrong password rehashes nothing.
      expect(await storedHashOf(user.id)).toBe(legacy);

      expect(typeof (await t.login(user.username))).toBe('string');
      const rehashed = await storedHashOf(user.id);
      expect(rehashed).toMatch(/^(\$argon2id\$v=19\$m=19456,t=2,p=1\$|scrypt\$32768\$8\$3\$)/);

      // The same password, so nothing else changes: the token from before still works, and the
      // next sign-in finds nothing to rehash.
      expect((await t.getAs(user.token, '/api/v1/auth/me')).status).toBe(200);
      expect(typeof (await t.login(user.username))).toBe('string');
      expect(await storedHashOf(user.id)).toBe(rehashed);
    });

    test('a stored hash in no known format, or with parameters out of reach, matches nothing', async () => {
      const user = await t.userWith('auditor');
      const database = t.app.get(Database);
      const [a, b] = database.dialect === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      for (const tampered of [
        `md5$${TEST_PASSWORD}`,
        'scrypt$1$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
        'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
        '$argon2id$v=19$m=4194304,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
      ]) {
        await database.dataSource.query(`UPDATE users SET password_hash = ${a} WHERE id = ${b}`, [
          tampered,
          user.id,
        ]);
        expectProblem(
          await t.http
            .post('/api/v1/auth/login')
            .send({ username: user.username, password: TEST_PASSWORD }),
          401,
          'AUTH.INVALID_CREDENTIALS',
        );
        // Each refusal counts toward the lockout: start afresh for the next.
        expect((await t.postAs(t.adminToken, `/api/v1/users/${user.id}/unlock`)).status).toBe(204);
      }
    });
  });
});
