import type { DataSource } from 'typeorm';
import type { AuditRecord } from '../../src/domain/audit/audit-record';
import { verifyChain } from '../../src/domain/audit/verify-chain';
import { createDataSource, walFileSyncedByApp } from '../../src/persistence/data-source';
import { MIGRATIONS } from '../../src/persistence/migrations';
import { createTestDatabase, DIALECTS, type DialectName } from '../support/databases';
import {
  advance,
  aUser,
  countRows,
  createUser,
  insertCase,
  openStore,
  type Store,
} from './fixtures';

const APP_TABLES = [
  'admin_changes',
  'annual_ratings',
  'audit_checkpoint_heads',
  'audit_checkpoints',
  'audit_reads',
  'award_certificates',
  'ballot_contents',
  'ballot_participation',
  'case_chain_verifications',
  'case_documents',
  'case_events',
  'case_timers',
  'cases',
  'certificate_renders',
  'checkpoint_head_changes',
  'checkpoint_leaves',
  'checkpoint_pending_heads',
  'checkpoint_tree_nodes',
  'checkpoint_tree_state',
  'council_members',
  'councils',
  'decision_sequences',
  'document_renders',
  'historical_awards',
  'hold_references',
  'idempotency_keys',
  'import_jobs',
  'login_throttle',
  'notification_preferences',
  'notifications',
  'objector_identities',
  'open_ballots',
  'people',
  'proposal_sequences',
  'proposals',
  'rate_limit_counters',
  'role_grants',
  'sealed_ballots',
  'sealed_eligibility_lines',
  'session_tokens',
  'sessions',
  'signers',
  'unit_authorities',
  'units',
  'users',
];

