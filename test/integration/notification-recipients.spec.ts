import type { EntityManager } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { NotificationOutbox } from '../../src/notifications/notification-outbox';
import type { NotificationRequest } from '../../src/notifications/notification-request';
import type { NotificationSettings } from '../../src/notifications/notification-settings';
import { DIALECTS } from '../support/databases';
import { timeLimit } from '../support/time-limits';
import { openStore, type Store } from './fixtures';
import { explain } from './query-plans';

/**
 * A notification to the holders of some roles over a case's unit finds them by index, not by
 * reading every account and its grants: with 50,000 accounts a notification took 79 ms on SQLite
 * (inside the write gate) and 41 ms on PostgreSQL. Who is told stays exactly who the scope rules say
 * (src/domain/org/scope.ts): a grant of the role organisation-wide, at the unit or above it;
 * each active account once.
 */

const FILLER_ACCOUNTS = 50_000;
const FILLER_UNITS = 50;
const NOW = '2026-01-01T00:00:00.000Z';

const unitId = (name: string) =>
  `0196c000-0000-7000-8000-${Buffer.from(name).toString('hex').padStart(12, '0').slice(-12)}`;
const ROOT = unitId('root');
const A = unitId('a');
const A1 = unitId('a1');
const A1_BELOW = unitId('a1x');
const B = unitId('b');

class FixedClock extends Clock {
  now(): Date {
    return new Date(NOW);
  }
}

/** Units: root → a → a1 → a1x, and root → b; filler units under b. */
async function loadOrganisation(store: Store): Promise<void> {
  const postgres = store.database.dialect === 'postgres';
  const hex = (expression: string) =>
    postgres ? `lpad(to_hex(${expression}), 12, '0')` : `printf('%012x', ${expression})`;
  const series = (count: number) =>
    `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${count})`;
  const { ds } = store;
  const tree: [string, string | null, string][] = [
    [ROOT, null, `/${ROOT}/`],
    [A, ROOT, `/${ROOT}/${A}/`],
    [A1, A, `/${ROOT}/${A}/${A1}/`],
    [A1_BELOW, A1, `/${ROOT}/${A}/${A1}/${A1_BELOW}/`],
    [B, ROOT, `/${ROOT}/${B}/`],
  ];
  for (const [id, parent, path] of tree) {
    await ds.query(
      'INSERT INTO units (id, code, name, kind, parent_id, path, created_at, updated_at) ' +
        `VALUES ('${id}', '${id.slice(-6)}', 'unit', 'party_committee', ` +
        `${parent === null ? 'NULL' : `'${parent}'`}, '${path}', '${NOW}', '${NOW}')`,
    );
  }
  const filler = (i: string) => `'0196d000-0000-7000-8000-' || ${hex(i)}`;
  await ds.query(
    `${series(FILLER_UNITS)} INSERT INTO units ` +
      '(id, code, name, kind, parent_id, path, created_at, updated_at) ' +
      `SELECT ${filler('i')}, 'f' || i, 'filler', 'party_cell', '${B}', ` +
      `'/${ROOT}/${B}/' || ${filler('i')} || '/', '${NOW}', '${NOW}' FROM s`,
  );
  // Accounts that must not be told: every filler account holds the role, in a filler unit.
  const account = (i: string) => `'0196e000-0000-7000-8000-' || ${hex(i)}`;
  await ds.query(
    `${series(FILLER_ACCOUNTS)} INSERT INTO users ` +
      '(id, username, display_name, password_hash, created_at) ' +
      `SELECT ${account('i')}, 'filler' || i, 'filler', 'x', '${NOW}' FROM s`,
  );
  await ds.query(
    `${series(FILLER_ACCOUNTS)} INSERT INTO role_grants (id, user_id, role, unit_id, created_at) ` +
      `SELECT ${account('i')}, ${account('i')}, 'unit_leader', ` +
      `${filler(`i % ${FILLER_UNITS} + 1`)}, '${NOW}' FROM s`,
  );
}

/** An account with grants ([role, unit or null for organisation-wide]). */
async function account(
  store: Store,
  name: string,
  grants: [string, string | null][],
  active = true,
): Promise<string> {
  const id = `0196f000-0000-7000-8000-${Buffer.from(name).toString('hex').padStart(12, '0').slice(-12)}`;
  const truth = store.database.dialect === 'postgres' ? String(active) : active ? '1' : '0';
  await store.ds.query(
    'INSERT INTO users (id, username, display_name, password_hash, active, created_at) ' +
      `VALUES ('${id}', '${name}', '${name}', 'x', ${truth}, '${NOW}')`,
  );
  for (const [index, [role, unit]] of grants.entries()) {
    await store.ds.query(
      'INSERT INTO role_grants (id, user_id, role, unit_id, created_at) ' +
        `VALUES ('${id.slice(0, -2)}${index}${index}', '${id}', '${role}', ` +
        `${unit === null ? 'NULL' : `'${unit}'`}, '${NOW}')`,
    );
  }
  return id;
}

