import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditExportText } from '../src/audit/audit-export-lines';
import { SqlExportCoverageRepository } from '../src/audit/export-coverage.repository';
import { AuditExportVerifier } from '../src/domain/audit/audit-export';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { TypeOrmAuditTrailRepository } from '../src/persistence/repositories/typeorm-audit-trail.repository';
import { loadCases } from './export-bench-data';

/**
 * `npm run bench:export-memory`: the audit export stays in constant memory whatever its size.
 *
 * Builds a SQLite database (the app's migrations) holding EXPORT_BENCH_CASES cases (default
 * 20,000) of EXPORT_BENCH_EVENTS valid, hash-chained records each (default 50: 1,000,000 records),
 * exports all of it through the same code as the CLI and the HTTP export (auditExportText over
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

async function load(file: string): Promise<number> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'NORMAL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  await loadCases({ sqliteFile: file }, 0, CASES, EVENTS_PER_CASE, (loaded) =>
    process.stderr.write(`\rloaded ${loaded} cases`),
  );
  process.stderr.write('\n');
  return CASES * EVENTS_PER_CASE;
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
  const text = auditExportText(
    trail,
    coverage,
    { scopes: null },
    {
      exportedAt: new Date().toISOString(),
      publicFilter: {},
      onEvent: () => {
        exported += 1;
      },
    },
  );
  await pipeline(Readable.from(text, { objectMode: false }), createWriteStream(out));
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
