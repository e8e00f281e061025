import Sqlite from 'better-sqlite3';
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditExportLines } from '../src/audit/audit-export-lines';
import { SqlExportCoverageRepository } from '../src/audit/export-coverage.repository';
import { AuditExportVerifier } from '../src/domain/audit/audit-export';
import { GENESIS_HASH, seal, type AuditRecord } from '../src/domain/audit/audit-record';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { eventValues } from '../src/persistence/repositories/audit-record-rows';
import { TypeOrmAuditTrailRepository } from '../src/persistence/repositories/typeorm-audit-trail.repository';

/**
 * `npm run bench:export-memory`: the audit export stays in constant memory whatever its size.
 *
 * Builds a SQLite database (the app's migrations) holding EXPORT_BENCH_CASES cases (default
 * 20,000) of EXPORT_BENCH_EVENTS valid, hash-chained records each (default 50: 1,000,000 records),
 * exports all of it through the same code as the CLI and the HTTP export (auditExportLines over
 * the repository's paged stream) to a file, then verifies that file offline with
 * AuditExportVerifier read line by line. Each of the two runs in a fresh child process (so the
 * loader's garbage is not in its baseline), sampling RSS every 50 ms. Exits 1 if
 * a phase's peak RSS exceeds its baseline (RSS just before it) by more than
 * EXPORT_BENCH_CEILING_MIB (default 150 MiB: see BENCHMARKS.md for what was measured), or if the
 * export does not verify. Not part of `npm test`: it takes minutes and a few GB of disk.
 */
const CASES = Number(process.env.EXPORT_BENCH_CASES ?? 20_000);
const EVENTS_PER_CASE = Number(process.env.EXPORT_BENCH_EVENTS ?? 50);
const CEILING_MIB = Number(process.env.EXPORT_BENCH_CEILING_MIB ?? 150);
const MIB = 1024 * 1024;
/** Rows per multi-row INSERT (16 values a row: well under SQLite's 32,766 parameters). */
const ROWS_PER_INSERT = 500;
/** Cases per transaction while loading. */
const CASES_PER_TRANSACTION = 1000;
const CHUNK_BYTES = 256 * 1024;

const EVENT_TYPES = ['START_VERIFICATION', 'RETURN_FOR_SUPPLEMENT', 'RESUBMIT', 'APPROVE'];
const STATES = ['verifying', 'returned_for_supplement', 'submitted', 'approved'];

const caseIdOf = (i: number) => `0196a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** Every record of case i, sealed and chained. */
function recordsOf(i: number, start: number): AuditRecord[] {
  const caseId = caseIdOf(i);
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= EVENTS_PER_CASE; seq++) {
    const kind = seq === 1 ? -1 : (seq + i) % EVENT_TYPES.length;
    const record = seal({
      caseId,
      seq,
      at: new Date(start + (i * EVENTS_PER_CASE + seq) * 7).toISOString(),
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

async function load(file: string): Promise<number> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'NORMAL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, active, created_at)
     VALUES ('u1', 'bench', 'bench', 'x', 1, ?)`,
  ).run(now);
  const insertCase = db.prepare(
    `INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state, closed,
       context_json, subject_json, data_json, version, head_hash, created_by, created_at, updated_at)
     VALUES (?, 'nomination', 'nomination', 2, ?, ?, 0, '{}',
       '{"kind":"person","name":"Trần Xuân Lâm"}', '{}', ?, ?, 'u1', ?, ?)`,
  );
  const columns =
    'case_id, seq, occurred_at, actor_user_id, actor_username, actor_role, event_type, ' +
    'payload_json, facts_json, from_state, to_state, workflow_id, workflow_version, ' +
    'workflow_hash, prev_hash, hash';
  const rowPlaceholders = `(${Array.from({ length: 16 }, () => '?').join(',')})`;
  const insertEvents = (rows: number) =>
    db.prepare(
      `INSERT INTO case_events (${columns}) VALUES ${Array.from({ length: rows }, () => rowPlaceholders).join(',')}`,
    );
  const fullInsert = insertEvents(ROWS_PER_INSERT);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let pending: unknown[][] = [];
  const flush = () => {
    for (let i = 0; i < pending.length; i += ROWS_PER_INSERT) {
      const chunk = pending.slice(i, i + ROWS_PER_INSERT);
      (chunk.length === ROWS_PER_INSERT ? fullInsert : insertEvents(chunk.length)).run(
        chunk.flat(),
      );
    }
    pending = [];
  };
  const loadCases = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const records = recordsOf(i, start);
      const last = records[records.length - 1];
      insertCase.run(
        last.caseId,
        'a'.repeat(64),
        last.toState,
        last.seq,
        last.hash,
        records[0].at,
        last.at,
      );
      for (const record of records) pending.push(eventValues(record));
    }
    flush();
  });
  for (let from = 0; from < CASES; from += CASES_PER_TRANSACTION) {
    loadCases(from, Math.min(from + CASES_PER_TRANSACTION, CASES));
    process.stderr.write(`\rloaded ${Math.min(from + CASES_PER_TRANSACTION, CASES)} cases`);
  }
  process.stderr.write('\n');
  const count = (db.prepare('SELECT COUNT(*) AS n FROM case_events').get() as { n: number }).n;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return count;
}

