import { v7 as uuidv7 } from 'uuid';
import type { StoredSession } from '../../src/persistence/repositories/sessions.repository';
import { SqlLoginThrottleRepository } from '../../src/persistence/repositories/sql-login-throttle.repository';
import { SqlSessionsRepository } from '../../src/persistence/repositories/sql-sessions.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aChange,
  aUser,
  countRows,
  createUser,
  nextInstant,
  openStore,
  type Store,
} from './fixtures';

const LATER = '2099-01-01T00:00:00.000Z';

/**
 * The stores behind sign-in: failure counts per (username, address), browser sessions with their
 * rotating refresh tokens, and a password change that ends sessions in the same transaction.
 */
describe.each(DIALECTS)('sign-in stores on %s', (dialect) => {
  let store: Store;
  let throttle: SqlLoginThrottleRepository;
  let sessions: SqlSessionsRepository;

  beforeAll(async () => {
    store = await openStore(dialect);
    throttle = new SqlLoginThrottleRepository(store.database);
    sessions = new SqlSessionsRepository(store.database);
  });
  afterAll(() => store.close());

  const aSession = (user: StoredUser, overrides: Partial<StoredSession> = {}): StoredSession => {
    const at = nextInstant();
    return {
      id: uuidv7(),
      userId: user.id,
      createdAt: at,
      lastUsedAt: at,
      expiresAt: LATER,
      revokedAt: null,
      revokedReason: null,
      clientAddress: '192.0.2.1',
      userAgent: 'jest',
      ...overrides,
    };
  };
  const use = () => ({
    at: nextInstant(),
    expiresAt: LATER,
    clientAddress: '192.0.2.2',
    userAgent: null,
  });

  describe('login throttle', () => {
    test('attempts are numbered per username and address; the one that reaches the limit locks the pair', async () => {
      const user = await createUser(store, aUser());
      const office = { username: user.username, clientAddress: '192.0.2.10' };
      const home = { username: user.username, clientAddress: '198.51.100.20' };
      const count = (key: typeof office) => throttle.countAttempt(key, nextInstant(), 3, LATER);

      expect(await count(office)).toEqual({ number: 1, lockedUntil: null });
      expect(await count(office)).toEqual({ number: 2, lockedUntil: null });
      expect(await count(home)).toEqual({ number: 1, lockedUntil: null });
      // The third is the last allowed: it locks already, whatever its password turns out to be.
      expect(await count(office)).toEqual({ number: 3, lockedUntil: LATER });
      // While the lock is in force every attempt is past the limit, and the number stays there.
      expect(await count(office)).toEqual({ number: 4, lockedUntil: LATER });
      expect(await count(office)).toEqual({ number: 4, lockedUntil: LATER });
      expect(await throttle.state(home)).toEqual({ failures: 1, lockedUntil: null });

      const lock = aChange('user', user.id, 'login_locked');
      await throttle.recordLock(lock);
      expect(await countRows(store.ds, 'admin_changes', `id = '${lock.id}'`)).toBe(1);

      // A success clears the count and the lock it set.
      await throttle.reset(home);
      expect(await throttle.state(home)).toEqual({ failures: 0, lockedUntil: null });
      expect(await throttle.state(office)).toEqual({ failures: 4, lockedUntil: LATER });
    });

    test('simultaneous attempts each get their own number: only the allowed ones are below the limit', async () => {
      const user = await createUser(store, aUser());
      const key = { username: user.username, clientAddress: '192.0.2.11' };
      const at = nextInstant();

      const attempts = await Promise.all(
        Array.from({ length: 25 }, () => throttle.countAttempt(key, at, 5, LATER)),
      );

      const numbers = attempts.map((attempt) => attempt.number).sort((a, b) => a - b);
      expect(numbers).toEqual([1, 2, 3, 4, 5, ...new Array<number>(20).fill(6)]);
      expect(attempts.filter((attempt) => attempt.lockedUntil === null)).toHaveLength(4);
      expect(await throttle.state(key)).toEqual({ failures: 6, lockedUntil: LATER });
    });

    test('a lock that has run out starts the count again', async () => {
      const key = { username: 'khong.ai.ca', clientAddress: '192.0.2.12' };
      const lockEnds = nextInstant();
      expect(await throttle.countAttempt(key, nextInstant(), 1, lockEnds)).toEqual({
        number: 1,
        lockedUntil: lockEnds,
      });
      const later = nextInstant();
      expect(await throttle.countAttempt(key, later, 2, LATER)).toEqual({
        number: 1,
        lockedUntil: null,
      });
      expect(await throttle.countAttempt(key, nextInstant(), 2, LATER)).toEqual({
        number: 2,
        lockedUntil: LATER,
      });
    });

    test('clearing a username clears every address, and only that username, with one record', async () => {
      const [user, bystander] = [
        await createUser(store, aUser()),
        await createUser(store, aUser()),
      ];
      for (const clientAddress of ['192.0.2.30', '192.0.2.31']) {
        await throttle.countAttempt(
          { username: user.username, clientAddress },
          nextInstant(),
          1,
          LATER,
        );
      }
      const untouched = { username: bystander.username, clientAddress: '192.0.2.30' };
      await throttle.countAttempt(untouched, nextInstant(), 5, LATER);
      const change = aChange('user', user.id, 'login_unlocked');

      const cleared = await throttle.clearAll(user.username, () => change);

      expect(cleared).toEqual([
        { clientAddress: '192.0.2.30', failures: 1, lockedUntil: LATER },
        { clientAddress: '192.0.2.31', failures: 1, lockedUntil: LATER },
      ]);
      expect(await countRows(store.ds, 'login_throttle', `username = '${user.username}'`)).toBe(0);
      expect(await throttle.state(untouched)).toEqual({ failures: 1, lockedUntil: null });
      expect(await countRows(store.ds, 'admin_changes', `id = '${change.id}'`)).toBe(1);
    });
  });

  describe('sessions', () => {
    test('a refresh token is replaced once: the loser of a race writes nothing', async () => {
      const user = await createUser(store, aUser());
      const session = aSession(user);
      expect(await sessions.create(session, 'a'.repeat(64), 0)).toBe(true);
      expect(await sessions.findByTokenHash('a'.repeat(64))).toEqual({ session, rotatedAt: null });

      const first = use();
      expect(await sessions.rotate(session.id, 'a'.repeat(64), 'b'.repeat(64), first)).toBe(true);
      expect(await sessions.rotate(session.id, 'a'.repeat(64), 'c'.repeat(64), use())).toBe(false);

      expect(await sessions.findByTokenHash('a'.repeat(64))).toEqual({
        session: { ...session, lastUsedAt: first.at, clientAddress: '192.0.2.2', userAgent: null },
        rotatedAt: first.at,
      });
      expect(await sessions.findByTokenHash('b'.repeat(64))).toMatchObject({ rotatedAt: null });
      expect(await sessions.findByTokenHash('c'.repeat(64))).toBeNull();
      expect(await countRows(store.ds, 'session_tokens', `session_id = '${session.id}'`)).toBe(2);
    });

    test('a session is stored only while the user’s token generation is the one signed in with', async () => {
      const user = await createUser(store, aUser());
      // The password was checked at generation 0; a reset moved it on before the session was stored.
      await store.users.setPassword(
        user.id,
        { passwordHash: 'scrypt$reset', mustChangePassword: true },
        { reason: 'password_reset', keepSessionId: null },
        nextInstant(),
        () => aChange('user', user.id, 'password_reset'),
      );
      const late = aSession(user);
      expect(await sessions.create(late, 'f'.repeat(64), 0)).toBe(false);
      expect(await sessions.findById(late.id)).toBeNull();
      expect(await sessions.findByTokenHash('f'.repeat(64))).toBeNull();

      const current = aSession(user);
      expect(await sessions.create(current, 'g'.repeat(64), 1)).toBe(true);
      expect(await sessions.findById(current.id)).toEqual(current);
      expect(await sessions.create(aSession(aUser()), 'h'.repeat(64), 0)).toBe(false);
    });

    test('an ended session is ended once and is never rotated again', async () => {
      const user = await createUser(store, aUser());
      const session = aSession(user);
      expect(await sessions.create(session, 'd'.repeat(64), 0)).toBe(true);
      const change = aChange('user', user.id, 'session_ended');

      expect(await sessions.revoke(session.id, nextInstant(), 'refresh_token_reuse', change)).toBe(
        true,
      );
      expect(
        await sessions.revoke(session.id, nextInstant(), 'logout', aChange('user', user.id)),
      ).toBe(false);
      expect(await sessions.findById(session.id)).toMatchObject({
        revokedAt: expect.any(String),
        revokedReason: 'refresh_token_reuse',
      });
      expect(await countRows(store.ds, 'admin_changes', `entity_id = '${user.id}'`)).toBe(2);
      expect(await sessions.rotate(session.id, 'd'.repeat(64), 'e'.repeat(64), use())).toBe(false);
      expect(await sessions.findByTokenHash('d'.repeat(64))).toMatchObject({ rotatedAt: null });
    });

    test('a new password ends the user’s other open sessions in the same transaction', async () => {
      const user = await createUser(store, aUser());
      const other = await createUser(store, aUser());
      const kept = aSession(user);
      const ended = aSession(user);
      const expired = aSession(user, { expiresAt: '2000-01-01T00:00:00.000Z' });
      const othersSession = aSession(other);
      for (const [index, session] of [kept, ended, expired, othersSession].entries()) {
        expect(await sessions.create(session, String(index).repeat(64), 0)).toBe(true);
      }
      const change = aChange('user', user.id, 'password_changed');

      const result = await store.users.setPassword(
        user.id,
        { passwordHash: 'scrypt$new', mustChangePassword: false },
        { reason: 'password_changed', keepSessionId: kept.id },
        nextInstant(),
        (sessionsEnded) => ({ ...change, after: { sessionsEnded } }),
      );

      expect(result).toEqual({ sessionsEnded: 1, tokenGeneration: 1 });
      expect(await store.users.findById(user.id)).toMatchObject({
        passwordHash: 'scrypt$new',
        mustChangePassword: false,
      });
      expect((await sessions.findById(kept.id))?.revokedAt).toBeNull();
      expect(await sessions.findById(ended.id)).toMatchObject({
        revokedReason: 'password_changed',
      });
      expect((await sessions.findById(expired.id))?.revokedAt).toBeNull();
      expect((await sessions.findById(othersSession.id))?.revokedAt).toBeNull();
      expect(await countRows(store.ds, 'admin_changes', `id = '${change.id}'`)).toBe(1);

      const changesBefore = await countRows(store.ds, 'admin_changes');
      expect(
        await store.users.setPassword(
          uuidv7(),
          { passwordHash: 'scrypt$x', mustChangePassword: true },
          { reason: 'password_reset', keepSessionId: null },
          nextInstant(),
          () => aChange('user', user.id, 'password_reset'),
        ),
      ).toBeNull();
      expect(await countRows(store.ds, 'admin_changes')).toBe(changesBefore);
    });
  });
});
