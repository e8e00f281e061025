import Sqlite from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointsService } from '../src/audit/checkpoints.service';
import type { AppConfig } from '../src/config/app-config';
import { GENESIS_HASH, seal } from '../src/domain/audit/audit-record';
import { makeCheckpoint } from '../src/domain/audit/checkpoint';
import { createDataSource } from '../src/persistence/data-source';
import { BackgroundConnection } from '../src/persistence/background-connection';
import { Database } from '../src/persistence/database';
import { SqlCheckpointLedger } from '../src/persistence/repositories/checkpoint-ledger-sql.repository';
import { TypeOrmAuditTrailRepository } from '../src/persistence/repositories/typeorm-audit-trail.repository';
import { TypeOrmCasesRepository } from '../src/persistence/repositories/typeorm-cases.repository';

/**
 * `npx ts-node bench/checkpoint-stall.ts` (or checkpointStallBench() from bench/run.ts): does a
 * request wait behind a checkpoint? For each size in CHECKPOINT_BENCH_EVENTS (records, comma-
 * separated; default 1000000), a SQLite database (the app's migrations, synchronous = FULL) is
 * loaded with that many records, CHECKPOINT_BENCH_EVENTS_PER_CASE (default 10) a case, in valid
 * hash chains (each hash is SHA-256 over the previous hash, the case and the seq: the links and
 * heads are consistent, which is all a checkpoint reads; sealing 10M records would take longer
 * than the rest of the run). Then one client reads one random case's history through the real
 * repository (TypeOrmCasesRepository.history: a reader thread's query, its snapshot taken under
 * the app's one database gate) every 10 ms,
 * open loop (a read that could not start on time counts from when it should have), for
 * CHECKPOINT_BENCH_SECONDS (default 15) in each phase:
 *
 *   idle       reads alone
 *   version 1  the old checkpoint, once: the GROUP BY over the whole log and one row per case
 *              (skip with CHECKPOINT_BENCH_LEGACY=0)
 *   first fold version 2 checkpoints back to back until every case is folded (every case is
 *              pending after the load, as after the upgrade; each folds at most 20,000)
 *   writes     a writer appending sealed records to random cases through the real transaction
 *              path (CHECKPOINT_BENCH_WRITES_PER_SECOND, default 200), no checkpoints
 *   writes + checkpoints  the same, with version 2 checkpoints back to back
 *
 * Printed: p50/p99/max of the history read and p99 ÷ the idle p99; the longest any read waited
 * (its latency less its own work: the time it held the gate and its query ran on the reader
 * thread; a read of a case whose pages the OS has not cached takes tens of ms of its own at 10M,
 * which is not waiting behind anyone); the
 * checkpoints' durations; and the longest time one unit of work held the database gate (every
 * read or write on SQLite holds it; measured by wrapping the gate), the checkpoint builder's
 * apart. Ratios in one run, no thresholds.
 */
const SIZES = (process.env.CHECKPOINT_BENCH_EVENTS ?? '1000000').split(',').map(Number);
const EVENTS_PER_CASE = Number(process.env.CHECKPOINT_BENCH_EVENTS_PER_CASE ?? 10);
const PHASE_SECONDS = Number(process.env.CHECKPOINT_BENCH_SECONDS ?? 15);
const WRITES_PER_SECOND = Number(process.env.CHECKPOINT_BENCH_WRITES_PER_SECOND ?? 200);
const LEGACY = process.env.CHECKPOINT_BENCH_LEGACY !== '0';
const READ_INTERVAL_MS = 10;
const ROWS_PER_INSERT = 500;

