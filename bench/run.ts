import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureEngine } from './engine';
import { measureHttp } from './http';
import { measureRawCeiling } from './raw-ceiling';
import { measureResponsiveness, responsivenessTable } from './responsiveness';
import { median, table, type Row } from './stats';

/**
 * `npm run bench`: transition throughput and latency on SQLite (WAL, synchronous=FULL), each row
 * printed beside the raw-driver ceiling measured in the same run on the same disk. Figures are
 * ratios to that ceiling, never pass/fail thresholds. Then the responsiveness of the server while
 * heavy or hostile requests run (`/health` p99 against its idle p99). `BENCH_ONLY=responsiveness`
 * runs only that part.
 */
async function main(): Promise<void> {
  if (process.env.BENCH_ONLY !== 'responsiveness') await measureThroughput();
  await measureResponsivenessOnce();
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
  const results: Record<string, Row[]> = { raw: [], engine: [], engineConcurrent: [], http: [] };
  try {
    for (let round = 1; round <= rounds; round++) {
      results.raw.push(
        await measureRawCeiling(join(directory, `raw-${round}.sqlite`), transitions),
      );
      results.engine.push(
        await measureEngine(join(directory, `engine-${round}.sqlite`), transitions, 1),
      );
      results.engineConcurrent.push(
        await measureEngine(join(directory, `engine10-${round}.sqlite`), transitions, 10),
      );
      results.http.push(
        await measureHttp(join(directory, `http-${round}.sqlite`), 10, httpSeconds),
      );
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
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ` +
      `median of ${rounds} rounds; SQLite WAL + synchronous=FULL\n`,
  );
  console.log(
    table(
      [raw, byMedian(results.engine), byMedian(results.engineConcurrent), byMedian(results.http)],
      raw,
    ),
  );
  const ratios = results.http.map((row, i) => (row.perSecond / results.raw[i].perSecond) * 100);
  console.log(
    `\nHTTP / raw ceiling per round: ${ratios.map((r) => `${r.toFixed(1)}%`).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
