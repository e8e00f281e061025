import autocannon from 'autocannon';
import { ServerProcess } from './server-process';

const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-user-password';

/** The real server in its own process (as `npm start` runs it), seeded for load. */
export interface SeededServer {
  base: string;
  leader: string;
  secretariat: string;
  /** Nominations in `verifying`, one per concurrent connection. */
  caseIds: string[];
  stop(): Promise<void>;
}

/**
 * Starts `dist/src/main.js` on a fresh SQLite file and seeds it through the API: a unit, a unit
 * leader, a secretariat and `cases` nominations (with their dossier uploaded) brought to
 * `verifying`.
 */
export async function startSeededServer(file: string, cases: number): Promise<SeededServer> {
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = new ServerProcess(
    process.cwd(),
    {
      SQLITE_FILE: file,
      DATABASE_URL: '',
      ADMIN_PASSWORD,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    },
    nodeArgs,
  );
  await server.start();
  const stop = () => server.stop();
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
    return { base, leader, secretariat, caseIds, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One connection's cycle: take a free case (in `verifying`), send RETURN_FOR_SUPPLEMENT as the
 * secretariat, optionally some reads on it, RESUBMIT as the unit leader, free it. No two
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
  return [
    event(
      server.secretariat,
      { type: 'RETURN_FOR_SUPPLEMENT', payload: { reason: 'Thiếu hồ sơ' } },
      true,
    ),
    ...reads.map(read),
    event(server.leader, { type: 'RESUBMIT' }, false),
  ];
}
