import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import type { Row } from './stats';

const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-user-password';

/**
 * End to end: the real server in its own process (as `npm start` runs it) on a fresh SQLite file,
 * driven over loopback from this process by `clients` concurrent keep-alive connections.
 */
export async function measureHttp(file: string, clients: number, seconds: number): Promise<Row> {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      SQLITE_FILE: file,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, server);
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
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
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
    const leader = await login('bench.leader', PASSWORD);
    const secretariat = await login('bench.secretariat', PASSWORD);

    const caseIds: string[] = [];
    const unit = await call(admin, 'POST', '/api/v1/units', {
      code: 'BENCH',
      name: 'Đảng ủy Khối',
      kind: 'party_committee',
    });
    for (let c = 0; c < clients; c++) {
      const nominee = await call(admin, 'POST', '/api/v1/people', {
        code: `BENCH-${c}`,
        fullName: `Nguyễn Văn Thử ${c}`,
        unitId: unit.id,
        employmentType: 'civil_servant',
      });
      const opened = await call(leader, 'POST', '/api/v1/cases', {
        type: 'nomination',
        subject: { kind: 'person', personId: nominee.id },
      });
      await call(leader, 'POST', `/api/v1/cases/${opened.id}/events`, { type: 'SUBMIT' });
      await call(secretariat, 'POST', `/api/v1/cases/${opened.id}/events`, {
        type: 'START_VERIFICATION',
      });
      caseIds.push(opened.id);
    }

    // A connection takes a free case (it is in `verifying`), sends RETURN_FOR_SUPPLEMENT as the
    // secretariat and RESUBMIT as the unit leader on it, then frees it: no two connections ever
    // work on the same case, so every request is a valid transition.
    const freeCases = [...caseIds];
    type Context = { caseId?: string };
    const event = (token: string, body: object, takes: boolean): autocannon.Request => ({
      method: 'POST',
      setupRequest: (request, context) => {
        const held = context as Context;
        if (takes) held.caseId = freeCases.shift();
        return {
          ...request,
          path: `/api/v1/cases/${held.caseId}/events`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
      },
      onResponse: (_status, _body, context) => {
        if (!takes) freeCases.push((context as Context).caseId!);
      },
    });
    const result = await autocannon({
      url: base,
      connections: clients,
      duration: seconds,
      requests: [
        event(
          secretariat,
          { type: 'RETURN_FOR_SUPPLEMENT', payload: { reason: 'Thiếu hồ sơ' } },
          true,
        ),
        event(leader, { type: 'RESUBMIT' }, false),
      ],
    });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    }
    return {
      name: `HTTP end to end, ${clients} concurrent clients (autocannon)`,
      operations: result['2xx'],
      seconds: result.duration,
      perSecond: result['2xx'] / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become healthy');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
