import Sqlite from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import { CASES_PER_BATCH } from '../src/audit/verify-cases.command';
import { assembleCaseEngine } from '../src/case-engine.assembly';
import { VerificationSweep } from '../src/cases/verification-sweep';
import { readRuleSetFiles } from '../src/catalogue/rule-set-files';
import { changeRecord } from '../src/common/change-log';
import { SystemClock } from '../src/common/clock';
import type { AppConfig } from '../src/config/app-config';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  canonicalEventLineText,
  eventLine,
  type ExportFooter,
  type ExportHeader,
} from '../src/domain/audit/audit-export';
import { GENESIS_HASH, seal, type AuditRecord } from '../src/domain/audit/audit-record';
import { loadCalendar } from '../src/domain/calendar/working-day-calendar';
import type { Principal } from '../src/domain/org/principal';
import { childPath } from '../src/domain/org/scope';
import type { Role } from '../src/domain/roles';
import { RuleSetCatalogue } from '../src/domain/rules/rule-set-catalogue';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { EVENT_COLUMNS, eventValues } from '../src/persistence/repositories/audit-record-rows';
import { TypeOrmCasesRepository } from '../src/persistence/repositories/typeorm-cases.repository';
import { TypeOrmHistoricalAwardsRepository } from '../src/persistence/repositories/typeorm-historical-awards.repository';
import { TypeOrmOrganisationRepository } from '../src/persistence/repositories/typeorm-organisation.repository';
import { TypeOrmUsersRepository } from '../src/persistence/repositories/typeorm-users.repository';
import { VerificationRowsRepository } from '../src/persistence/repositories/verification-rows.repository';
import { verifyExportFile } from '../src/verify-export';
import { WorkerPool } from '../src/workers/worker-pool';
import { loadWorkflowCatalogue } from '../src/workflows/workflow-files';
import { CaseQueries } from '../src/cases/case-queries.service';
import { verifyCaseChain } from '../src/cases/chain-verification.worker';
import type { EventRow } from '../src/persistence/repositories/audit-record-rows';

/**
 * `verificationSpeedBench()`: chain verification records/s at VERIFY_BENCH_RECORDS records (default
 * 1,000,000: VERIFY_BENCH_EVENTS records a case, default 50), each new path beside the path it
 * replaces, measured in the same run on the same data:
 *
 *  - `thidua verify` on SQLite: the command's VerificationSweep (pages of cases read in one query,
 *    records proved from their stored canonical text and replayed in worker threads) against the
 *    command as it was (one case at a time through CaseQueries.verify, records parsed), the latter
 *    on the first VERIFY_BENCH_BASELINE_RECORDS records (default 50,000);
 *  - the hash chains alone from rows, one thread (the periodic check's task), against
 *  - SHA-256 over the canonicalize package's text of each record, one thread: the hash as it was
 *    computed before (52–61 µs of the 72–78 µs a record took in issue 18's measurement);
 *  - the offline verifier on an export of the same records: lines parsed and hashed in worker
 *    threads, with event lines as exports write them and in canonical layout
 *    (canonicalEventLineText), against line by line in one thread.
 *
 * "Before" runs today's domain code (its faster canonical JSON and replay), so it is not the
 * code of issue 18's measurement; the last row gives that hash's cost. Records per CPU second
 * (every thread of the process) stay comparable when other work shares the machine.
 *
 * The records are real: one nomination walked through the engine (opened, its dossier attached,
 * submitted, verification started, then returned and resubmitted in turn, RESUBMIT carrying the
 * eligibility report as facts), copied to as many cases as needed (each copy its own id, its
 * records sealed again), so the replay in `thidua verify` runs the real workflow. Threads:
 * VERIFY_BENCH_THREADS (default: what the command line uses, every core: src/cli.ts). Every path
 * must find every case sound; the bench fails otherwise. Figures are ratios, never pass/fail.
 */
