import fc from 'fast-check';
import type { Response, Test } from 'supertest';
import { ROLES } from '../../src/domain/roles';
import { verificationCodeFor } from '../../src/outputs/award-decision';
import { Database } from '../../src/persistence/database';
import { councilOf, holdCouncilSession, todayInVietnam } from '../support/council';
import { DIALECTS } from '../support/databases';
import {
  ADMIN,
  PROBLEM_JSON,
  TEST_PASSWORD,
  nominationData,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { resolvingReview } from '../e2e/nominations/review-resolutions';
import { databaseDigest, digestDifferences, LOGIN_LOCK_TABLES, type Digest } from './db-digest';
import {
  describeRequest,
  kindCreatedBy,
  operationsOf,
  requestFor,
  safeStringify,
  type FuzzContext,
  type FuzzRequest,
} from './openapi-arbitraries';
import { timeLimit } from '../support/time-limits';

/**
 * Property-based API fuzzing (fast-check), driven by the OpenAPI document: every documented
 * operation — including routes added later — receives generated requests: valid-looking bodies
 * with fields mutated (wrong types, unknown fields, huge strings and arrays, deep nesting, unicode
 * edge cases: combining marks, RTL override, NUL, lone surrogates, emoji), malformed JSON, wrong
 * content types, real / random / junk ids, wrong query types, every role, no token or a garbage
 * one, workflow events in any order, and Idempotency-Keys that are often replayed.
 *
 * For every answer:
 *   - never a 5xx;
 *   - a 4xx is application/problem+json with a string `code`, and leaks no stack trace or SQL;
 *   - a 4xx changes nothing: a digest of every table (full rows; login_throttle excluded, since
 *     refused logins are meant to count, and a refused login may add the `login_locked` change
 *     record of the account it locks) is the same before and after.
 *
 * Runs: FUZZ_RUNS per dialect, default 5,000 (10,000 requests over both dialects; about 70 s on
 * the development machine; set FUZZ_RUNS lower for a quicker pass). The seed is printed on every
 * run and in a failure report (FUZZ_SEED=random explores new inputs); replay with FUZZ_SEED=<seed> (FUZZ_PATH=<path> to jump straight
 * to the shrunk counterexample; FUZZ_NO_SHRINK=1 stops at the first failure). The database
 * evolves during a run, so a replay is exact only from a fresh start with the same seed.
 */

/** Refused, these count as a failed sign-in (and may lock the account: a change-log record). */
const COUNTS_FAILED_SIGN_INS = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/password',
];

/**
 * Per database: what CI's 20-minute budget on 2 cores affords beside the other tiers (each run
 * also digests the database before and after). Explore further with FUZZ_RUNS=20000.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
/**
 * A fixed seed by default, so `npm test` (and CI) judges a change on known inputs; explore new
 * ones with FUZZ_SEED=random (or any number) and keep a seed that finds a bug as a regression.
 */
const DEFAULT_SEED = 20_231_125;
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Date.now() % 2 ** 31
    : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const PATH = process.env.FUZZ_PATH;

/** Tokens that must all be refused with 401. */
const GARBAGE_AUTH: Record<string, string> = {
  'garbage:not-a-jwt': 'Bearer not-a-jwt',
  'garbage:alg-none': 'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiJ9.',
  'garbage:basic': 'Basic YWRtaW46YWRtaW4tcGFzc3dvcmQtZm9yLXRlc3Rz',
  'garbage:empty-bearer': 'Bearer ',
  // Big, but with the other headers still under Node's 16 KB head limit (over it: see below).
  'garbage:huge': `Bearer ${'a'.repeat(4000)}`,
};

