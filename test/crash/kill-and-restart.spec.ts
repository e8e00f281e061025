import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { ServerProcess } from '../../bench/server-process';
import { timeLimit } from '../support/time-limits';
import { buildServer, ROOT } from './built-server';

const ADMIN_PASSWORD = 'crash-admin-password';
const JWT_SECRET = 'crash-secret-crash-secret-crash-secret-0123';

/**
 * Crash consistency: the real server on a real database, driven by concurrent clients sending
 * transitions, killed with SIGKILL at a random moment, restarted on the same database, and checked:
 * every acknowledged transition is there, nothing unacknowledged is half-applied, every chain
 * verifies and replays to its row, and an in-flight request re-sent with its Idempotency-Key
 * applies exactly once. On PostgreSQL the app is killed, not the database.
 */

const PASSWORD = 'crash-user-password';
const CASES = 10;
const ROUNDS = 5;
/** The dossier documents a nomination needs before it is submitted (one upload each). */
const DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'];
/**
 * Setup records of every case: CASE_OPENED, an ATTACH_DOCUMENT per dossier document, SUBMIT,
 * START_VERIFICATION.
 */
const SETUP_RECORDS = 3 + DOSSIER.length;
const REQUEST_TIMEOUT_MS = timeLimit(10_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Answer {
  status: number;
  replayed: boolean;
  body: Json;
}

interface Sent {
  caseId: string;
  key: string;
  token: string;
  body: { type: string; expectedVersion: number; payload?: object };
  /** The seq this transition gets if it is applied. */
  seq: number;
}

interface Tracked {
  id: string;
  version: number;
  state: string;
  /** seq → event type of every transition a client saw acknowledged (200) or that was re-sent to completion. */
  known: Map<number, string>;
}

beforeAll(buildServer, timeLimit(180_000));

describe.each(DIALECTS)('crash consistency on %s (kill -9 the app, restart, verify)', (dialect) => {
  let db: TestDatabase;
  let server: ServerProcess;
  let leader = '';
  let secretariat = '';
  let auditor = '';
  const cases: Tracked[] = [];
  const totals = { acknowledged: 0, inFlight: 0, inFlightApplied: 0, inFlightAbsent: 0 };

  const send = async (
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<Answer> => {
    const response = await fetch(server.base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      replayed: response.headers.get('idempotency-replayed') === 'true',
      body: text ? (JSON.parse(text) as Json) : {},
    };
  };
  const call = async (token: string | null, method: string, path: string, body?: unknown) => {
    const answer = await send(token, method, path, body);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  };
  const login = async (username: string, password: string) =>
    (await call(null, 'POST', '/api/v1/auth/login', { username, password })).accessToken as string;

  const fullHistory = async (caseId: string) => {
    const records: Json[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await call(
        auditor,
        'GET',
        `/api/v1/cases/${caseId}/history?afterSeq=${afterSeq}&limit=500`,
      );
      records.push(...(page.items as Json[]));
      if (page.nextAfterSeq === null) return records;
      afterSeq = page.nextAfterSeq as number;
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    server = new ServerProcess(ROOT, { ...db.env, ADMIN_PASSWORD, JWT_SECRET });
    await server.start();
    const admin = await login('admin', ADMIN_PASSWORD);
    const unit = await call(admin, 'POST', '/api/v1/units', {
      code: 'CRASH',
      name: 'Đảng ủy Khối',
      kind: 'party_committee',
    });
    for (const [username, role] of [
      ['crash.leader', 'unit_leader'],
      ['crash.secretariat', 'secretariat'],
      ['crash.auditor', 'auditor'],
    ]) {
      await call(admin, 'POST', '/api/v1/users', {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [{ role }],
      });
    }
    leader = await login('crash.leader', PASSWORD);
    secretariat = await login('crash.secretariat', PASSWORD);
    auditor = await login('crash.auditor', PASSWORD);
    // Accounts an administrator creates must choose their own password before anything else.
    for (const token of [leader, secretariat, auditor]) {
      await call(token, 'POST', '/api/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: `${PASSWORD}-own`,
      });
    }
    // A password change withdraws the tokens issued before it: sign in with the new one.
    leader = await login('crash.leader', `${PASSWORD}-own`);
    secretariat = await login('crash.secretariat', `${PASSWORD}-own`);
    auditor = await login('crash.auditor', `${PASSWORD}-own`);
    for (let c = 0; c < CASES; c++) {
      const nominee = await call(admin, 'POST', '/api/v1/people', {
        code: `CRASH-${c}`,
        fullName: `Nguyễn Văn Thử ${c}`,
        unitId: unit.id,
        employmentType: 'civil_servant',
      });
      const opened = await call(leader, 'POST', '/api/v1/cases', {
        type: 'nomination',
        subject: { kind: 'person', personId: nominee.id },
        data: { awardCode: 'lao_dong_tien_tien', evaluationYear: new Date().getUTCFullYear() - 1 },
      });
      for (const code of DOSSIER) {
        const uploaded = await fetch(
          `${server.base}/api/v1/cases/${opened.id}/documents?code=${code}&fileName=${code}.pdf`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/pdf' },
            body: Buffer.from(`%PDF-1.4\n% ${opened.id} ${code}\n%%EOF\n`),
          },
        );
        expect(uploaded.status).toBe(200);
      }
      await call(leader, 'POST', `/api/v1/cases/${opened.id}/events`, { type: 'SUBMIT' });
      const started = await call(secretariat, 'POST', `/api/v1/cases/${opened.id}/events`, {
        type: 'START_VERIFICATION',
      });
      expect(started.version).toBe(SETUP_RECORDS);
      cases.push({ id: opened.id, version: SETUP_RECORDS, state: started.state, known: new Map() });
    }
    // The server alone gets up to three minutes to answer /health on a loaded machine (ServerProcess).
  }, timeLimit(180_000));

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
    // One line per dialect for whoever reads the run.
    console.log(`crash/${dialect}: ${ROUNDS} rounds, ${JSON.stringify(totals)}`); // eslint-disable-line no-console
  }, timeLimit(30_000));

  /**
   * One client on one case, alternating RETURN_FOR_SUPPLEMENT and RESUBMIT, until the server dies.
   * Returns the request it had in flight when the connection broke (if any). Anything but 200
   * before the kill is a failure of the test.
   */
  const drive = async (tracked: Tracked, round: number, stopped: () => boolean) => {
    let n = 0;
    while (!stopped()) {
      const returning = tracked.state !== 'returned_for_supplement';
      const sent: Sent = {
        caseId: tracked.id,
        key: `crash-r${round}-${tracked.id}-${n++}-${randomBytes(4).toString('hex')}`,
        token: returning ? secretariat : leader,
        body: returning
          ? {
              type: 'RETURN_FOR_SUPPLEMENT',
              expectedVersion: tracked.version,
              payload: { reason: `Thiếu hồ sơ (vòng ${round}, lần ${n})` },
            }
          : { type: 'RESUBMIT', expectedVersion: tracked.version },
        seq: tracked.version + 1,
      };
      let answer: Answer;
      try {
        answer = await send(
          sent.token,
          'POST',
          `/api/v1/cases/${tracked.id}/events`,
          sent.body,
          sent.key,
        );
      } catch {
        return sent; // the connection broke: the answer was never seen
      }
      if (answer.status !== 200 || answer.body.version !== sent.seq) {
        throw new Error(
          `round ${round}, case ${tracked.id}: ${sent.body.type} at v${tracked.version} answered ` +
            `${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      // Acknowledged: from here on, this transition must survive any crash.
      tracked.known.set(sent.seq, sent.body.type);
      tracked.version = answer.body.version as number;
      tracked.state = answer.body.state as string;
      totals.acknowledged++;
    }
    return null;
  };

  /** After a restart: the case's history, row and chain agree, and hold every acknowledged seq. */
  const check = async (tracked: Tracked, where: string) => {
    const row = await call(auditor, 'GET', `/api/v1/cases/${tracked.id}`);
    const records = await fullHistory(tracked.id);
    const verification = await call(auditor, 'GET', `/api/v1/cases/${tracked.id}/verify`);
    const label = `${where}, case ${tracked.id}`;
    expect({ label, verification }).toEqual({
      label,
      verification: expect.objectContaining({ ok: true }),
    });
    expect({ label, seqs: records.map((r) => r.seq) }).toEqual({
      label,
      seqs: records.map((_, index) => index + 1),
    });
    expect({ label, version: row.version }).toEqual({ label, version: records.length });
    for (const [seq, type] of tracked.known) {
      expect({ label, seq, type: records[seq - 1]?.eventType }).toEqual({ label, seq, type });
    }
    return { row, records };
  };

  /**
   * A request that was in flight at the kill: it is either wholly there (record + row version) or
   * wholly absent; re-sent with the same key it replays the stored answer or applies once.
   */
  const settle = async (sent: Sent, tracked: Tracked, where: string) => {
    const label = `${where}, in-flight ${sent.body.type} seq ${sent.seq} on ${sent.caseId}`;
    const before = await check(tracked, where);
    const applied = before.row.version === sent.seq;
    expect({ label, version: before.row.version }).toEqual({
      label,
      version: applied ? sent.seq : sent.seq - 1,
    });
    if (applied) {
      expect({ label, type: before.records[sent.seq - 1].eventType }).toEqual({
        label,
        type: sent.body.type,
      });
    }
    const path = `/api/v1/cases/${sent.caseId}/events`;
    const again = await send(sent.token, 'POST', path, sent.body, sent.key);
    expect({
      label,
      status: again.status,
      replayed: again.replayed,
      version: again.body.version,
    }).toEqual({ label, status: 200, replayed: applied, version: sent.seq });
    // A third time must only replay: never applied twice.
    const third = await send(sent.token, 'POST', path, sent.body, sent.key);
    expect({
      label,
      status: third.status,
      replayed: third.replayed,
      version: third.body.version,
    }).toEqual({ label, status: 200, replayed: true, version: sent.seq });
    tracked.known.set(sent.seq, sent.body.type);
    tracked.version = sent.seq;
    tracked.state = again.body.state as string;
    const after = await check(tracked, `${where} (after re-send)`);
    expect({ label, version: after.row.version }).toEqual({ label, version: sent.seq });
    if (applied) totals.inFlightApplied++;
    else totals.inFlightAbsent++;
  };

  it(
    `loses no acknowledged transition and breaks no chain over ${ROUNDS} kill -9 rounds`,
    async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        let killed = false;
        const loops = cases.map((tracked) => drive(tracked, round, () => killed));
        await new Promise((resolve) => setTimeout(resolve, randomInt(300, 1501)));
        killed = true;
        await server.kill();
        const inFlight = (await Promise.all(loops)).filter((sent): sent is Sent => sent !== null);
        totals.inFlight += inFlight.length;

        await server.start();
        const where = `${dialect} round ${round}`;
        for (const tracked of cases) {
          const pending = inFlight.find((sent) => sent.caseId === tracked.id);
          if (pending) await settle(pending, tracked, where);
          else {
            const { row } = await check(tracked, where);
            // No request was outstanding on this case: the row is exactly what the client last saw.
            expect({ where, id: tracked.id, version: row.version }).toEqual({
              where,
              id: tracked.id,
              version: tracked.version,
            });
          }
          // Nothing unaccounted for: every record beyond the setup is one a client saw acknowledged
          // (or re-sent to completion just now).
          expect({ where, id: tracked.id, known: tracked.known.size }).toEqual({
            where,
            id: tracked.id,
            known: tracked.version - SETUP_RECORDS,
          });
        }
      }
      expect(totals.acknowledged).toBeGreaterThan(0);

      // The operator's check, on the database the crashes left behind (the server is stopped).
      await server.kill();
      const output = execFileSync(process.execPath, ['dist/src/cli.js', 'verify'], {
        cwd: ROOT,
        env: { ...process.env, ...db.env, LOG_LEVEL: 'warn', JWT_SECRET, ADMIN_PASSWORD },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }); // throws (exit 1) if any case disagrees
      expect(output).not.toMatch(/REPLAY_DRIFT|MISMATCH|MISSING_RECORDS|BROKEN/);
    },
    timeLimit(240_000),
  );
});