const caseIdOf = (i: number) => `0196b000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

interface Loaded {
  file: string;
  cases: number;
  events: number;
  loadSeconds: number;
  bytes: number;
}

/** The database, loaded with better-sqlite3 directly (synchronous OFF while loading). */
export async function load(directory: string, events: number): Promise<Loaded> {
  const started = performance.now();
  const file = join(directory, `checkpoints-${events}.sqlite`);
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'NORMAL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const at = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  db.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, active, created_at)
     VALUES ('u1', 'bench', 'bench', 'x', 1, ?)`,
  ).run(at(0));
  const insertCase = db.prepare(
    `INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state, closed,
       context_json, subject_json, data_json, version, head_hash, created_by, created_at, updated_at)
     VALUES (?, 'nomination', 'nomination', 2, ?, 'verifying', 0, '{}',
       '{"kind":"person","name":"Trần Xuân Lâm"}', '{}', ?, ?, 'u1', ?, ?)`,
  );
  const columns =
    'case_id, seq, occurred_at, actor_user_id, actor_username, actor_role, event_type, ' +
    'payload_json, from_state, to_state, workflow_id, workflow_version, workflow_hash, ' +
    'prev_hash, hash';
  const row = `(?, ?, ?, 'u1', 'bench', 'secretariat', 'RESUBMIT', '{"reason":"Bổ sung hồ sơ"}', 'returned_for_supplement', 'verifying', 'nomination', 2, '${'a'.repeat(64)}', ?, ?)`;
  const insertEvents = (rows: number) =>
    db.prepare(`INSERT INTO case_events (${columns}) VALUES ${Array(rows).fill(row).join(',')}`);
  const fullInsert = insertEvents(ROWS_PER_INSERT);
  const cases = Math.ceil(events / EVENTS_PER_CASE);
  let written = 0;
  const loadCases = db.transaction((from: number, to: number) => {
    let values: unknown[] = [];
    let rows = 0;
    for (let i = from; i < to; i += 1) {
      const caseId = caseIdOf(i);
      const length = Math.min(EVENTS_PER_CASE, events - i * EVENTS_PER_CASE);
      const hashes: string[] = [];
      for (let seq = 1; seq <= length; seq += 1) {
        const prev = hashes[seq - 2] ?? GENESIS_HASH;
        hashes.push(createHash('sha256').update(`${prev}${caseId}${seq}`).digest('hex'));
      }
      // The case first: its records refer to it.
      insertCase.run(
        caseId,
        'a'.repeat(64),
        length,
        hashes[length - 1],
        at(written),
        at(written + length),
      );
      for (let seq = 1; seq <= length; seq += 1) {
        values.push(caseId, seq, at(written), hashes[seq - 2] ?? GENESIS_HASH, hashes[seq - 1]);
        written += 1;
        rows += 1;
        if (rows === ROWS_PER_INSERT) {
          fullInsert.run(values);
          values = [];
          rows = 0;
        }
      }
    }
    if (rows > 0) insertEvents(rows).run(values);
  });
  for (let from = 0; from < cases; from += 5000) {
    loadCases(from, Math.min(from + 5000, cases));
    process.stderr.write(`\rloaded ${written} records`);
  }
  process.stderr.write('\n');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    file,
    cases,
    events: written,
    loadSeconds: (performance.now() - started) / 1000,
    bytes: statSync(file).size,
  };
}

/**
 * The disk's own floor, measured in the same run: 200 commits of 500 small rows through
 * better-sqlite3 alone (WAL, synchronous = FULL) on a scratch file beside the database. A gate hold
 * can never be shorter than the commit it wraps.
 */
function diskFloor(directory: string): { p50: number; p99: number; max: number } {
  const file = join(directory, 'disk-floor.sqlite');
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (a INTEGER, b TEXT)');
  const insert = db.prepare('INSERT INTO rows VALUES (?, ?)');
  const commit = db.transaction((i: number) => {
    for (let j = 0; j < 500; j += 1) insert.run(i, 'x'.repeat(150));
  });
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const started = performance.now();
    commit(i);
    times.push(performance.now() - started);
  }
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times) };
}

/**
 * Whose work a gate hold is: a history read's or the builder's. A group commit counts as the work
 * of whoever's write started it (in the first fold, only the builder writes). `ownMs`: the time
 * the caller's own work took (its gate holds, and its queries on a reader thread), which is not
 * waiting behind anyone.
 */
