import Sqlite from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  certificateDownloads,
  publicCertificateChecks,
  verificationCodes,
} from './certificate-renders';
import { startLargeImport } from './large-import';
import { repeatUntil } from './load-clients';
import { ServerProcess } from './server-process';

/**
 * Does one heavy or hostile request stall everyone else? The real server (its own process, a
 * SQLite file seeded with the demo organisation and cases) is probed on `/health` by one client,
 * one request after another, first idle, then while each kind of heavy work runs. The answer is
 * the probe's p99 against the idle p99 measured in the same run, and the server's CPU time per
 * heavy request against its CPU time per `/health`.
 */
export interface ResponsivenessRow {
  load: string;
  probes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Heavy requests answered during the window, and their statuses. */
  heavy: string;
  /** Server CPU milliseconds per heavy request (null: idle row). */
  cpuMsPerRequest: number | null;
}

const ADMIN_PASSWORD = 'bench-admin-password-2026';
const DEMO_PASSWORD = 'bench-demo-password-2026';
/** Closed nominations added to the demo's for the search row (RESPONSIVENESS_SEARCHED_CASES). */
const SEARCHED_CASES = Number(process.env.RESPONSIVENESS_SEARCHED_CASES ?? 200_000);

export async function measureResponsiveness(
  file: string,
  seconds: number,
  importRows: number,
): Promise<ResponsivenessRow[]> {
  const env = {
    SQLITE_FILE: file,
    DATABASE_URL: '',
    ADMIN_PASSWORD,
    DEMO_PASSWORD,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  };
  execFileSync(process.execPath, ['dist/src/demo/main.js'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const server = new ServerProcess(process.cwd(), env);
  await server.start();
  try {
    const { base } = server;
    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    const secretariat = await login(base, 'demo.vanphong', DEMO_PASSWORD);
    const announced = await json(
      await fetch(`${base}/api/v1/cases?type=nomination&state=announced&limit=50`, {
        headers: bearer(secretariat),
      }),
    );
    // A revoked award answers 409 (no certificate): it shows in the requests column.
    const certificateCases = (announced.items as { id: string }[]).map((item) => item.id);
    if (certificateCases.length === 0) throw new Error('the demo has no announced award');

    const rows: ResponsivenessRow[] = [];
    const idle = await probeWhile(base, server.pid, seconds, async () => []);
    // The idle row's CPU figure is per /health probe: the yardstick for the heavy rows.
    rows.push({
      ...idle.row,
      load: 'idle (baseline)',
      heavy: `${idle.row.probes} × /health`,
      cpuMsPerRequest: idle.cpuMs / Math.max(1, idle.row.probes),
    });

    const hostileBody = hostileLoginBody();
    const hostile = await probeWhile(base, server.pid, seconds, (until) =>
      repeatUntil(until, 9, () =>
        fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: hostileBody,
        }).then(
          async (response) => `${response.status} ${(await response.arrayBuffer()).byteLength}B`,
        ),
      ),
    );
    rows.push(row(hostile, `9 clients sending a 1 MiB JSON array to /auth/login`));

    const rendering = await probeWhile(
      base,
      server.pid,
      seconds,
      certificateDownloads({
        base,
        token: secretariat,
        caseIds: certificateCases,
        clients: 4,
        forgetRendersIn: file,
      }),
    );
    rows.push(row(rendering, `4 clients downloading certificates, each one rendered anew`));
    const stored = await probeWhile(
      base,
      server.pid,
      seconds,
      certificateDownloads({
        base,
        token: secretariat,
        caseIds: certificateCases,
        clients: 4,
        forgetRendersIn: null,
      }),
    );
    rows.push(row(stored, `4 clients downloading certificates (stored renders)`));
    const codes = await verificationCodes(base, secretariat, certificateCases);
    const checks = await probeWhile(
      base,
      server.pid,
      seconds,
      publicCertificateChecks(base, codes, 8),
    );
    rows.push(row(checks, `8 anonymous clients checking certificate codes (rate-limited)`));

    // Many cases, and a search by a name none of them has: `LIKE '%…%'` reads the name of every
    // case (on a reader thread, from the names' index, since 2026-12-06; whole rows on the event
    // loop before).
    addClosedCases(file, SEARCHED_CASES);
    const searching = await probeWhile(base, server.pid, seconds, (until) =>
      repeatUntil(until, 2, () =>
        fetch(`${base}/api/v1/cases?q=${encodeURIComponent('Không Ai Tên Này')}&limit=20`, {
          headers: bearer(secretariat),
        }).then(
          async (response) => `${response.status} ${(await json(response)).items.length} found`,
        ),
      ),
    );
    rows.push(
      row(
        searching,
        `2 clients searching ${SEARCHED_CASES.toLocaleString('en-US')} cases by a name none has`,
      ),
    );

    let bytes = 0;
    const importing = await probeWhile(base, server.pid, null, async () => {
      const started = await startLargeImport(base, admin, { rows: importRows });
      bytes = started.bytes;
      return [`202 then ${(await started.finished).status}`];
    });
    rows.push(
      row(importing, `importing ${importRows} people (${(bytes / 2 ** 20).toFixed(1)} MiB CSV)`),
    );
    return rows;
  } finally {
    await server.stop();
  }
}

