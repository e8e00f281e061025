import type { Dialect } from '../../src/persistence/database';
import type {
  AuditEventFilter,
  EventCursor,
} from '../../src/persistence/repositories/audit-trail.repository';
import { TypeOrmAuditTrailRepository } from '../../src/persistence/repositories/typeorm-audit-trail.repository';
import { DIALECTS } from '../support/databases';
import { openStore, type Store } from './fixtures';
import { ExplainingDatabase, type Plan } from './query-plans';
import { timeLimit } from '../support/time-limits';

/**
 * Every paged read of the audit trail (the export's pages, the auditors' search pages) is an index
 * range in the order the page is read in, on both engines: no page scans `case_events` whole or
 * sorts it. On PostgreSQL each export page used to sort the whole table by case id in byte order
 * (no index served `COLLATE "C"`), so an export took time quadratic in its size.
 *
 * The table is filled with enough records (and ANALYZEd) that a planner would prefer a scan and a
 * sort if no index served the order; each query is the SQL the repository really sends, with its
 * real parameters, captured as it runs and explained.
 */

const CASES = 2500;
const EVENTS_PER_CASE = 40;
const UNITS = 20;
const ROOT = '0196a000-0000-7000-8000-0000000000aa';

const caseId = (i: number) => `0196a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
const unitId = (i: number) => `0196b000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** Loads the synthetic trail in a few INSERT … SELECT statements (seconds, not minutes). */
async function load(store: Store): Promise<void> {
  const postgres = store.database.dialect === 'postgres';
  const hex = (expression: string) =>
    postgres ? `lpad(to_hex(${expression}), 12, '0')` : `printf('%012x', ${expression})`;
  const series = (name: string, count: number) =>
    `WITH RECURSIVE ${name}(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM ${name} WHERE i < ${count})`;
  // An ISO-8601 instant k milliseconds after 2026-01-01, as the schema stores them.
  const instant = (k: string) =>
    postgres
      ? `to_char(timestamp '2026-01-01' + (${k}) * interval '1 millisecond', ` +
        `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', 1767225600 + (${k}) / 1000.0, 'unixepoch')`;
  const falsy = postgres ? 'false' : '0';
  const now = '2026-01-01T00:00:00.000Z';
  const { ds } = store;
  await ds.query(
    `INSERT INTO users (id, username, display_name, password_hash, created_at) ` +
      `VALUES ('u1', 'planner', 'planner', 'x', '${now}')`,
  );
  await ds.query(
    `INSERT INTO units (id, code, name, kind, parent_id, path, created_at, updated_at) ` +
      `VALUES ('${ROOT}', 'root', 'root', 'party_committee', NULL, '/${ROOT}/', '${now}', '${now}')`,
  );
  await ds.query(
    `${series('s', UNITS)} INSERT INTO units ` +
      `(id, code, name, kind, parent_id, path, created_at, updated_at) ` +
      `SELECT '0196b000-0000-7000-8000-' || ${hex('i')}, 'u' || i, 'unit ' || i, ` +
      `'grassroots_party_org', '${ROOT}', '/${ROOT}/0196b000-0000-7000-8000-' || ${hex('i')} || '/', ` +
      `'${now}', '${now}' FROM s`,
  );
  await ds.query(
    `${series('s', CASES)} INSERT INTO cases (id, case_type, workflow_id, workflow_version, ` +
      `workflow_hash, state, closed, context_json, subject_json, data_json, version, head_hash, ` +
      `created_by, created_at, updated_at, unit_id) ` +
      `SELECT '0196a000-0000-7000-8000-' || ${hex('i')}, 'violation', 'violation', 1, ` +
      `'${'a'.repeat(64)}', 'verifying', ${falsy}, '{}', '{"kind":"unit"}', '{}', ` +
      `${EVENTS_PER_CASE}, '${'b'.repeat(64)}', 'u1', '${now}', '${now}', ` +
      `'0196b000-0000-7000-8000-' || ${hex(`i % ${UNITS} + 1`)} FROM s`,
  );
  // Records of all cases interleave in time (record k of every case, then k + 1), as they would.
  const events = CASES * EVENTS_PER_CASE;
  await ds.query(
    `${series('s', events)} INSERT INTO case_events (case_id, seq, occurred_at, actor_user_id, ` +
      `actor_username, actor_role, event_type, payload_json, facts_json, from_state, to_state, ` +
      `workflow_id, workflow_version, workflow_hash, prev_hash, hash) ` +
      `SELECT '0196a000-0000-7000-8000-' || ${hex(`(i - 1) % ${CASES} + 1`)}, ` +
      `(i - 1) / ${CASES} + 1, ${instant('i')}, 'actor-' || (i % 10), 'actor', 'secretariat', ` +
      `'EVENT_' || (i % 7), '{"reason":"Bổ sung hồ sơ: thiếu biên bản bình xét của Chi bộ, lần ' || i || '"}', ` +
      `NULL, 'verifying', 'state_' || (i % 5), 'violation', 1, '${'a'.repeat(64)}', ` +
      `'${'0'.repeat(64)}', '${'c'.repeat(64)}' FROM s`,
  );
  await ds.query('ANALYZE');
}

/**
 * Read from `case_events` through an index, and no sort and no full scan of it. `oneCase`: the
 * query names one case, whose records may be sorted once found through the index (a case holds
 * tens of records, not the trail).
 */