async function tableNames(store: Store): Promise<string[]> {
  const sql =
    store.db.dialect === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`;
  const rows: { name: string }[] = await store.ds.query(sql);
  return rows.map((row) => row.name).sort();
}

/** The per-connection settings the data source is responsible for, read back from the engine. */
const connectionSettings: Record<
  DialectName,
  { describes: string; read(ds: DataSource): Promise<unknown>; expected(store: Store): unknown }
> = {
  sqlite: {
    describes:
      'WAL journal, FULL durability (SQLite at NORMAL, the WAL fsynced by the app), foreign keys on, busy timeout 5 s',
    read: async (ds) => ({
      journal_mode: (await ds.query('PRAGMA journal_mode'))[0].journal_mode,
      synchronous: (await ds.query('PRAGMA synchronous'))[0].synchronous,
      walSyncedByApp: walFileSyncedByApp(ds) !== null,
      foreign_keys: (await ds.query('PRAGMA foreign_keys'))[0].foreign_keys,
      busy_timeout: (await ds.query('PRAGMA busy_timeout'))[0].timeout,
    }),
    expected: () => ({
      journal_mode: 'wal',
      synchronous: 1,
      walSyncedByApp: true,
      foreign_keys: 1,
      busy_timeout: 5000,
    }),
  },
  postgres: {
    describes: 'unqualified names resolve to the configured schema',
    read: async (ds) => ({
      current_schema: (await ds.query('SELECT current_schema() AS s'))[0].s,
    }),
    expected: (store) => ({
      current_schema: store.db.options.kind === 'postgres' ? store.db.options.schema : null,
    }),
  },
};

/**
 * Statements that would rewrite history, per engine. Each must be refused by the database itself,
 * whoever sends it. `CASE` is replaced by the id of a case with three records.
 */
const tampering: Record<DialectName, [string, string][]> = {
  sqlite: [
    [
      'UPDATE of one record',
      `UPDATE case_events SET to_state = 'tampered' WHERE case_id = CASE AND seq = 2`,
    ],
    ['UPDATE of every record', `UPDATE case_events SET hash = prev_hash`],
    ['DELETE of the last record', `DELETE FROM case_events WHERE case_id = CASE AND seq = 3`],
    ['DELETE of the whole table', `DELETE FROM case_events`],
    [
      'upsert over an existing record',
      `INSERT INTO case_events SELECT * FROM case_events WHERE case_id = CASE AND seq = 2
       ON CONFLICT (case_id, seq) DO UPDATE SET to_state = 'tampered'`,
    ],
    [
      'INSERT OR REPLACE over an existing record',
      `INSERT OR REPLACE INTO case_events SELECT case_id, seq, occurred_at, actor_user_id,
         actor_username, actor_role, event_type, payload_json, from_state, 'tampered', workflow_id,
         workflow_version, workflow_hash, prev_hash, hash, facts_json
       FROM case_events WHERE case_id = CASE AND seq = 2`,
    ],
  ],
  postgres: [
    [
      'UPDATE of one record',
      `UPDATE case_events SET to_state = 'tampered' WHERE case_id = CASE AND seq = 2`,
    ],
    ['UPDATE of every record', `UPDATE case_events SET hash = prev_hash`],
    ['DELETE of the last record', `DELETE FROM case_events WHERE case_id = CASE AND seq = 3`],
    ['DELETE of the whole table', `DELETE FROM case_events`],
    [
      'upsert over an existing record',
      `INSERT INTO case_events SELECT * FROM case_events WHERE case_id = CASE AND seq = 2
       ON CONFLICT (case_id, seq) DO UPDATE SET to_state = 'tampered'`,
    ],
    ['TRUNCATE', `TRUNCATE case_events`],
    ['TRUNCATE … CASCADE', `TRUNCATE case_events CASCADE`],
  ],
};

describe.each(DIALECTS)('schema and connection settings on %s', (dialect) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(dialect);
  });

  afterAll(async () => {
    await store.close();
  });

  test('the migrations create every table of the application', async () => {
    expect(await tableNames(store)).toEqual([...APP_TABLES, 'migrations'].sort());
  });

  test('running the migrations again is a no-op that keeps the data', async () => {
    const user = aUser();
    await createUser(store, user);

    expect(await store.ds.runMigrations()).toEqual([]);
    expect(await store.ds.showMigrations()).toBe(false);
    expect(await countRows(store.ds, 'migrations')).toBe(MIGRATIONS.length);
    expect(await tableNames(store)).toEqual([...APP_TABLES, 'migrations'].sort());
    expect(await store.users.findById(user.id)).toEqual(user);
  });

  test(`the data source applies its connection settings: ${connectionSettings[dialect].describes}`, async () => {
    const settings = connectionSettings[dialect];
    expect(await settings.read(store.ds)).toEqual(settings.expected(store));
  });

  describe('case_events is append-only, enforced by the database', () => {
    let caseId: string;
    let records: AuditRecord[];

    beforeAll(async () => {
      const author = aUser();
      await createUser(store, author);
      const created = await insertCase(store, author);
      ({ records } = await advance(store, created, author, 2));
      caseId = created.stored.id;
    });

    test.each(tampering[dialect])('%s is refused and changes nothing', async (_name, sql) => {
      const before = await countRows(store.ds, 'case_events');

      await expect(store.ds.query(sql.replace(/CASE/g, `'${caseId}'`))).rejects.toThrow(
        /append-only/,
      );

      expect(await store.cases.fullHistory(caseId)).toEqual(records);
      expect(verifyChain(caseId, await store.cases.fullHistory(caseId)).ok).toBe(true);
      expect(await countRows(store.ds, 'case_events')).toBe(before);
    });
  });
});

describe('SQLite synchronous option', () => {
  test.each([
    ['NORMAL', 1, false],
    // FULL: the same durability, with the WAL's fsync done by the app off the event loop.
    ['FULL', 1, true],
    ['EXTRA', 3, false],
  ] as const)(
    'synchronous = %s is applied as SQLite %i (WAL fsynced by the app: %s), together with WAL',
    async (level, expected, appSyncs) => {
      const db = await createTestDatabase('sqlite');
      if (db.options.kind !== 'sqlite') throw new Error('expected SQLite options');
      const ds = createDataSource({ ...db.options, synchronous: level });
      await ds.initialize();
      try {
        expect((await ds.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
        expect((await ds.query('PRAGMA synchronous'))[0].synchronous).toBe(expected);
        expect(walFileSyncedByApp(ds)).toBe(appSyncs ? `${db.options.file}-wal` : null);
      } finally {
        await ds.destroy();
        await db.drop();
      }
    },
  );
});
