import type { AdminChange } from '../../src/domain/org/change-log';
import { childPath } from '../../src/domain/org/scope';
import { foldForSearch } from '../../src/domain/text/fold';
import type {
  PeopleQuery,
  PersonInUnit,
  StoredPerson,
  StoredUnit,
  UnitsQuery,
} from '../../src/persistence/repositories/organisation.repository';
import type { Page } from '../../src/persistence/repositories/page';
import type { StoredGrant, StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS, type DialectName } from '../support/databases';
import {
  aChange,
  aGrant,
  aPerson,
  aUnit,
  aUser,
  countRows,
  createUser,
  insertCase,
  insertOrganisation,
  moveUnit,
  nextInstant,
  openStore,
  type Store,
  userCreated,
} from './fixtures';
import type { StoredCase } from '../../src/domain/cases/stored-case';

/** Every page of a keyset-paginated list, followed from the first until a null cursor. */
async function allPages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>) {
  const pages: Page<T>[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const page = await fetch(cursor);
    pages.push(page);
    if (page.nextCursor === null) return { pages, items: pages.flatMap((p) => p.items) };
    cursor = page.nextCursor;
  }
  throw new Error('more than 500 pages: the cursor does not advance');
}

/** Checks the shape of a walk: full pages of `limit` but the last, which alone has no cursor. */
function expectPaged<T>(pages: Page<T>[], total: number, limit: number): void {
  expect(pages).toHaveLength(Math.max(1, Math.ceil(total / limit)));
  for (const page of pages.slice(0, -1)) {
    expect(page.items).toHaveLength(limit);
    expect(page.nextCursor).not.toBeNull();
  }
  expect(pages[pages.length - 1].nextCursor).toBeNull();
}

const byPath = (a: StoredUnit, b: StoredUnit) => (a.path < b.path ? -1 : 1);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);

/** The order listPeople promises: folded name, then id. */
function byFoldedName(a: StoredPerson, b: StoredPerson): number {
  const [ka, kb] = [foldForSearch(a.fullName), foldForSearch(b.fullName)];
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}

/** A person as listPeople and findPersonById return them. */
const inUnit = (person: StoredPerson, unit: StoredUnit): PersonInUnit => ({
  ...person,
  unitPath: unit.path,
});

/** Grants come back in no particular order. */
const sortedGrants = (user: StoredUser | null) =>
  user && { ...user, roles: [...user.roles].sort(), grants: [...user.grants].sort(byId) };

/**
 * Statements that would rewrite the change log, per engine; each must be refused by the database
 * itself. `CHANGE` is replaced by the id of a stored record.
 */
const tampering: Record<DialectName, [string, string][]> = {
  sqlite: [
    ['UPDATE of one record', `UPDATE admin_changes SET action = 'tampered' WHERE id = CHANGE`],
    ['UPDATE of every record', `UPDATE admin_changes SET after_json = NULL`],
    ['DELETE of one record', `DELETE FROM admin_changes WHERE id = CHANGE`],
    ['DELETE of the whole table', `DELETE FROM admin_changes`],
    [
      'upsert over an existing record',
      `INSERT INTO admin_changes SELECT * FROM admin_changes WHERE id = CHANGE
       ON CONFLICT (id) DO UPDATE SET action = 'tampered'`,
    ],
    [
      'INSERT OR REPLACE over an existing record',
      `INSERT OR REPLACE INTO admin_changes SELECT id, occurred_at, actor_user_id, actor_username,
         entity, entity_id, 'tampered', before_json, after_json
       FROM admin_changes WHERE id = CHANGE`,
    ],
  ],
  postgres: [
    ['UPDATE of one record', `UPDATE admin_changes SET action = 'tampered' WHERE id = CHANGE`],
    ['UPDATE of every record', `UPDATE admin_changes SET after_json = NULL`],
    ['DELETE of one record', `DELETE FROM admin_changes WHERE id = CHANGE`],
    ['DELETE of the whole table', `DELETE FROM admin_changes`],
    [
      'upsert over an existing record',
      `INSERT INTO admin_changes SELECT * FROM admin_changes WHERE id = CHANGE
       ON CONFLICT (id) DO UPDATE SET action = 'tampered'`,
    ],
    ['TRUNCATE', `TRUNCATE admin_changes`],
  ],
};