interface Caller {
  kind: 'history' | 'checkpoint';
  ownMs: number;
}
const caller = new AsyncLocalStorage<Caller>();

/** Adds each history read's query time on a reader thread (Database.readOnAReaderThread) to its own. */
function timeReaderQueries(): void {
  const original = BackgroundConnection.prototype.read;
  BackgroundConnection.prototype.read = function (
    this: BackgroundConnection,
    ...args: Parameters<BackgroundConnection['read']>
  ) {
    const by = caller.getStore();
    const query = original.apply(this, args);
    if (by?.kind === 'history') {
      void query.ran.then((ran) => {
        if (!Number.isNaN(ran)) by.ownMs += ran;
      });
    }
    return query;
  };
}

interface Holds {
  all: number[];
  checkpoint: number[];
}

function timeGateHolds(database: Database): { take(): Holds } {
  let holds: Holds = { all: [], checkpoint: [] };
  const gate = (database as unknown as { gate?: { runExclusive: unknown } }).gate;
  if (gate === undefined || typeof gate.runExclusive !== 'function') return { take: () => holds };
  const original = (gate.runExclusive as (work: () => Promise<unknown>) => Promise<unknown>).bind(
    gate,
  );
  gate.runExclusive = (work: () => Promise<unknown>) => {
    const by = caller.getStore();
    return original(async () => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        const held = performance.now() - started;
        holds.all.push(held);
        if (by?.kind === 'checkpoint') holds.checkpoint.push(held);
        if (by !== undefined) by.ownMs += held;
      }
    });
  };
  return {
    take() {
      const taken = holds;
      holds = { all: [], checkpoint: [] };
      return taken;
    },
  };
}

/** One random case's history every READ_INTERVAL_MS until `running` turns false; latencies in ms. */
async function readHistories(
  cases: TypeOrmCasesRepository,
  caseCount: number,
  running: () => boolean,
): Promise<{ latencies: number[]; waits: number[] }> {
  const latencies: number[] = [];
  const waits: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  for (let i = 0; running();) {
    const due = start + i * READ_INTERVAL_MS;
    const now = performance.now();
    if (due > now) {
      await sleep(due - now);
      continue;
    }
    i += 1;
    const id = caseIdOf(Math.floor(Math.random() * caseCount));
    const own: Caller = { kind: 'history', ownMs: 0 };
    const read = caller
      .run(own, () => cases.history(id, 0, 50))
      .then(() => {
        latencies.push(performance.now() - due);
        waits.push(performance.now() - due - own.ownMs);
      });
    inFlight.add(read);
    void read.finally(() => inFlight.delete(read));
  }
  await Promise.all(inFlight);
  return { latencies, waits };
}

/** Appends sealed records to random cases at about `perSecond`, through the real transaction. */
async function writeTransitions(
  cases: TypeOrmCasesRepository,
  caseCount: number,
  perSecond: number,
  running: () => boolean,
): Promise<number> {
  let written = 0;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  while (running()) {
    const due = start + (written + inFlight.size) * (1000 / perSecond);
    if (due > performance.now()) {
      await sleep(Math.max(0, due - performance.now()));
      continue;
    }
    const id = caseIdOf(Math.floor(Math.random() * caseCount));
    const write = cases
      .transaction(async (tx) => {
        const stored = await tx.findForUpdate(id);
        if (stored === null) return;
        const record = seal({
          caseId: id,
          seq: stored.version + 1,
          at: new Date().toISOString(),
          actor: { userId: 'u1', username: 'bench', role: 'secretariat' },
          eventType: 'RESUBMIT',
          payload: { reason: 'Bổ sung hồ sơ' },
          fromState: stored.state,
          toState: 'verifying',
          workflow: stored.workflow,
          prevHash: stored.headHash,
        });
        await tx.applyTransition({
          caseId: id,
          expectedVersion: stored.version,
          state: 'verifying',
          closed: false,
          context: stored.context,
          record,
        });
      })
      .then(
        () => void (written += 1),
        () => undefined,
      );
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    // One at a time per case is what the engine does; here concurrency only lets group commit work.
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return written;
}

interface Phase {
  name: string;
  latencies: number[];
  /** Each read's latency less the time its own query held the gate. */
  waits: number[];
  holds: Holds;
  checkpointSeconds: number[];
  /** The longest the event loop was blocked (ms): work between two database calls. */
  loopBlockMs: number;
  note: string;
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));

