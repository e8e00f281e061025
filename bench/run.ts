import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointStallBench } from './checkpoint-stall';
import { measureEngine } from './engine';
import { exportThroughputBench } from './export-throughput';
import { startLatencyProxy } from './latency-proxy';
import { measureHttp, measurePostgresInstances } from './http';
import { CYCLE_EVENTS } from './bench-server';
import { notificationRecipientsBench } from './notification-recipients';
import { measureRawCeiling, rowSizesOf } from './raw-ceiling';
import { measureResponsiveness, responsivenessTable } from './responsiveness';
import { median, table, type Row } from './stats';
import { verificationSpeedBench } from './verification-speed';
import { writerThreadBench } from './writer-thread';

/**
 * `npm run bench`: every figure of BENCHMARKS.md, each printed against a baseline measured in the
 * same run (ratios, never pass/fail thresholds). The parts, in order (`BENCH_ONLY=a,b` runs some):
 * - `throughput`: transitions on SQLite (WAL, synchronous=FULL) beside the raw-driver ceiling on
 *   the same disk, with small rows and with the HTTP workload's real row sizes; the nomination mix
 *   and a light workflow (the fixed cost per transition);
 * - `postgres`: the nomination mix on PostgreSQL with 1 and 2 app instances (BENCH_PG_INSTANCES),
 *   and with 1 instance behind a relay that adds a round trip (BENCH_PG_LATENCY_MS, default 2; '' none),
 *   where one client alone also shows how many round trips a transition waits for in series;
 * - `responsiveness`: `/health` p99 while heavy or hostile requests run, against its idle p99;
 * - `verification`: chain verification records/s (CLI path and offline verifier);
 * - `export`: audit export records/s at 100k and 1M on SQLite and PostgreSQL, and its linearity;
 * - `checkpoints`: one case's history p99 while checkpoints run, against idle, at 1M events
 *   (CHECKPOINT_BENCH_EVENTS=1000000,10000000 for 10M);
 * - `writer-thread`: the event loop's CPU per transition with SQLite's writer in a worker thread,
 *   fed statement by statement or one message a transition, against the writer in place;
 * - `recipients`: a notification's statement in an organisation of 50,000 accounts, against 10.
 */
const PARTS: Record<string, () => Promise<void>> = {
  throughput: measureThroughput,
  postgres: measurePostgres,
  responsiveness: measureResponsivenessOnce,
  verification: async () => print('Chain verification', await verificationSpeedBench()),
  export: async () => print('Audit export', await exportThroughputBench()),
  checkpoints: async () => print('Checkpoints at scale', await checkpointStallBench()),
  'writer-thread': async () =>
    print('SQLite writer in a worker thread: how it is fed', await writerThreadBench()),
  recipients: async () =>
    print('Notifications in a large organisation', await notificationRecipientsBench()),
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? Object.keys(PARTS);
  const unknown = only.filter((name) => !(name in PARTS));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY: unknown part ${unknown.join(', ')} (${Object.keys(PARTS).join(', ')})`,
    );
  }
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`,
  );
  for (const name of only) await PARTS[name]();
}

function print(title: string, markdown: string): void {
  console.log(`\n## ${title}\n\n${markdown}`);
}

async function measurePostgres(): Promise<void> {
  const url =
    process.env.BENCH_POSTGRES_URL ??
    process.env.TEST_POSTGRES_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const instances = (process.env.BENCH_PG_INSTANCES ?? '1,2').split(',').map(Number);
  // The database on another machine: every statement's round trip counts (item 4 of issue 18).
  const latencies = (process.env.BENCH_PG_LATENCY_MS ?? '2').split(',').filter(Boolean).map(Number);
  const tooShort = latencies.find((ms) => !(ms >= 2));
  if (tooShort !== undefined) {
    // Node's timers wait at least a millisecond each way: a shorter round trip would be a lie.
    throw new Error(`BENCH_PG_LATENCY_MS: ${tooShort} is not a round trip of 2 ms or more`);
  }
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
  const rows: Row[] = [];
  for (const count of instances) rows.push(await measurePostgresInstances(url, count, 10, seconds));
  print(
    'PostgreSQL: app instances on one database',
    table(rows, rows[0]).replace('vs raw ceiling', `vs ${instances[0]} instance`),
  );
  if (latencies.length === 0) return;
  // Against one instance on loopback, measured here unless the list above holds it.
  const oneNear =
    rows[instances.indexOf(1)] ?? (await measurePostgresInstances(url, 1, 10, seconds));
  const far: Row[] = [oneNear];
  for (const roundTripMs of latencies) {
    const proxy = await startLatencyProxy(url, roundTripMs);
    try {
      const row = await measurePostgresInstances(proxy.url, 1, 10, seconds);
      const measured = proxy.measuredRoundTripMs().toFixed(1);
      far.push({
        ...row,
        name: `${row.name}, ${roundTripMs} ms round trip asked (${measured} ms measured)`,
      });
    } finally {
      await proxy.close();
    }
  }
  print(
    'PostgreSQL on another machine (a loopback relay adds the round trip)',
    table(far, far[0]).replace('vs raw ceiling', 'vs on this machine'),
  );
  // One client alone waits for every round trip of its transition in series: how many there are.
  const alone = await measurePostgresInstances(url, 1, 1, seconds);
  const lines: string[] = [];
  for (const roundTripMs of latencies) {
    const proxy = await startLatencyProxy(url, roundTripMs);
    try {
      const row = await measurePostgresInstances(proxy.url, 1, 1, seconds);
      const measured = proxy.measuredRoundTripMs();
      const inSeries = (row.meanMs! - alone.meanMs!) / measured;
      lines.push(
        `| ${measured.toFixed(1)} | ${alone.meanMs!.toFixed(2)} | ${row.meanMs!.toFixed(2)} | ` +
          `${inSeries.toFixed(1)} |`,
      );
    } finally {
      await proxy.close();
    }
  }
  print(
    'PostgreSQL: round trips in series per transition (one client, nomination mix)',
    [
      '| round trip ms (measured) | mean ms on this machine | mean ms through the relay | round trips in series |',
      '|---:|---:|---:|---:|',
      ...lines,
    ].join('\n'),
  );
}