/** Samples RSS every 50 ms until stopped; the peak includes a last sample at the end. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function settle(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

const liveHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

interface Phase {
  name: string;
  baseline: number;
  peak: number;
  seconds: number;
  events: number;
  ok: boolean;
  /** Live heap after a full GC, before and after the phase: a leak would show here. */
  heapBefore: number;
  heapAfter: number;
}

const mib = (bytes: number) => (bytes / MIB).toFixed(1);

/** Exports the database to `out` (run in a fresh process: its baseline is not the loader's). */
async function exportPhase(file: string, out: string): Promise<Phase> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'FULL' });
  await dataSource.initialize();
  const database = new Database(dataSource);
  const trail = new TypeOrmAuditTrailRepository(database);
  const coverage = new SqlExportCoverageRepository(database);
  // Warm up (statement cache, first page) so the baseline is the steady state before the export.
  await trail.searchEvents({ scopes: null }, null, 10);
  const heapBefore = liveHeap();
  const baseline = settle();
  const sampler = sampleRss();
  const started = Date.now();
  let exported = 0;
  const lines = auditExportLines(
    trail,
    coverage,
    { scopes: null },
    { exportedAt: new Date().toISOString(), publicFilter: {} },
  );
  async function* counting() {
    for await (const line of lines) {
      if (line.startsWith('{"kind":"event"')) exported += 1;
      yield line;
    }
  }
  await pipeline(Readable.from(chunked(counting()), { objectMode: false }), createWriteStream(out));
  const phase = {
    name: 'export (JSON Lines)',
    baseline,
    peak: sampler.stop(),
    seconds: (Date.now() - started) / 1000,
    events: exported,
    ok: true,
    heapBefore,
    heapAfter: liveHeap(),
  };
  await dataSource.destroy();
  return phase;
}

/** Verifies the export offline, line by line, as an auditor would with the file alone. */
async function verifyPhase(out: string): Promise<Phase> {
  const heapBefore = liveHeap();
  const baseline = settle();
  const sampler = sampleRss();
  const started = Date.now();
  const verifier = new AuditExportVerifier(null);
  let lineNumber = 0;
  const reader = createInterface({ input: createReadStream(out), crlfDelay: Infinity });
  for await (const line of reader) {
    lineNumber += 1;
    verifier.accept(line, lineNumber);
    if (verifier.failed) break;
  }
  const verification = verifier.finish(lineNumber);
  if (!verification.ok) process.stderr.write(`${JSON.stringify(verification.problem)}\n`);
  return {
    name: 'offline verification',
    baseline,
    peak: sampler.stop(),
    seconds: (Date.now() - started) / 1000,
    events: verification.events,
    ok: verification.ok,
    heapBefore,
    heapAfter: liveHeap(),
  };
}

/** Runs a phase in a child process of its own and returns what it measured. */
function inChild(...args: string[]): Promise<Phase> {
  return new Promise((resolvePhase, reject) => {
    const child = fork(__filename, args, { execArgv: ['--expose-gc'] });
    let phase: Phase | null = null;
    child.on('message', (message) => (phase = message as Phase));
    child.on('error', reject);
    child.on('exit', (code) =>
      phase !== null && code === 0
        ? resolvePhase(phase)
        : reject(new Error(`${args[0]} exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'export' || mode === 'verify') {
    const phase =
      mode === 'export' ? await exportPhase(args[0], args[1]) : await verifyPhase(args[0]);
    process.send?.(phase);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'thidua-export-bench-'));
  const file = join(directory, 'audit.sqlite');
  const out = join(directory, 'export.jsonl');
  const phases: Phase[] = [];
  let ok = true;
  try {
    const started = Date.now();
    const loaded = await load(file);
    process.stderr.write(`${loaded} records in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    phases.push(await inChild('export', file, out));
    process.stderr.write(`export: ${mib(statSync(out).size)} MiB written\n`);
    phases.push(await inChild('verify', out));
    for (const phase of phases) {
      if (!phase.ok || phase.events !== loaded) {
        ok = false;
        process.stderr.write(
          `${phase.name}: ${phase.events} of ${loaded} records, ok ${phase.ok}\n`,
        );
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  process.stdout.write(
    `\n| phase | records | seconds | records/s | baseline RSS (MiB) | peak RSS (MiB) | peak − baseline (MiB) | peak / baseline | live heap before → after (MiB) |\n` +
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n',
  );
  for (const phase of phases) {
    const over = (phase.peak - phase.baseline) / MIB;
    process.stdout.write(
      `| ${phase.name} | ${phase.events} | ${phase.seconds.toFixed(1)} | ${Math.round(
        phase.events / phase.seconds,
      )} | ${mib(phase.baseline)} | ${mib(phase.peak)} | ${over.toFixed(1)} | ${(
        phase.peak / phase.baseline
      ).toFixed(2)} | ${mib(phase.heapBefore)} → ${mib(phase.heapAfter)} |\n`,
    );
    if (over > CEILING_MIB) {
      ok = false;
      process.stderr.write(
        `${phase.name}: peak RSS ${over.toFixed(1)} MiB over the baseline, ceiling ${CEILING_MIB} MiB\n`,
      );
    }
  }
  process.stdout.write(`ceiling: baseline + ${CEILING_MIB} MiB: ${ok ? 'kept' : 'EXCEEDED'}\n`);
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
