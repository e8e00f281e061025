import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createDataSource } from '../src/persistence/data-source';
import { summarise, type Row } from './stats';

/** How long (in characters of JSON text) the rows a transition writes are. */
export interface RowSizes {
  context: number;
  payload: number;
  /** Null when the workload's records carry no facts. */
  facts: number | null;
}

/** The project's smallest rows: an empty context, a one-field payload, no facts. */
export const SMALL_ROWS: RowSizes = { context: 2, payload: 24, facts: null };

/**
 * The average sizes of what a workload wrote: the cases' context and the transitions' records
 * (payload, facts) in the database a measured run left behind.
 */
export function rowSizesOf(file: string, eventTypes: readonly string[]): RowSizes {
  const db = new Sqlite(file, { readonly: true });
  try {
    const cases = db.prepare(`SELECT avg(length(context_json)) AS context FROM cases`).get() as {
      context: number;
    };
    const events = db
      .prepare(
        `SELECT avg(length(payload_json)) AS payload, avg(length(facts_json)) AS facts
           FROM case_events WHERE event_type IN (${eventTypes.map(() => '?').join(', ')})`,
      )
      .get(...eventTypes) as { payload: number; facts: number | null };
    return {
      context: Math.round(cases.context),
      payload: Math.round(events.payload),
      facts: events.facts === null ? null : Math.round(events.facts),
    };
  } finally {
    db.close();
  }
}

/** The insert of a transition's audit record into the app's case_events, as the bench writes it. */
export const INSERT_BENCH_RECORD = `INSERT INTO case_events (case_id, seq, occurred_at, actor_user_id,
  actor_username, actor_role, event_type, payload_json, facts_json, from_state, to_state,
  workflow_id, workflow_version, workflow_hash, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`;

/** The values of INSERT_BENCH_RECORD for a record of case c1 by user u1 (see the ceiling's rows). */
export function benchRecordValues(record: {
  seq: number;
  at: string;
  eventType: string;
  payload: string;
  facts: string | null;
  fromState: string;
  toState: string;
  workflowVersion: number;
  hash: string;
}): unknown[] {
  return [
    'c1',
    record.seq,
    record.at,
    'u1',
    'bench',
    'secretariat',
    record.eventType,
    record.payload,
    record.facts,
    record.fromState,
    record.toState,
    'nomination',
    record.workflowVersion,
    'x'.repeat(64),
    'y'.repeat(64),
    record.hash,
  ];
}

/** A JSON object whose text is `length` characters long (at least `{"p":""}`). */
function jsonOfLength(length: number): string {
  return JSON.stringify({ p: 'x'.repeat(Math.max(0, length - 8)) });
}

/**
 * The ceiling: the same two rows a transition writes (version-checked case update + audit insert)
 * on the same schema (the app's migrations: indexes and append-only triggers included), with bare
 * better-sqlite3, the same pragmas, one transaction each, rows of the given sizes. Nothing can go
 * faster on this disk with this durability and one commit per transition.
 */
export async function measureRawCeiling(
  file: string,
  transitions: number,
  sizes: RowSizes = SMALL_ROWS,
): Promise<Row> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'FULL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, active, created_at)
     VALUES ('u1', 'bench', 'bench', 'x', 1, ?)`,
  ).run(now);
  db.prepare(
    `INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state, closed,
       context_json, subject_json, data_json, version, head_hash, created_by, created_at, updated_at)
     VALUES ('c1', 'nomination', 'nomination', 1, ?, 'verifying', 0, '{}',
       '{"kind":"person","name":"Trần Xuân Lâm"}', '{}', 1, ?, 'u1', ?, ?)`,
  ).run('x'.repeat(64), '0'.repeat(64), now, now);
  const update = db.prepare(
    `UPDATE cases SET state = ?, closed = ?, context_json = ?, version = ?, head_hash = ?,
       updated_at = ? WHERE id = ? AND version = ? RETURNING version`,
  );
  const insert = db.prepare(INSERT_BENCH_RECORD);
  const context = jsonOfLength(sizes.context);
  const payload = jsonOfLength(sizes.payload);
  const facts = sizes.facts === null ? null : jsonOfLength(sizes.facts);
  const states = ['returned_for_supplement', 'verifying'];
  const apply = db.transaction((version: number, hash: string, at: string) => {
    const toState = states[version % 2];
    if (update.all(toState, 0, context, version + 1, hash, at, 'c1', version).length !== 1) {
      throw new Error('version moved');
    }
    insert.run(
      ...benchRecordValues({
        seq: version + 1,
        at,
        eventType: 'RETURN_FOR_SUPPLEMENT',
        payload,
        facts,
        fromState: states[(version + 1) % 2],
        toState,
        workflowVersion: 1,
        hash,
      }),
    );
  });

  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let version = 1; version <= transitions; version++) {
    const before = process.hrtime.bigint();
    const hash = createHash('sha256').update(String(version)).digest('hex');
    apply(version, hash, new Date().toISOString());
    latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  const shape =
    sizes === SMALL_ROWS
      ? 'small rows'
      : `rows of the workload: context ${sizes.context} B, payload ${sizes.payload} B, facts ${sizes.facts ?? 0} B`;
  return summarise(
    `raw better-sqlite3 (same schema; update + insert, 1 tx each; ${shape})`,
    latencies,
    seconds,
  );
}