const RECORDS = Number(process.env.VERIFY_BENCH_RECORDS ?? 1_000_000);
const EVENTS_PER_CASE = Math.max(7, Number(process.env.VERIFY_BENCH_EVENTS ?? 50));
const BASELINE_RECORDS = Number(process.env.VERIFY_BENCH_BASELINE_RECORDS ?? 50_000);
const THREADS = Number(process.env.VERIFY_BENCH_THREADS ?? availableParallelism());
const CALENDAR = 'data/calendars/vn-public-holidays.json';
const DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'];
/** Rows per multi-row INSERT (16 values a row: well under SQLite's 32,766 parameters). */
const ROWS_PER_INSERT = 500;

interface Measured {
  name: string;
  records: number;
  seconds: number;
  cpuSeconds: number;
  baseline?: Measured;
}

/** One case walked through the real engine: its row (as stored) and its records. */
async function walkTemplate(file: string, events: number) {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'NORMAL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const database = new Database(dataSource);
  const users = new TypeOrmUsersRepository(database);
  const organisation = new TypeOrmOrganisationRepository(database);
  const cases = new TypeOrmCasesRepository(database);
  const { commands, documents } = assembleCaseEngine({
    cases,
    organisation,
    historicalAwards: new TypeOrmHistoricalAwardsRepository(database),
    users,
    database,
    workflows: loadWorkflowCatalogue('workflows'),
    ruleSets: RuleSetCatalogue.load(readRuleSetFiles('data/rulesets')),
    calendar: loadCalendar({ source: CALENDAR, text: readFileSync(CALENDAR, 'utf8') }),
    clock: new SystemClock(),
  });
  const now = new Date().toISOString();
  const unitId = uuidv7();
  const nominee = {
    ...{ id: uuidv7(), code: 'VERIFY-1', fullName: 'Trần Xuân Lâm', unitId, position: null },
    ...{ dateOfBirth: null, partyMember: true, partyJoinedOn: null },
    ...{ employmentType: 'civil_servant' as const, active: true, demo: false },
    ...{ createdAt: now, updatedAt: now },
  };
  await organisation.transaction(async (tx) => {
    await tx.insertUnit({
      ...{ id: unitId, code: 'VERIFY', name: 'Đảng ủy Khối', kind: 'party_committee' },
      ...{ parentId: null, path: childPath(null, unitId), active: true, demo: false },
      ...{ createdAt: now, updatedAt: now },
    });
    await tx.insertPerson(nominee);
  });
  const principal = (username: string, role: Role): Principal => ({
    userId: uuidv7(),
    username,
    roles: [role],
    personId: null,
    grants: [{ role, unitId: null, scope: null }],
  });
  const leader = principal('leader', 'unit_leader');
  const secretariat = principal('sec', 'secretariat');
  for (const actor of [leader, secretariat]) {
    await users.create(
      {
        ...{ id: actor.userId, username: actor.username, displayName: actor.username },
        ...{ passwordHash: 'none', active: true, mustChangePassword: false, personId: null },
        ...{ grants: [], roles: [], createdAt: now },
      },
      changeRecord(
        { userId: null, username: 'bench' },
        now,
        'user',
        actor.userId,
        'create',
        null,
        null,
      ),
    );
  }
  const request = { method: 'POST', path: '/bench' };
  const opened = await commands.open(
    leader,
    {
      type: 'nomination',
      subject: { kind: 'person', personId: nominee.id },
      data: { awardCode: 'lao_dong_tien_tien', evaluationYear: new Date().getUTCFullYear() - 1 },
    },
    request,
  );
  const id = opened.body.id;
  for (const code of DOSSIER) {
    const body = Buffer.from(`%PDF-1.4\n% ${code}\n%%EOF\n`);
    const file = { code, fileName: `${code}.pdf`, contentType: 'application/pdf', body };
    await documents.upload(leader, id, file, request);
  }
  await commands.sendEvent(leader, id, { type: 'SUBMIT' }, request);
  await commands.sendEvent(secretariat, id, { type: 'START_VERIFICATION' }, request);
  for (let seq = 7; seq <= events; seq++) {
    if (seq % 2 === 1) {
      const payload = { reason: `Bổ sung hồ sơ lần ${seq}: thiếu biên bản bình xét của Chi bộ` };
      await commands.sendEvent(
        secretariat,
        id,
        { type: 'RETURN_FOR_SUPPLEMENT', payload },
        request,
      );
    } else {
      await commands.sendEvent(leader, id, { type: 'RESUBMIT' }, request);
    }
  }
  const records = await cases.fullHistory(id);
  const [row] = (await dataSource.query('SELECT * FROM cases WHERE id = ?', [id])) as Record<
    string,
    unknown
  >[];
  await dataSource.destroy();
  return { row, records };
}

