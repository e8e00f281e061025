import {
  DuplicateIdempotencyKeyError,
  type StoredResponse,
} from '../../src/persistence/repositories/cases.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aCase,
  aUser,
  countRows,
  createUser,
  nextInstant,
  openStore,
  type Store,
} from './fixtures';

let responseCounter = 0;

function aResponse(overrides: Partial<StoredResponse> = {}): StoredResponse {
  responseCounter += 1;
  return {
    requestHash: responseCounter.toString(16).padStart(64, '0'),
    status: 201,
    body: {
      id: `case-${responseCounter}`,
      subject: { kind: 'person', name: 'Đặng Văn Ơn' },
      allowedEvents: [{ type: 'SUBMIT', label: { vi: 'Trình hồ sơ', en: 'Submit' } }],
      closed: false,
      note: null,
    },
    ...overrides,
  };
}

describe.each(DIALECTS)('idempotency keys on %s', (dialect) => {
  let store: Store;
  let alice: StoredUser;
  let bob: StoredUser;

  beforeAll(async () => {
    store = await openStore(dialect);
    alice = aUser();
    bob = aUser();
    await createUser(store, alice);
    await createUser(store, bob);
  });

  afterAll(async () => {
    await store.close();
  });

  const remember = (user: StoredUser, key: string, response: StoredResponse) =>
    store.cases.transaction((tx) => tx.rememberResponse(user.id, key, response, nextInstant()));

  test('a remembered response is found again with its status, body and request hash', async () => {
    const response = aResponse({ status: 200 });

    const foundInside = await store.cases.transaction(async (tx) => {
      await tx.rememberResponse(alice.id, 'key-found', response, nextInstant());
      return tx.findResponse(alice.id, 'key-found');
    });

    expect(foundInside).toEqual(response);
    expect(await store.cases.findResponse(alice.id, 'key-found')).toEqual(response);
  });

  test('an unknown key finds nothing', async () => {
    expect(await store.cases.findResponse(alice.id, 'never-used')).toBeNull();
    await expect(
      store.cases.transaction((tx) => tx.findResponse(alice.id, 'never-used')),
    ).resolves.toBeNull();
  });

  test('a second response for the same user and key is refused and its transaction rolls back', async () => {
    const first = aResponse();
    await remember(alice, 'key-dup', first);
    const created = aCase(alice);

    await expect(
      store.cases.transaction(async (tx) => {
        await tx.insert(created.stored, created.opening);
        await tx.rememberResponse(alice.id, 'key-dup', aResponse(), nextInstant());
      }),
    ).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);

    expect(await store.cases.findById(created.stored.id)).toBeNull();
    expect(await countRows(store.ds, 'case_events', `case_id = '${created.stored.id}'`)).toBe(0);
    expect(await store.cases.findResponse(alice.id, 'key-dup')).toEqual(first);
  });

  test('remembering the same key twice in one transaction rolls back both', async () => {
    const created = aCase(alice);

    await expect(
      store.cases.transaction(async (tx) => {
        await tx.insert(created.stored, created.opening);
        await tx.rememberResponse(alice.id, 'key-twice', aResponse(), nextInstant());
        await tx.rememberResponse(alice.id, 'key-twice', aResponse(), nextInstant());
      }),
    ).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);

    expect(await store.cases.findResponse(alice.id, 'key-twice')).toBeNull();
    expect(await store.cases.findById(created.stored.id)).toBeNull();
  });

  test('keys belong to one user: the same key for another user is a separate entry', async () => {
    const forAlice = aResponse({ status: 201 });
    const forBob = aResponse({ status: 200 });

    await remember(alice, 'shared-key', forAlice);
    await expect(remember(bob, 'shared-key', forBob)).resolves.toBeUndefined();

    expect(await store.cases.findResponse(alice.id, 'shared-key')).toEqual(forAlice);
    expect(await store.cases.findResponse(bob.id, 'shared-key')).toEqual(forBob);
  });

  test('two concurrent requests with the same key: exactly one commits, the other is refused whole', async () => {
    const attempts = [aCase(bob), aCase(bob)].map((created) => ({
      created,
      response: aResponse({ body: { id: created.stored.id } }),
    }));

    const outcomes = await Promise.allSettled(
      attempts.map(({ created, response }) =>
        store.cases.transaction(async (tx) => {
          await tx.insert(created.stored, created.opening);
          await tx.rememberResponse(bob.id, 'raced-key', response, nextInstant());
        }),
      ),
    );

    const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [attempts[i]] : []));
    const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toBeInstanceOf(DuplicateIdempotencyKeyError);

    const [winner] = winners;
    const loser = attempts.find((a) => a !== winner)!;
    expect(await store.cases.findResponse(bob.id, 'raced-key')).toEqual(winner.response);
    expect(await store.cases.findById(winner.created.stored.id)).toEqual(winner.created.stored);
    expect(await store.cases.findById(loser.created.stored.id)).toBeNull();
  });
});
