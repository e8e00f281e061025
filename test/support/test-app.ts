import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Response, type Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { HashParameters } from '../../src/auth/password-hasher';
import { createApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/clock';
import type { ChangeAuthor } from '../../src/domain/org/change-log';
import { verifyCase } from '../../src/domain/audit/verify-case';
import type { Role } from '../../src/domain/roles';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';
import { UsersService } from '../../src/users/users.service';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../../src/persistence/repositories/cases.repository';
import { createTestDatabase, type DialectName, type TestDatabase } from './databases';
import { checkedAgainst, contractOf } from './openapi-contract';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
/** The password of every user the helpers create (ready to work: they have nothing to change). */
export const TEST_PASSWORD = 'a-long-test-password';
/** What the administrator sets when creating a user; the user replaces it at once. */
export const INITIAL_PASSWORD = 'an-initial-password-set-by-the-admin';

/**
 * What the app hashes new passwords with in tests: scrypt at 1 MiB instead of the OWASP cost
 * (32 MiB, three passes), because a suite signs users in hundreds of times. Hashes stay
 * self-describing, so the administrator's, hashed at start-up at the real cost, still verifies
 * (and is rehashed to this at its first sign-in). passwords.spec.ts tests the real parameters.
 */
export const TEST_HASHING: HashParameters = { algorithm: 'scrypt', N: 2 ** 10, r: 8, p: 1 };

/** A cookie as the server set it: its value and attributes (names lower case). */
export interface SetCookie {
  value: string;
  attributes: Record<string, string | true>;
}

/** The cookies a response sets, by name. */
export function cookiesSetBy(response: Response): Record<string, SetCookie> {
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return Object.fromEntries(
    lines.map((line) => {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      return [
        pair.slice(0, equals),
        {
          value: decodeURIComponent(pair.slice(equals + 1)),
          attributes: Object.fromEntries(
            attributes.map((attribute) => {
              const [name, ...value] = attribute.split('=');
              return [name.toLowerCase(), value.length ? value.join('=') : true];
            }),
          ),
        },
      ];
    }),
  );
}

/** A signed-in browser: its two cookies and the CSRF token of its session. */
export interface BrowserSession {
  access: string;
  refresh: string;
  csrfToken: string;
  /** The Cookie header the browser sends to /api/v1/auth/... (both cookies). */
  cookieHeader(): string;
}

/** The browser session a /auth/session or /auth/refresh answer (200) started or renewed. */
export function browserSessionFrom(response: Response, before?: BrowserSession): BrowserSession {
  if (response.status !== 200) {
    throw new Error(`no session: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const cookies = cookiesSetBy(response);
  const access = cookies.thidua_access?.value ?? before?.access;
  const refresh = cookies.thidua_refresh?.value ?? before?.refresh;
  if (!access || !refresh) throw new Error('the answer set no session cookies');
  return {
    access,
    refresh,
    csrfToken: response.body.csrfToken,
    cookieHeader: () => `thidua_access=${access}; thidua_refresh=${refresh}`,
  };
}

/**
 * The browser session after an answer that renewed some of its cookies without being a sign-in
 * (a password change sets a new access cookie), with the same CSRF token.
 */
export function browserSessionAfter(response: Response, session: BrowserSession): BrowserSession {
  const cookies = cookiesSetBy(response);
  const access = cookies.thidua_access?.value ?? session.access;
  const refresh = cookies.thidua_refresh?.value ?? session.refresh;
  return {
    access,
    refresh,
    csrfToken: session.csrfToken,
    cookieHeader: () => `thidua_access=${access}; thidua_refresh=${refresh}`,
  };
}

/** The media type of every error answer (RFC 9457 problem details). */
export const PROBLEM_JSON = /^application\/problem\+json/;

/** Checks that `response` is a problem details answer with this status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
}

/** Checks that the event `type` was accepted and moved the case to `state`, at `version`. */
export function expectAccepted(
  response: Response,
  type: string,
  state: string,
  version: number,
): void {
  expect({ type, status: response.status, state: response.body.state }).toEqual({
    type,
    status: 200,
    state,
  });
  expect(response.body.version).toBe(version);
}

/** The event types a case answer offers its caller, sorted. */
export const eventTypes = (response: Response): string[] =>
  response.body.allowedEvents.map((event: { type: string }) => event.type).sort();

/** Options of a request that writes: sent as the Idempotency-Key header when given. */
export interface WriteOptions {
  idempotencyKey?: string;
}

/** Options of an event: `expectedVersion` goes in the body, the key in the header. */
export interface EventOptions extends WriteOptions {
  expectedVersion?: number;
}

/** The real application (same bootstrap as production) on a fresh database. */
export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  http: TestAgent;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** POST /api/v1/auth/session (a browser signing in), with these extra headers. */
  signIn(username: string, password?: string, headers?: Record<string, string>): Test;
  /** Signs a browser in (password: TEST_PASSWORD by default) and returns its session. */
  browserSession(username: string, password?: string): Promise<BrowserSession>;
  /** `method` `path` as that browser: its cookies, and its CSRF token unless `csrf` is false. */
  asBrowser(
    session: BrowserSession,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    csrf?: boolean,
  ): Test;
  /** POST /api/v1/auth/password as `token`'s user. */
  changePassword(token: string, currentPassword: string, newPassword: string): Test;
  adminToken: string;
  /**
   * Creates a user with these roles over the whole organisation and returns their token: ready to
   * work, with TEST_PASSWORD and nothing left to change (see userWithGrants below for why).
   */
  userWith(...roles: Role[]): Promise<TestUser>;
  /** Creates a user with these grants (role over a unit subtree), optionally linked to a person. */
  userWithGrants(grants: TestGrant[], personId?: string): Promise<TestUser>;
  /**
   * Creates a user with these roles as an administrator does (POST /users, INITIAL_PASSWORD) and
   * signs them in for the first time, when they change it to TEST_PASSWORD (one password change
   * in their history, their first token generation past); returns their token of after it.
   */
  userWhoChoseTheirPassword(...roles: Role[]): Promise<TestUser>;
  /** Creates a unit as the admin (under `parentId` if given) and returns it. */
  createUnit(name: string, kind?: string, parentId?: string): Promise<{ id: string; code: string }>;
  /** Creates a person in `unitId` (default: a root test unit) and returns them. */
  createPerson(fullName: string, unitId?: string): Promise<{ id: string; code: string }>;
  /** A new person in the default test unit, as a case subject: `{ kind: 'person', personId }`. */
  personSubject(fullName: string): Promise<{ kind: 'person'; personId: string }>;
  /** Creates one user per role listed, in order, and returns their tokens in the same order. */
  tokensFor(...roles: Role[]): Promise<string[]>;
  /** GET `path` with `token` as bearer. */
  getAs(token: string, path: string): Test;
  /** POST to `path` with `token` as bearer, body not yet sent. */
  postAs(token: string, path: string, options?: WriteOptions): Test;
  /** PATCH `path` with `token` as bearer, body not yet sent. */
  patchAs(token: string, path: string): Test;
  /** POST /api/v1/cases with this body. */
  openCase(token: string, body: object, options?: WriteOptions): Test;
  /** POST /api/v1/cases/:id/events with this body, as is. */
  postEvent(token: string, caseId: string, body: object, options?: WriteOptions): Test;
  /** POST /api/v1/cases/:id/events with `{ type, payload?, expectedVersion? }`. */
  sendEvent(
    token: string,
    caseId: string,
    type: string,
    payload?: unknown,
    options?: EventOptions,
  ): Test;
  /** GET /api/v1/cases, with `query` (e.g. `type=violation&limit=2`) when given. */
  listCases(token: string, query?: string): Test;
  /** GET /api/v1/cases/:id. */
  getCase(token: string, caseId: string): Test;
  /** GET /api/v1/cases/:id/history, with `query` when given. */
  history(token: string, caseId: string, query?: string): Test;
  /** GET /api/v1/cases/:id/verify. */
  verify(token: string, caseId: string): Test;
  /** Uploads a dossier document (a small PDF unless `content` is given) to a nomination. */
  uploadDocument(
    token: string,
    caseId: string,
    code: string,
    options?: { fileName?: string; content?: Buffer; mediaType?: string },
  ): Test;
  /** Uploads every document the award's dossier requires (default: the grassroots titles'). */
  attachDossier(token: string, caseId: string, codes?: readonly string[]): Promise<void>;
  /**
   * Moves the app's clock (locks, sessions) this many seconds on, for the rest of the suite.
   * Tokens keep their real times: JWT expiry is the library's, not the app's clock.
   */
  advanceClock(seconds: number): void;
  /** The test tampered with this case on purpose: closing does not report its drift. */
  expectTampered(caseId: string): void;
  /**
   * Verifies and replays every case the suite created (the bar: zero drift over every case the
   * end-to-end tests create), then stops the app and drops the database.
   */
  close(): Promise<void>;
}

/** The documents every award of the shipped rule set requires (Law 06/2022 Art 84(1)). */
export const FULL_DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'] as const;

/** Nomination data for the shipped rule set: an individual title of the year before this one. */
export const nominationData = (
  awardCode = 'lao_dong_tien_tien',
  evaluationYear = new Date().getUTCFullYear() - 1,
) => ({ awardCode, evaluationYear });

export const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

export interface TestGrant {
  role: Role;
  unitId?: string | null;
}

let userCounter = 0;
let codeCounter = 0;

const withQuery = (path: string, query?: string) => (query ? `${path}?${query}` : path);

/**
 * Every case in the database, verified and replayed by the check the verify endpoint runs
 * (src/domain/audit/verify-case.ts), on the test's own thread with the app's catalogue, whoever
 * may read the case. Through the endpoint's service every app would start a worker thread at its
 * close, which loads and compiles every workflow again: on CI's 2 cores that cost a second or two
 * of CPU per test app, for the same answer. The endpoint's worker path has its own tests
 * (tamper-detection.spec.ts and the stories that call t.verify).
 */
async function verifyEveryCase(app: NestFastifyApplication, tampered: ReadonlySet<string>) {
  const cases = app.get<CasesRepository>(CASES_REPOSITORY);
  const catalogue = app.get(WorkflowCatalogue);
  const drift: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await cases.list({ scopes: null, cursor, limit: 100 });
    for (const listed of page.items) {
      if (tampered.has(listed.id)) continue;
      const stored = await cases.findById(listed.id);
      if (stored === null) throw new Error(`case ${listed.id} is listed but cannot be read`);
      const records = await cases.fullHistory(stored.id);
      const result = verifyCase(stored, records, (pin) =>
        pin === null
          ? catalogue.get(stored.workflow.id, stored.workflow.version)
          : catalogue.get(pin.id, pin.version),
      );
      if (!result.ok) drift.push(`${stored.id}: ${result.problem} at ${result.firstBadSeq}`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (drift.length > 0) {
    throw new Error(`cases that do not verify or replay after the suite:\n${drift.join('\n')}`);
  }
}

/**
 * Starts the app on a fresh database. `env` sets further variables for this app only (another
 * rule-set or workflow folder); they are removed again once the app has read its configuration.
 */
export async function startTestApp(
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const tampered = new Set<string>();
  const database = await createTestDatabase(dialect);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ...database.env,
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp({ passwordHashingForTests: TEST_HASHING });
  } catch (error) {
    // A start-up a test expects to fail (a bad template, a bad workflow) leaves no schema behind.
    await database.drop();
    throw error;
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
  // Every successful JSON answer a test awaits is checked against the document the app serves.
  const contract = contractOf((await request(app.getHttpServer()).get('/api/docs-json')).text);
  const undocumented: string[] = [];
  const http = checkedAgainst(request(app.getHttpServer()), contract, undocumented);
  let clockOffsetMs = 0;

  const login = async (username: string, password = TEST_PASSWORD) => {
    const response = await http.post('/api/v1/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    return response.body.accessToken as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);

  let admin: Promise<ChangeAuthor> | undefined;
  const adminAuthor = () =>
    (admin ??= getAs(adminToken, '/api/v1/auth/me').then((me) => ({
      userId: me.body.id as string,
      username: ADMIN.username,
    })));

  const asAdmin = async (path: string, body: object) => {
    const response = await http.post(path).auth(adminToken, { type: 'bearer' }).send(body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    http
      .post('/api/v1/auth/password')
      .auth(token, { type: 'bearer' })
      .send({ currentPassword, newPassword });

  const userWithGrants = async (grants: TestGrant[], personId?: string) => {
    userCounter += 1;
    const username = `${grants
      .map((grant) => grant.role)
      .join('-')
      .replace(/_/g, '.')}-${userCounter}`.slice(0, 64);
    // Created as the system creates the users whose password it was given (the first
    // administrator, the demo loader), in the administrator's name, rather than through POST
    // /users and the first sign-in's password change: that change judges the password in a worker
    // thread, which every test app started (with its dictionaries) for its helpers' users alone.
    // Those three requests per user and the thread were a fifth of the CPU of the e2e files
    // (measured on eight of them, 2026-12-03: 37 s → 30 s). Tests that need a user who went that
    // way (a password change in their history) use userWhoChoseTheirPassword.
    const body = await app.get(UsersService).createAs(await adminAuthor(), {
      username,
      displayName: `Người dùng ${userCounter}`,
      password: TEST_PASSWORD,
      grants,
      ...(personId ? { personId } : {}),
    });
    return { id: body.id, username, token: await login(username) };
  };

  const userWith = (...roles: Role[]) => userWithGrants(roles.map((role) => ({ role })));

  const userWhoChoseTheirPassword = async (...roles: Role[]) => {
    userCounter += 1;
    const username = `${roles.join('-').replace(/_/g, '.')}-${userCounter}`.slice(0, 64);
    const body = await asAdmin('/api/v1/users', {
      username,
      displayName: `Người dùng ${userCounter}`,
      password: INITIAL_PASSWORD,
      grants: roles.map((role) => ({ role })),
    });
    const first = await login(username, INITIAL_PASSWORD);
    const changed = await changePassword(first, INITIAL_PASSWORD, TEST_PASSWORD);
    if (changed.status !== 204) {
      throw new Error(`password of ${username}: ${changed.status} ${JSON.stringify(changed.body)}`);
    }
    // The change withdrew every token issued before it: the user signs in again.
    return { id: body.id as string, username, token: await login(username) };
  };

  const createUnit = async (name: string, kind = 'agency', parentId?: string) => {
    codeCounter += 1;
    const body = await asAdmin('/api/v1/units', {
      code: `U-${codeCounter}`,
      name,
      kind,
      ...(parentId ? { parentId } : {}),
    });
    return { id: body.id as string, code: body.code as string };
  };

  let defaultUnit: Promise<{ id: string; code: string }> | undefined;
  const createPerson = async (fullName: string, unitId?: string) => {
    codeCounter += 1;
    defaultUnit ??= createUnit('Đảng ủy Khối (thử nghiệm)', 'party_committee');
    const body = await asAdmin('/api/v1/people', {
      code: `P-${codeCounter}`,
      fullName,
      unitId: unitId ?? (await defaultUnit).id,
      employmentType: 'civil_servant',
    });
    return { id: body.id as string, code: body.code as string };
  };

  const tokensFor = async (...roles: Role[]) => {
    const tokens: string[] = [];
    for (const role of roles) tokens.push((await userWith(role)).token);
    return tokens;
  };

  const getAs = (token: string, path: string) => http.get(path).auth(token, { type: 'bearer' });

  const signIn = (
    username: string,
    password = TEST_PASSWORD,
    headers: Record<string, string> = {},
  ) => http.post('/api/v1/auth/session').set(headers).send({ username, password });

  const asBrowser: TestApp['asBrowser'] = (session, method, path, csrf = true) => {
    const call = http[method](path).set('Cookie', session.cookieHeader());
    return csrf ? call.set('X-CSRF-Token', session.csrfToken) : call;
  };

  const postAs = (token: string, path: string, options: WriteOptions = {}) => {
    const post = http.post(path).auth(token, { type: 'bearer' });
    if (options.idempotencyKey !== undefined) post.set('Idempotency-Key', options.idempotencyKey);
    return post;
  };

  const patchAs = (token: string, path: string) => http.patch(path).auth(token, { type: 'bearer' });

  const postEvent = (token: string, caseId: string, body: object, options?: WriteOptions) =>
    postAs(token, `/api/v1/cases/${caseId}/events`, options).send(body);

  const uploadDocument: TestApp['uploadDocument'] = (token, caseId, code, options = {}) =>
    postAs(
      token,
      `/api/v1/cases/${caseId}/documents?code=${code}&fileName=${encodeURIComponent(options.fileName ?? `${code}.pdf`)}`,
    )
      .set('Content-Type', options.mediaType ?? 'application/pdf')
      .send(options.content ?? pdfBytes(`${caseId} ${code}`));

  const attachDossier = async (token: string, caseId: string, codes = FULL_DOSSIER) => {
    for (const code of codes) {
      const response = await uploadDocument(token, caseId, code);
      if (response.status !== 200)
        throw new Error(`upload ${code}: ${JSON.stringify(response.body)}`);
    }
  };

  return {
    app,
    database,
    http,
    login,
    signIn,
    browserSession: async (username, password) =>
      browserSessionFrom(await signIn(username, password)),
    asBrowser,
    changePassword,
    adminToken,
    userWith,
    userWithGrants,
    userWhoChoseTheirPassword,
    createUnit,
    createPerson,
    personSubject: async (fullName) => ({
      kind: 'person' as const,
      personId: (await createPerson(fullName)).id,
    }),
    tokensFor,
    getAs,
    postAs,
    patchAs,
    openCase: (token, body, options) => postAs(token, '/api/v1/cases', options).send(body),
    uploadDocument,
    attachDossier,
    postEvent,
    sendEvent: (token, caseId, type, payload, options = {}) =>
      postEvent(
        token,
        caseId,
        {
          type,
          ...(payload !== undefined ? { payload } : {}),
          ...(options.expectedVersion !== undefined
            ? { expectedVersion: options.expectedVersion }
            : {}),
        },
        options,
      ),
    listCases: (token, query) => getAs(token, withQuery('/api/v1/cases', query)),
    getCase: (token, caseId) => getAs(token, `/api/v1/cases/${caseId}`),
    history: (token, caseId, query) =>
      getAs(token, withQuery(`/api/v1/cases/${caseId}/history`, query)),
    verify: (token, caseId) => getAs(token, `/api/v1/cases/${caseId}/verify`),
    expectTampered: (caseId: string) => tampered.add(caseId),
    advanceClock: (seconds: number) => {
      clockOffsetMs += seconds * 1000;
      const clock = app.get(Clock);
      clock.now = () => new Date(Date.now() + clockOffsetMs);
    },
    close: async () => {
      try {
        await verifyEveryCase(app, tampered);
        if (undocumented.length > 0) {
          throw new Error(
            `Answers not as the OpenAPI document describes them:\n${[...new Set(undocumented)].join('\n')}`,
          );
        }
      } finally {
        await app.close();
        await database.drop();
      }
    },
  };
}