function request(recipients: NotificationRequest['recipients']): NotificationRequest {
  return {
    kind: 'submitted',
    caseId: null,
    subject: { vi: 'Hồ sơ cần xử lý', en: 'A case needs you' },
    body: { vi: 'Nội dung', en: 'Body' },
    recipients,
  };
}

describe.each(DIALECTS)('notification recipients by role (%s)', (dialect) => {
  let store: Store;
  let outbox: NotificationOutbox;
  const told: Record<string, string> = {};
  const notTold: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore(dialect);
    await loadOrganisation(store);
    told.organisationWide = await account(store, 'orgwide', [['unit_leader', null]]);
    told.atRoot = await account(store, 'atroot', [['unit_leader', ROOT]]);
    told.atParent = await account(store, 'atparent', [['unit_leader', A]]);
    told.atUnit = await account(store, 'atunit', [['unit_leader', A1]]);
    told.twoGrants = await account(store, 'twogrants', [
      ['unit_leader', ROOT],
      ['unit_leader', A1],
    ]);
    notTold.sibling = await account(store, 'sibling', [['unit_leader', B]]);
    notTold.below = await account(store, 'below', [['unit_leader', A1_BELOW]]);
    notTold.otherRole = await account(store, 'otherrole', [['auditor', A1]]);
    notTold.inactive = await account(store, 'inactive', [['unit_leader', A]], false);
    await store.ds.query('ANALYZE');
    outbox = new NotificationOutbox(store.database, new FixedClock(), {
      emailEnabled: false,
    } as NotificationSettings);
  }, timeLimit(120_000));

  afterAll(async () => {
    await store?.close();
  });

  test('the holders of the role at the unit, above it and organisation-wide are told, once each', async () => {
    await store.database.write((manager) =>
      outbox.enqueueWith(manager, [
        request({ kind: 'roles', roles: ['unit_leader', 'secretariat'], unitId: A1 }),
      ]),
    );
    const rows: { user_id: string }[] = await store.ds.query(
      'SELECT user_id FROM notifications ORDER BY id',
    );
    const recipients = rows.map((row) => row.user_id);
    expect(recipients).toEqual([...Object.values(told)].sort());
    for (const absent of Object.values(notTold)) expect(recipients).not.toContain(absent);
  });

  test('in another branch of the tree, its own holders and those above it are told, not the first branch’s', async () => {
    await store.ds.query('DELETE FROM notifications');
    await store.database.write((manager) =>
      outbox.enqueueWith(manager, [request({ kind: 'roles', roles: ['unit_leader'], unitId: B })]),
    );
    const rows: { user_id: string }[] = await store.ds.query('SELECT user_id FROM notifications');
    expect(rows.map((row) => row.user_id).sort()).toEqual(
      [told.organisationWide, told.atRoot, told.twoGrants, notTold.sibling].sort(),
    );
  });

  test('the statement reads accounts and grants by index, not every account', async () => {
    const captured = await statementOf(
      request({ kind: 'roles', roles: ['unit_leader'], unitId: A1 }),
    );
    const plan = await planOf(store, captured);
    if (dialect === 'sqlite') {
      expect(plan.filter((line) => /^SCAN (u|g|users|role_grants)\b/.test(line))).toEqual([]);
      expect(plan).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/SEARCH g USING INDEX role_grants_unit_role/),
        ]),
      );
    } else {
      expect(plan.filter((line) => /Seq Scan on (users|role_grants)\b/.test(line))).toEqual([]);
    }
  });

  test('a case subject’s own accounts are found by index too', async () => {
    const captured = await statementOf(request({ kind: 'person', personId: 'someone' }));
    const plan = await planOf(store, captured);
    if (dialect === 'sqlite') {
      expect(plan.filter((line) => /^SCAN (u|users)\b/.test(line))).toEqual([]);
    } else {
      expect(plan.filter((line) => /Seq Scan on users\b/.test(line))).toEqual([]);
    }
  });

  /** The statement the outbox sends for a request, with its values, captured unsent. */
  async function statementOf(
    notification: NotificationRequest,
  ): Promise<{ sql: string; values: unknown[] }> {
    let captured: { sql: string; values: unknown[] } | undefined;
    const capturing = {
      query: (sql: string, values: unknown[]) => {
        captured = { sql, values };
        return Promise.resolve([]);
      },
    } as unknown as EntityManager;
    await outbox.enqueueWith(capturing, [notification]);
    return captured!;
  }
});

/** The plan's lines of a captured statement, on the store's own connection. */
async function planOf(
  store: Store,
  { sql, values }: { sql: string; values: unknown[] },
): Promise<string[]> {
  return (await explain(store.ds.manager, sql, values)).lines;
}
