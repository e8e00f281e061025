import { verifyChain } from '../../src/domain/audit/verify-chain';
import { createDataSource } from '../../src/persistence/data-source';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aCase,
  aTransition,
  aUser,
  countRows,
  createUser,
  deferred,
  insertCase,
  openStore,
  yieldToOthers,
  type Store,
} from './fixtures';
import type { StoredCase } from '../../src/domain/cases/stored-case';

const WRITERS = 20;

describe.each(DIALECTS)('concurrent units of work on %s', (dialect) => {
  let store: Store;
  let actor: StoredUser;

  beforeAll(async () => {
    store = await openStore(dialect);
    actor = aUser();
    await createUser(store, actor);
  });

  afterAll(async () => {
    await store.close();
  });

  /** Locks the case, yields to everyone else, then applies the next step on what it read. */
  const stepOnce = (caseId: string) =>
    store.cases.transaction(async (tx) => {
      const current = await tx.findForUpdate(caseId);
      if (!current) throw new Error(`case ${caseId} not found`);
      await yieldToOthers();
      const transition = aTransition(current, actor);
      const applied = await tx.applyTransition(transition);
      return { applied, seq: transition.record.seq };
    });

  async function expectSoundCase(caseId: string, version: number): Promise<void> {
    const stored = await store.cases.findById(caseId);
    const history = await store.cases.fullHistory(caseId);
    expect(stored?.version).toBe(version);
    expect(history.map((r) => r.seq)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(stored?.headHash).toBe(history[history.length - 1].hash);
    expect(verifyChain(caseId, history)).toMatchObject({ ok: true, checked: version });
  }

  test(`${WRITERS} concurrent writers on different cases all succeed`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < WRITERS; i++) ids.push((await insertCase(store, actor)).stored.id);

    // Two steps per unit of work, each after a yield: without one-at-a-time units on SQLite's
    // shared connection these would interleave inside each other's transactions.
    const results = await Promise.all(
      ids.map((id) =>
        store.cases.transaction(async (tx) => {
          const outcomes: boolean[] = [];
          for (let step = 0; step < 2; step++) {
            const current = await tx.findForUpdate(id);
            await yieldToOthers();
            outcomes.push(await tx.applyTransition(aTransition(current!, actor)));
          }
          return outcomes;
        }),
      ),
    );

    expect(results).toEqual(ids.map(() => [true, true]));
    for (const id of ids) await expectSoundCase(id, 3);
  });

  test(`${WRITERS} concurrent writers on the same case are applied one after another`, async () => {
    const { id } = (await insertCase(store, actor)).stored;

    const results = await Promise.all(Array.from({ length: WRITERS }, () => stepOnce(id)));

    expect(results.every((r) => r.applied)).toBe(true);
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => i + 2),
    );
    await expectSoundCase(id, WRITERS + 1);
  });

  test('two concurrent writers with the same expected version: exactly one applies', async () => {
    const created = await insertCase(store, actor);
    const read = (await store.cases.findById(created.stored.id))!;
    const contenders = ['approved', 'rejected'].map((toState) =>
      aTransition(read, actor, { toState }),
    );

    const applied = await Promise.all(
      contenders.map((transition) =>
        store.cases.transaction(async (tx) => {
          const ok = await tx.applyTransition(transition);
          // Hold the transaction open so the other writer really meets it.
          await yieldToOthers(20);
          return ok;
        }),
      ),
    );

    expect([...applied].sort()).toEqual([false, true]);
    const winner = contenders[applied.indexOf(true)];
    expect(await store.cases.findById(read.id)).toMatchObject({
      state: winner.state,
      version: 2,
      headHash: winner.record.hash,
    });
    expect(await store.cases.fullHistory(read.id)).toEqual([created.opening, winner.record]);
  });

  test('among concurrent units of work, one that fails is rolled back alone', async () => {
    const created = Array.from({ length: 5 }, () => aCase(actor));
    const failing = 2;

    const outcomes = await Promise.allSettled(
      created.map(({ stored, opening }, index) =>
        store.cases.transaction(async (tx) => {
          await tx.insert(stored, opening);
          if (index === failing) throw new Error(`unit ${index} fails after writing`);
          return index;
        }),
      ),
    );

    expect(outcomes).toEqual(
      created.map((_, index) =>
        index === failing
          ? { status: 'rejected', reason: new Error(`unit ${index} fails after writing`) }
          : { status: 'fulfilled', value: index },
      ),
    );
    const found = await Promise.all(created.map(({ stored }) => store.cases.findById(stored.id)));
    expect(found).toEqual(created.map(({ stored }, index) => (index === failing ? null : stored)));
    expect(
      await countRows(store.ds, 'case_events', `case_id = '${created[failing].stored.id}'`),
    ).toBe(0);
  });

  test('a unit of work is reported done only once committed: another connection already sees it', async () => {
    const other = createDataSource(store.db.options);
    await other.initialize();
    try {
      const quick = aCase(actor);
      const slow = aCase(actor);
      const slowWrote = deferred();
      const release = deferred();

      const quickWrite = store.cases.transaction((tx) => tx.insert(quick.stored, quick.opening));
      const seenByOther = quickWrite.then(() =>
        countRows(other, 'cases', `id = '${quick.stored.id}'`),
      );
      const slowWrite = store.cases.transaction(async (tx) => {
        await tx.insert(slow.stored, slow.opening);
        slowWrote.resolve();
        await release.promise;
      });
      await Promise.race([slowWrote.promise, slowWrite]);
      await yieldToOthers(20);
      release.resolve();

      expect(await seenByOther).toBe(1);
      await slowWrite;
      expect(await countRows(other, 'cases', `id = '${slow.stored.id}'`)).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  test('a read issued while a write transaction is open does not see its uncommitted write', async () => {
    const created = await insertCase(store, actor);
    const before: StoredCase = created.stored;
    const written = deferred();
    const release = deferred();

    const write = store.cases.transaction(async (tx) => {
      expect(await tx.applyTransition(aTransition(before, actor, { toState: 'uncommitted' }))).toBe(
        true,
      );
      written.resolve();
      await release.promise;
    });
    // If the write fails before reaching the pause, fail here instead of waiting forever.
    await Promise.race([written.promise, write]);

    const read = store.cases.findById(before.id);
    const history = store.cases.fullHistory(before.id);
    await yieldToOthers(10);
    release.reject(new Error('the write fails after the read was issued'));

    await expect(write).rejects.toThrow('the write fails after the read was issued');
    expect(await read).toEqual(before);
    expect(await history).toEqual([created.opening]);
    expect(await store.cases.findById(before.id)).toEqual(before);
  });
});