describe.each(DIALECTS)('TypeOrmOrganisationRepository on %s', (dialect) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(dialect);
  });

  afterAll(async () => {
    await store.close();
  });

  describe('units', () => {
    test('a root and its child read back exactly, outside and inside a transaction', async () => {
      const root = aUnit(null, { name: 'Đảng ủy Khối Cơ quan', kind: 'party_committee' });
      const child = aUnit(root, { name: 'Chi bộ Phòng Tổ chức – Hành chính', kind: 'party_cell' });

      await insertOrganisation(store, [root, child]);

      expect(child.path).toBe(`/${root.id}/${child.id}/`);
      expect(await store.organisation.findUnitById(root.id)).toEqual(root);
      expect(await store.organisation.findUnitById(child.id)).toEqual(child);
      expect(
        await store.organisation.transaction((tx) =>
          Promise.all([tx.findUnitById(root.id), tx.findUnitById(child.id)]),
        ),
      ).toEqual([root, child]);
    });

    test('inactive and demo flags round-trip', async () => {
      const unit = aUnit(null, { active: false, demo: true });
      await insertOrganisation(store, [unit]);
      expect(await store.organisation.findUnitById(unit.id)).toEqual(unit);
    });

    test('an unknown id finds nothing', async () => {
      expect(await store.organisation.findUnitById(aUnit(null).id)).toBeNull();
      expect(
        await store.organisation.transaction((tx) => tx.findUnitById(aUnit(null).id)),
      ).toBeNull();
    });

    test('updateUnit rewrites the unit and leaves its creation time', async () => {
      const unit = aUnit(null);
      await insertOrganisation(store, [unit]);
      const renamed: StoredUnit = {
        ...unit,
        code: `${unit.code}-R`,
        name: 'Văn phòng Đảng ủy',
        kind: 'office',
        active: false,
        updatedAt: nextInstant(),
      };

      await store.organisation.transaction((tx) => tx.updateUnit(renamed));

      expect(await store.organisation.findUnitById(unit.id)).toEqual(renamed);
    });

    test('a second unit with an existing code is refused and rolls back its transaction', async () => {
      const first = aUnit(null);
      await insertOrganisation(store, [first]);
      const sibling = aUnit(null);
      const clash = aUnit(null, { code: first.code });

      await expect(insertOrganisation(store, [sibling, clash])).rejects.toThrow();

      expect(await store.organisation.findUnitById(sibling.id)).toBeNull();
      expect(await store.organisation.findUnitById(clash.id)).toBeNull();
    });
  });

  describe('replacePathPrefix (moving a subtree)', () => {
    // A store of its own, so "nothing else changed" covers every unit there is.
    let treeStore: Store;
    let units: Record<string, StoredUnit>;

    beforeAll(async () => {
      treeStore = await openStore(dialect);
      const suffix = Math.random().toString(36).slice(2, 10);
      const a = aUnit(null);
      // `_` is a LIKE wildcard: a path prefix containing it must still match only itself.
      const b = aUnit(a, { id: `move_${suffix}` });
      const lookalike = aUnit(a, { id: `movex${suffix}` });
      const c = aUnit(b);
      const d = aUnit(c);
      const e = aUnit(b);
      const f = aUnit(a);
      const g = aUnit(null);
      const h = aUnit(g);
      const lookalikeChild = aUnit(lookalike);
      units = { a, b, lookalike, c, d, e, f, g, h, lookalikeChild };
      await insertOrganisation(treeStore, Object.values(units));
    });

    afterAll(async () => {
      await treeStore.close();
    });

    const readAll = async () =>
      (await treeStore.organisation.listUnits({ scopes: null, limit: 1000 })).items;

    test.each([
      ['under another root (a longer path)', 'g'],
      ['to the top (a shorter path)', null],
      ['back where it was', 'a'],
    ])(
      'moving b %s rewrites the path of b and every descendant, and nothing else',
      async (_label, parentKey) => {
        const before = await readAll();
        const b = before.find((u) => u.id === units.b.id)!;
        const parentPath = parentKey === null ? null : units[parentKey].path;
        const newPrefix = childPath(parentPath, b.id);
        const at = nextInstant();

        const movedBelow = await treeStore.organisation.transaction((tx) =>
          tx.replacePathPrefix(b.path, newPrefix, at),
        );

        const moved = new Set([units.b.id, units.c.id, units.d.id, units.e.id]);
        // The units below b, as they were and as they are: each one's move is logged too.
        const below = (unit: StoredUnit) => moved.has(unit.id) && unit.id !== b.id;
        expect(movedBelow.map((unit) => unit.before).sort(byPath)).toEqual(
          before.filter(below).sort(byPath),
        );
        const expected = before
          .map((unit) =>
            moved.has(unit.id)
              ? { ...unit, path: newPrefix + unit.path.slice(b.path.length), updatedAt: at }
              : unit,
          )
          .sort(byPath);
        expect(await readAll()).toEqual(expected);
        expect(movedBelow.map((unit) => unit.after).sort(byPath)).toEqual(expected.filter(below));
        const pathOf = async (key: string) =>
          (await treeStore.organisation.findUnitById(units[key].id))!.path;
        expect(await pathOf('b')).toBe(newPrefix);
        expect(await pathOf('c')).toBe(`${newPrefix}${units.c.id}/`);
        expect(await pathOf('d')).toBe(`${newPrefix}${units.c.id}/${units.d.id}/`);
        expect(await pathOf('e')).toBe(`${newPrefix}${units.e.id}/`);
        expect(await pathOf('lookalike')).toBe(units.lookalike.path);
        expect(await pathOf('lookalikeChild')).toBe(units.lookalikeChild.path);
      },
    );

    test('a prefix nothing has changes nothing', async () => {
      const before = await readAll();
      await treeStore.organisation.transaction((tx) =>
        tx.replacePathPrefix('/nowhere/', '/elsewhere/', nextInstant()),
      );
      expect(await readAll()).toEqual(before);
    });

    test('an error later in the transaction rolls the move back', async () => {
      const before = await readAll();
      await expect(
        treeStore.organisation.transaction(async (tx) => {
          await tx.replacePathPrefix(units.b.path, childPath(units.h.path, units.b.id), 'x');
          throw new Error('after the move');
        }),
      ).rejects.toThrow('after the move');
      expect(await readAll()).toEqual(before);
    });
  });

  describe('listUnits', () => {
    let unitStore: Store;
    let all: StoredUnit[];
    let r1: StoredUnit;
    let r2: StoredUnit;
    let branch: StoredUnit;
    let other: StoredUnit;

    beforeAll(async () => {
      unitStore = await openStore(dialect);
      r1 = aUnit(null);
      r2 = aUnit(null);
      all = [r1, r2];
      for (const root of [r1, r2]) {
        for (let i = 0; i < 3; i++) {
          const child = aUnit(root);
          all.push(child, aUnit(child), aUnit(child));
        }
      }
      branch = all[2];
      other = all[5];
      expect(branch.parentId).toBe(r1.id);
      expect(other.parentId).toBe(r1.id);
      await insertOrganisation(unitStore, all);
    });

    afterAll(async () => {
      await unitStore.close();
    });

    const walk = (query: Omit<UnitsQuery, 'cursor'>) =>
      allPages((cursor) => unitStore.organisation.listUnits({ ...query, cursor }));
    const within = (...scopes: StoredUnit[]) =>
      all.filter((u) => scopes.some((s) => u.path.startsWith(s.path))).sort(byPath);

    test.each([1, 2, 3, 100])(
      'scoped to one subtree, %i per page: exactly that subtree, once, by path',
      async (limit) => {
        const expected = within(branch);
        expect(expected).toHaveLength(3);
        const { pages, items } = await walk({ scopes: [branch.path], limit });
        expect(items).toEqual(expected);
        expectPaged(pages, expected.length, limit);
      },
    );

    test.each([1, 4, 7, 100])(
      'scoped to a root, %i per page: the whole tree under it and no other',
      async (limit) => {
        const expected = within(r1);
        expect(expected).toHaveLength(10);
        const { pages, items } = await walk({ scopes: [r1.path], limit });
        expect(items).toEqual(expected);
        expectPaged(pages, expected.length, limit);
      },
    );

    test('several scopes: their union, by path', async () => {
      const { items } = await walk({ scopes: [branch.path, other.path, r2.path], limit: 4 });
      expect(items).toEqual(within(branch, other, r2));
    });

    test('no scopes: nothing; null scopes: everything', async () => {
      expect(await unitStore.organisation.listUnits({ scopes: [], limit: 10 })).toEqual({
        items: [],
        nextCursor: null,
      });
      const { items } = await walk({ scopes: null, limit: 5 });
      expect(items).toEqual([...all].sort(byPath));
    });

    test('parentId: the children of that unit, within the scopes', async () => {
      const children = all.filter((u) => u.parentId === r1.id).sort(byPath);
      expect((await walk({ scopes: null, parentId: r1.id, limit: 2 })).items).toEqual(children);
      expect((await walk({ scopes: [branch.path], parentId: r1.id, limit: 2 })).items).toEqual([
        branch,
      ]);
      expect((await walk({ scopes: [r2.path], parentId: r1.id, limit: 2 })).items).toEqual([]);
    });
  });

  describe('people', () => {
    let peopleStore: Store;
    let x: StoredUnit;
    let x1: StoredUnit;
    let y: StoredUnit;
    let everyone: StoredPerson[];
    const unitOf = (person: StoredPerson) => [x, x1, y].find((u) => u.id === person.unitId)!;
    const named = (...names: string[]) =>
      names.map((name) => everyone.find((p) => p.fullName === name)!);

    beforeAll(async () => {
      peopleStore = await openStore(dialect);
      x = aUnit(null);
      x1 = aUnit(x);
      y = aUnit(null);
      const roster: [string, StoredUnit][] = [
        ['Trần Xuân Lâm', x],
        ['Tran Xuan Lam', y],
        ['TRẦN XUÂN LÂM', x1],
        ['Đặng Văn Ơn', x],
        ['Đặng Thị Hoa', y],
        ['Nguyễn Đăng Khoa', x1],
        ['Nguyễn Thị Hoà', x],
        ['Lê Hữu Ước', y],
        ['Nguyen_Van_A', x],
        ['Nguyen Van A', x],
        ['Lê 100% Hồng', y],
        ['Lê 1000 Hồng', y],
        ['Vũ \\ Nam', x1],
        ['Vũ Nam', x1],
      ];
      everyone = roster.map(([fullName, unit]) => aPerson(unit, { fullName }));
      // Enough ordinary names to need many pages, several folding to the same key.
      const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ'];
      const given = ['An', 'Ân', 'Bình', 'Chi', 'Dũng', 'Dung'];
      for (let i = 0; i < 30; i++) {
        const fullName = `${family[i % family.length]} Văn ${given[i % given.length]}`;
        everyone.push(aPerson([x, x1, y][i % 3], { fullName }));
      }
      // Inserted in no particular order.
      await insertOrganisation(peopleStore, [x, x1, y], [...everyone].sort(byCode).reverse());
    });

    afterAll(async () => {
      await peopleStore.close();
    });

    const walk = (query: Omit<PeopleQuery, 'cursor'>) =>
      allPages((cursor) => peopleStore.organisation.listPeople({ ...query, cursor }));
    const listed = (people: StoredPerson[]) =>
      [...people].sort(byFoldedName).map((p) => inUnit(p, unitOf(p)));

    test('a person reads back exactly, with their unit path outside a transaction', async () => {
      const [person] = named('Trần Xuân Lâm');
      expect(await peopleStore.organisation.findPersonById(person.id)).toEqual(inUnit(person, x));
      expect(
        await peopleStore.organisation.transaction((tx) => tx.findPersonById(person.id)),
      ).toEqual(person);
      expect(await peopleStore.organisation.findPersonById(aPerson(x).id)).toBeNull();
    });

    test('every field round-trips, Vietnamese names byte for byte', async () => {
      const person = aPerson(y, {
        fullName: 'Phạm Thị Ngọc Ánh',
        position: 'Phó Chánh Văn phòng',
        dateOfBirth: '1980-02-29',
        partyMember: true,
        partyJoinedOn: '2005-05-19',
        employmentType: 'cadre',
        active: false,
        demo: true,
      });
      const own = await openStore(dialect);
      try {
        await insertOrganisation(own, [y], [person]);
        expect(await own.organisation.findPersonById(person.id)).toEqual(inUnit(person, y));
      } finally {
        await own.close();
      }
    });

    test('updatePerson rewrites the person, their search name and their unit', async () => {
      const own = await openStore(dialect);
      try {
        const person = aPerson(x, { fullName: 'Hoàng Văn Thụ' });
        await insertOrganisation(own, [x, x1, y], [person]);
        const updated: StoredPerson = {
          ...person,
          fullName: 'Đinh Thị Vân',
          unitId: y.id,
          position: 'Chuyên viên',
          partyMember: true,
          employmentType: 'public_employee',
          updatedAt: nextInstant(),
        };

        await own.organisation.transaction((tx) => tx.updatePerson(updated));

        expect(await own.organisation.findPersonById(person.id)).toEqual(inUnit(updated, y));
        const search = async (text: string) =>
          (await own.organisation.listPeople({ scopes: null, search: text, limit: 10 })).items;
        expect(await search(foldForSearch('Đinh Thị Vân'))).toEqual([inUnit(updated, y)]);
        expect(await search(foldForSearch('Hoàng Văn Thụ'))).toEqual([]);
        const inScope = async (unit: StoredUnit) =>
          (await own.organisation.listPeople({ scopes: [unit.path], limit: 10 })).items;
        expect(await inScope(x)).toEqual([]);
        expect(await inScope(y)).toEqual([inUnit(updated, y)]);
      } finally {
        await own.close();
      }
    });

    test.each<[string, string, string[]]>([
      [
        'tran xuan lam',
        'finds every spelling, with or without marks',
        ['Trần Xuân Lâm', 'Tran Xuan Lam', 'TRẦN XUÂN LÂM'],
      ],
      ['Trần Xuân Lâm', 'folded the same way', ['Trần Xuân Lâm', 'Tran Xuan Lam', 'TRẦN XUÂN LÂM']],
      ['dang', 'matches đ as d, anywhere', ['Đặng Văn Ơn', 'Đặng Thị Hoa', 'Nguyễn Đăng Khoa']],
      ['thi hoa', 'is a substring match', ['Đặng Thị Hoa', 'Nguyễn Thị Hoà']],
      ['hoa dang', 'finds every word, in any order', ['Đặng Thị Hoa', 'Nguyễn Đăng Khoa']],
      ['thi khoa', 'finds nobody when one word is nowhere in the name', []],
      ['uoc', 'ignores ư and ơ', ['Lê Hữu Ước']],
      ['nguyen_van', "treats '_' literally", ['Nguyen_Van_A']],
      ['_', "treats '_' alone literally", ['Nguyen_Van_A']],
      ['100%', "treats '%' literally", ['Lê 100% Hồng']],
      ['%', "treats '%' alone literally", ['Lê 100% Hồng']],
      ['\\', 'treats a backslash literally', ['Vũ \\ Nam']],
      ['zzz', 'finds nobody when nothing matches', []],
    ])('search "%s" %s', async (text, _label, names) => {
      const search = foldForSearch(text);
      // The expectation written out must agree with a plain test on the folded names: each word
      // of the search a substring of the name.
      const hasEveryWord = (name: string) =>
        search.split(' ').every((word) => foldForSearch(name).includes(word));
      expect(everyone.filter((p) => hasEveryWord(p.fullName))).toEqual(
        everyone.filter((p) => names.includes(p.fullName)),
      );
      const { items } = await walk({ scopes: null, search, limit: 2 });
      expect(items).toEqual(listed(named(...names)));
    });

    test('search within scopes and a unit', async () => {
      const search = foldForSearch('Trần Xuân Lâm');
      expect((await walk({ scopes: [x.path], search, limit: 10 })).items).toEqual(
        listed(named('Trần Xuân Lâm', 'TRẦN XUÂN LÂM')),
      );
      expect((await walk({ scopes: [x1.path, y.path], search, limit: 10 })).items).toEqual(
        listed(named('Tran Xuan Lam', 'TRẦN XUÂN LÂM')),
      );
      expect((await walk({ scopes: null, unitId: x.id, search, limit: 10 })).items).toEqual(
        listed(named('Trần Xuân Lâm')),
      );
    });

    test.each([
      ['a subtree', () => [x.path], () => everyone.filter((p) => p.unitId !== y.id)],
      ['a leaf unit', () => [x1.path], () => everyone.filter((p) => p.unitId === x1.id)],
      ['two roots', () => [x.path, y.path], () => everyone],
      ['no scopes', () => [], () => []],
    ])('scoped to %s: exactly the people inside', async (_label, scopes, expected) => {
      const { items } = await walk({ scopes: scopes(), limit: 7 });
      expect(items).toEqual(listed(expected()));
    });

    test('unitId: only the people of that very unit, not of its subunits', async () => {
      const { items } = await walk({ scopes: null, unitId: x.id, limit: 4 });
      expect(items).toEqual(listed(everyone.filter((p) => p.unitId === x.id)));
      expect(items.length).toBeGreaterThan(0);
      expect((await walk({ scopes: [y.path], unitId: x.id, limit: 4 })).items).toEqual([]);
    });

    test.each([1, 2, 3, 5, 13, 44, 100])(
      '%i per page: every person exactly once, by folded name then id',
      async (limit) => {
        const { pages, items } = await walk({ scopes: null, limit });
        const ids = items.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(items).toEqual(listed(everyone));
        expectPaged(pages, everyone.length, limit);
      },
    );

    test.each([1, 2, 4])(
      'paging a search in a scope, %i per page: every match exactly once, in order',
      async (limit) => {
        const search = foldForSearch('Văn');
        const matches = everyone.filter(
          (p) => p.unitId !== y.id && foldForSearch(p.fullName).includes(search),
        );
        expect(matches.length).toBeGreaterThan(10);
        const { pages, items } = await walk({ scopes: [x.path], search, limit });
        expect(items).toEqual(listed(matches));
        expectPaged(pages, matches.length, limit);
      },
    );
  });

  describe('findUnitsByCodes and findPeopleByCodes', () => {
    let bulkStore: Store;
    let units: StoredUnit[];
    let people: StoredPerson[];

    beforeAll(async () => {
      bulkStore = await openStore(dialect);
      const root = aUnit(null);
      units = [root, ...Array.from({ length: 1100 }, () => aUnit(root))];
      people = Array.from({ length: 1100 }, (_, i) => aPerson(units[i % units.length]));
      await insertOrganisation(bulkStore, units, people);
    });

    afterAll(async () => {
      await bulkStore.close();
    });

    test.each([0, 1, 499, 500, 501, 1000, 1001, 1100])(
      '%i known codes among unknown ones: exactly those, across every chunk of 500',
      async (count) => {
        const unknown = Array.from({ length: 37 }, (_, i) => `NO-SUCH-${i}`);
        const wantedUnits = units.slice(0, count);
        const wantedPeople = people.slice(people.length - count);
        // Known codes spread over the whole list, so every chunk has some.
        const mix = (codes: string[]) =>
          [...codes, ...unknown].sort((a, b) =>
            a.split('').reverse() < b.split('').reverse() ? -1 : 1,
          );

        const [foundUnits, foundPeople] = await bulkStore.organisation.transaction((tx) =>
          Promise.all([
            tx.findUnitsByCodes(mix(wantedUnits.map((u) => u.code))),
            tx.findPeopleByCodes(mix(wantedPeople.map((p) => p.code))),
          ]),
        );

        expect([...foundUnits].sort(byCode)).toEqual([...wantedUnits].sort(byCode));
        expect([...foundPeople].sort(byCode)).toEqual([...wantedPeople].sort(byCode));
      },
    );
  });

  describe('the change log', () => {
    test('250 records in one call read back in order, before and after intact', async () => {
      const entityId = aPerson(aUnit(null)).id;
      const values: unknown[] = [
        { fullName: 'Trần Xuân Lâm', nested: { list: [1, 'hai', null, true, 2.5] } },
        'Nguyễn Thị Hoà'.normalize('NFD'),
        0,
        false,
        '',
        [],
        {},
      ];
      const changes: AdminChange[] = [];
      const noise: AdminChange[] = [];
      for (let i = 0; i < 250; i++) {
        changes.push({
          ...aChange(
            'person',
            entityId,
            i === 0 ? 'create' : 'update',
            i === 0 ? null : { i: i - 1, value: values[(i - 1) % values.length] },
            i === 249 ? values[i % values.length] : { i, value: values[i % values.length] },
          ),
          actorUserId: i % 2 === 0 ? null : `actor-${i}`,
        });
        // Records about something else, interleaved: changesOf must leave them out.
        if (i % 50 === 0) noise.push(aChange('person', aPerson(aUnit(null)).id));
        if (i % 50 === 1) noise.push(aChange('unit', entityId));
      }

      await store.organisation.transaction((tx) =>
        tx.recordChanges([...changes, ...noise].sort(byId)),
      );

      expect(await store.organisation.changesOf('person', entityId)).toEqual(changes);
      expect(await store.organisation.changesOf('unit', entityId)).toEqual(
        noise.filter((c) => c.entity === 'unit'),
      );
      expect(await store.organisation.changesOf('user', entityId)).toEqual([]);
    });

    test('records written in a transaction that fails are not kept', async () => {
      const unit = aUnit(null);
      await expect(
        store.organisation.transaction(async (tx) => {
          await tx.insertUnit(unit);
          await tx.recordChanges([aChange('unit', unit.id, 'create', null, unit)]);
          throw new Error('after the record');
        }),
      ).rejects.toThrow('after the record');

      expect(await store.organisation.changesOf('unit', unit.id)).toEqual([]);
      expect(await store.organisation.findUnitById(unit.id)).toBeNull();
    });

    describe('admin_changes is append-only, enforced by the database', () => {
      let entityId: string;
      let records: AdminChange[];

      beforeAll(async () => {
        entityId = aUnit(null).id;
        records = [1, 2, 3].map((n) => aChange('unit', entityId, `step-${n}`, { n }, { n: n + 1 }));
        await store.organisation.transaction((tx) => tx.recordChanges(records));
      });

      test.each(tampering[dialect])('%s is refused and changes nothing', async (_name, sql) => {
        const before = await countRows(store.ds, 'admin_changes');

        await expect(store.ds.query(sql.replace(/CHANGE/g, `'${records[1].id}'`))).rejects.toThrow(
          /append-only/,
        );

        expect(await store.organisation.changesOf('unit', entityId)).toEqual(records);
        expect(await countRows(store.ds, 'admin_changes')).toBe(before);
      });

      test('the refusal names the table it protects', async () => {
        await expect(store.ds.query(`DELETE FROM admin_changes`)).rejects.toThrow(
          /admin_changes is append-only/,
        );
      });
    });
  });

  describe('countNonDemo', () => {
    test('counts the units and people that are not demo data', async () => {
      const own = await openStore(dialect);
      try {
        const count = () => own.organisation.transaction((tx) => tx.countNonDemo());
        expect(await count()).toBe(0);

        const demoRoot = aUnit(null, { demo: true });
        const demoUnits = [
          demoRoot,
          aUnit(demoRoot, { demo: true }),
          aUnit(demoRoot, { demo: true }),
        ];
        const demoPeople = [0, 1, 2, 3].map(() => aPerson(demoRoot, { demo: true }));
        await insertOrganisation(own, demoUnits, demoPeople);
        expect(await count()).toBe(0);

        const realRoot = aUnit(null);
        // A real unit under a demo one and real people in demo units still count.
        const realUnits = [realRoot, aUnit(demoRoot)];
        const realPeople = [
          aPerson(realRoot),
          aPerson(demoRoot),
          aPerson(realRoot, { active: false }),
        ];
        await insertOrganisation(own, realUnits, realPeople);
        expect(await count()).toBe(realUnits.length + realPeople.length);
      } finally {
        await own.close();
      }
    });
  });

  describe('users with unit-scoped grants', () => {
    let a: StoredUnit;
    let b: StoredUnit;
    let c: StoredUnit;
    let g: StoredUnit;
    let person: StoredPerson;

    beforeAll(async () => {
      a = aUnit(null);
      b = aUnit(a);
      c = aUnit(b);
      g = aUnit(null);
      person = aPerson(c, { fullName: 'Lý Thị Mai' });
      await insertOrganisation(store, [a, b, c, g], [person]);
    });

    /** The user as read back, grants sorted. */
    const read = async (id: string) => sortedGrants(await store.users.findById(id));
    const userChanges = (user: StoredUser) => store.organisation.changesOf('user', user.id);

    test('create stores the grants and the change record; reads give each grant its unit path', async () => {
      const grants = [aGrant('secretariat', b), aGrant('unit_leader', c), aGrant('auditor')];
      const user = aUser({ grants, personId: person.id, displayName: 'Lý Thị Mai' });
      const change = userCreated(user);

      expect(await store.users.create(user, change)).toBe(true);

      const expected = sortedGrants(user)!;
      expect(expected.grants.map((grant) => grant.scope).sort()).toEqual(
        [b.path, c.path, null].sort(),
      );
      expect(await read(user.id)).toEqual(expected);
      expect(sortedGrants(await store.users.findByUsername(user.username))).toEqual(expected);
      expect(await userChanges(user)).toEqual([change]);
    });

    test('after the unit moves, its grants read back with the new path', async () => {
      const grants = [aGrant('secretariat', b), aGrant('unit_leader', c), aGrant('admin')];
      const user = await createUser(store, aUser({ grants }));
      const bStill = (await store.organisation.findUnitById(b.id))!;

      const movedB = await moveUnit(store, b.id, g.id);

      expect(movedB.path).toBe(`${g.path}${b.id}/`);
      const movedC = (await store.organisation.findUnitById(c.id))!;
      expect(movedC.path).toBe(`${movedB.path}${c.id}/`);
      const scopes = Object.fromEntries(
        (await store.users.findById(user.id))!.grants.map((grant) => [grant.role, grant.scope]),
      );
      expect(scopes).toEqual({ secretariat: movedB.path, unit_leader: movedC.path, admin: null });
      const expected = sortedGrants({
        ...user,
        grants: user.grants.map((grant): StoredGrant => {
          if (grant.unitId === b.id) return { ...grant, scope: movedB.path };
          if (grant.unitId === c.id) return { ...grant, scope: movedC.path };
          return grant;
        }),
      });
      expect(await read(user.id)).toEqual(expected);
      expect(
        sortedGrants(
          (await store.users.list(undefined, 1000)).items.find((u) => u.id === user.id) ?? null,
        ),
      ).toEqual(expected);

      // Moved back, for the tests that follow.
      await moveUnit(store, b.id, a.id);
      expect((await store.organisation.findUnitById(b.id))!.path).toBe(bStill.path);
    });

    test('addGrant adds the grant and its change record together', async () => {
      const user = await createUser(store, aUser({ roles: [] }));
      const grant = aGrant('council_member', g);
      const change = aChange('user', user.id, 'grant', null, grant);

      await store.users.addGrant(user.id, grant, change);

      expect(await read(user.id)).toEqual({ ...user, grants: [grant], roles: ['council_member'] });
      expect(await store.organisation.changesOf('user', user.id)).toEqual(
        expect.arrayContaining([change]),
      );
    });

    test('removeGrant of a grant the user holds: true, gone, one change record', async () => {
      const keep = aGrant('secretariat', b);
      const drop = aGrant('unit_leader', c);
      const user = await createUser(store, aUser({ grants: [keep, drop] }));
      const change = aChange('user', user.id, 'revoke', drop, null);

      expect(await store.users.removeGrant(user.id, drop.id, change)).toBe(true);

      expect(await read(user.id)).toEqual({ ...user, grants: [keep], roles: ['secretariat'] });
      expect(await store.organisation.changesOf('user', user.id)).toEqual(
        expect.arrayContaining([change]),
      );
    });

    test.each([
      ['an unknown grant id', () => aGrant('admin').id],
      ["another user's grant", (other: StoredUser) => other.grants[0].id],
    ])('removeGrant of %s: false, nothing removed, no change record', async (_label, grantIdOf) => {
      const user = await createUser(store, aUser({ grants: [aGrant('secretariat', b)] }));
      const other = await createUser(store, aUser({ grants: [aGrant('auditor', g)] }));
      const grantId = grantIdOf(other);
      const changesBefore = await countRows(store.ds, 'admin_changes');
      const grantsBefore = await countRows(store.ds, 'role_grants');
      const change = aChange('user', user.id, 'revoke');

      expect(await store.users.removeGrant(user.id, grantId, change)).toBe(false);

      expect(await countRows(store.ds, 'admin_changes')).toBe(changesBefore);
      expect(await countRows(store.ds, 'role_grants')).toBe(grantsBefore);
      expect(
        (await store.organisation.changesOf('user', user.id)).filter((c) => c.action === 'revoke'),
      ).toEqual([]);
      expect(await read(user.id)).toEqual(sortedGrants(user));
      expect(await read(other.id)).toEqual(sortedGrants(other));
    });

    test('modify rewrites name, activity and person link, with its change record', async () => {
      const user = await createUser(store, aUser({ grants: [aGrant('secretariat', b)] }));
      const updated = {
        ...user,
        displayName: 'Lý Thị Mai (Văn phòng)',
        active: false,
        personId: person.id,
      };
      const change = aChange('user', user.id, 'update', user, updated);

      const result = await store.users.modify(user.id, (before) => {
        expect(sortedGrants(before)).toEqual(sortedGrants(user));
        return { after: updated, change };
      });

      expect(result?.after).toEqual(updated);
      expect(await read(user.id)).toEqual(sortedGrants(updated));
      expect((await userChanges(user)).map((c) => c.action)).toEqual(['create', 'update']);
      expect((await userChanges(user))[1]).toEqual(change);
    });

    test('modify of an unknown user writes nothing and says so', async () => {
      const before = await countRows(store.ds, 'admin_changes');
      const result = await store.users.modify('00000000-0000-7000-8000-000000000000', () => {
        throw new Error('decide must not be called');
      });
      expect(result).toBeNull();
      expect(await countRows(store.ds, 'admin_changes')).toBe(before);
    });

    test('concurrent modifications apply one after the other: none is lost', async () => {
      const user = await createUser(store, aUser({ grants: [aGrant('secretariat', b)] }));
      await Promise.all([
        store.users.modify(user.id, (before) => ({
          after: { ...before, active: false },
          change: aChange('user', user.id, 'deactivate'),
        })),
        store.users.modify(user.id, (before) => ({
          after: { ...before, displayName: 'Tên mới' },
          change: aChange('user', user.id, 'rename'),
        })),
      ]);
      const after = await read(user.id);
      expect(after).toMatchObject({ active: false, displayName: 'Tên mới' });
    });
  });

  describe('cases scoped by unit', () => {
    let caseStore: Store;
    let author: StoredUser;
    let a: StoredUnit;
    let b: StoredUnit;
    let c: StoredUnit;
    let d: StoredUnit;
    let e: StoredUnit;
    let subject: StoredPerson;
    let seeded: StoredCase[];

    beforeAll(async () => {
      caseStore = await openStore(dialect);
      author = await createUser(caseStore, aUser());
      a = aUnit(null);
      b = aUnit(a);
      c = aUnit(b);
      d = aUnit(a);
      e = aUnit(null);
      subject = aPerson(c, { fullName: 'Đỗ Minh Tuấn' });
      await insertOrganisation(caseStore, [a, b, c, d, e], [subject]);
      seeded = [];
      const placements: (StoredUnit | null)[] = [a, b, c, d, e, null, a, b, c, d, e, null, c];
      for (const [index, unit] of placements.entries()) {
        const created = await insertCase(caseStore, author, {
          unit,
          caseType: index % 2 === 0 ? 'nomination' : 'violation',
          subjectPersonId: unit === c ? subject.id : null,
        });
        seeded.push(created.stored);
      }
    });

    afterAll(async () => {
      await caseStore.close();
    });

    const walk = (scopes: string[] | null, limit: number, caseType?: string) =>
      allPages((cursor) => caseStore.cases.list({ scopes, caseType, cursor, limit }));
    const newestFirst = (cases: StoredCase[]) => [...cases].sort(byId).reverse();
    /** As the list gives them: each case with its unit's name, for the list's Unit column. */
    const listed = (cases: StoredCase[]) =>
      newestFirst(cases).map((s) => ({
        ...s,
        unitName: [a, b, c, d, e].find((u) => u.id === s.unitId)?.name ?? null,
      }));
    const inUnits = (...units: StoredUnit[]) =>
      listed(seeded.filter((s) => units.some((u) => u.id === s.unitId)));

    test('a case reads back with its unit, the unit path and the subject person', async () => {
      const inC = seeded.find((s) => s.unitId === c.id)!;
      expect(await caseStore.cases.findById(inC.id)).toEqual(inC);
      expect(inC).toMatchObject({ unitId: c.id, unitPath: c.path, subjectPersonId: subject.id });
      const unitless = seeded.find((s) => s.unitId === null)!;
      expect(await caseStore.cases.findById(unitless.id)).toMatchObject({
        unitId: null,
        unitPath: null,
        subjectPersonId: null,
      });
    });

    test.each([
      ['a subtree', () => [b.path], () => inUnits(b, c)],
      ['a leaf', () => [c.path], () => inUnits(c)],
      ['a root', () => [a.path], () => inUnits(a, b, c, d)],
      ['two disjoint subtrees', () => [c.path, d.path], () => inUnits(c, d)],
      ['overlapping scopes (each case once)', () => [a.path, b.path], () => inUnits(a, b, c, d)],
      [
        'two roots (never the cases without a unit)',
        () => [a.path, e.path],
        () => inUnits(a, b, c, d, e),
      ],
      ['no scopes', () => [], () => []],
      ['null scopes (every case, with or without a unit)', () => null, () => listed(seeded)],
    ])('scoped to %s: exactly the cases inside, newest first', async (_label, scopes, expected) => {
      for (const limit of [1, 3, 100]) {
        const { pages, items } = await walk(scopes(), limit);
        expect(items).toEqual(expected());
        expectPaged(pages, expected().length, limit);
      }
    });

    test('scopes combine with the case type filter', async () => {
      const { items } = await walk([b.path], 2, 'violation');
      expect(items).toEqual(inUnits(b, c).filter((s) => s.caseType === 'violation'));
      expect(items.length).toBeGreaterThan(0);
    });

    test('when a unit moves, its cases follow it into the new scope', async () => {
      const movedB = await moveUnit(caseStore, b.id, e.id);
      const movedC = (await caseStore.organisation.findUnitById(c.id))!;
      const now = <Case extends StoredCase>(s: Case): Case =>
        s.unitId === b.id
          ? { ...s, unitPath: movedB.path }
          : s.unitId === c.id
            ? { ...s, unitPath: movedC.path }
            : s;

      expect((await walk([e.path], 2)).items).toEqual(inUnits(b, c, e).map(now));
      expect((await walk([a.path], 2)).items).toEqual(inUnits(a, d));
      const inC = seeded.find((s) => s.unitId === c.id)!;
      expect(await caseStore.cases.findById(inC.id)).toEqual(now(inC));
      expect((await caseStore.cases.findById(inC.id))!.unitPath).toBe(`${e.path}${b.id}/${c.id}/`);
    });
  });
});
