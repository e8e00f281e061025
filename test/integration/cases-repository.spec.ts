import { verifyChain } from '../../src/domain/audit/verify-chain';
import { isUniqueViolation } from '../../src/persistence/database';
import {
  CaseChangedMeanwhile,
  type CaseListQuery,
} from '../../src/persistence/repositories/cases.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aCase,
  advance,
  afterTransition,
  aTransition,
  aUnit,
  aUser,
  countRows,
  createUser,
  insertCase,
  insertOrganisation,
  moveUnit,
  openStore,
  personSubject,
  queriesSentToPostgres,
  type Store,
  unitSubject,
} from './fixtures';
import type { StoredCase } from '../../src/domain/cases/stored-case';
import { v7 as uuidv7 } from 'uuid';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe.each(DIALECTS)('TypeOrmCasesRepository on %s', (dialect) => {
  let store: Store;
  let author: StoredUser;

  beforeAll(async () => {
    store = await openStore(dialect);
    author = aUser({ displayName: 'Trần Xuân Lâm', roles: ['secretariat'] });
    await createUser(store, author);
  });

  afterAll(async () => {
    await store.close();
  });

  /** The case as stored, its full history, and whether that history still verifies. */
  async function readBack(caseId: string) {
    const history = await store.cases.fullHistory(caseId);
    return {
      stored: await store.cases.findById(caseId),
      history,
      chainOk: verifyChain(caseId, history).ok,
    };
  }

  describe('insert', () => {
    test('a case and its opening record read back exactly', async () => {
      const created = aCase(author, {
        subject: unitSubject('Phòng Kế hoạch', 'PKH-01'),
        data: { year: 2025, tags: ['a', 'b'], nested: { ok: true, none: null } },
      });

      await store.cases.transaction((tx) => tx.insert(created.stored, created.opening));

      expect(await readBack(created.stored.id)).toEqual({
        stored: created.stored,
        history: [created.opening],
        chainOk: true,
      });
    });

    test('findById and fullHistory of an unknown case find nothing', async () => {
      const unknown = aCase(author).stored.id;
      expect(await store.cases.findById(unknown)).toBeNull();
      expect(await store.cases.fullHistory(unknown)).toEqual([]);
    });

    test.each([
      ['Nguyễn Thị Hoà'],
      ['Đặng Văn Ơn'],
      ['Phạm Thị Ngọc Ánh'],
      ['Lê Hữu Ước, Trưởng phòng Tổ chức – Hành chính'],
    ])('the Vietnamese name "%s" round-trips byte for byte, in NFC', async (name) => {
      expect(name).toBe(name.normalize('NFC'));
      const created = await insertCase(store, author, {
        subject: personSubject(name),
        data: { note: `Khen thưởng cho ${name}` },
      });

      const { stored, history, chainOk } = await readBack(created.stored.id);

      expect(utf8(stored!.subject.name)).toEqual(utf8(name));
      expect(stored!.subject.name).toBe(stored!.subject.name.normalize('NFC'));
      expect(utf8(String(stored!.data.note))).toEqual(utf8(`Khen thưởng cho ${name}`));
      expect(history).toEqual([created.opening]);
      // The hash covers the payload bytes: any change by the database would break the chain.
      expect(chainOk).toBe(true);
    });

    test('text is not normalised on the way through: a decomposed (NFD) name stays decomposed', async () => {
      const decomposed = 'Nguyễn Thị Hoà'.normalize('NFD');
      expect(decomposed).not.toBe('Nguyễn Thị Hoà');
      const created = await insertCase(store, author, {
        subject: personSubject(decomposed),
      });

      const { stored, chainOk } = await readBack(created.stored.id);

      expect(utf8(stored!.subject.name)).toEqual(utf8(decomposed));
      expect(chainOk).toBe(true);
    });
  });

  describe('applyTransition', () => {
    test('with the current version: updates state, version and head hash and appends the record', async () => {
      const created = await insertCase(store, author);
      const transition = aTransition(created.stored, author, { toState: 'submitted' });

      const applied = await store.cases.transaction((tx) => tx.applyTransition(transition));

      expect(applied).toBe(true);
      expect(await readBack(created.stored.id)).toEqual({
        stored: afterTransition(created.stored, transition),
        history: [created.opening, transition.record],
        chainOk: true,
      });
    });

    test('can close a case', async () => {
      const created = await insertCase(store, author);
      const transition = aTransition(created.stored, author, { toState: 'rejected', closed: true });

      await store.cases.transaction((tx) => tx.applyTransition(transition));

      expect(await store.cases.findById(created.stored.id)).toMatchObject({
        state: 'rejected',
        closed: true,
        version: 2,
      });
    });

    test.each([
      ['behind the current version', 1],
      ['ahead of the current version', 3],
    ])(
      'with an expectedVersion %s: returns false and writes nothing',
      async (_label, expectedVersion) => {
        const { current, records } = await advance(
          store,
          await insertCase(store, author),
          author,
          1,
        );
        expect(current.version).toBe(2);
        const stale = aTransition(current, author, { expectedVersion });

        const applied = await store.cases.transaction((tx) => tx.applyTransition(stale));

        expect(applied).toBe(false);
        expect(await readBack(current.id)).toEqual({
          stored: current,
          history: records,
          chainOk: true,
        });
        expect(await countRows(store.ds, 'case_events', `case_id = '${current.id}'`)).toBe(2);
      },
    );

    test('for a case that does not exist: returns false and appends nothing', async () => {
      const ghost = aCase(author).stored;
      const applied = await store.cases.transaction((tx) =>
        tx.applyTransition(aTransition(ghost, author)),
      );

      expect(applied).toBe(false);
      expect(await countRows(store.ds, 'case_events', `case_id = '${ghost.id}'`)).toBe(0);
    });

    test('an error thrown later in the same transaction rolls back both the update and the record', async () => {
      const created = await insertCase(store, author);
      const transition = aTransition(created.stored, author);
      let seenInside: StoredCase | null = null;

      await expect(
        store.cases.transaction(async (tx) => {
          expect(await tx.applyTransition(transition)).toBe(true);
          seenInside = await tx.findForUpdate(created.stored.id);
          throw new Error('the step after the write failed');
        }),
      ).rejects.toThrow('the step after the write failed');

      // The write did happen inside the transaction…
      expect(seenInside).toMatchObject({ version: 2, headHash: transition.record.hash });
      // …and none of it survived.
      expect(await readBack(created.stored.id)).toEqual({
        stored: created.stored,
        history: [created.opening],
        chainOk: true,
      });
    });

    test('a record whose (caseId, seq) already exists fails and rolls back the whole transaction', async () => {
      const created = await insertCase(store, author);
      const first = aTransition(created.stored, author);
      const afterFirst = afterTransition(created.stored, first);
      // Version check passes (2 = 2), but seq 2 is already taken by `first`.
      const clash = aTransition(afterFirst, author, { seq: 2, expectedVersion: 2 });

      const failure = await store.cases
        .transaction(async (tx) => {
          expect(await tx.applyTransition(first)).toBe(true);
          return tx.applyTransition(clash);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );

      expect(failure).not.toBeNull();
      // PostgreSQL: the primary key; SQLite: the append-only trigger fires before the key check.
      const code = (failure as { driverError?: { code?: string } }).driverError?.code;
      expect(isUniqueViolation(failure) || code === 'SQLITE_CONSTRAINT_TRIGGER').toBe(true);
      expect(await readBack(created.stored.id)).toEqual({
        stored: created.stored,
        history: [created.opening],
        chainOk: true,
      });
    });

    test('inserting a second case with an existing id fails and leaves the first intact', async () => {
      const created = await insertCase(store, author);
      const impostor = aCase(author, {
        id: created.stored.id,
        subject: personSubject('X'),
      });

      await expect(
        store.cases.transaction((tx) => tx.insert(impostor.stored, impostor.opening)),
      ).rejects.toThrow();

      expect(await readBack(created.stored.id)).toEqual({
        stored: created.stored,
        history: [created.opening],
        chainOk: true,
      });
    });
  });

  /** A case in an office under a committee, a copy of it read now, and a unit to move it to. */
  async function aCaseInAnOfficeThatMayMove() {
    const parent = aUnit(null);
    const office = aUnit(parent);
    const elsewhere = aUnit(null);
    await insertOrganisation(store, [parent, office, elsewhere]);
    const created = await insertCase(store, author, { unit: office });
    const copy = (await store.cases.findById(created.stored.id))!;
    return { office, elsewhere, created, copy };
  }

  describe('lockIfUnchanged', () => {
    test('stands for a copy read before the transaction only while the case and its unit did not move', async () => {
      const { office, elsewhere, created, copy } = await aCaseInAnOfficeThatMayMove();
      const stillTheCopy = (candidate: StoredCase) =>
        store.cases.transaction((tx) => tx.lockIfUnchanged(candidate));

      expect(await stillTheCopy(copy)).toBe(true);
      // Another transition since: the copy is stale.
      const transition = aTransition(copy, author, { toState: 'submitted' });
      await store.cases.transaction((tx) => tx.applyTransition(transition));
      expect(await stillTheCopy(copy)).toBe(false);
      const fresh = (await store.cases.findById(created.stored.id))!;
      expect(await stillTheCopy(fresh)).toBe(true);
      // Its unit moved in the tree (scope follows the path): stale too, at the same version.
      await moveUnit(store, office.id, elsewhere.id);
      expect(await stillTheCopy(fresh)).toBe(false);
      // A case that is gone.
      expect(await stillTheCopy({ ...fresh, id: uuidv7() })).toBe(false);
    });
  });

  /** Until a statement naming the case waits for a lock (PostgreSQL); fails after 10 s. */
  async function waitingForTheLockOf(caseId: string): Promise<void> {
    for (let waited = 0; waited < 10_000; waited += 10) {
      const rows: unknown[] = await store.ds.query(
        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND strpos(query, $1) > 0",
        [caseId],
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`nothing waited for the lock of case ${caseId}`);
  }

  describe('expectUnchanged', () => {
    /** A transition of `copy` in a transaction that expects the copy: how it ended. */
    const stepTheCopy = (copy: StoredCase, transition = aTransition(copy, author)) =>
      store.cases
        .transaction(async (tx) => {
          await tx.expectUnchanged(copy);
          return tx.applyTransition(transition);
        })
        .catch((error: unknown) => error);

    test('commits a transition of the copy while the case and its unit did not move', async () => {
      const created = await insertCase(store, author);
      const copy = (await store.cases.findById(created.stored.id))!;
      const transition = aTransition(copy, author, { toState: 'submitted' });

      expect(await stepTheCopy(copy, transition)).toBe(true);
      // Checked at once on SQLite (a refusal of the copy is then final), later on PostgreSQL.
      const checkedNow = await store.cases.transaction((tx) =>
        tx.expectUnchanged(afterTransition(copy, transition)),
      );
      expect(checkedNow).toBe(dialect === 'sqlite');
      expect(await readBack(copy.id)).toEqual({
        stored: afterTransition(copy, transition),
        history: [created.opening, transition.record],
        chainOk: true,
      });
    });

    test('fails the whole transaction, writing nothing, once the case, its unit or the row moved', async () => {
      const { office, elsewhere, copy } = await aCaseInAnOfficeThatMayMove();
      // Another transition since: the copy is stale.
      const other = aTransition(copy, author, { toState: 'submitted' });
      await store.cases.transaction((tx) => tx.applyTransition(other));
      const afterOther = await readBack(copy.id);

      const stale = await stepTheCopy(copy);
      expect(stale).toBeInstanceOf(CaseChangedMeanwhile);
      expect(stale).toMatchObject({ caseId: copy.id });
      expect(await readBack(copy.id)).toEqual(afterOther);

      // Its unit moved in the tree (scope follows the path): stale too, at the same version.
      const fresh = (await store.cases.findById(copy.id))!;
      await moveUnit(store, office.id, elsewhere.id);
      expect(await stepTheCopy(fresh)).toBeInstanceOf(CaseChangedMeanwhile);
      expect(await readBack(copy.id)).toEqual({
        ...afterOther,
        stored: { ...afterOther.stored, unitPath: `${elsewhere.path}${office.id}/` },
      });

      // A case that is gone.
      const gone = { ...fresh, id: uuidv7() };
      expect(await stepTheCopy(gone)).toBeInstanceOf(CaseChangedMeanwhile);
      expect(await store.cases.fullHistory(gone.id)).toEqual([]);
    });

    if (dialect === 'postgres') {
      test('on PostgreSQL the whole transaction is one round trip: the lock goes with the writes and COMMIT', async () => {
        const created = await insertCase(store, author);
        const copy = (await store.cases.findById(created.stored.id))!;
        const sent = await queriesSentToPostgres(async () => {
          expect(await stepTheCopy(copy)).toBe(true);
        });
        expect(sent).toEqual([['START', 'SELECT', 'WITH', 'COMMIT']]);
      });
    }

    test('a transition committed while it waited for the lock makes it fail, and only the first one stands', async () => {
      const created = await insertCase(store, author);
      const copy = (await store.cases.findById(created.stored.id))!;
      const first = aTransition(copy, author, { toState: 'submitted' });
      let firstHoldsTheLock!: () => void;
      const locked = new Promise<void>((resolve) => (firstHoldsTheLock = resolve));
      let letFirstCommit!: () => void;
      const mayCommit = new Promise<void>((resolve) => (letFirstCommit = resolve));

      const firstDone = store.cases.transaction(async (tx) => {
        await tx.findForUpdate(copy.id);
        firstHoldsTheLock();
        await mayCommit;
        return tx.applyTransition(first);
      });
      await locked;
      // On PostgreSQL the second waits for the row's lock (seen waiting before the first may
      // commit, so it is the re-check after the wait that fails it); on SQLite for the write gate.
      const secondDone = stepTheCopy(copy);
      if (dialect === 'postgres') await waitingForTheLockOf(copy.id);
      letFirstCommit();

      expect(await firstDone).toBe(true);
      expect(await secondDone).toBeInstanceOf(CaseChangedMeanwhile);
      expect(await readBack(copy.id)).toEqual({
        stored: afterTransition(copy, first),
        history: [created.opening, first.record],
        chainOk: true,
      });
    });
  });

  describe('history', () => {
    let caseId: string;
    let records: Awaited<ReturnType<typeof advance>>['records'];

    beforeAll(async () => {
      const created = await insertCase(store, author);
      // Another case written in between must never show up in this one's history.
      const other = await insertCase(store, author);
      ({ records } = await advance(store, created, author, 6));
      await advance(store, other, author, 3);
      caseId = created.stored.id;
    });

    test('fullHistory returns every record of the case, in seq order', async () => {
      const history = await store.cases.fullHistory(caseId);
      expect(history).toEqual(records);
      expect(history.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    test.each([
      [0, 3, [1, 2, 3]],
      [3, 3, [4, 5, 6]],
      [6, 3, [7]],
      [7, 3, []],
      [0, 100, [1, 2, 3, 4, 5, 6, 7]],
      [2, 1, [3]],
    ])('history(afterSeq %i, limit %i) returns seqs %j', async (afterSeq, limit, seqs) => {
      const page = await store.cases.history(caseId, afterSeq, limit);
      expect(page).toEqual(records.filter((r) => seqs.includes(r.seq)));
      expect(page.map((r) => r.seq)).toEqual(seqs);
    });

    test('paging with afterSeq = last seq of the previous page walks the whole chain once', async () => {
      const walked = [];
      let afterSeq = 0;
      for (;;) {
        const page = await store.cases.history(caseId, afterSeq, 2);
        if (page.length === 0) break;
        walked.push(...page);
        afterSeq = page[page.length - 1].seq;
      }
      expect(walked).toEqual(records);
    });
  });

  describe('list (keyset pagination by id, newest first)', () => {
    // A store of its own, so the expected contents are exactly what this block inserted.
    let listStore: Store;
    let seeded: StoredCase[];

    beforeAll(async () => {
      listStore = await openStore(dialect);
      await createUser(listStore, author);
      seeded = [];
      const shapes = [
        ...Array.from({ length: 4 }, () => ({ caseType: 'list_a', state: 'draft' })),
        ...Array.from({ length: 3 }, () => ({ caseType: 'list_a', state: 'review' })),
        ...Array.from({ length: 3 }, () => ({ caseType: 'list_b', state: 'draft' })),
        ...Array.from({ length: 3 }, () => ({ caseType: 'list_b', state: 'review' })),
      ];
      // Interleave the shapes so pages mix types and states.
      for (let i = 0; i < shapes.length; i++) {
        const shape = shapes[(i * 5) % shapes.length];
        seeded.push((await insertCase(listStore, author, shape)).stored);
      }
    });

    afterAll(async () => {
      await listStore.close();
    });

    async function allPages(query: Omit<CaseListQuery, 'cursor' | 'scopes'>) {
      const pages: { ids: string[]; nextCursor: string | null }[] = [];
      const items: StoredCase[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const page = await listStore.cases.list({ ...query, scopes: null, cursor });
        pages.push({ ids: page.items.map((c) => c.id), nextCursor: page.nextCursor });
        items.push(...page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      return { pages, items };
    }

    const filters: [string, Pick<CaseListQuery, 'caseType' | 'state'>, number][] = [
      ['no filter', {}, 13],
      ['type list_a', { caseType: 'list_a' }, 7],
      ['state review', { state: 'review' }, 6],
      ['type list_b and state review', { caseType: 'list_b', state: 'review' }, 3],
      ['a type nobody has', { caseType: 'nothing' }, 0],
    ];
    const cases = filters.flatMap(([label, filter, count]) =>
      [1, 3, 6].map((limit) => [label, limit, filter, count] as const),
    );

    test.each(cases)(
      '%s, %i per page: every matching case exactly once, by id descending, then a null cursor',
      async (_label, limit, filter, count) => {
        const expected = seeded
          .filter((c) => (filter.caseType ?? c.caseType) === c.caseType)
          .filter((c) => (filter.state ?? c.state) === c.state)
          .sort((a, b) => (a.id < b.id ? 1 : -1));
        expect(expected).toHaveLength(count);

        const { pages, items } = await allPages({ ...filter, limit });

        // A list item is the stored case with its unit's name (these cases have no unit).
        expect(items).toEqual(expected.map((c) => ({ ...c, unitName: null })));
        expect(pages).toHaveLength(Math.max(1, Math.ceil(count / limit)));
        for (const page of pages.slice(0, -1)) {
          expect(page.ids).toHaveLength(limit);
          expect(page.nextCursor).toBe(page.ids[page.ids.length - 1]);
        }
        expect(pages[pages.length - 1].nextCursor).toBeNull();
      },
    );
  });
});
