import type { Role } from '../../src/domain/roles';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import { aUser, countRows, createUser, openStore, type Store, userCreated } from './fixtures';

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
