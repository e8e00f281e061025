import { SqlRateLimitCountersRepository } from '../../src/persistence/repositories/sql-rate-limit-counters.repository';
import { DIALECTS } from '../support/databases';
import { openStore, type Store } from './fixtures';

const WINDOW = { windowMs: 60_000, limit: 3, blockMs: 60_000 };
const T0 = 1_800_000_000_000;

/**
 * The counters behind the public limits: one upsert per request, so concurrent requests (from
 * several app instances) are each counted once, a window ends, and passing the limit blocks.
 */
describe.each(DIALECTS)('rate limit counters (%s)', (dialect) => {
  let store: Store;
  let counters: SqlRateLimitCountersRepository;

  beforeAll(async () => {
    store = await openStore(dialect);
    counters = new SqlRateLimitCountersRepository(store.database);
  });
  afterAll(() => store.close());

  test('concurrent hits are each counted once', async () => {
    const many = { ...WINDOW, limit: 1000 };
    const results = await Promise.all(
      Array.from({ length: 25 }, () => counters.hit('burst', T0, many)),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  test('past the limit it blocks; a request while blocked is not counted', async () => {
    for (let hit = 1; hit <= 3; hit++) {
      expect(await counters.hit('client', T0 + hit, WINDOW)).toEqual({
        hits: hit,
        windowEndsAt: T0 + 1 + 60_000,
        blockedUntil: 0,
      });
    }
    expect(await counters.hit('client', T0 + 10, WINDOW)).toEqual({
      hits: 4,
      windowEndsAt: T0 + 1 + 60_000,
      blockedUntil: T0 + 10 + 60_000,
    });
    expect(await counters.hit('client', T0 + 20, WINDOW)).toMatchObject({
      hits: 4,
      blockedUntil: T0 + 10 + 60_000,
    });
  });

  test('after the block and the window a new window starts', async () => {
    const later = T0 + 10 + 60_000;
    expect(await counters.hit('client', later, WINDOW)).toEqual({
      hits: 1,
      windowEndsAt: later + 60_000,
      blockedUntil: 0,
    });
    expect(await counters.hit('other-client', later, WINDOW)).toMatchObject({ hits: 1 });
  });
});
