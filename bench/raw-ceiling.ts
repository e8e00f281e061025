import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createDataSource } from '../src/persistence/data-source';
import { summarise, type Row } from './stats';

/**
 * The ceiling: the same two rows a transition writes (version-checked case update + audit insert)
 * on the same schema (the app's migrations: indexes and append-only triggers included), with bare
 * better-sqlite3, the same pragmas, one transaction each. Nothing can go faster on this disk with
 * this durability and one commit per transition.
 */
export async function measureRawCeiling(file: string, transitions: number): Promise<Row> {
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
  const insert = db.prepare(
    `INSERT INTO case_events (case_id, seq, occurred_at, actor_user_id, actor_username, actor_role,
       event_type, payload_json, from_state, to_state, workflow_id, workflow_version, workflow_hash,
       prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const states = ['returned_for_supplement', 'verifying'];
  const apply = db.transaction((version: number, hash: string, at: string) => {
    const toState = states[version % 2];
    if (update.all(toState, 0, '{}', version + 1, hash, at, 'c1', version).length !== 1) {
      throw new Error('version moved');
    }
    insert.run(
      'c1',
      version + 1,
      at,
      'u1',
      'bench',
      'secretariat',
      'RETURN_FOR_SUPPLEMENT',
      '{"reason":"Thiếu hồ sơ"}',
      states[(version + 1) % 2],
      toState,
      'nomination',
      1,
      'x'.repeat(64),
      'y'.repeat(64),
      hash,
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
  return summarise(
    'raw better-sqlite3 (same schema; update + insert, 1 tx each)',
    latencies,
    seconds,
  );
}
