import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointScheduler } from '../../src/audit/audit.module';
import { parseSigningKey, type SigningKey } from '../../src/config/checkpoint-signing-key';
import { CheckpointsService, type CheckpointOutcome } from '../../src/audit/checkpoints.service';
import type { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';
import { merkleRoot } from '../../src/domain/audit/checkpoint';
import { SqlCheckpointLedger } from '../../src/persistence/repositories/checkpoint-ledger-sql.repository';
import { TypeOrmAuditTrailRepository } from '../../src/persistence/repositories/typeorm-audit-trail.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
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

/**
 * Checkpoints over every case's chain head, on both engines: written when due, never signed over
 * a case deleted, truncated or forked since the previous one (the write is refused and the case
 * named), and verified end to end. The attacker here has the database: they switch the
 * append-only triggers off first, as tamper-detection.spec.ts does through the API.
 */

const ed25519Pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyA = parseSigningKey(ed25519Pem(), 'AUDIT_SIGNING_KEY');
const keyB = parseSigningKey(ed25519Pem(), 'AUDIT_SIGNING_KEY');

interface Options {
  signingKey?: SigningKey | null;
  everyEvents?: number;
  everyMinutes?: number;
}

const configWith = (options: Options = {}) =>
  ({
    checkpoints: {
      signingKey: options.signingKey ?? null,
      everyEvents: options.everyEvents ?? 1000,
      everyMinutes: options.everyMinutes ?? 60,
      checkSeconds: 0,
    },
  }) as unknown as AppConfig;

// The service logs through Nest's logger; the specs look at what it logs, not the console.
beforeAll(() => Logger.overrideLogger(false));

const T0 = new Date('2026-03-02T08:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(DIALECTS)('audit checkpoints on %s', (dialect) => {
  let store: Store;
  let author: StoredUser;
  let trail: TypeOrmAuditTrailRepository;
  let ledger: SqlCheckpointLedger;

  beforeEach(async () => {
    store = await openStore(dialect);
    author = await createUser(store, aUser({ roles: ['secretariat'] }));
    trail = new TypeOrmAuditTrailRepository(store.database);
    ledger = new SqlCheckpointLedger(store.database);
  });
  afterEach(() => store.close());

  const service = (options: Options = {}) => new CheckpointsService(ledger, configWith(options));

  /** Raw SQL as a DBA would type it; `?` placeholders work on both engines. */
  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    return store.ds.query(query, params);
  };

  /** What an attacker with database access does first: switch the append-only triggers off. */
  async function withoutAppendOnly(tables: string[], work: () => Promise<void>): Promise<void> {
    for (const table of tables) {
      if (dialect === 'postgres') await sql(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      else for (const op of ['update', 'delete']) await sql(`DROP TRIGGER ${table}_no_${op}`);
    }
    await work();
  }

  /** A case with `records` audit records; returns its id. */
  async function caseWith(records: number): Promise<string> {
    const created = await insertCase(store, author);
    await advance(store, created, author, records - 1);
    return created.stored.id;
  }

  /** Appends `steps` records to an existing case. */
  async function grow(caseId: string, steps: number): Promise<void> {
    const stored = (await store.cases.findById(caseId))!;
    await advance(store, { stored, opening: null as never }, author, steps);
  }

  const deleteCase = (caseId: string) =>
    withoutAppendOnly(['case_events'], async () => {
      await sql('DELETE FROM case_events WHERE case_id = ?', [caseId]);
      await sql('DELETE FROM cases WHERE id = ?', [caseId]);
    });

  test('a checkpoint commits to every chain head, and the next links to it', async () => {
    const ids = [await caseWith(3), await caseWith(1)];
    const first = await service().create(T0);
    expect(first.kind).toBe('created');
    if (first.kind !== 'created') return;
    expect(first.checkpoint).toMatchObject({
      seq: 1,
      at: T0.toISOString(),
      caseCount: 2,
      eventCount: 4,
      root: merkleRoot(await trail.chainHeads()),
      signature: null,
      keyId: null,
    });
    expect((await ledger.headsOf(1)).map((h) => h.caseId).sort()).toEqual([...ids].sort());

    await grow(ids[1], 2);
    const second = await service().create(minutesAfter(5));
    expect(second).toMatchObject({
      kind: 'created',
      checkpoint: { seq: 2, prevHash: first.checkpoint.hash, eventCount: 6 },
    });
    expect(await service().verifyCheckpoints()).toEqual({
      checked: 2,
      verified: 0,
      unsigned: [1, 2],
      unverifiable: [],
      problems: [],
    });
  });

  test('due after N new records, or after M minutes with at least one new record', async () => {
    const id = await caseWith(2);
    const checkpoints = service({ everyEvents: 3, everyMinutes: 60 });
    // No checkpoint yet and records exist: due at once.
    expect((await checkpoints.createIfDue(T0)).kind).toBe('created');
    expect((await checkpoints.createIfDue(minutesAfter(1))).kind).toBe('not_due');
    // Nothing new: not due however long it has been.
    expect((await checkpoints.createIfDue(minutesAfter(600))).kind).toBe('not_due');

    await grow(id, 1);
    expect((await checkpoints.createIfDue(minutesAfter(59))).kind).toBe('not_due');
    expect((await checkpoints.createIfDue(minutesAfter(60))).kind).toBe('created');

    await caseWith(3);
    expect(await checkpoints.createIfDue(minutesAfter(61))).toMatchObject({
      kind: 'created',
      checkpoint: { seq: 3, eventCount: 6 },
    });
    expect(await countRows(store.ds, 'audit_checkpoints')).toBe(3);
  });

  test('a case deleted in the database: the next checkpoint is refused, naming it, and verification names it', async () => {
    const kept = await caseWith(2);
    const deleted = await caseWith(3);
    expect((await service().create(T0)).kind).toBe('created');

    await deleteCase(deleted);

    const logged = jest.spyOn(Logger.prototype, 'error');
    const next = await service().create(minutesAfter(60));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`${deleted} CASE_MISSING`));
    logged.mockRestore();
    expect(next).toEqual({
      kind: 'refused',
      previousSeq: 1,
      breaks: [{ problem: 'CASE_MISSING', caseId: deleted, signed: expect.any(Object) }],
    });
    // Nothing was signed over the deletion; the due check refuses the same way.
    expect(await countRows(store.ds, 'audit_checkpoints')).toBe(1);
    expect((await service({ everyEvents: 1 }).createIfDue(minutesAfter(61))).kind).toBe('refused');

    const verification = await service().verifyCheckpoints();
    expect(verification.problems).toEqual([
      expect.objectContaining({ checkpointSeq: 1, kind: 'CASE_MISSING', caseId: deleted }),
    ]);
    expect(verification.problems.map((p) => p.caseId)).not.toContain(kept);
  });

  test('a case that lost its last record: CASE_TRUNCATED', async () => {
    const truncated = await caseWith(3);
    await caseWith(1);
    expect((await service().create(T0)).kind).toBe('created');

    await withoutAppendOnly(['case_events'], async () => {
      await sql('DELETE FROM case_events WHERE case_id = ? AND seq = 3', [truncated]);
    });

    expect(await service().create(minutesAfter(60))).toMatchObject({
      kind: 'refused',
      breaks: [{ problem: 'CASE_TRUNCATED', caseId: truncated, signed: { seq: 3 } }],
    });
    expect((await service().verifyCheckpoints()).problems).toEqual([
      expect.objectContaining({ checkpointSeq: 1, kind: 'CASE_TRUNCATED', caseId: truncated }),
    ]);
  });

  test('a case whose signed record was rewritten: CASE_FORKED', async () => {
    const forked = await caseWith(2);
    expect((await service().create(T0)).kind).toBe('created');

    await withoutAppendOnly(['case_events'], async () => {
      await sql('UPDATE case_events SET hash = ? WHERE case_id = ? AND seq = 2', [
        'f'.repeat(64),
        forked,
      ]);
    });

    expect(await service().create(minutesAfter(60))).toMatchObject({
      kind: 'refused',
      breaks: [{ problem: 'CASE_FORKED', caseId: forked }],
    });
    expect((await service().verifyCheckpoints()).problems).toEqual([
      expect.objectContaining({ checkpointSeq: 1, kind: 'CASE_FORKED', caseId: forked }),
    ]);
  });

  test('signed with one key: valid with it, a signature problem with another key', async () => {
    await caseWith(2);
    const created = await service({ signingKey: keyA }).create(T0);
    expect(created).toMatchObject({ kind: 'created', checkpoint: { keyId: keyA.keyId } });

    expect(await service({ signingKey: keyA }).verifyCheckpoints()).toMatchObject({
      verified: 1,
      problems: [],
    });
    expect((await service({ signingKey: keyB }).verifyCheckpoints()).problems).toEqual([
      expect.objectContaining({ checkpointSeq: 1, kind: 'SIGNATURE_INVALID', caseId: null }),
    ]);
    // Without a key nothing can be checked, and nothing is called a failure.
    expect(await service().verifyCheckpoints()).toMatchObject({
      unverifiable: [1],
      problems: [],
    });
  });

  test('without a key checkpoints are unsigned: reported so, not as failures', async () => {
    await caseWith(1);
    expect(await service().create(T0)).toMatchObject({
      kind: 'created',
      checkpoint: { signature: null, keyId: null },
    });
    expect(await service().verifyCheckpoints()).toMatchObject({ unsigned: [1], problems: [] });
    // Once a key is configured, the unsigned checkpoints written before the first signed one are
    // still not failures; an unsigned one after a signed one is.
    await caseWith(1);
    await service({ signingKey: keyA }).create(minutesAfter(60));
    await caseWith(1);
    await service().create(minutesAfter(120));
    expect(await service({ signingKey: keyA }).verifyCheckpoints()).toMatchObject({
      verified: 1,
      unsigned: [1],
      problems: [expect.objectContaining({ checkpointSeq: 3, kind: 'SIGNATURE_MISSING' })],
    });
  });

  test('a checkpoint rewritten or removed in its own tables is caught', async () => {
    await caseWith(2);
    await service({ signingKey: keyA }).create(T0);
    await caseWith(1);
    await service({ signingKey: keyA }).create(minutesAfter(60));

    await withoutAppendOnly(['audit_checkpoints', 'checkpoint_head_changes'], async () => {
      await sql('UPDATE audit_checkpoints SET event_count = 1 WHERE seq = 2');
    });
    const kinds = (await service({ signingKey: keyA }).verifyCheckpoints()).problems.map(
      (p) => `${p.checkpointSeq} ${p.kind}`,
    );
    expect(kinds).toEqual(['2 HASH_MISMATCH', '2 SIGNATURE_INVALID', '2 COUNT_MISMATCH']);

    await sql('DELETE FROM checkpoint_head_changes WHERE checkpoint_seq = 1');
    await sql('DELETE FROM audit_checkpoints WHERE seq = 1');
    const afterDelete = await service({ signingKey: keyA }).verifyCheckpoints();
    expect(afterDelete.problems.map((p) => `${p.checkpointSeq} ${p.kind}`)).toEqual(
      expect.arrayContaining(['2 SEQ_GAP', '2 CHAIN_BROKEN']),
    );
  });

  test('two instances writing the same checkpoint: one writes it, the other skips', async () => {
    await caseWith(2);
    // Both read "no checkpoint yet" before either writes, as two servers would.
    const outcomes = await Promise.all([service().create(T0, null), service().create(T0, null)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['created', 'raced']);
    expect(await countRows(store.ds, 'audit_checkpoints')).toBe(1);
  });

  test.each(['audit_checkpoints', 'checkpoint_head_changes', 'audit_reads'])(
    'the database refuses UPDATE and DELETE on %s',
    async (table) => {
      await caseWith(1);
      await service().create(T0);
      await trail.recordRead({
        id: '00000000-0000-4000-8000-000000000001',
        at: T0.toISOString(),
        userId: author.id,
        username: author.username,
        action: 'verify',
        query: {},
        resultCount: 1,
      });
      expect(await countRows(store.ds, table)).toBe(1);
      const column = table === 'audit_reads' ? 'action' : 'hash';
      await expect(sql(`UPDATE ${table} SET ${column} = ?`, ['x'])).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      expect(await countRows(store.ds, table)).toBe(1);
    },
  );
});