const caseIdOf = (i: number) => `0196a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/**
 * Copies the template to `copies` cases (rows and records, records sealed again) straight into
 * SQLite, and writes the same records as an export file (cases in id order, as exports are).
 */
async function copyTemplate(
  file: string,
  exportFiles: { usual: string; canonical: string },
  template: Awaited<ReturnType<typeof walkTemplate>>,
  copies: number,
): Promise<number> {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const caseColumns = Object.keys(template.row);
  const insertCase = db.prepare(
    `INSERT INTO cases (${caseColumns.join(', ')}) VALUES (${caseColumns.map(() => '?').join(', ')})`,
  );
  const eventRow = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`;
  const insertEvents = (count: number) =>
    db.prepare(
      `INSERT INTO case_events (${EVENT_COLUMNS.join(', ')}) VALUES ` +
        Array.from({ length: count }, () => eventRow).join(', '),
    );
  const fullInsert = insertEvents(ROWS_PER_INSERT);
  const usual = createWriteStream(exportFiles.usual);
  const canonical = createWriteStream(exportFiles.canonical);
  const writeTo = async (out: typeof usual, text: string) => {
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  };
  const write = async (line: object) => {
    await writeTo(usual, JSON.stringify(line));
    await writeTo(canonical, JSON.stringify(line));
  };
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    complete: true,
    filter: {},
  };
  await write(header);
  let pending: unknown[] = [];
  let pendingRows = 0;
  const flush = (rows: number) => {
    (rows === ROWS_PER_INSERT ? fullInsert : insertEvents(rows)).run(pending);
    pending = [];
    pendingRows = 0;
  };
  let written = 0;
  for (let i = 1; i <= copies; i++) {
    const caseId = caseIdOf(i);
    const records: AuditRecord[] = [];
    let prevHash = GENESIS_HASH;
    for (const record of template.records) {
      // seal() computes the hash afresh from the other fields (the template's is replaced).
      const sealed = seal({ ...record, caseId, prevHash });
      records.push(sealed);
      prevHash = sealed.hash;
    }
    db.transaction(() => {
      insertCase.run(
        caseColumns.map((c) =>
          c === 'id' ? caseId : c === 'head_hash' ? prevHash : template.row[c],
        ),
      );
      for (const record of records) {
        pending.push(...eventValues(record));
        pendingRows += 1;
        if (pendingRows === ROWS_PER_INSERT) flush(ROWS_PER_INSERT);
      }
      if (pendingRows > 0) flush(pendingRows);
    })();
    for (const record of records) {
      await writeTo(usual, JSON.stringify(eventLine(record)));
      await writeTo(canonical, canonicalEventLineText(record));
    }
    written += records.length;
    if (i % 2000 === 0) process.stderr.write(`\rverification bench: ${written} records loaded`);
  }
  const footer: ExportFooter = { kind: 'footer', checkpoints: 0, cases: copies, events: written };
  await write(footer);
  for (const out of [usual, canonical]) {
    out.end();
    await once(out, 'finish');
  }
  db.close();
  process.stderr.write('\n');
  return written;
}

/** SHA-256 over the canonicalize package's text of the hashed content: the hash as it was. */
function referenceHash(record: AuditRecord): string {
  const { caseId, seq, at, actor, eventType, payload, facts, fromState, toState, workflow } =
    record;
  const content = {
    ...{ caseId, seq, at, actor, eventType, payload },
    ...(facts === undefined ? {} : { facts }),
    ...{ fromState, toState, workflow, prevHash: record.prevHash },
  };
  return createHash('sha256').update(canonicalize(content)!, 'utf8').digest('hex');
}