export function responsivenessTable(rows: ResponsivenessRow[]): string {
  const idle = rows[0];
  const header =
    '| load | /health probes | p50 ms | p99 ms | max ms | p99 vs idle | server CPU ms per request | requests |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.load} | ${r.probes} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.maxMs.toFixed(1)} | ` +
      `${(r.p99Ms / idle.p99Ms).toFixed(1)}× | ${r.cpuMsPerRequest === null ? '–' : r.cpuMsPerRequest.toFixed(2)} | ${r.heavy} |`,
  );
  return [header, ...lines].join('\n');
}

interface Window {
  row: Omit<ResponsivenessRow, 'load' | 'heavy' | 'cpuMsPerRequest'>;
  heavyAnswers: string[];
  cpuMs: number;
}

/**
 * Probes `/health` one request at a time while `load` runs: for `seconds`, or (null) until the
 * load finishes. The load gets the deadline and returns a description of each answer it got.
 */
async function probeWhile(
  base: string,
  pid: number,
  seconds: number | null,
  load: (until: number) => Promise<string[]>,
): Promise<Window> {
  const until = seconds === null ? Number.POSITIVE_INFINITY : Date.now() + seconds * 1000;
  const cpuBefore = cpuMsOf(pid);
  let loadDone = false;
  const loading = load(until).finally(() => {
    loadDone = true;
  });
  const latencies: number[] = [];
  while (seconds === null ? !loadDone : Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${base}/health`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    // Leave the server some room: a probe every few milliseconds, not a flood.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const heavyAnswers = await loading;
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    row: {
      probes: sorted.length,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted[sorted.length - 1],
    },
    heavyAnswers,
    cpuMs,
  };
}

function row(window: Window, load: string): ResponsivenessRow {
  const counts = new Map<string, number>();
  for (const answer of window.heavyAnswers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  const heavy = [...counts].map(([answer, count]) => `${count} × ${answer}`).join(', ');
  // The probes' own CPU is small (see the idle row) and left in: an upper bound per request.
  const cpuMsPerRequest = window.cpuMs / Math.max(1, window.heavyAnswers.length);
  return { ...window.row, load, heavy, cpuMsPerRequest };
}

/** `[{},{},…]` of about 1 MiB: the validation-amplification request of issue 12. */
function hostileLoginBody(): string {
  return `[${Array.from({ length: (1024 * 1024) / 3 }, () => '{}').join(',')}]`;
}

/**
 * `count` closed nominations in the demo's units, written straight into the server's SQLite file
 * (WAL: the running server reads them at its next statement), copies of one demo case's rows.
 */
function addClosedCases(file: string, count: number): void {
  const db = new Sqlite(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?) ` +
        'INSERT INTO cases (id, case_type, workflow_id, workflow_version, workflow_hash, state, ' +
        'closed, context_json, subject_json, data_json, version, head_hash, created_by, ' +
        'created_at, updated_at, unit_id, subject_person_id, subject_search_name) ' +
        "SELECT '00000000-0000-7000-8000-' || printf('%012x', i), c.case_type, c.workflow_id, " +
        'c.workflow_version, c.workflow_hash, c.state, 1, c.context_json, c.subject_json, ' +
        'c.data_json, c.version, c.head_hash, c.created_by, c.created_at, c.updated_at, ' +
        "c.unit_id, NULL, c.subject_search_name || ' ' || i FROM s, " +
        "(SELECT * FROM cases WHERE case_type = 'nomination' AND unit_id IS NOT NULL LIMIT 1) c",
    ).run(count);
  } finally {
    db.close();
  }
}

/** User + system CPU time of a process so far, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5); here counted from field 3 (state) = index 0.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function login(base: string, username: string, password: string): Promise<string> {
  const body = await json(
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }),
  );
  if (typeof body.accessToken !== 'string')
    throw new Error(`login ${username}: ${JSON.stringify(body)}`);
  return body.accessToken;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(response: Response): Promise<Record<string, any>> {
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
