import autocannon from 'autocannon';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ServerProcess } from './server-process';

const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-user-password';

/** The real server in its own process (as `npm start` runs it), seeded for load. */
export interface SeededServer {
  base: string;
  leader: string;
  secretariat: string;
  /** Cases ready for the workload's cycle, one per concurrent connection. */
  caseIds: string[];
  workload: Workload;
  /** The server's process id, for its CPU time (bench/process-cpu.ts). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * What the load sends, case by case: the nomination mix (RETURN_FOR_SUPPLEMENT by the secretariat,
 * RESUBMIT by the unit leader, which judges eligibility and stores it on the case and in the
 * record), or a light workflow whose two events carry no facts and no payload (the engine's fixed
 * cost per transition).
 */
export type Workload = 'nomination' | 'light';

/** The events of one cycle, in order: the first by the secretariat, the second by the leader. */
export const CYCLE_EVENTS: Record<Workload, [string, string]> = {
  nomination: ['RETURN_FOR_SUPPLEMENT', 'RESUBMIT'],
  light: ['PING', 'PONG'],
};

const label = (text: string) => ({ vi: text, en: text });
const NO_PAYLOAD = { type: 'object', additionalProperties: false, properties: {} };

/** The light workflow: two states, two events, no guards, no facts (a bench fixture only). */
const LIGHT_WORKFLOW = {
  id: 'bench_light',
  version: 1,
  caseType: 'bench_light',
  title: label('Bench: a light workflow'),
  sources: ['bench fixture: the fixed cost of a transition'],
  openRoles: ['unit_leader'],
  events: {
    PING: { label: label('Ping'), roles: ['secretariat'], payloadSchema: NO_PAYLOAD },
    PONG: { label: label('Pong'), roles: ['unit_leader'], payloadSchema: NO_PAYLOAD },
    STOP: { label: label('Stop'), roles: ['unit_leader'], payloadSchema: NO_PAYLOAD },
  },
  machine: {
    initial: 'resting',
    states: {
      resting: {
        meta: { label: label('Resting') },
        on: { PING: { target: 'pinged' }, STOP: { target: 'stopped' } },
      },
      pinged: { meta: { label: label('Pinged') }, on: { PONG: { target: 'resting' } } },
      // Every workflow says what its states mean; a closed one is the least a case needs.
      stopped: { type: 'final', meta: { label: label('Stopped'), tags: ['closed'] } },
    },
  },
};

/** The shipped workflows plus the light one, in a directory of their own. */
function workflowsWithLight(directory: string): string {
  const target = join(directory, 'workflows');
  cpSync(join(process.cwd(), 'workflows'), target, { recursive: true });
  writeFileSync(join(target, 'bench_light.v1.json'), JSON.stringify(LIGHT_WORKFLOW, null, 2));
  return target;
}

/** Where the server keeps its data: a SQLite file, or a PostgreSQL schema. */
export type BenchDatabase = { sqliteFile: string } | { postgresUrl: string; schema: string };

function databaseEnvironment(database: BenchDatabase): Record<string, string> {
  return 'sqliteFile' in database
    ? {
        SQLITE_FILE: database.sqliteFile,
        DATABASE_URL: '',
        DATABASE_SCHEMA: '',
        DATABASE_POOL_SIZE: '',
      }
    : {
        DATABASE_URL: database.postgresUrl,
        DATABASE_SCHEMA: database.schema,
        DATABASE_POOL_SIZE: process.env.BENCH_PG_POOL_SIZE ?? '10',
      };
}

/** One more instance of the server on a database another instance seeded (several app instances). */
export async function startInstance(
  database: BenchDatabase,
  workflowsDir: string,
): Promise<ServerProcess> {
  const server = new ServerProcess(process.cwd(), {
    ...databaseEnvironment(database),
    ADMIN_PASSWORD,
    JWT_SECRET,
    WORKFLOWS_DIR: workflowsDir,
  });
  await server.start();
  return server;
}

const JWT_SECRET = 'bench-secret-bench-secret-bench-secret';

/**
 * Starts `dist/src/main.js` on a fresh database and seeds it through the API: a unit, a unit
 * leader, a secretariat and `cases` cases ready for the workload's cycle (nominations with their
 * dossier uploaded, brought to `verifying`; or light cases at rest). `file` is a SQLite file, or a
 * PostgreSQL database (schema created by the server's migrations).
 */
export async function startSeededServer(
  file: string | BenchDatabase,
  cases: number,
  workload: Workload = 'nomination',
): Promise<SeededServer & { workflowsDir: string; database: BenchDatabase }> {
  const database: BenchDatabase = typeof file === 'string' ? { sqliteFile: file } : file;
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const workflowsDir = workflowsWithLight(mkdtempSync(join(tmpdir(), 'thidua-bench-workflows-')));
  const server = new ServerProcess(
    process.cwd(),
    {
      ...databaseEnvironment(database),
      ADMIN_PASSWORD,
      JWT_SECRET,
      WORKFLOWS_DIR: workflowsDir,
    },
    nodeArgs,
  );
  await server.start();
  const stop = async () => {
    await server.stop();
    rmSync(dirname(workflowsDir), { recursive: true, force: true });
  };
  try {
    const { base } = server;
    const call = async (token: string | null, method: string, path: string, body?: unknown) => {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (!response.ok) {
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      }
      return json;
    };
    const login = async (username: string, password: string) =>
      (await call(null, 'POST', '/api/v1/auth/login', { username, password }))
        .accessToken as string;
    const admin = await login('admin', ADMIN_PASSWORD);
    for (const [username, role] of [
      ['bench.leader', 'unit_leader'],
      ['bench.secretariat', 'secretariat'],
    ]) {
      await call(admin, 'POST', '/api/v1/users', {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [{ role }],
      });
    }
    const firstLeader = await login('bench.leader', PASSWORD);
    const firstSecretariat = await login('bench.secretariat', PASSWORD);
    // Accounts an administrator creates must choose their own password before anything else.
    for (const token of [firstLeader, firstSecretariat]) {
      const changed = await fetch(`${base}/api/v1/auth/password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: `${PASSWORD}-own` }),
      });
      if (changed.status !== 204) throw new Error(`password change: ${changed.status}`);
    }
    // A password change withdraws the tokens issued before it: sign in with the new one.
    const leader = await login('bench.leader', `${PASSWORD}-own`);
    const secretariat = await login('bench.secretariat', `${PASSWORD}-own`);
    const unit = await call(admin, 'POST', '/api/v1/units', {
      code: 'BENCH',
      name: 'Đảng ủy Khối',
      kind: 'party_committee',
    });
    // The dossier a submission needs: each file is its own upload (an ATTACH_DOCUMENT event).
    const upload = async (caseId: string, code: string) => {
      const response = await fetch(
        `${base}/api/v1/cases/${caseId}/documents?code=${code}&fileName=${code}.pdf`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/pdf' },
          body: Buffer.from(`%PDF-1.4\n% ${caseId} ${code}\n%%EOF\n`),
        },
      );
      if (!response.ok) {
        throw new Error(`upload ${code}: ${response.status} ${await response.text()}`);
      }
    };
    const evaluationYear = new Date().getUTCFullYear() - 1;
    const caseIds: string[] = [];
    for (let c = 0; c < cases; c++) {
      const nominee = await call(admin, 'POST', '/api/v1/people', {
        code: `BENCH-${c}`,
        fullName: `Nguyễn Văn Thử ${c}`,
        unitId: unit.id,
        employmentType: 'civil_servant',
      });
      if (workload === 'light') {
        const opened = await call(leader, 'POST', '/api/v1/cases', {
          type: 'bench_light',
          subject: { kind: 'person', personId: nominee.id },
        });
        caseIds.push(opened.id);
        continue;
      }
      const opened = await call(leader, 'POST', '/api/v1/cases', {
        type: 'nomination',
        subject: { kind: 'person', personId: nominee.id },
        data: { awardCode: 'lao_dong_tien_tien', evaluationYear },
      });
      for (const code of ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet']) {
        await upload(opened.id, code);
      }
      await call(leader, 'POST', `/api/v1/cases/${opened.id}/events`, { type: 'SUBMIT' });
      await call(secretariat, 'POST', `/api/v1/cases/${opened.id}/events`, {
        type: 'START_VERIFICATION',
      });
      caseIds.push(opened.id);
    }
    const { pid } = server;
    return { base, leader, secretariat, caseIds, workload, pid, stop, workflowsDir, database };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One connection's cycle: take a free case, send the workload's first event as the secretariat
 * (RETURN_FOR_SUPPLEMENT of a nomination in `verifying`), optionally some reads on it, the second as
 * the unit leader (RESUBMIT), free it. No two
 * connections ever hold the same case, so every write is a valid transition.
 */
export function transitionCycle(
  server: SeededServer,
  reads: ((caseId: string) => string)[] = [],
): autocannon.Request[] {
  const freeCases = [...server.caseIds];
  type Context = { caseId?: string };
  const authorised = (token: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });
  const event = (token: string, body: object, takes: boolean): autocannon.Request => ({
    method: 'POST',
    setupRequest: (request, context) => {
      const held = context as Context;
      if (takes) held.caseId = freeCases.shift();
      return {
        ...request,
        path: `/api/v1/cases/${held.caseId}/events`,
        headers: authorised(token),
        body: JSON.stringify(body),
      };
    },
    onResponse: (_status, _body, context) => {
      if (!takes) freeCases.push((context as Context).caseId!);
    },
  });
  const read = (path: (caseId: string) => string): autocannon.Request => ({
    method: 'GET',
    setupRequest: (request, context) => ({
      ...request,
      method: 'GET',
      path: path((context as Context).caseId!),
      headers: { authorization: `Bearer ${server.leader}` },
    }),
  });
  const [first, second] = CYCLE_EVENTS[server.workload];
  return [
    event(
      server.secretariat,
      server.workload === 'nomination'
        ? { type: first, payload: { reason: 'Thiếu hồ sơ' } }
        : { type: first },
      true,
    ),
    ...reads.map(read),
    event(server.leader, { type: second }, false),
  ];
}