interface Clock {
  wall: bigint;
  cpu: NodeJS.CpuUsage;
}
const startClock = (): Clock => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
/**
 * Wall seconds since `started`, and the CPU seconds every thread of this process spent meanwhile
 * (records per CPU second stay comparable when other work shares the machine).
 */
const stopClock = (started: Clock) => {
  const cpu = process.cpuUsage(started.cpu);
  return {
    seconds: Number(process.hrtime.bigint() - started.wall) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
};

async function measureCli(file: string, loaded: number): Promise<Measured[]> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'NORMAL' });
  await dataSource.initialize();
  const database = new Database(dataSource);
  const cases = new TypeOrmCasesRepository(database);
  const workflows = loadWorkflowCatalogue('workflows');
  // The pool needs only its size from the app's configuration, CaseQueries the workflow folder.
  const config = {
    workers: { threads: THREADS, queueLimit: 1000 },
    workflowsDir: 'workflows',
  } as AppConfig;
  const pool = new WorkerPool(config);
  const queries = new CaseQueries(cases, workflows, pool, config);
  const auditor: Principal = {
    ...{ userId: 'bench', username: 'bench', roles: ['auditor'], personId: null },
    grants: [{ role: 'auditor', unitId: null, scope: null }],
  };
  try {
    // Before: one case at a time, its records parsed, verified in a worker (the command as it was).
    let records = 0;
    let started = startClock();
    let cursor: string | undefined;
    while (records < BASELINE_RECORDS) {
      const page = await cases.list({ scopes: null, cursor, limit: 100 });
      for (const stored of page.items) {
        const result = await queries.verify(auditor, stored.id);
        if (!result.ok) throw new Error(`baseline: ${stored.id} ${result.problem}`);
        records += stored.version;
        if (records >= BASELINE_RECORDS) break;
      }
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    const before: Measured = {
      name: '`thidua verify`, one case at a time (before)',
      records,
      ...stopClock(started),
    };
    // Now: the command's sweep over every case.
    let swept = 0;
    let rechecked = 0;
    const sweep = new VerificationSweep(
      cases,
      new VerificationRowsRepository(database),
      pool,
      'workflows',
      (caseId) => {
        rechecked += 1;
        return queries.verify(auditor, caseId);
      },
      { casesPerBatch: CASES_PER_BATCH, batchesInFlight: THREADS + 1 },
    );
    started = startClock();
    await sweep.run(({ caseId, verification }) => {
      if (!verification.ok) throw new Error(`sweep: ${caseId} ${verification.problem}`);
      swept += verification.checked;
    });
    const elapsed = stopClock(started);
    if (rechecked > 0) throw new Error(`sweep: ${rechecked} sound cases were verified twice`);
    if (swept !== loaded) throw new Error(`sweep: ${swept} of ${loaded} records verified`);
    const chains = await measureChainsOnly(cases, new VerificationRowsRepository(database));
    return [
      {
        name: `\`thidua verify\` sweep, ${THREADS} worker thread${THREADS === 1 ? '' : 's'}`,
        records: swept,
        ...elapsed,
        baseline: before,
      },
      before,
      chains,
    ];
  } finally {
    await pool.onModuleDestroy();
    await dataSource.destroy();
  }
}

/**
 * The hash chains alone (no replay), one thread, as the periodic check's worker function does
 * them from rows (records proved from their stored text): the per-core cost of chain
 * verification; the rows are read first and not timed.
 */
