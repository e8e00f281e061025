import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { summarise, type Row } from './stats';

/**
 * The ceiling: the same two rows a transition writes (version-checked case update + audit insert),
 * with bare better-sqlite3, the same pragmas, one transaction each. Nothing can go faster on this
 * disk with this durability.
 */
export function measureRawCeiling(file: string, transitions: number): Row {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE cases (id TEXT PRIMARY KEY, state TEXT NOT NULL, context_json TEXT NOT NULL,
      version INTEGER NOT NULL, head_hash TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE case_events (case_id TEXT NOT NULL, seq INTEGER NOT NULL, occurred_at TEXT NOT NULL,
      actor_user_id TEXT NOT NULL, actor_username TEXT NOT NULL, actor_role TEXT NOT NULL,
      event_type TEXT NOT NULL, payload_json TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
      workflow_id TEXT NOT NULL, workflow_version INTEGER NOT NULL, workflow_hash TEXT NOT NULL,
      prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq));
  `);
  db.prepare(
    `INSERT INTO cases VALUES ('c1', 'verifying', '{}', 1, '${'0'.repeat(64)}', '')`,
  ).run();
  const update = db.prepare(
    'UPDATE cases SET state = ?, context_json = ?, version = ?, head_hash = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const insert = db.prepare('INSERT INTO case_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const apply = db.transaction((version: number, hash: string, at: string) => {
    const changed = update.run('returned', '{}', version + 1, hash, at, 'c1', version).changes;
    if (changed !== 1) throw new Error('version moved');
    insert.run(
      'c1',
      version + 1,
      at,
      'u1',
      'bench',
      'secretariat',
      'RETURN_FOR_SUPPLEMENT',
      '{"reason":"Thiếu hồ sơ"}',
      'verifying',
      'returned_for_supplement',
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
  return summarise('raw better-sqlite3 (update + insert, 1 tx each)', latencies, seconds);
}