describe('the signing key configuration', () => {
  const base = { NODE_ENV: 'development' };
  const configFrom = (raw: Record<string, string>) =>
    new AppConfig(validateEnvironment({ ...base, ...raw }));

  test('none: checkpoints unsigned; the defaults are 1000 records, 60 minutes', () => {
    expect(configFrom({}).checkpoints).toEqual({
      signingKey: null,
      everyEvents: 1000,
      everyMinutes: 60,
      checkSeconds: 30,
    });
    expect(new AppConfig(validateEnvironment({ NODE_ENV: 'test' })).checkpoints.checkSeconds).toBe(
      0,
    );
  });

  test('an Ed25519 PEM, inline (also with literal \\n) or from a file', () => {
    const pem = ed25519Pem();
    const expected = parseSigningKey(pem, 'AUDIT_SIGNING_KEY');
    expect(configFrom({ AUDIT_SIGNING_KEY: pem }).checkpoints.signingKey?.keyId).toBe(
      expected.keyId,
    );
    expect(
      configFrom({ AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).checkpoints.signingKey?.keyId,
    ).toBe(expected.keyId);
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-key-'));
    try {
      writeFileSync(join(dir, 'key.pem'), pem);
      const config = configFrom({ AUDIT_SIGNING_KEY_FILE: join(dir, 'key.pem') });
      expect(config.checkpoints.signingKey?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(config.checkpoints.signingKey?.keyId).toBe(expected.keyId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [
      'an RSA key',
      () =>
        generateKeyPairSync('rsa', { modulusLength: 1024 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      /AUDIT_SIGNING_KEY: the key is rsa, checkpoints are signed with Ed25519 only/,
    ],
    [
      'a public key',
      () =>
        generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      /AUDIT_SIGNING_KEY: not a readable PEM private key/,
    ],
    ['garbage', () => 'not a key at all', /AUDIT_SIGNING_KEY: not a readable PEM private key/],
  ])('%s stops start-up with a message that names the variable, not the key', (_, key, message) => {
    const value = key();
    let error: Error | undefined;
    try {
      configFrom({ AUDIT_SIGNING_KEY: value });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(value.split('\n')[1] ?? value);
  });

  test('a key file that cannot be read, or both variables at once, stop start-up', () => {
    expect(() => configFrom({ AUDIT_SIGNING_KEY_FILE: '/nonexistent/key.pem' })).toThrow(
      /AUDIT_SIGNING_KEY_FILE: cannot read \/nonexistent\/key.pem \(ENOENT\)/,
    );
    expect(() =>
      configFrom({ AUDIT_SIGNING_KEY: ed25519Pem(), AUDIT_SIGNING_KEY_FILE: '/tmp/key.pem' }),
    ).toThrow(/both set/);
  });

  test.each([
    ['CHECKPOINT_EVERY_EVENTS', '0'],
    ['CHECKPOINT_EVERY_MINUTES', '-1'],
    ['CHECKPOINT_CHECK_SECONDS', 'soon'],
  ])('%s=%s is refused', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});

describe('the checkpoint scheduler', () => {
  const now = { value: T0 };
  const clock = { now: () => now.value } as Clock;

  function scheduler(options: { signingKey?: SigningKey | null; checkSeconds?: number }) {
    const outcomes: CheckpointOutcome[] = [];
    const calls: Date[] = [];
    const checkpoints = {
      createIfDue: async (at: Date) => {
        calls.push(at);
        await new Promise((resolve) => setImmediate(resolve));
        return outcomes.shift() ?? { kind: 'not_due' };
      },
    } as unknown as CheckpointsService;
    const config = {
      checkpoints: {
        signingKey: options.signingKey ?? null,
        everyEvents: 1000,
        everyMinutes: 60,
        checkSeconds: options.checkSeconds ?? 0,
      },
    } as unknown as AppConfig;
    const registry = new SchedulerRegistry();
    const instance = new CheckpointScheduler(checkpoints, config, clock, registry);
    return { instance, registry, outcomes, calls };
  }

  beforeEach(() => (now.value = T0));

  test('no key: one warning at start-up that checkpoints are unsigned; a key: none', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    scheduler({}).instance.onApplicationBootstrap();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/AUDIT_SIGNING_KEY is not set.*unsigned/),
    );
    warn.mockClear();
    scheduler({ signingKey: keyA }).instance.onApplicationBootstrap();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('the interval runs only when configured, and stops at shutdown', async () => {
    const off = scheduler({ checkSeconds: 0 });
    off.instance.onApplicationBootstrap();
    expect(off.registry.getIntervals()).toEqual([]);

    const on = scheduler({ checkSeconds: 30 });
    on.instance.onApplicationBootstrap();
    expect(on.registry.getIntervals()).toEqual(['audit-checkpoints']);
    await on.instance.beforeApplicationShutdown();
    expect(on.registry.getIntervals()).toEqual([]);
  });

  test('one check at a time; after a refusal it waits the configured minutes before retrying', async () => {
    const { instance, outcomes, calls } = scheduler({});
    await Promise.all([instance.tick(), instance.tick(), instance.tick()]);
    expect(calls).toHaveLength(1);

    outcomes.push({ kind: 'refused', previousSeq: 1, breaks: [] });
    await instance.tick();
    expect(calls).toHaveLength(2);
    now.value = minutesAfter(59);
    await instance.tick();
    expect(calls).toHaveLength(2);
    now.value = minutesAfter(60);
    await instance.tick();
    expect(calls).toHaveLength(3);
  });
});