/** Stack traces, file paths and SQL that an error answer must never show. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at\s|\bat .+\.(ts|js):\d+/],
  ['source path', /\.(ts|js):\d+:\d+|node_modules|\/work\/|\/src\//],
  ['SQL', /\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i],
  [
    'database error',
    /SQLITE_|QueryFailedError|syntax error at or near|violates \w+(-\w+)? ?\w* constraint|duplicate key value|relation ".+" does not exist/i,
  ],
];

describe.each(DIALECTS)('API fuzz (%s)', (dialect) => {
  let t: TestApp;
  let document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  let context: FuzzContext;
  /** The voting session of A, the nomination on its agenda, and who tries to vote on it. */
  let ballot: {
    sessionId: string;
    closedSessionId: string;
    caseId: string;
    draftCaseId: string;
    voter: string;
    auditor: string;
  };
  const auth: Record<string, string | undefined> = { ...GARBAGE_AUTH, none: undefined };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const docs = await t.http.get('/api/docs-json');
    expect(docs.status).toBe(200);
    document = docs.body;

    // A small organisation: committee C with units A and B, a person and an open case in each,
    // and in A a council, a nomination its session recommended and then announced (the session is
    // closed, with its minutes; the certificate's code is a target), and a session voting on a
    // second nomination. A member of A's council is a caller, so some ballots are accepted.
    const committee = await t.createUnit('Đảng ủy Khối (fuzz)', 'party_committee');
    const unitA = await t.createUnit('Chi bộ A (fuzz)', 'party_cell', committee.id);
    const unitB = await t.createUnit('Chi bộ B (fuzz)', 'party_cell', committee.id);
    const personA = await t.createPerson('Nguyễn Văn Ân', unitA.id);
    const personB = await t.createPerson('Trần Thị Bình', unitB.id);
    const leaderA = await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }]);
    const leaderB = await t.userWithGrants([{ role: 'unit_leader', unitId: unitB.id }]);
    const must = async (label: string, pending: Test, status = 200) => {
      const response = await pending;
      if (response.status !== status) throw new Error(`${label}: ${JSON.stringify(response.body)}`);
      return response;
    };
    const open = async (token: string, personId: string) => {
      const opened = await t.openCase(token, {
        type: 'nomination',
        subject: { kind: 'person', personId },
        data: nominationData(),
      });
      if (opened.status !== 201) throw new Error(`open: ${JSON.stringify(opened.body)}`);
      return opened.body.id as string;
    };
    const caseA = await open(leaderA.token, personA.id);
    const caseB = await open(leaderB.token, personB.id);

    auth.admin = `Bearer ${t.adminToken}`;
    auth.unit_leader = `Bearer ${leaderA.token}`;
    auth['unit_leader@B'] = `Bearer ${leaderB.token}`;
    const usernames = [ADMIN.username, leaderA.username, leaderB.username];
    const tokenOf: Partial<Record<string, string>> = {};
    for (const role of ROLES) {
      if (role === 'admin' || role === 'unit_leader') continue;
      const user = await t.userWithGrants([{ role, unitId: unitA.id }]);
      auth[role] = `Bearer ${user.token}`;
      tokenOf[role] = user.token;
      usernames.push(user.username);
    }

    const secretariatA = tokenOf.secretariat!;
    const toCouncil = async (caseId: string) => {
      await t.attachDossier(leaderA.token, caseId);
      const steps: [string, string][] = [
        [leaderA.token, 'SUBMIT'],
        [secretariatA, 'START_VERIFICATION'],
        [secretariatA, 'MARK_VERIFIED'],
        [secretariatA, 'SEND_TO_COUNCIL'],
      ];
      // Nomination v7: verification resolves the lines eligibility leaves for review.
      for (const [token, type] of steps) {
        const payload =
          type === 'MARK_VERIFIED' ? await resolvingReview(t, token, caseId) : undefined;
        await must(type, t.sendEvent(token, caseId, type, payload));
      }
    };

    const laureate = await t.createPerson('Lê Thị Hạnh', unitA.id);
    const announcedCase = await open(leaderA.token, laureate.id);
    await toCouncil(announcedCase);
    const documents = (await t.getCase(leaderA.token, announcedCase)).body.context.documents as {
      id: string;
    }[];
    // The session votes on every nomination awaiting A's council: this one alone.
    const closedSession = (await holdCouncilSession(t, secretariatA, unitA.id)).sessionId;
    const chair = tokenOf.council_chair!;
    await must(
      'APPROVE',
      t.sendEvent(chair, announcedCase, 'APPROVE', await resolvingReview(t, chair, announcedCase)),
    );
    await must(
      'ANNOUNCE',
      t.sendEvent(secretariatA, announcedCase, 'ANNOUNCE', {
        decision: { date: todayInVietnam(), signer: 'Nguyễn Thị Hoà' },
      }),
    );
    const announceRecord = (await t.history(leaderA.token, announcedCase)).body.items.find(
      (record: { eventType: string }) => record.eventType === 'ANNOUNCE',
    );

    const councilA = await councilOf(t, unitA.id);
    const councilB = await councilOf(t, unitB.id);
    const voter = councilA.members[1].user;
    auth['voter@A'] = `Bearer ${voter.token}`;
    usernames.push(...councilA.members.map((member) => member.user.username));
    const votedOn = await open(leaderA.token, (await t.createPerson('Võ Thị Giang', unitA.id)).id);
    await toCouncil(votedOn);
    const scheduled = await must(
      'schedule',
      t.openCase(secretariatA, {
        type: 'council_session',
        subject: { kind: 'unit', unitId: unitA.id },
        data: { councilId: councilA.id, meetingDate: todayInVietnam(), title: 'Phiên họp (fuzz)' },
      }),
      201,
    );
    const votingSession = scheduled.body.id as string;
    const present = councilA.members.map((member) => member.personId);
    for (const [type, payload] of [
      ['SET_AGENDA', {}],
      ['RECORD_ATTENDANCE', { present }],
      ['OPEN', {}],
    ] as const) {
      await must(type, t.sendEvent(secretariatA, votingSession, type, payload));
    }
    const termIds = (
      (await t.getAs(t.adminToken, `/api/v1/councils/${councilA.id}`)).body.members as {
        id: string;
      }[]
    ).map((term) => term.id);
    ballot = {
      sessionId: votingSession,
      closedSessionId: closedSession,
      caseId: votedOn,
      draftCaseId: caseA,
      voter: voter.token,
      auditor: tokenOf.auditor!,
    };
    const verificationCode = verificationCodeFor(announcedCase, announceRecord.hash);
    // Tampered signature of a real token.
    auth['garbage:bad-signature'] = `Bearer ${t.adminToken.slice(0, -4)}AAAA`;

    // The user the /users routes may edit (never one of the callers), with one grant.
    const target = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
    const targetView = await t.getAs(t.adminToken, `/api/v1/users/${target.id}`);
    const grantIds = ((targetView.body.grants ?? []) as { id?: string }[])
      .map((grant) => grant.id)
      .filter((id): id is string => typeof id === 'string');

    // Workflows and rule sets that exist, and every event type they define.
    const workflows = await t.getAs(t.adminToken, '/api/v1/workflows');
    const rulesets = await t.getAs(t.adminToken, '/api/v1/rulesets');
    const names = new Set<string>([
      'nomination',
      'violation',
      'vn-law-06-2022-decree-152-2025',
      verificationCode,
      // Dossier document codes, so some uploads get past the query check.
      'to_trinh',
      'bao_cao_thanh_tich',
    ]);
    for (const item of [...listOf(workflows.body), ...listOf(rulesets.body)]) {
      if (typeof item?.id === 'string') names.add(item.id);
    }
    const eventTypes = new Set<string>(['SUBMIT', 'WITHDRAW', 'NO_SUCH_EVENT', 'submit']);
    const caseTypes = new Set<string>(['nomination', 'NOMINATION', 'no_such_type']);
    // Every published version of every workflow (nominations, violations, council sessions …).
    for (const workflow of listOf(workflows.body)) {
      if (typeof workflow?.caseType === 'string') caseTypes.add(workflow.caseType);
      const definition = await t.getAs(
        t.adminToken,
        `/api/v1/workflows/${workflow.id}/versions/${workflow.version}`,
      );
      const events = definition.body?.events;
      if (Array.isArray(events)) {
        for (const event of events) if (typeof event?.type === 'string') eventTypes.add(event.type);
      } else if (events && typeof events === 'object') {
        for (const type of Object.keys(events)) eventTypes.add(type);
      }
    }

    context = {
      ids: [
        committee.id,
        unitA.id,
        unitB.id,
        personA.id,
        personB.id,
        caseA,
        caseB,
        announcedCase,
        votedOn,
        closedSession,
        votingSession,
        councilA.id,
        councilB.id,
        ...termIds,
        ...documents.map((document) => document.id),
        target.id,
        ...grantIds,
      ],
      idsOf: {
        units: [committee.id, unitA.id, unitB.id],
        people: [personA.id, personB.id],
        cases: [caseA, caseB, announcedCase, votedOn, closedSession, votingSession],
        councils: [councilA.id, councilB.id],
        'council-sessions': [closedSession, votingSession],
        members: termIds,
        documents: documents.map((document) => document.id),
        users: [target.id],
        grants: grantIds.length > 0 ? [...grantIds] : [target.id],
      },
      names: [...names],
      caseTypes: [...caseTypes],
      eventTypes: [...eventTypes],
      usernames: [...usernames, target.username, 'ADMIN', 'nobody'],
      passwords: [ADMIN.password, TEST_PASSWORD, 'wrong-password-123'],
      // Real callers four times as often as no token or a garbage one.
      callers: Object.keys(auth).flatMap((caller) =>
        auth[caller]?.startsWith('Bearer ey') && !caller.startsWith('garbage')
          ? [caller, caller, caller, caller]
          : [caller],
      ),
      sharedKeys: ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'],
    };
  }, timeLimit(180_000));

  afterAll(async () => {
    await t?.close();
  });

  async function send(request: FuzzRequest): Promise<Response> {
    let call = t.http[request.method](request.url);
    const authorization = auth[request.caller];
    if (authorization !== undefined) call = call.set('Authorization', authorization);
    if (request.idempotencyKey !== undefined)
      call = call.set('Idempotency-Key', request.idempotencyKey);
    const { body } = request;
    if (body.kind === 'json') {
      return call.set('Content-Type', 'application/json').send(safeStringify(body.value));
    }
    if (body.kind === 'raw') return call.set('Content-Type', body.contentType).send(body.text);
    return call;
  }

  it('has a digest that sees an accepted change (sanity check of the oracle)', async () => {
    const dataSource = t.app.get(Database).dataSource;
    const before = await databaseDigest(dataSource);
    expect(digestDifferences(before, await databaseDigest(dataSource))).toEqual([]);
    await t.createUnit('Tổ kiểm tra digest', 'office');
    const changed = digestDifferences(before, await databaseDigest(dataSource));
    expect(changed.map((line) => line.split(':')[0]).sort()).toEqual(['admin_changes', 'units']);
  });

  it('sees an accepted ballot, and a refused one changes nothing', async () => {
    const dataSource = t.app.get(Database).dataSource;
    const cast = (token: string, sessionId: string, caseId: string) =>
      t
        .postAs(token, `/api/v1/council-sessions/${sessionId}/ballots`)
        .send({ caseId, choice: 'approve' });
    const before = await databaseDigest(dataSource);
    const accepted = await cast(ballot.voter, ballot.sessionId, ballot.caseId);
    expect(accepted.status).toBe(201);
    const afterAccepted = await databaseDigest(dataSource);
    expect(
      digestDifferences(before, afterAccepted)
        .map((line) => line.split(':')[0])
        .sort(),
    ).toEqual(['ballot_participation', 'sealed_ballots']);

    const refused = [
      await cast(ballot.voter, ballot.sessionId, ballot.caseId),
      await cast(ballot.auditor, ballot.sessionId, ballot.caseId),
      await cast(ballot.voter, ballot.sessionId, ballot.draftCaseId),
      await cast(ballot.voter, ballot.closedSessionId, ballot.caseId),
    ];
    expect(refused.map((response) => `${response.status} ${response.body.code}`)).toEqual([
      '409 COUNCIL.ALREADY_VOTED',
      '403 COUNCIL.NOT_A_VOTER',
      '422 COUNCIL.NOT_ON_AGENDA',
      '409 COUNCIL.VOTING_CLOSED',
    ]);
    expect(digestDifferences(afterAccepted, await databaseDigest(dataSource))).toEqual([]);
  });

  it(
    `answers ${RUNS} fuzzed requests with no 5xx, problem+json refusals and no change on refusal`,
    async () => {
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(10);
      const requests = fc.oneof(
        ...operations.map((operation) =>
          requestFor(document, context, operation).map((request) =>
            Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) }),
          ),
        ),
      );

      const dataSource = t.app.get(Database).dataSource;
      let digest: Digest = await databaseDigest(dataSource);
      const seen = new Map<string, Map<string, number>>();

      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const response = await send(request);
          const after = await databaseDigest(dataSource);
          const before = digest;
          digest = after;

          // What an accepted request created becomes a target for later requests.
          const createdId = response.status < 300 ? response.body?.id : undefined;
          if (typeof createdId === 'string' && !context.ids.includes(createdId)) {
            if (context.ids.length < 60) context.ids.push(createdId);
            const kind = kindCreatedBy(request.operation);
            const pool = kind === undefined ? undefined : context.idsOf[kind];
            if (pool !== undefined && pool.length < 20) pool.push(createdId);
          }

          const statuses = seen.get(request.operation) ?? new Map<string, number>();
          const answer =
            response.status < 400
              ? `${response.status}`
              : `${response.status} ${response.body?.code}`;
          statuses.set(answer, (statuses.get(answer) ?? 0) + 1);
          seen.set(request.operation, statuses);

          const problems: string[] = [];
          if (response.status >= 500) problems.push('server error');
          if (response.status >= 400) {
            const type = response.headers['content-type'] ?? '(none)';
            if (!PROBLEM_JSON.test(type)) problems.push(`content-type ${type}`);
            if (typeof response.body?.code !== 'string') problems.push('no string `code`');
            for (const [leak, pattern] of LEAKS) {
              if (pattern.test(response.text ?? '')) problems.push(`leaks ${leak}`);
            }
            // A refused sign-in or password change counts against the account, and may lock it.
            const isLogin =
              request.method === 'post' && COUNTS_FAILED_SIGN_INS.includes(request.operation);
            const changed = digestDifferences(before, after, isLogin ? LOGIN_LOCK_TABLES : []);
            if (changed.length > 0) problems.push(`refused but changed ${changed.join(', ')}`);
          }
          if (problems.length > 0) {
            const text = response.text ?? '';
            throw new Error(
              `${problems.join('; ')}\n${describeRequest(request)}\n→ ${response.status} ${
                response.headers['content-type'] ?? ''
              }\n${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`,
            );
          }
        }),
        {
          numRuns: RUNS,
          seed: SEED,
          ...(PATH !== undefined ? { path: PATH } : {}),
          endOnFailure: process.env.FUZZ_NO_SHRINK === '1',
        },
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);

      const summary = [...seen.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, statuses]) => {
          const counts = [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b));
          return `${operation}\n    ${counts.map(([s, n]) => `${s}×${n}`).join(', ')}`;
        });
      // eslint-disable-next-line no-console
      console.log(
        `API fuzz (${dialect}): ${RUNS} requests in ${seconds}s, seed ${SEED}\n${summary.join('\n')}`,
      );

      // Meaningful only if the requests reached the routes: every operation was tried, and some
      // were accepted (so the refusals are not just a wall of 401s).
      if (RUNS >= operations.length * 20) {
        const untried = operations
          .map((op) => `${op.method.toUpperCase()} ${op.template}`)
          .filter((op) => !seen.has(op));
        expect(untried).toEqual([]);
        const accepted = [...seen.values()].reduce(
          (sum, statuses) =>
            sum +
            [...statuses.entries()]
              .filter(([s]) => Number(s.slice(0, 3)) < 300)
              .reduce((n, [, c]) => n + c, 0),
          0,
        );
        expect(accepted).toBeGreaterThan(RUNS / 50);
      }
    },
    timeLimit(120_000 + RUNS * 200),
  );

  // Found by this fuzz: a request head over Node's 16 KB limit never reaches Fastify's routing, and
  // was answered in Fastify's own JSON shape until the app got its own client-error handler.
  it('answers a request head over 16 KB as problem+json', async () => {
    const response = await t.http
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('REQUEST.HEADERS_TOO_LARGE');
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function listOf(body: any): any[] {
  if (Array.isArray(body)) return body;
  if (Array.isArray(body?.items)) return body.items;
  if (body && typeof body === 'object') {
    for (const value of Object.values(body)) if (Array.isArray(value)) return value;
  }
  return [];
}