async function measureChainsOnly(
  cases: TypeOrmCasesRepository,
  rows: VerificationRowsRepository,
): Promise<Measured> {
  const batches: EventRow[][][] = [];
  let cursor: string | undefined;
  let records = 0;
  while (records < BASELINE_RECORDS * 4) {
    const page = await cases.list({ scopes: null, cursor, limit: CASES_PER_BATCH });
    const byCase = new Map<string, EventRow[]>();
    for (const row of await rows.rowsOfCases(page.items.map((c) => c.id))) {
      const id = String(row.case_id);
      byCase.set(id, [...(byCase.get(id) ?? []), row]);
      records += 1;
    }
    batches.push([...byCase.values()]);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  const started = startClock();
  for (const batch of batches) {
    for (const caseRows of batch) {
      const caseId = String(caseRows[0].case_id);
      const result = await verifyCaseChain({ caseId, rows: caseRows });
      if (!result.ok) throw new Error(`chains: ${caseId} ${result.problem}`);
    }
  }
  return {
    name: 'hash chains only, from rows (the periodic check’s task), one thread',
    records,
    ...stopClock(started),
  };
}

async function measureOffline(
  exportFiles: { usual: string; canonical: string },
  loaded: number,
): Promise<Measured[]> {
  const threads = availableParallelism();
  const timed = async (file: string, threadCount: number) => {
    const started = startClock();
    const result = await verifyExportFile(file, null, { threads: threadCount });
    const elapsed = stopClock(started);
    if (!result.ok || result.events !== loaded) {
      throw new Error(`offline: ${JSON.stringify(result)} (${loaded} records expected)`);
    }
    return { records: result.events, ...elapsed };
  };
  const before: Measured = {
    name: 'offline verifier, line by line in one thread (before)',
    ...(await timed(exportFiles.usual, 0)),
  };
  return [
    {
      name: `offline verifier, ${threads} worker threads`,
      ...(await timed(exportFiles.usual, threads)),
      baseline: before,
    },
    {
      name: `offline verifier, ${threads} worker threads, event lines in canonical layout`,
      ...(await timed(exportFiles.canonical, threads)),
      baseline: before,
    },
    before,
  ];
}

/** The old hash (canonicalize package) over the first records of the export, in this thread. */
function measureReferenceHash(template: AuditRecord[], count: number): Measured {
  const started = startClock();
  let records = 0;
  while (records < count) {
    for (const record of template) {
      if (referenceHash(record) !== record.hash) throw new Error('reference hash disagrees');
    }
    records += template.length;
  }
  return {
    name: 'for scale: SHA-256 over canonicalize() per record, one thread (the hash as it was)',
    records,
    ...stopClock(started),
  };
}

export async function verificationSpeedBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'thidua-verify-bench-'));
  try {
    const file = join(directory, 'verify.sqlite');
    const exportFiles = {
      usual: join(directory, 'export.jsonl'),
      canonical: join(directory, 'export-canonical.jsonl'),
    };
    let started = startClock();
    const template = await walkTemplate(file, EVENTS_PER_CASE);
    const copies = Math.max(1, Math.round(RECORDS / template.records.length));
    const loaded = await copyTemplate(file, exportFiles, template, copies);
    const loadSeconds = stopClock(started).seconds;
    // The template case is verified too: it is in the database, not in the export.
    const inDatabase = loaded + template.records.length;
    started = startClock();
    const cli = await measureCli(file, inDatabase);
    const offline = await measureOffline(exportFiles, loaded);
    const reference = measureReferenceHash(template.records, BASELINE_RECORDS);
    // Chains alone against the old hash alone: both per record, one thread.
    cli[2].baseline = reference;
    const rows = [...cli, ...offline, reference];
    const perSecond = (m: Measured) => m.records / m.seconds;
    const lines = rows.map(
      (m) =>
        `| ${m.name} | ${m.records.toLocaleString('en')} | ${m.seconds.toFixed(2)} | ` +
        `${Math.round(perSecond(m)).toLocaleString('en')} | ` +
        `${Math.round(m.records / m.cpuSeconds).toLocaleString('en')} | ` +
        `${m.baseline ? `×${(perSecond(m) / perSecond(m.baseline)).toFixed(1)}` : ''} |`,
    );
    const size = (statSync(exportFiles.usual).size / 1024 / 1024).toFixed(0);
    return [
      `Chain verification: ${copies.toLocaleString('en')} cases × ${template.records.length} ` +
        `records of a real nomination (${loaded.toLocaleString('en')} records, export ` +
        `${size} MiB; loaded in ${loadSeconds.toFixed(0)} s); ${cpus().length} × ` +
        `${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      '',
      '| path | records | s | records/s | records per CPU s | vs before (records/s) |',
      '|---|---:|---:|---:|---:|---:|',
      ...lines,
    ].join('\n');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  verificationSpeedBench().then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
