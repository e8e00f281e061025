import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createDataSource } from '../src/persistence/data-source';
import { benchRecordValues, INSERT_BENCH_RECORD } from './raw-ceiling';

/**
 * Item 5 of issue 18 asks for SQLite's one writer in a worker thread, so that the event loop and
 * the writer use both cores. Whether that frees the event loop depends on how the writer is fed,
 * and this measures it: one transaction a transition (the case's read, the user's, the case's
 * version-checked update and its record's insert: the raw ceiling's pair and the two reads every
 * transition makes, on the app's schema, at the nomination mix's row sizes), one transition at a
 * time, run three ways:
 *
 *  - in place: on the event loop's own connection, as the server does today;
 *  - statement by statement: each statement (BEGIN and COMMIT too) a message to a writer thread
 *    and its answer back, as a unit of work that reads and writes as it goes would need;
 *  - one message a transition: the whole transaction in one message, as a unit of work split into
 *    its reads and one batch of writes would allow.
 *
 * Printed: the event loop's busy time per transition (performance.eventLoopUtilization), the
 * writer thread's, and the wall time, each against in place. No fsync (synchronous=NORMAL, as the
 * app's connection runs at FULL with the WAL fsynced off the event loop): this is the CPU the
 * event loop would give up or take on, not the disk.
 */

const CONTEXT_BYTES = 2_279;
const FACTS_BYTES = 3_746;
const PAYLOAD_BYTES = 24;

type Step = { sql: string; params: unknown[]; reads: boolean };
type Message = { id: number; steps: Step[] };

const READ_CASE = 'SELECT id, state, context_json, version, head_hash FROM cases WHERE id = ?';
const READ_USER = 'SELECT id, username, display_name, active FROM users WHERE id = ?';
const UPDATE_CASE =
  'UPDATE cases SET state = ?, closed = ?, context_json = ?, version = ?, head_hash = ?, ' +
  'updated_at = ? WHERE id = ? AND version = ? RETURNING version';
/** A JSON object whose text is `length` characters long, Vietnamese like the real ones. */
function jsonOfLength(length: number): string {
  const text = 'Lao động tiên tiến xét tặng cho cá nhân. ';
  return JSON.stringify({ p: text.repeat(length / text.length).slice(0, length - 8) });
}

const CONTEXT = jsonOfLength(CONTEXT_BYTES);
const FACTS = jsonOfLength(FACTS_BYTES);
const PAYLOAD = jsonOfLength(PAYLOAD_BYTES);
const STATES = ['returned_for_supplement', 'verifying'];

/** The statements of the transition that takes the case from `version` to the next. */
function transitionSteps(version: number): Step[] {
  const at = new Date().toISOString();
  const hash = createHash('sha256').update(String(version)).digest('hex');
  return [
    { sql: READ_CASE, params: ['c1'], reads: true },
    { sql: READ_USER, params: ['u1'], reads: true },
    {
      sql: UPDATE_CASE,
      params: [STATES[version % 2], 0, CONTEXT, version + 1, hash, at, 'c1', version],
      reads: true,
    },
    {
      sql: INSERT_BENCH_RECORD,
      params: benchRecordValues({
        seq: version + 1,
        at,
        eventType: 'RESUBMIT',
        payload: PAYLOAD,
        facts: FACTS,
        fromState: STATES[(version + 1) % 2],
        toState: STATES[version % 2],
        workflowVersion: 9,
        hash,
      }),
      reads: false,
    },
  ];
}

/** A connection as the app's: WAL, NORMAL (the app fsyncs the WAL itself, off the event loop). */
function connect(file: string): { run(step: Step): unknown; exec(sql: string): void } {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const prepared = new Map<string, Sqlite.Statement>();
  return {
    run(step) {
      let statement = prepared.get(step.sql);
      if (statement === undefined) prepared.set(step.sql, (statement = db.prepare(step.sql)));
      return step.reads ? statement.all(...step.params) : statement.run(...step.params);
    },
    exec: (sql) => db.exec(sql),
  };
}

if (!isMainThread && (workerData as { writerThreadBench?: string })?.writerThreadBench) {
  const connection = connect((workerData as { writerThreadBench: string }).writerThreadBench);
  parentPort!.on('message', ({ id, steps }: Message) => {
    const answers = steps.map((step) =>
      step.sql === 'BEGIN' || step.sql === 'COMMIT'
        ? connection.exec(step.sql)
        : connection.run(step),
    );
    parentPort!.postMessage({ id, answers });
  });
}