async function measureResponsivenessOnce(): Promise<void> {
  const seconds = Number(process.env.BENCH_RESPONSIVENESS_SECONDS ?? 5);
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const directory = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
  try {
    const rows = await measureResponsiveness(join(directory, 'demo.sqlite'), seconds, importRows);
    console.log(
      `\nResponsiveness: one client probing /health while heavy work runs (${seconds} s windows)\n`,
    );
    console.log(responsivenessTable(rows));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function measureThroughput(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const transitions = Number(process.env.BENCH_TRANSITIONS ?? 2000);
  const httpSeconds = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
  const directory = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
  const results: Record<string, Row[]> = {
    raw: [],
    rawReal: [],
    engine: [],
    engineConcurrent: [],
    http: [],
    httpLight: [],
  };
  try {
    for (let round = 1; round <= rounds; round++) {
      const at = (name: string) => join(directory, `${name}-${round}.sqlite`);
      results.raw.push(await measureRawCeiling(at('raw'), transitions));
      results.engine.push(await measureEngine(at('engine'), transitions, 1));
      results.engineConcurrent.push(await measureEngine(at('engine10'), transitions, 10));
      results.http.push(await measureHttp(at('http'), 10, httpSeconds));
      // The ceiling for the rows the HTTP run really wrote (its context, payload and facts sizes).
      const sizes = rowSizesOf(at('http'), CYCLE_EVENTS.nomination);
      results.rawReal.push(await measureRawCeiling(at('raw-real'), transitions, sizes));
      results.httpLight.push(await measureHttp(at('light'), 10, httpSeconds, 'light'));
      process.stderr.write(`round ${round}/${rounds} done\n`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const byMedian = (rows: Row[]) => {
    const middle = median(rows.map((row) => row.perSecond));
    return rows.find((row) => row.perSecond === middle)!;
  };
  const raw = byMedian(results.raw);
  const rawReal = byMedian(results.rawReal);
  const perRound = (rows: Row[], baselines: Row[]) =>
    rows
      .map((row, i) => `${((row.perSecond / baselines[i].perSecond) * 100).toFixed(1)}%`)
      .join(', ');
  print(
    `Transitions (median of ${rounds} rounds; SQLite WAL + synchronous=FULL), against the small-row ceiling`,
    table(
      [
        raw,
        rawReal,
        byMedian(results.engine),
        byMedian(results.engineConcurrent),
        byMedian(results.http),
        byMedian(results.httpLight),
      ],
      raw,
    ),
  );
  print(
    'HTTP against the ceiling for its own rows',
    table([rawReal, byMedian(results.http)], rawReal) +
      `\n\nPer round: nomination mix ÷ ceiling with its rows ${perRound(results.http, results.rawReal)}; ` +
      `÷ small-row ceiling ${perRound(results.http, results.raw)}; light workflow ÷ small-row ceiling ${perRound(results.httpLight, results.raw)}.`,
  );
  // Throughput on a shared machine varies from round to round with what else runs on it; the
  // server's own CPU time per transition varies far less, so before/after compare best on it.
  const cpu = (rows: Row[]) => rows.map((row) => `${row.cpuPerOperationUs!.toFixed(0)} µs`);
  const medianCpu = (rows: Row[]) =>
    median(rows.map((row) => row.cpuPerOperationUs!)).toFixed(0) + ' µs';
  print(
    'Server CPU per HTTP transition (all its threads, median of rounds)',
    `nomination mix ${medianCpu(results.http)} (rounds: ${cpu(results.http).join(', ')}); ` +
      `light workflow ${medianCpu(results.httpLight)} (rounds: ${cpu(results.httpLight).join(', ')}).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
