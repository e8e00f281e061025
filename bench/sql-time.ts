import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { PreparedStatements } from '../src/persistence/prepared-statements';

/**
 * Where a server's SQLite time goes, statement by statement: preloaded into the server under load,
 * e.g. `BENCH_ONLY=throughput BENCH_ROUNDS=1 BENCH_SERVER_NODE_ARGS="-r ./dist/bench/sql-time.js"
 * node --expose-gc dist/bench/run.js` (after `npm run build:server`). Every statement the app's
 * connection runs on its prepared statements (src/persistence/prepared-statements.ts: all of them
 * on SQLite, BEGIN and COMMIT included) is timed on the event loop; when the server ends, the
 * statements that took longest in total go to `sql-time-<pid>.txt` in SQL_TIME_DIR (default the
 * working directory): total ms, count, µs each, and the statement's first 110 characters, after
 * the event loop's busy time in all (statements on other threads are not in the list).
 */
const stats = new Map<string, { count: number; ms: number }>();
const run = PreparedStatements.prototype.run;

PreparedStatements.prototype.run = function timed(
  this: PreparedStatements,
  sql: string,
  parameters?: readonly unknown[],
): unknown {
  const started = performance.now();
  try {
    return run.call(this, sql, parameters);
  } finally {
    const key = sql.replace(/\s+/g, ' ').slice(0, 110);
    const entry = stats.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - started;
    stats.set(key, entry);
  }
};

/** The event loop's busy time from here on: what the server's one thread for requests spent. */
const loopAtStart = performance.eventLoopUtilization();

function report(): void {
  const total = [...stats.values()].reduce((sum, entry) => sum + entry.ms, 0);
  const loopBusy = performance.eventLoopUtilization(loopAtStart).active;
  const lines = [...stats]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 30)
    .map(
      ([sql, { count, ms }]) =>
        `${ms.toFixed(0).padStart(7)} ms ${String(count).padStart(8)} × ` +
        `${((1000 * ms) / count).toFixed(0).padStart(5)} µs  ${sql}`,
    );
  const file = `${process.env.SQL_TIME_DIR ?? '.'}/sql-time-${process.pid}.txt`;
  const summary = [`total ${total.toFixed(0)} ms`, `event loop busy ${loopBusy.toFixed(0)} ms`];
  writeFileSync(file, [...summary, ...lines, ''].join('\n'));
}

// Worker threads inherit the preload: only the main thread (the app's connection) reports. The
// bench stops its servers with SIGTERM, which Nest's shutdown raises again once it is done (no
// 'exit' event then): report on the first, and be gone from the listeners before the second.
if (isMainThread) {
  process.once('SIGTERM', report);
  process.once('exit', report);
}