interface Way {
  name: string;
  loopUs: number;
  writerUs: number | null;
  wallUs: number;
}

export async function writerThreadBench(): Promise<string> {
  const transitions = Number(process.env.WRITER_BENCH_TRANSITIONS ?? 10_000);
  const directory = mkdtempSync(join(tmpdir(), 'thidua-writer-bench-'));
  try {
    const file = join(directory, 'writer.sqlite');
    const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'FULL' });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const now = new Date().toISOString();
    const setup = new Sqlite(file);
    setup
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, active, created_at)
         VALUES ('u1', 'bench', 'bench', 'x', 1, ?)`,
      )
      .run(now);
    setup
      .prepare(
        `INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state,
           closed, context_json, subject_json, data_json, version, head_hash, created_by,
           created_at, updated_at)
         VALUES ('c1', 'nomination', 'nomination', 9, ?, 'verifying', 0, ?,
           '{"kind":"person","name":"Trần Xuân Lâm"}', '{}', 1, ?, 'u1', ?, ?)`,
      )
      .run('x'.repeat(64), CONTEXT, '0'.repeat(64), now, now);
    setup.close();

    let version = 1;
    const warmUp = Math.min(2_000, transitions);
    const measure = async (
      name: string,
      one: () => unknown,
      writer: Worker | null,
    ): Promise<Way> => {
      for (let i = 0; i < warmUp; i++) await one();
      const loop = performance.eventLoopUtilization();
      const thread = writer?.performance.eventLoopUtilization();
      const started = performance.now();
      for (let i = 0; i < transitions; i++) await one();
      const wallUs = ((performance.now() - started) * 1000) / transitions;
      const loopUs = (performance.eventLoopUtilization(loop).active * 1000) / transitions;
      const writerUs =
        writer === null
          ? null
          : (writer.performance.eventLoopUtilization(thread).active * 1000) / transitions;
      return { name, loopUs, writerUs, wallUs };
    };

    const here = connect(file);
    const inPlace = await measure(
      'in place (today: the event loop runs the statements)',
      () => {
        here.exec('BEGIN');
        for (const step of transitionSteps(version++)) here.run(step);
        here.exec('COMMIT');
      },
      null,
    );

    const writer = new Worker(__filename, { workerData: { writerThreadBench: file } });
    try {
      const waiting = new Map<number, () => void>();
      let next = 0;
      writer.on('message', ({ id }: { id: number }) => {
        waiting.get(id)!();
        waiting.delete(id);
      });
      const send = (steps: Step[]) =>
        new Promise<void>((resolve) => {
          const id = next++;
          waiting.set(id, resolve);
          writer.postMessage({ id, steps } satisfies Message);
        });
      const mark = (sql: string): Step => ({ sql, params: [], reads: false });
      const oneByOne = await measure(
        'writer thread, statement by statement (a message and its answer each)',
        async () => {
          await send([mark('BEGIN')]);
          for (const step of transitionSteps(version++)) await send([step]);
          await send([mark('COMMIT')]);
        },
        writer,
      );
      const batched = await measure(
        'writer thread, one message a transition (reads and writes in one batch)',
        () => send([mark('BEGIN'), ...transitionSteps(version++), mark('COMMIT')]),
        writer,
      );
      const ways = [inPlace, oneByOne, batched];
      const ratio = (value: number, base: number) => `×${(value / base).toFixed(2)}`;
      return [
        `${transitions.toLocaleString('en')} transitions one at a time, each: the case's and the ` +
          `user's reads, the case's update (context ${CONTEXT_BYTES} B) and its record's insert ` +
          `(facts ${FACTS_BYTES} B), on the app's schema, SQLite WAL, no fsync.`,
        '',
        '| way | event loop busy µs / transition | vs in place | writer thread busy µs | wall µs / transition |',
        '|---|---:|---:|---:|---:|',
        ...ways.map(
          (way) =>
            `| ${way.name} | ${way.loopUs.toFixed(1)} | ${ratio(way.loopUs, inPlace.loopUs)} | ` +
            `${way.writerUs === null ? '' : way.writerUs.toFixed(1)} | ${way.wallUs.toFixed(1)} |`,
        ),
      ].join('\n');
    } finally {
      await writer.terminate();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