async function measure(loaded: Loaded): Promise<Phase[]> {
  const dataSource = createDataSource({ kind: 'sqlite', file: loaded.file, synchronous: 'FULL' });
  await dataSource.initialize();
  const database = new Database(dataSource);
  const gate = timeGateHolds(database);
  timeReaderQueries();
  const cases = new TypeOrmCasesRepository(database);
  const ledger = new SqlCheckpointLedger(database);
  const config = {
    checkpoints: { signingKey: null, everyEvents: 1000, everyMinutes: 0, checkSeconds: 0 },
  } as unknown as AppConfig;
  const checkpoints = new CheckpointsService(ledger, config);
  const phases: Phase[] = [];

  /** Runs `work` while reading histories; reads go on for at least PHASE_SECONDS. */
  const phase = async (
    name: string,
    work: (running: () => boolean) => Promise<{ checkpointSeconds?: number[]; note?: string }>,
  ) => {
    process.stderr.write(`${loaded.events} records: ${name}\n`);
    const started = performance.now();
    let workDone = false;
    let stopped = false;
    const running = () => !stopped;
    gate.take();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const reads = readHistories(cases, loaded.cases, () => !workDone || !stopped);
    const timer = sleep(PHASE_SECONDS * 1000).then(() => (stopped = true));
    const outcome = await work(running);
    workDone = true;
    await timer;
    const { latencies, waits } = await reads;
    loop.disable();
    phases.push({
      loopBlockMs: loop.max / 1e6,
      name,
      latencies,
      waits,
      holds: gate.take(),
      checkpointSeconds: outcome.checkpointSeconds ?? [],
      note: `${outcome.note ?? ''}${outcome.note ? '; ' : ''}${((performance.now() - started) / 1000).toFixed(0)} s`,
    });
  };

  /** Checkpoints back to back while `until()`; with `untilFolded`, until nothing is pending. */
  const checkpointLoop = async (until: () => boolean, untilFolded = false) => {
    const seconds: number[] = [];
    let folded = 0;
    while (until()) {
      const waiting = await ledger.pendingRecords(1);
      if (waiting.cases === 0) {
        if (untilFolded) break;
        await sleep(20);
        continue;
      }
      const started = performance.now();
      const before = await ledger.treeState();
      const outcome = await caller.run({ kind: 'checkpoint', ownMs: 0 }, () =>
        checkpoints.create(new Date()),
      );
      if (outcome.kind !== 'created') throw new Error(`checkpoint ${outcome.kind}`);
      seconds.push((performance.now() - started) / 1000);
      folded += outcome.checkpoint.caseCount - before.leafCount;
    }
    return { seconds, folded };
  };

  await phase('idle', async () => ({}));

  const trail = new TypeOrmAuditTrailRepository(database);
  if (LEGACY && typeof trail.appendCheckpoint === 'function') {
    await phase('version 1 checkpoint (before)', async () => {
      const started = performance.now();
      const heads = await trail.chainHeads();
      await trail.appendCheckpoint(
        makeCheckpoint(heads, null, new Date().toISOString(), null),
        heads,
      );
      return {
        checkpointSeconds: [(performance.now() - started) / 1000],
        note: `${heads.length} heads`,
      };
    });
  }

  await phase('version 2, first fold of every case', async () => {
    const loop = await checkpointLoop(() => true, true);
    return { checkpointSeconds: loop.seconds, note: `${loop.folded} new leaves` };
  });

  await phase('writes, no checkpoints', async (running) => {
    const written = await writeTransitions(cases, loaded.cases, WRITES_PER_SECOND, running);
    return { note: `${written} records written` };
  });
  // Fold what the writer left, so the next phase starts from the same state as a server would.
  while ((await ledger.pendingRecords(1)).cases > 0) await checkpoints.create(new Date());

  await phase('writes + version 2 checkpoints', async (running) => {
    const [written, loop] = await Promise.all([
      writeTransitions(cases, loaded.cases, WRITES_PER_SECOND, running),
      checkpointLoop(running),
    ]);
    return {
      checkpointSeconds: loop.seconds,
      note: `${written} records written, ${loop.seconds.length} checkpoints`,
    };
  });

  const verification = await checkpoints.verifyCheckpoints();
  if (verification.problems.length > 0) {
    throw new Error(`checkpoints do not verify: ${JSON.stringify(verification.problems[0])}`);
  }
  await dataSource.destroy();
  return phases;
}