function expectIndexServed(dialect: Dialect, plan: Plan, oneCase = false): void {
  const expectIn = (found: unknown, expected: unknown) =>
    expect({ plan: plan.text, found }).toEqual({ plan: plan.text, found: expected });
  if (dialect === 'postgres') {
    expectIn(
      plan.lines.filter((line) => line.startsWith('Seq Scan on case_events')),
      [],
    );
    if (oneCase) {
      // The case's key finds its records (possibly as a bitmap, then sorted: one case's worth).
      expectIn(
        plan.lines.some((line) =>
          /^(Index|Index Only|Bitmap Index) Scan (on case_events )?using case_events_\w+ where .*case_id.* = /.test(
            line,
          ),
        ),
        true,
      );
      return;
    }
    const reads = plan.lines.filter((line) => line.includes(' on case_events'));
    expectIn(reads.length, 1);
    expectIn(reads[0], expect.stringMatching(/^Index (Only )?Scan on case_events using /));
    expectIn(
      plan.lines.filter((line) => line.includes('Sort')),
      [],
    );
    return;
  }
  const reads = plan.lines.filter((line) => /^(SCAN|SEARCH) e\b/.test(line));
  expectIn(reads.length, 1);
  expectIn(reads[0], expect.stringMatching(/^(SCAN|SEARCH) e USING (COVERING )?INDEX /));
  if (oneCase) {
    expectIn(reads[0], expect.stringMatching(/^SEARCH e USING (COVERING )?INDEX \S+ \(case_id=\?/));
  } else {
    expectIn(
      plan.lines.filter((line) => line.includes('TEMP B-TREE')),
      [],
    );
  }
}

describe.each(DIALECTS)('paged audit-trail queries are served by indexes (%s)', (dialect) => {
  let store: Store;
  let database: ExplainingDatabase;
  let trail: TypeOrmAuditTrailRepository;
  const unitScope = `/${ROOT}/${unitId(3)}/`;

  beforeAll(async () => {
    store = await openStore(dialect);
    await load(store);
    database = new ExplainingDatabase(store.ds);
    trail = new TypeOrmAuditTrailRepository(database);
  }, timeLimit(180_000));
  afterAll(() => store.close());

  /** The plans of the first `pages` pages of an export, and the records those pages held. */
  async function exportPages(filter: AuditEventFilter, pages: number, pageSize = 500) {
    database.plans.length = 0;
    const read: string[] = [];
    for await (const rows of trail.streamEventRows(filter, pageSize)) {
      read.push(...rows.map((row) => `${String(row.case_id)}#${Number(row.seq)}`));
      if (database.plans.length >= pages) break;
    }
    // The plans of the pages read, not of the one the export reads ahead.
    return { plans: database.plans.slice(0, pages), read };
  }

  test.each<[string, AuditEventFilter]>([
    ['the whole trail', { scopes: null }],
    ['one unit’s subtree', { scopes: [unitScope] }],
    ['a time range', { scopes: null, from: '2026-01-01T00:00:30.000Z' }],
    ['one event type', { scopes: null, eventType: 'EVENT_3' }],
  ])('export pages of %s', async (_, filter) => {
    const { plans, read } = await exportPages(filter, 3);
    expect(plans).toHaveLength(3);
    expect(read.length).toBeGreaterThanOrEqual(1000);
    for (const plan of plans) expectIndexServed(dialect, plan);
  });

  test('the export of one case reads that case in order, without a sort', async () => {
    const { plans, read } = await exportPages({ scopes: null, caseId: caseId(42) }, 2, 25);
    expect(read).toEqual(
      Array.from({ length: EVENTS_PER_CASE }, (_, k) => `${caseId(42)}#${k + 1}`),
    );
    for (const plan of plans) expectIndexServed(dialect, plan);
  });

  test('export pages follow each other in case-id byte order, then seq', async () => {
    const { read } = await exportPages({ scopes: null }, 4, 700);
    const expected = Array.from({ length: 2800 }, (_, n) => {
      const i = Math.floor(n / EVENTS_PER_CASE) + 1;
      return `${caseId(i)}#${(n % EVENTS_PER_CASE) + 1}`;
    });
    expect(read.slice(0, 2800)).toEqual(expected);
  });

  const cursor: EventCursor = {
    at: '2026-01-01T00:00:40.000Z',
    caseId: caseId(1200),
    seq: 17,
  };

  test.each<[string, AuditEventFilter]>([
    ['the whole trail', { scopes: null }],
    ['one unit’s subtree', { scopes: [unitScope] }],
    [
      'a time range',
      { scopes: null, from: '2026-01-01T00:00:10.000Z', to: '2026-01-01T00:01:00.000Z' },
    ],
    ['one actor', { scopes: null, actorUserId: 'actor-4' }],
    ['one state', { scopes: null, toState: 'state_2' }],
  ])('search pages of %s, the first and one further on', async (_, filter) => {
    for (const after of [null, cursor]) {
      database.plans.length = 0;
      const found = await trail.searchEvents(filter, after, 51);
      expect(found).toHaveLength(51);
      expect(database.plans).toHaveLength(1);
      expectIndexServed(dialect, database.plans[0]);
    }
  });

  test('search pages of one case find it by its key', async () => {
    for (const after of [null, { ...cursor, caseId: caseId(7), at: '2026-01-01T00:00:00.000Z' }]) {
      database.plans.length = 0;
      const found = await trail.searchEvents({ scopes: null, caseId: caseId(7) }, after, 11);
      expect(found.map((record) => record.caseId)).toEqual(Array(11).fill(caseId(7)));
      expectIndexServed(dialect, database.plans[0], true);
    }
  });
});
