import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import { GENESIS_HASH, seal, type AuditRecord } from '../src/domain/audit/audit-record';
import { eventValues } from '../src/persistence/repositories/audit-record-rows';

/**
 * The audit trail the export benchmarks load: cases of `eventsPerCase` valid, hash-chained records
 * each (sealed as the engine seals them, so an export of it verifies), loaded straight into the
 * tables (no HTTP, no engine) in multi-row INSERTs. The same records go to SQLite and PostgreSQL,
 * and a database can be grown in steps (cases [from, to)), so the same one is measured at two
 * sizes.
 */

const EVENT_TYPES = ['START_VERIFICATION', 'RETURN_FOR_SUPPLEMENT', 'RESUBMIT', 'APPROVE'];
const STATES = ['verifying', 'returned_for_supplement', 'submitted', 'approved'];
const START = Date.parse('2026-01-01T00:00:00.000Z');
/** Rows per multi-row INSERT (16 values a row: well under SQLite's 32,766 parameters). */
const ROWS_PER_INSERT = 500;
/** Cases per transaction while loading. */
const CASES_PER_TRANSACTION = 1000;

const EVENT_COLUMNS_SQL =
  'case_id, seq, occurred_at, actor_user_id, actor_username, actor_role, event_type, ' +
  'payload_json, facts_json, from_state, to_state, workflow_id, workflow_version, ' +
  'workflow_hash, prev_hash, hash';

export const caseIdOf = (i: number) =>
  `0196a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** Every record of case i, sealed and chained. */
export function recordsOf(i: number, eventsPerCase: number): AuditRecord[] {
  const caseId = caseIdOf(i);
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= eventsPerCase; seq++) {
    const kind = seq === 1 ? -1 : (seq + i) % EVENT_TYPES.length;
    const record = seal({
      caseId,
      seq,
      at: new Date(START + (i * eventsPerCase + seq) * 7).toISOString(),
      actor: { userId: 'u1', username: 'bench', role: seq === 1 ? 'unit_leader' : 'secretariat' },
      eventType: kind < 0 ? 'CASE_OPENED' : EVENT_TYPES[kind],
      payload:
        kind < 0
          ? { awardCode: 'lao_dong_tien_tien', evaluationYear: 2025 }
          : { reason: `Bổ sung hồ sơ lần ${seq}: thiếu biên bản bình xét của Chi bộ` },
      ...(seq % 10 === 0 ? { facts: { today: '2026-11-25', decisionNumber: `${seq}/QĐ-KT` } } : {}),
      fromState: kind < 0 ? null : STATES[(kind + 3) % STATES.length],
      toState: kind < 0 ? 'draft' : STATES[kind],
      workflow: { id: 'nomination', version: 2, hash: 'a'.repeat(64) },
      prevHash,
    });
    prevHash = record.hash;
    records.push(record);
  }
  return records;
}

/** The cases row of a case whose records are `records`. */
function caseValues(records: AuditRecord[]): unknown[] {
  const last = records[records.length - 1];
  return [last.caseId, last.toState, last.seq, last.hash, records[0].at, last.at];
}

const CASE_INSERT = (p: (i: number) => string, closed: string) =>
  `INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state, closed,
     context_json, subject_json, data_json, version, head_hash, created_by, created_at, updated_at)
   VALUES (${p(1)}, 'nomination', 'nomination', 2, '${'a'.repeat(64)}', ${p(2)}, ${closed}, '{}',
     '{"kind":"person","name":"Trần Xuân Lâm"}', '{}', ${p(3)}, ${p(4)}, 'u1', ${p(5)}, ${p(6)})`;

/** Where the loaded records go: a migrated SQLite file, a migrated PostgreSQL schema, or both. */
export interface BenchTargets {
  sqliteFile?: string;
  postgres?: { url: string; schema: string };
}

export interface LoadProgress {
  (casesLoaded: number): void;
}

/**
 * Seals and inserts cases [from, to) into every target; the first load (from = 0) adds the user
 * the records name. Returns the seconds spent sealing (building the records) and inserting.
 */
export async function loadCases(
  targets: BenchTargets,
  from: number,
  to: number,
  eventsPerCase: number,
  onProgress?: LoadProgress,
): Promise<{ sealSeconds: number; insertSeconds: number }> {
  const sqlite = targets.sqliteFile === undefined ? null : new Sqlite(targets.sqliteFile);
  const pg =
    targets.postgres === undefined
      ? null
      : new Client({
          connectionString: targets.postgres.url,
          options: `-c search_path=${targets.postgres.schema}`,
        });
  await pg?.connect();
  let sealSeconds = 0;
  let insertSeconds = 0;
  try {
    const now = new Date(START).toISOString();
    const addUser = `INSERT INTO users (id, username, display_name, password_hash, created_at)
       VALUES ('u1', 'bench', 'bench', 'x', '${now}')`;
    if (sqlite !== null) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = OFF');
      if (from === 0) sqlite.exec(addUser);
    }
    if (pg !== null && from === 0) await pg.query(addUser);
    const sqliteCase = sqlite?.prepare(CASE_INSERT(() => '?', '0'));
    const sqliteRows = (count: number) =>
      sqlite!.prepare(
        `INSERT INTO case_events (${EVENT_COLUMNS_SQL}) VALUES ` +
          Array.from({ length: count }, () => `(${Array(16).fill('?').join(',')})`).join(','),
      );
    const fullSqliteInsert = sqlite === null ? null : sqliteRows(ROWS_PER_INSERT);
    const pgRows = (count: number) =>
      `INSERT INTO case_events (${EVENT_COLUMNS_SQL}) VALUES ` +
      Array.from(
        { length: count },
        (_, row) =>
          `(${Array.from({ length: 16 }, (__, column) => `$${row * 16 + column + 1}`).join(',')})`,
      ).join(',');
    const fullPgInsert = pgRows(ROWS_PER_INSERT);
    const pgCase = CASE_INSERT((i) => `$${i}`, 'false');

    for (let batch = from; batch < to; batch += CASES_PER_TRANSACTION) {
      const end = Math.min(batch + CASES_PER_TRANSACTION, to);
      let started = performance.now();
      const cases: AuditRecord[][] = [];
      for (let i = batch; i < end; i++) cases.push(recordsOf(i, eventsPerCase));
      const rows = cases.flat().map(eventValues);
      sealSeconds += (performance.now() - started) / 1000;

      started = performance.now();
      if (sqlite !== null) {
        sqlite.transaction(() => {
          for (const records of cases) sqliteCase!.run(caseValues(records));
          for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
            const chunk = rows.slice(i, i + ROWS_PER_INSERT);
            (chunk.length === ROWS_PER_INSERT ? fullSqliteInsert! : sqliteRows(chunk.length)).run(
              chunk.flat(),
            );
          }
        })();
      }
      if (pg !== null) {
        await pg.query('BEGIN');
        for (const records of cases) await pg.query(pgCase, caseValues(records));
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          const chunk = rows.slice(i, i + ROWS_PER_INSERT);
          await pg.query(
            chunk.length === ROWS_PER_INSERT ? fullPgInsert : pgRows(chunk.length),
            chunk.flat(),
          );
        }
        await pg.query('COMMIT');
      }
      insertSeconds += (performance.now() - started) / 1000;
      onProgress?.(end);
    }
    if (sqlite !== null) sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // Fresh statistics, as autovacuum would have them after a load this size.
    if (pg !== null) await pg.query('ANALYZE');
  } finally {
    sqlite?.close();
    await pg?.end();
  }
  return { sealSeconds, insertSeconds };
}
