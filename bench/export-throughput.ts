import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { auditExportText } from '../src/audit/audit-export-lines';
import { SqlExportCoverageRepository } from '../src/audit/export-coverage.repository';
import { eventLine } from '../src/domain/audit/audit-export';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { TypeOrmAuditTrailRepository } from '../src/persistence/repositories/typeorm-audit-trail.repository';
import { loadCases, type BenchTargets } from './export-bench-data';

/**
 * Audit export throughput and linearity (issue 18, item 8), on SQLite and on PostgreSQL.
 *
 * Loads EXPORT_BENCH_SMALL records (default 100,000) into a SQLite file and a fresh PostgreSQL
 * schema (EXPORT_BENCH_POSTGRES_URL, default the test database), exports each through the code
 * the CLI runs (auditExportText over the repository's keyset pages, into a file through a
 * stream), then grows the same databases to EXPORT_BENCH_LARGE records (default
 * 1,000,000) and exports again. Linearity is time(large) / (large/small × time(small)): 1 is
 * perfectly linear; the PostgreSQL export used to sort the whole table for every page (25k
 * records 3 s, 1M about 10 minutes). As a baseline in the same run, the small export is repeated
 * the old way per record (JSON.parse of the stored payload and facts, then JSON.stringify of the
 * whole line), on the same pages. EXPORT_BENCH_EVENTS records per case (default 50);
 * EXPORT_BENCH_DIALECTS=sqlite or postgres narrows the run.
 */

const SMALL = Number(process.env.EXPORT_BENCH_SMALL ?? 100_000);
const LARGE = Number(process.env.EXPORT_BENCH_LARGE ?? 1_000_000);
const EVENTS_PER_CASE = Number(process.env.EXPORT_BENCH_EVENTS ?? 50);
const POSTGRES_URL =
  process.env.EXPORT_BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const DIALECTS = (process.env.EXPORT_BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as (
  'sqlite' | 'postgres'
)[];

interface Measured {
  dialect: string;
  records: number;
  seconds: number;
  bytes: number;
}

/** Exports the whole trail to `out` the way `thidua export --format jsonl` does. */
async function exportOnce(dataSource: DataSource, out: string, legacy = false): Promise<Measured> {
  const database = new Database(dataSource);
  const trail = new TypeOrmAuditTrailRepository(database);
  const coverage = new SqlExportCoverageRepository(database);
  let records = 0;
  const started = performance.now();
  const onEvent = () => {
    records += 1;
  };
  const text = legacy
    ? legacyText(trail, onEvent)
    : auditExportText(
        trail,
        coverage,
        { scopes: null },
        {
          exportedAt: new Date().toISOString(),
          publicFilter: {},
          onEvent,
        },
      );
  await pipeline(Readable.from(text, { objectMode: false }), createWriteStream(out));
  const seconds = (performance.now() - started) / 1000;
  return {
    dialect: dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite',
    records,
    seconds,
    bytes: statSync(out).size,
  };
}

/**
 * The event lines as the export built them before: each record parsed from its row, then the
 * whole line re-serialised, a line at a time (the header, checkpoints and footer are left out:
 * the trail has no checkpoints, and they are one line each).
 */
async function* legacyText(
  trail: TypeOrmAuditTrailRepository,
  onEvent: () => void,
): AsyncGenerator<string> {
  let buffer = '';
  for await (const record of trail.streamEvents({ scopes: null })) {
    onEvent();
    buffer += `${JSON.stringify(eventLine(record))}\n`;
    if (buffer.length >= 256 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer;
}

async function migrated(options: Parameters<typeof createDataSource>[0]): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

const rate = (m: Measured) => Math.round(m.records / m.seconds).toLocaleString('en-US');

export async function exportThroughputBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'thidua-export-throughput-'));
  const schema = `export_bench_${randomBytes(4).toString('hex')}`;
  const sqliteFile = join(directory, 'trail.sqlite');
  const out = join(directory, 'export.jsonl');
  const sources: DataSource[] = [];
  const log = (text: string) => process.stderr.write(text);
  try {
    const targets: BenchTargets = {};
    if (DIALECTS.includes('sqlite')) {
      sources.push(await migrated({ kind: 'sqlite', file: sqliteFile, synchronous: 'FULL' }));
      targets.sqliteFile = sqliteFile;
    }
    if (DIALECTS.includes('postgres')) {
      const admin = new Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      sources.push(await migrated({ kind: 'postgres', url: POSTGRES_URL, schema }));
      targets.postgres = { url: POSTGRES_URL, schema };
    }

    const casesFor = (records: number) => Math.ceil(records / EVENTS_PER_CASE);
    const results: { small: Measured[]; large: Measured[]; legacy: Measured[] } = {
      small: [],
      large: [],
      legacy: [],
    };
    let loadedCases = 0;
    for (const size of ['small', 'large'] as const) {
      const target = casesFor(size === 'small' ? SMALL : LARGE);
      const loadStarted = performance.now();
      const loading = await loadCases(targets, loadedCases, target, EVENTS_PER_CASE, (n) =>
        log(`\rloading: ${n * EVENTS_PER_CASE} records`),
      );
      loadedCases = target;
      log(
        `\nloaded ${target * EVENTS_PER_CASE} records in ` +
          `${((performance.now() - loadStarted) / 1000).toFixed(1)} s ` +
          `(sealing ${loading.sealSeconds.toFixed(1)} s, inserting ${loading.insertSeconds.toFixed(1)} s)\n`,
      );
      for (const dataSource of sources) {
        const measured = await exportOnce(dataSource, out);
        log(
          `${measured.dialect} export of ${measured.records}: ${measured.seconds.toFixed(1)} s\n`,
        );
        results[size].push(measured);
        if (size === 'small') {
          const legacy = await exportOnce(dataSource, out, true);
          log(`${legacy.dialect} parse + stringify: ${legacy.seconds.toFixed(1)} s\n`);
          results.legacy.push(legacy);
        }
      }
    }

    const factor = LARGE / SMALL;
    const rows = results.small.map((small, i) => {
      const large = results.large[i];
      const legacy = results.legacy[i];
      return (
        `| ${small.dialect} | ${rate(small)} | ${rate(large)} | ${small.seconds.toFixed(1)} | ` +
        `${large.seconds.toFixed(1)} | ${(large.seconds / (factor * small.seconds)).toFixed(2)} | ` +
        `${rate(legacy)} | ${(legacy.seconds / small.seconds).toFixed(2)} | ` +
        `${(large.bytes / large.records).toFixed(0)} |`
      );
    });
    return [
      `Audit export (JSON Lines, whole trail, ${EVENTS_PER_CASE} records a case): ` +
        `${SMALL.toLocaleString('en-US')} then ${LARGE.toLocaleString('en-US')} records`,
      '',
      `| database | records/s at ${SMALL.toLocaleString('en-US')} | records/s at ` +
        `${LARGE.toLocaleString('en-US')} | s at ${SMALL.toLocaleString('en-US')} | s at ` +
        `${LARGE.toLocaleString('en-US')} | linearity: time(large) / (${factor} × time(small)) | ` +
        `records/s parsing + re-serialising (same run, small) | that time ÷ stored-text time | ` +
        `bytes a record |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
  } finally {
    for (const dataSource of sources) await dataSource.destroy();
    if (DIALECTS.includes('postgres')) {
      const admin = new Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  exportThroughputBench()
    .then((table) => process.stdout.write(`\n${table}\n`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
