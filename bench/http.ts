import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { summarise, type Row } from './stats';

const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-user-password';

/**
 * End to end: the real server in its own process (as `npm start` runs it) on a fresh SQLite file,
 * driven over loopback by `clients` concurrent clients, each alternating two transitions on its
 * own case with keep-alive connections.
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
        roles: [role],
      });
    }
    const leader = await login('bench.leader', PASSWORD);
    const secretariat = await login('bench.secretariat', PASSWORD);

    const caseIds: string[] = [];
    for (let c = 0; c < clients; c++) {
      const opened = await call(leader, 'POST', '/api/v1/cases', {
        type: 'nomination',
        subject: { kind: 'person', name: `Nguyễn Văn Thử ${c}` },
      });
      await call(leader, 'POST', `/api/v1/cases/${opened.id}/events`, { type: 'SUBMIT' });
      await call(secretariat, 'POST', `/api/v1/cases/${opened.id}/events`, {
        type: 'START_VERIFICATION',
      });
      caseIds.push(opened.id);
    }

    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      caseIds.map(async (id) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const before = process.hrtime.bigint();
          if (i % 2 === 0) {
            await call(secretariat, 'POST', `/api/v1/cases/${id}/events`, {
              type: 'RETURN_FOR_SUPPLEMENT',
              payload: { reason: 'Thiếu hồ sơ' },
            });
          } else {
            await call(leader, 'POST', `/api/v1/cases/${id}/events`, { type: 'RESUBMIT' });
          }
          latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return summarise(`HTTP end to end, ${clients} concurrent clients`, latencies, elapsed);
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