function tableOf(loaded: Loaded, phases: Phase[]): string {
  const idle = quantile(phases[0].latencies, 0.99);
  const header =
    '| records | phase | reads | p50 ms | p99 ms | max ms | p99 ÷ idle | longest wait ms | checkpoints | checkpoint s (median / max) | longest gate hold ms: checkpoints / all | longest event-loop block ms | notes |\n' +
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|';
  const lines = phases.map((phase) => {
    const p99 = quantile(phase.latencies, 0.99);
    const cps = phase.checkpointSeconds;
    return (
      `| ${loaded.events.toLocaleString('en')} | ${phase.name} | ${phase.latencies.length} | ` +
      `${ms(quantile(phase.latencies, 0.5))} | ${ms(p99)} | ${ms(Math.max(...phase.latencies))} | ` +
      `${(p99 / idle).toFixed(1)}× | ${ms(Math.max(0, ...phase.waits))} | ${cps.length} | ` +
      `${cps.length ? `${quantile(cps, 0.5).toFixed(2)} / ${Math.max(...cps).toFixed(2)}` : '–'} | ` +
      `${cps.length ? ms(Math.max(0, ...phase.holds.checkpoint)) : '–'} / ${ms(Math.max(0, ...phase.holds.all))} | ` +
      `${ms(phase.loopBlockMs)} | ${phase.note} |`
    );
  });
  return [header, ...lines].join('\n');
}

/** The benchmark as a markdown section: one table per size, with how long loading took. */
export async function checkpointStallBench(): Promise<string> {
  // The service logs each checkpoint; a benchmark prints only its table.
  Logger.overrideLogger(['error']);
  const directory = mkdtempSync(join(process.env.CHECKPOINT_BENCH_DIR ?? tmpdir(), 'thidua-cp-'));
  const sections: string[] = [];
  try {
    for (const events of SIZES) {
      const loaded = await load(directory, events);
      const floor = diskFloor(directory);
      const phases = await measure(loaded);
      sections.push(
        `History of one case while checkpoints run: ${loaded.events.toLocaleString('en')} records ` +
          `in ${loaded.cases.toLocaleString('en')} cases (${(loaded.bytes / 2 ** 30).toFixed(2)} GiB, ` +
          `loaded in ${loaded.loadSeconds.toFixed(0)} s); one read every ${READ_INTERVAL_MS} ms, ` +
          `${PHASE_SECONDS} s a phase at least. The disk's floor in this run (a 500-row commit ` +
          `through better-sqlite3 alone): p50 ${ms(floor.p50)} ms, p99 ${ms(floor.p99)} ms, ` +
          `max ${ms(floor.max)} ms.\n\n${tableOf(loaded, phases)}`,
      );
      rmSync(loaded.file, { force: true });
      rmSync(`${loaded.file}-wal`, { force: true });
      rmSync(`${loaded.file}-shm`, { force: true });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return sections.join('\n\n');
}

if (require.main === module) {
  checkpointStallBench().then(
    (markdown) => console.log(markdown),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
