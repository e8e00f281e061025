import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SystemClock } from '../src/common/clock';
import { NotificationOutbox } from '../src/notifications/notification-outbox';
import type { NotificationRequest } from '../src/notifications/notification-request';
import type { NotificationSettings } from '../src/notifications/notification-settings';
import { createDataSource } from '../src/persistence/data-source';
import { Database, type Dialect } from '../src/persistence/database';

/**
 * `notificationRecipientsBench()`: one notification to the holders of a role over a case's unit
 * (three people), in its own transaction, in organisations of RECIPIENTS_BENCH_ACCOUNTS accounts
 * (default 10 and 50,000, each holding the role in one of 50 other units), on SQLite (a file at
 * FULL) and PostgreSQL: µs a notification, and the ratio to the smallest organisation measured in
 * the same run. A transition's notification runs inside SQLite's one write gate, so its cost is
 * every request's wait.
 */
const ACCOUNTS = (process.env.RECIPIENTS_BENCH_ACCOUNTS ?? '10,50000').split(',').map(Number);
const NOTIFICATIONS = Number(process.env.RECIPIENTS_BENCH_NOTIFICATIONS ?? 500);
const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const UNITS = 50;
const NOW = '2026-01-01T00:00:00.000Z';
const ROOT = '0196c000-0000-7000-8000-000000000000';
/** The case's unit: three accounts hold the role there. */
const TARGET = '0196c000-0000-7000-8000-000000000001';

const REQUEST: NotificationRequest = {
  kind: 'submitted',
  caseId: null,
  subject: { vi: 'Hồ sơ đề nghị khen thưởng đã được trình', en: 'A nomination was submitted' },
  body: {
    vi: 'Hồ sơ đề nghị khen thưởng của đơn vị đã được trình và đang chờ thẩm định.',
    en: 'A nomination of the unit was submitted and awaits verification.',
  },
  recipients: { kind: 'roles', roles: ['secretariat'], unitId: TARGET },
};

/** The organisation: a root, the case's unit and 50 others under it; `accounts` accounts. */
async function load(dataSource: DataSource, dialect: Dialect, accounts: number): Promise<void> {
  const postgres = dialect === 'postgres';
  const hex = (expression: string) =>
    postgres ? `lpad(to_hex(${expression}), 12, '0')` : `printf('%012x', ${expression})`;
  const series = (count: number) =>
    `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${count})`;
  const unit = (i: string) => `'0196d000-0000-7000-8000-' || ${hex(i)}`;
  const account = (i: string) => `'0196e000-0000-7000-8000-' || ${hex(i)}`;
  const insertUnit =
    'INSERT INTO units (id, code, name, kind, parent_id, path, created_at, updated_at)';
  await dataSource.query(
    `${insertUnit} VALUES ('${ROOT}', 'root', 'root', 'party_committee', NULL, '/${ROOT}/', ` +
      `'${NOW}', '${NOW}'), ('${TARGET}', 'target', 'target', 'party_cell', '${ROOT}', ` +
      `'/${ROOT}/${TARGET}/', '${NOW}', '${NOW}')`,
  );
  await dataSource.query(
    `${series(UNITS)} ${insertUnit} SELECT ${unit('i')}, 'u' || i, 'unit', 'party_cell', ` +
      `'${ROOT}', '/${ROOT}/' || ${unit('i')} || '/', '${NOW}', '${NOW}' FROM s`,
  );
  await dataSource.query(
    `${series(accounts)} INSERT INTO users (id, username, display_name, password_hash, created_at) ` +
      `SELECT ${account('i')}, 'user' || i, 'user', 'x', '${NOW}' FROM s`,
  );
  // The first three hold the role at the case's unit; everyone else in one of the other units.
  await dataSource.query(
    `${series(accounts)} INSERT INTO role_grants (id, user_id, role, unit_id, created_at) ` +
      `SELECT ${account('i')}, ${account('i')}, 'secretariat', ` +
      `CASE WHEN i <= 3 THEN '${TARGET}' ELSE ${unit(`i % ${UNITS} + 1`)} END, '${NOW}' FROM s`,
  );
  await dataSource.query('ANALYZE');
}

async function measure(dataSource: DataSource, accounts: number): Promise<number> {
  const database = new Database(dataSource);
  try {
    await load(dataSource, database.dialect, accounts);
    const outbox = new NotificationOutbox(database, new SystemClock(), {
      emailEnabled: true,
    } as NotificationSettings);
    const once = () => database.write((manager) => outbox.enqueueWith(manager, [REQUEST]));
    for (let i = 0; i < 20; i++) await once();
    const started = process.hrtime.bigint();
    for (let i = 0; i < NOTIFICATIONS; i++) await once();
    const micros = Number(process.hrtime.bigint() - started) / 1000 / NOTIFICATIONS;
    const [{ n }] = (await dataSource.query('SELECT COUNT(*) AS n FROM notifications')) as {
      n: number | string;
    }[];
    if (Number(n) !== 3 * (NOTIFICATIONS + 20)) throw new Error(`${n} rows, not 3 a notification`);
    return micros;
  } finally {
    await database.stopBackgroundWork();
  }
}

export async function notificationRecipientsBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'thidua-recipients-'));
  const lines: string[] = [];
  try {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const measured: number[] = [];
      for (const accounts of ACCOUNTS) {
        const schema = `recipients_bench_${randomBytes(4).toString('hex')}`;
        if (dialect === 'postgres') await onPostgres(`CREATE SCHEMA ${schema}`);
        const dataSource = createDataSource(
          dialect === 'sqlite'
            ? { kind: 'sqlite', file: join(directory, `${accounts}.sqlite`), synchronous: 'FULL' }
            : { kind: 'postgres', url: POSTGRES_URL, schema },
        );
        try {
          await dataSource.initialize();
          await dataSource.runMigrations();
          measured.push(await measure(dataSource, accounts));
        } finally {
          if (dataSource.isInitialized) await dataSource.destroy();
          if (dialect === 'postgres') await onPostgres(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }
        const micros = measured[measured.length - 1];
        lines.push(
          `| ${dialect} | ${accounts.toLocaleString('en-US')} | ${micros.toFixed(0)} | ` +
            `${(micros / measured[0]).toFixed(2)} |`,
        );
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return [
    `One notification to the 3 holders of a role over a case's unit, in its own transaction, ` +
      `mean of ${NOTIFICATIONS}:`,
    '',
    `| database | accounts | µs a notification | vs ${ACCOUNTS[0].toLocaleString('en-US')} accounts |`,
    '| --- | ---: | ---: | ---: |',
    ...lines,
  ].join('\n');
}

async function onPostgres(sql: string): Promise<void> {
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
