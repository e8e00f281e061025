import { ChainVerifications } from '../../src/cases/chain-verifications';
import { VERIFY_CHAIN } from '../../src/cases/case-verification.tasks';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';
import { CertificateVerifications1764150000000 } from '../../src/persistence/migrations/1764150000000-certificate-verifications';
import { SqlCertificateRendersRepository } from '../../src/persistence/repositories/sql-certificate-renders.repository';
import { SqlChainVerificationsRepository } from '../../src/persistence/repositories/sql-chain-verifications.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { WorkerPool } from '../../src/workers/worker-pool';
import { DIALECTS } from '../support/databases';
import {
  advance,
  aUser,
  countRows,
  createUser,
  insertCase,
  openStore,
  type Store,
} from './fixtures';

/** A clock the test moves by hand. */
class ManualClock extends Clock {
  at = Date.UTC(2026, 0, 5, 8, 0, 0);

  now(): Date {
    return new Date(this.at);
  }
}

/** A cut-off before every render of these tests: nothing is forgotten for age. */
const LONG_AGO = '2000-01-01T00:00:00.000Z';

const INTACT = { ok: true, checked: 1, firstBadSeq: null, problem: null };

/**
 * The stored results that keep certificates and their public check off the request thread, as
 * several app instances sharing one database see them: a render stored once per content, one
 * chain check per head (the newest head wins), and an old check redone by one instance only.
 */
describe.each(DIALECTS)('stored renders and chain verifications on %s', (dialect) => {
  let store: Store;
  let author: StoredUser;
  let pool: WorkerPool;

  beforeAll(async () => {
    store = await openStore(dialect);
    author = aUser({ roles: ['secretariat'] });
    await createUser(store, author);
    pool = new WorkerPool(
      new AppConfig(validateEnvironment({ NODE_ENV: 'test', WORKER_THREADS: '1' })),
    );
  });
  afterAll(async () => {
    await pool.onModuleDestroy();
    await store.close();
  });

  test('a render is stored once per content; a new content replaces its case’s old one', async () => {
    const renders = new SqlCertificateRendersRepository(store.database);
    const { stored } = await insertCase(store, author);
    const first = {
      contentKey: 'a'.repeat(64),
      caseId: stored.id,
      renderedAt: '2026-01-05T08:00:00.000Z',
    };
    await renders.store({ ...first, pdf: Buffer.from('%PDF-1 first') }, LONG_AGO);
    // Another instance stored the same content meanwhile: the row stays as it was.
    await renders.store({ ...first, pdf: Buffer.from('%PDF-1 again') }, LONG_AGO);
    expect(await renders.find(first.contentKey)).toEqual(Buffer.from('%PDF-1 first'));
    expect(await countRows(store.ds, 'certificate_renders')).toBe(1);

    const renamed = { ...first, contentKey: 'b'.repeat(64), pdf: Buffer.from('%PDF-1 renamed') };
    await renders.store(renamed, LONG_AGO);
    expect(await renders.find(first.contentKey)).toBeNull();
    expect(await renders.find(renamed.contentKey)).toEqual(renamed.pdf);
    expect(await countRows(store.ds, 'certificate_renders')).toBe(1);

    // Storing another case's render a month later forgets the renders made before the cut-off.
    const other = await insertCase(store, author);
    await renders.store(
      {
        contentKey: 'c'.repeat(64),
        caseId: other.stored.id,
        pdf: Buffer.from('%PDF-1 other'),
        renderedAt: '2026-02-06T08:00:00.000Z',
      },
      '2026-01-07T08:00:00.000Z',
    );
    expect(await renders.find(renamed.contentKey)).toBeNull();
    expect(await countRows(store.ds, 'certificate_renders')).toBe(1);
  });

  test('a check made at an older head never replaces one made at a newer head', async () => {
    const verifications = new SqlChainVerificationsRepository(store.database);
    const { stored } = await insertCase(store, author);
    const newer = { seq: 3, hash: 'c'.repeat(64) };
    await verifications.save({
      caseId: stored.id,
      head: newer,
      result: { ...INTACT, checked: 3 },
      verifiedAt: '2026-01-05T08:00:02.000Z',
    });
    await verifications.save({
      caseId: stored.id,
      head: { seq: 2, hash: 'd'.repeat(64) },
      result: { ok: false, checked: 1, firstBadSeq: 2, problem: 'HASH_MISMATCH' },
      verifiedAt: '2026-01-05T08:00:03.000Z',
    });
    expect(await verifications.find(stored.id)).toEqual({
      caseId: stored.id,
      head: newer,
      result: { ...INTACT, checked: 3 },
      verifiedAt: '2026-01-05T08:00:02.000Z',
    });
  });

  test('a check is made once per head, whichever instance asks', async () => {
    const clock = new ManualClock();
    const repository = new SqlChainVerificationsRepository(store.database);
    const instanceA = new ChainVerifications(repository, store.cases, pool, clock);
    const instanceB = new ChainVerifications(repository, store.cases, pool, clock);
    const run = jest.spyOn(pool, 'run');
    try {
      const created = await insertCase(store, author);
      const { stored } = created;
      // Two public checks at once on one instance, then one on the other: one hashing in all.
      const [a1, a2] = await Promise.all([instanceA.atHead(stored), instanceA.atHead(stored)]);
      const b = await instanceB.atHead(stored);
      expect([a1, a2, b]).toEqual([INTACT, INTACT, INTACT]);
      expect(run).toHaveBeenCalledTimes(1);
      expect(run).toHaveBeenCalledWith(VERIFY_CHAIN, expect.anything());

      // The case moves on: its new head is checked (once) on the next ask.
      const { current: moved } = await advance(store, created, author, 1);
      expect(await instanceB.atHead(moved)).toEqual({ ...INTACT, checked: 2 });
      expect(await instanceA.atHead(moved)).toEqual({ ...INTACT, checked: 2 });
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      run.mockRestore();
    }
  });

  test('a day-old check is redone by one instance only', async () => {
    const clock = new ManualClock();
    const repository = new SqlChainVerificationsRepository(store.database);
    const { stored } = await insertCase(store, author);
    await new ChainVerifications(repository, store.cases, pool, clock).atHead(stored);
    const before = (await repository.find(stored.id))!.verifiedAt;

    clock.at += 25 * 3600 * 1000;
    const dayAgo = new Date(clock.at - 24 * 3600 * 1000).toISOString();
    const redone = await Promise.all(
      [1, 2, 3].map(() =>
        new ChainVerifications(repository, store.cases, pool, clock).recheckMadeBefore(dayAgo, 100),
      ),
    );
    const mine = redone.reduce((sum, count) => sum + count, 0);
    // Every case checked before a day ago (this one and the earlier tests') was redone once.
    expect(mine).toBe(await countRows(store.ds, 'case_chain_verifications'));
    const after = await repository.find(stored.id);
    expect(after!.verifiedAt > before).toBe(true);
    expect(await repository.madeBefore(dayAgo, 100)).toEqual([]);
  });

  test('the migration comes down and goes up again on this engine', async () => {
    const migration = new CertificateVerifications1764150000000();
    const runner = store.ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await runner.hasTable('certificate_renders')).toBe(false);
      expect(await runner.hasTable('case_chain_verifications')).toBe(false);
      await migration.up(runner);
      expect(await countRows(store.ds, 'certificate_renders')).toBe(0);
      expect(await countRows(store.ds, 'case_chain_verifications')).toBe(0);
    } finally {
      await runner.release();
    }
  });
});
