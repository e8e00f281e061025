import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../src/domain/roles';
import { TokenGenerations1764130000000 } from '../../src/persistence/migrations/1764130000000-token-generations';
import type { StoredSession } from '../../src/persistence/repositories/sessions.repository';
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
  userCreated,
} from './fixtures';

/** Roles and grants come back in no particular order. */
const withSortedRoles = (user: StoredUser | null) =>
  user && {
    ...user,
    roles: [...user.roles].sort(),
    grants: [...user.grants].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };

describe.each(DIALECTS)('TypeOrmUsersRepository on %s', (dialect) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(dialect);
  });

  afterAll(async () => {
    await store.close();
  });

  test.each<[string, Role[]]>([
    ['several roles', ['secretariat', 'council_member', 'auditor']],
    ['one role', ['admin']],
    ['no role', []],
  ])('a user with %s is found by username and by id, roles included', async (_label, roles) => {
    const user = aUser({ roles, displayName: 'Phạm Thị Ngọc Ánh' });

    expect(await store.users.create(user, userCreated(user))).toBe(true);

    const expected = withSortedRoles(user);
    expect(withSortedRoles(await store.users.findByUsername(user.username))).toEqual(expected);
    expect(withSortedRoles(await store.users.findById(user.id))).toEqual(expected);
    expect(await countRows(store.ds, 'role_grants', `user_id = '${user.id}'`)).toBe(roles.length);
  });

  test('an inactive user reads back as inactive', async () => {
    const user = aUser({ active: false });
    await createUser(store, user);
    expect(await store.users.findById(user.id)).toMatchObject({ active: false });
  });

  test('unknown username or id finds nothing', async () => {
    expect(await store.users.findByUsername('nobody-here')).toBeNull();
    expect(await store.users.findById(aUser().id)).toBeNull();
  });

  test.each([
    [
      'username',
      (first: StoredUser) => aUser({ username: first.username, roles: ['admin', 'auditor'] }),
    ],
    ['id', (first: StoredUser) => aUser({ id: first.id, roles: ['admin', 'auditor'] })],
  ])(
    'a second user with an existing %s is refused: false, no second user, no role grants, no change record',
    async (_label, duplicateOf) => {
      const first = aUser({ roles: ['secretariat'] });
      await createUser(store, first);
      const usersBefore = await store.users.count();
      const grantsBefore = await countRows(store.ds, 'role_grants');
      const changesBefore = await countRows(store.ds, 'admin_changes');
      const second = duplicateOf(first);

      expect(await store.users.create(second, userCreated(second))).toBe(false);

      expect(await store.users.count()).toBe(usersBefore);
      expect(await countRows(store.ds, 'role_grants')).toBe(grantsBefore);
      expect(await countRows(store.ds, 'admin_changes')).toBe(changesBefore);
      expect(await store.users.findByUsername(first.username)).toEqual(first);
      expect(await store.users.findById(first.id)).toEqual(first);
      expect(await store.users.findByUsername(second.username)).toEqual(
        second.username === first.username ? first : null,
      );
    },
  );

  describe('token generations', () => {
    const generationOf = async (id: string) =>
      (await store.users.findAccountById(id))?.tokenGeneration;

    /** An open browser session of `user`, as the sessions store writes it. */
    const openSession = async (user: StoredUser): Promise<string> => {
      const at = nextInstant();
      const session: StoredSession = {
        id: uuidv7(),
        userId: user.id,
        createdAt: at,
        lastUsedAt: at,
        expiresAt: '2099-01-01T00:00:00.000Z',
        revokedAt: null,
        revokedReason: null,
        clientAddress: '192.0.2.1',
        userAgent: null,
      };
      const generation = Number(await generationOf(user.id));
      expect(
        await new SqlSessionsRepository(store.database).create(
          session,
          randomBytes(32).toString('hex'),
          generation,
        ),
      ).toBe(true);
      return session.id;
    };
    const endReasonOf = async (sessionId: string) =>
      (await new SqlSessionsRepository(store.database).findById(sessionId))?.revokedReason;

    const setActive = (user: StoredUser, active: boolean) =>
      store.users.modify(user.id, (before) => ({
        after: { ...before, active },
        change: aChange('user', user.id, 'update'),
      }));

    test('a new account starts at generation 0, found by id and by username', async () => {
      const user = await createUser(store, aUser());
      expect(await store.users.findAccountById(user.id)).toEqual({ ...user, tokenGeneration: 0 });
      expect(await store.users.findAccountByUsername(user.username)).toEqual({
        ...user,
        tokenGeneration: 0,
      });
      expect(await store.users.findAccountById(uuidv7())).toBeNull();
    });

    test('deactivating moves it on and ends every session; reactivating moves it on again', async () => {
      const user = await createUser(store, aUser());
      const session = await openSession(user);

      await store.users.modify(user.id, (before) => ({
        after: { ...before, displayName: 'Tên mới' },
        change: aChange('user', user.id, 'update'),
      }));
      expect(await generationOf(user.id)).toBe(0);
      expect(await endReasonOf(session)).toBeNull();

      await setActive(user, false);
      expect(await generationOf(user.id)).toBe(1);
      expect(await endReasonOf(session)).toBe('deactivated');

      await setActive(user, true);
      expect(await generationOf(user.id)).toBe(2);
      // Reactivation revives no session.
      expect(await endReasonOf(session)).toBe('deactivated');
    });

    test('removing a grant moves it on and ends every session; a missing grant changes nothing', async () => {
      const user = await createUser(store, aUser({ roles: ['secretariat', 'auditor'] }));
      const session = await openSession(user);

      expect(await store.users.removeGrant(user.id, uuidv7(), aChange('user', user.id))).toBe(
        false,
      );
      expect(await generationOf(user.id)).toBe(0);
      expect(await endReasonOf(session)).toBeNull();

      expect(
        await store.users.removeGrant(user.id, user.grants[0].id, aChange('user', user.id)),
      ).toBe(true);
      expect(await generationOf(user.id)).toBe(1);
      expect(await endReasonOf(session)).toBe('grant_removed');
    });

    test('a new password moves it on and says to what', async () => {
      const user = await createUser(store, aUser());
      const set = () =>
        store.users.setPassword(
          user.id,
          { passwordHash: 'scrypt$changed', mustChangePassword: false },
          { reason: 'password_changed', keepSessionId: null },
          nextInstant(),
          () => aChange('user', user.id, 'password_changed'),
        );
      expect(await set()).toEqual({ sessionsEnded: 0, tokenGeneration: 1 });
      expect(await set()).toEqual({ sessionsEnded: 0, tokenGeneration: 2 });
      expect(await generationOf(user.id)).toBe(2);
    });

    test('a password change over the hash it checked writes nothing once that hash was replaced', async () => {
      const user = await createUser(store, aUser());
      const change = (replacing: string) =>
        store.users.setPassword(
          user.id,
          { passwordHash: `scrypt$chosen-over-${replacing}`, mustChangePassword: false, replacing },
          { reason: 'password_changed', keepSessionId: null },
          nextInstant(),
          () => aChange('user', user.id, 'password_changed'),
        );
      // An administrator's reset lands between the check and the write.
      await store.users.setPassword(
        user.id,
        { passwordHash: 'scrypt$temporary', mustChangePassword: true },
        { reason: 'password_reset', keepSessionId: null },
        nextInstant(),
        () => aChange('user', user.id, 'password_reset'),
      );
      const changesBefore = await countRows(store.ds, 'admin_changes');

      expect(await change(user.passwordHash)).toBeNull();
      expect(await store.users.findAccountById(user.id)).toMatchObject({
        passwordHash: 'scrypt$temporary',
        mustChangePassword: true,
        tokenGeneration: 1,
      });
      expect(await countRows(store.ds, 'admin_changes')).toBe(changesBefore);

      expect(await change('scrypt$temporary')).toEqual({ sessionsEnded: 0, tokenGeneration: 2 });
      expect(await store.users.findAccountById(user.id)).toMatchObject({
        passwordHash: 'scrypt$chosen-over-scrypt$temporary',
        mustChangePassword: false,
      });
    });

    test('a rehash stores the same password anew only over the hash it replaces, generation kept', async () => {
      const user = await createUser(store, aUser());
      expect(await store.users.rehashPassword(user.id, 'scrypt$not-the-stored-one', 'x')).toBe(
        false,
      );
      expect(await store.users.rehashPassword(user.id, user.passwordHash, 'scrypt$rehashed')).toBe(
        true,
      );
      expect(await store.users.findAccountById(user.id)).toMatchObject({
        passwordHash: 'scrypt$rehashed',
        tokenGeneration: 0,
      });
    });
  });

  test('the migration ends the sessions of accounts deactivated before it, and can be undone', async () => {
    // A store of its own: undoing the migration resets every account's generation.
    const own = await openStore(dialect);
    try {
      const sessions = new SqlSessionsRepository(own.database);
      const [inactive, active] = [
        await createUser(own, aUser({ active: false })),
        await createUser(own, aUser()),
      ];
      const sessionOf = async (user: StoredUser) => {
        const at = nextInstant();
        const id = uuidv7();
        await sessions.create(
          {
            id,
            userId: user.id,
            createdAt: at,
            lastUsedAt: at,
            expiresAt: '2099-01-01T00:00:00.000Z',
            revokedAt: null,
            revokedReason: null,
            clientAddress: '192.0.2.1',
            userAgent: null,
          },
          randomBytes(32).toString('hex'),
          0,
        );
        return id;
      };
      const [ofInactive, ofActive] = [await sessionOf(inactive), await sessionOf(active)];

      const migration = new TokenGenerations1764130000000();
      const runner = own.ds.createQueryRunner();
      try {
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }

      expect(await sessions.findById(ofInactive)).toMatchObject({
        revokedAt: expect.any(String),
        revokedReason: 'deactivated',
      });
      expect(await sessions.findById(ofActive)).toMatchObject({ revokedAt: null });
      expect((await own.users.findAccountById(active.id))?.tokenGeneration).toBe(0);
    } finally {
      await own.close();
    }
  });

  describe('list', () => {
    // A store of its own, so the expected contents are exactly what this block created.
    let listStore: Store;
    let created: StoredUser[];

    beforeAll(async () => {
      listStore = await openStore(dialect);
      const roleSets: Role[][] = [
        ['admin'],
        [],
        ['secretariat', 'unit_leader'],
        ['council_chair'],
        ['auditor', 'council_member'],
        ['secretariat'],
      ];
      created = [];
      for (const roles of roleSets) {
        const user = aUser({ roles });
        await createUser(listStore, user);
        created.push(user);
      }
    });

    afterAll(async () => {
      await listStore.close();
    });

    test.each([1, 2, 4, 6, 10])(
      '%i per page: every user exactly once, by id ascending, each with their own roles',
      async (limit) => {
        const pages: StoredUser[][] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await listStore.users.list(cursor, limit);
          pages.push(page.items);
          if (page.nextCursor === null) break;
          expect(page.nextCursor).toBe(page.items[page.items.length - 1].id);
          cursor = page.nextCursor;
        }

        const expected = [...created].sort((a, b) => (a.id < b.id ? -1 : 1)).map(withSortedRoles);
        expect(pages.flat().map(withSortedRoles)).toEqual(expected);
        expect(pages).toHaveLength(Math.ceil(created.length / limit));
        expect(pages.slice(0, -1).every((items) => items.length === limit)).toBe(true);
      },
    );
  });
});
