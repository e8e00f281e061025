import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { ROLES, type Role } from '../../src/domain/roles';
import { NOTIFICATION_KINDS } from '../../src/notifications/notification-request';
import { verificationCodeFor } from '../../src/outputs/award-decision';
import { councilOf, holdCouncilSession, todayInVietnam } from '../support/council';
import { DIALECTS, type DialectName } from '../support/databases';
import { resolvingReview } from './nominations/review-resolutions';
import {
  PROBLEM_JSON,
  nominationData,
  pdfBytes,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { timeLimit } from '../support/time-limits';

// Some 900 requests per database, each a sign-in-backed call, beside the other tiers on CI.
jest.setTimeout(timeLimit(300_000));

/*
 * The table and its checks, run by one spec file per database (authorization-matrix.sqlite.spec.ts
 * and authorization-matrix.postgres.spec.ts): as one file, the two databases ran one after the
 * other in a single jest worker, the longest file of npm test (213–304 s on CI's 2 cores), while
 * two files run side by side in two workers. Each file still boots one app and builds one
 * organisation, as before.
 */

/**
 * Story: who may do what, where — one table for the whole API. Every documented operation is a row;
 * each row says, for every role, what a caller scoped to unit A gets when the request is about A
 * (in scope) and about its sibling B (out of scope). Out of scope answers exactly like missing
 * (404), lists simply leave such items out, and a role the route does not admit gets 403 whatever
 * the resource. A route the table does not list fails the first test, so none can be forgotten.
 *
 * The organisation: committee C with two child units A and B; person pA in A, pB in B; a draft
 * nomination about pA (opened by a unit leader of A, with one dossier document) and one about pB
 * (opened by a unit leader of B); and in each unit a council of three (a chair and two members), a
 * second nomination that the unit's own secretariat, council session and chair took to an announced
 * award (for the certificate, the decision list, and a closed session with its minutes), and a
 * third awaiting a session that is voting on it. The public notice pages need no token: their rows
 * say what an anonymous caller gets. The admin is organisation-wide (the only way admin can be
 * granted); every other role is one user scoped to A, and the council_member is one of the members
 * of A's council (the roster, not the grant, lets them vote). Bodies are chosen so that the answer
 * shows the authorisation decision and changes nothing that matters: an unknown event type (422 once
 * past authorisation), a rename to the same name, a grant id that does not exist, a spreadsheet
 * that repeats what the registry already holds, a term of office that would end before it starts.
 */

/**
 * Operations reachable without a token that the table does not list (signing in counts failures
 * against the account, which the table is not about); everything else is in TABLE.
 */
const PUBLIC_OPERATIONS = ['POST /api/v1/auth/login', 'POST /api/v1/auth/session', 'GET /health'];

const ROLES_IN_TABLE = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
] as const satisfies readonly Role[];

/** An expected answer: a success status, or an error status with its problem `code`. */
type Outcome = 200 | 201 | 204 | `${4 | 5}${number} ${string}`;
/** [in scope, out of scope]. */
type Cell = readonly [Outcome, Outcome];

/** What a request is about: A's resources (in scope) or B's (out of scope). */
interface Side {
  unitId: string;
  unitCode: string;
  unitName: string;
  personId: string;
  personCode: string;
  personName: string;
  /** A draft nomination about the side's person, with one dossier document. */
  caseId: string;
  documentId: string;
  /** An announced nomination in the side's unit, with its certificate's verification code. */
  announcedCaseId: string;
  verificationCode: string;
  /** The unit's council, and one term of office on it. */
  councilId: string;
  councilMemberId: string;
  /** The session that recommended the announced nomination: closed, with its minutes. */
  closedSessionId: string;
  /**
   * A session voting on one nomination of the side's unit (`votingItemId`), whose quorum was lost
   * after it opened (only one member still present): it takes ballots but cannot close.
   */
  votingSessionId: string;
  votingItemId: string;
  /** A movement the side's unit launched, in which its own subtree takes part. */
  movementId: string;
}

interface Fixture {
  committee: { id: string; code: string };
  /** A user that the /users rows read, edit and grant to (never one of the callers). */
  targetUserId: string;
  /** A fresh value for codes and usernames that must be unique. */
  unique(): string;
}

interface Row {
  /** `METHOD /path/{param}` exactly as the OpenAPI document names the operation. */
  operation: string;
  params?: (side: Side, fixture: Fixture) => Record<string, string>;
  /** The query string, without the "?". */
  query?: (side: Side, fixture: Fixture) => string;
  /** JSON (an object), a CSV file (a string, sent as text/csv) or a PDF file (a Buffer). */
  body?: (side: Side, fixture: Fixture) => object | string | Buffer;
  /** What a request without a token gets: 401 unless the route is public. */
  anonymous?: Outcome;
  expect: Record<(typeof ROLES_IN_TABLE)[number], Cell>;
}

const FORBIDDEN = '403 AUTH.FORBIDDEN';
/** A deadline id no timer has: the retry row shows the authorisation decision only. */
const NO_SUCH_DEADLINE = randomUUID();
const NO_CASE = '404 CASE.NOT_FOUND';
const NO_UNIT = '404 UNIT.NOT_FOUND';
const NO_PERSON = '404 PERSON.NOT_FOUND';
const UNKNOWN_EVENT = '422 CASE.EVENT_UNKNOWN';
const UNKNOWN_SUBJECT = '422 CASE.UNKNOWN_SUBJECT';
const MAY_NOT_OPEN = '403 CASE.ROLE_NOT_ALLOWED';
const NO_GRANT = '404 USER.GRANT_NOT_FOUND';
const ROLE_NOT_ALLOWED = '403 CASE.ROLE_NOT_ALLOWED';
const NOT_IN_STATE = '409 CASE.EVENT_NOT_ALLOWED_IN_STATE';
const NO_NOTICE = '404 NOTICE.NOT_FOUND';
const NO_JOB = '404 IMPORT.JOB_NOT_FOUND';
const UNAUTHENTICATED = '401 AUTH.UNAUTHENTICATED';
const SESSION_ENDED = '401 AUTH.SESSION_ENDED';
const WRONG_PASSWORD = '403 AUTH.WRONG_CURRENT_PASSWORD';
const NO_COUNCIL = '404 COUNCIL.NOT_FOUND';
const INVALID_COUNCIL = '422 COUNCIL.INVALID';
/** A unit out of the caller's scope cannot be named for a council, as for a case's subject. */
const NO_SUCH_UNIT_FOR_COUNCIL = '422 COUNCIL.INVALID';
const NOT_A_VOTER = '403 COUNCIL.NOT_A_VOTER';
const NO_QUORUM = '422 CASE.GUARD_FAILED';
const NO_MOVEMENT = '404 MOVEMENT.NOT_FOUND';
/** A nomination's id is no proposal's: the proposal rows show the authorisation decision. */
const NO_PROPOSAL = '404 PROPOSAL.NOT_FOUND';
const NO_RATED_SUBJECT = '404 RATING.SUBJECT_NOT_FOUND';
/** The year the rating rows ask about: one the rule set's scale covers. */
const RATED_YEAR = '2025';

const TABLE: Row[] = [
  // ── Own account: every signed-in user; the session routes read the refresh cookie, which a
  // bearer caller does not have. ──
  {
    operation: 'GET /api/v1/auth/me',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    // A wrong current password: past authorisation, and nobody's password changes.
    operation: 'POST /api/v1/auth/password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'a-new-matrix-password' }),
    expect: {
      admin: [WRONG_PASSWORD, WRONG_PASSWORD],
      unit_leader: [WRONG_PASSWORD, WRONG_PASSWORD],
      secretariat: [WRONG_PASSWORD, WRONG_PASSWORD],
      council_member: [WRONG_PASSWORD, WRONG_PASSWORD],
      council_chair: [WRONG_PASSWORD, WRONG_PASSWORD],
      auditor: [WRONG_PASSWORD, WRONG_PASSWORD],
    },
  },
  {
    operation: 'POST /api/v1/auth/refresh',
    anonymous: SESSION_ENDED,
    expect: {
      admin: [SESSION_ENDED, SESSION_ENDED],
      unit_leader: [SESSION_ENDED, SESSION_ENDED],
      secretariat: [SESSION_ENDED, SESSION_ENDED],
      council_member: [SESSION_ENDED, SESSION_ENDED],
      council_chair: [SESSION_ENDED, SESSION_ENDED],
      auditor: [SESSION_ENDED, SESSION_ENDED],
    },
  },
  {
    // No session to end: only the cookies are cleared.
    operation: 'POST /api/v1/auth/logout',
    anonymous: 204,
    expect: {
      admin: [204, 204],
      unit_leader: [204, 204],
      secretariat: [204, 204],
      council_member: [204, 204],
      council_chair: [204, 204],
      auditor: [204, 204],
    },
  },

  // ── Cases: working roles, narrowed to their scope; the workflow decides who opens. Reading
  // and sending events is open to every signed-in user (a person reads and answers the cases about
  // them): the admin, who reads no case, finds none. ──
  {
    operation: 'POST /api/v1/cases',
    body: (side) => ({
      type: 'nomination',
      subject: { kind: 'person', personId: side.personId },
      data: nominationData(),
    }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [201, UNKNOWN_SUBJECT],
      secretariat: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      council_member: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      council_chair: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      auditor: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
    },
  },
  {
    operation: 'GET /api/v1/cases',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [NO_CASE, NO_CASE],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'POST /api/v1/cases/{id}/events',
    params: (side) => ({ id: side.caseId }),
    body: () => ({ type: 'NO_SUCH_EVENT' }),
    expect: {
      admin: [NO_CASE, NO_CASE],
      unit_leader: [UNKNOWN_EVENT, NO_CASE],
      secretariat: [UNKNOWN_EVENT, NO_CASE],
      council_member: [UNKNOWN_EVENT, NO_CASE],
      council_chair: [UNKNOWN_EVENT, NO_CASE],
      auditor: [UNKNOWN_EVENT, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/history',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [NO_CASE, NO_CASE],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The roster a vote on the case counts against: the side's emulation council, in its unit.
    operation: 'GET /api/v1/cases/{id}/voting-roster',
    params: (side) => ({ id: side.caseId }),
    query: () => 'body=emulation_council',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/verify',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The "am I eligible?" check reads like the case itself: whoever may read the case.
    operation: 'GET /api/v1/cases/{id}/eligibility',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The full lines behind restricted eligibility lines: whoever reads the case (and, for each
    // line, the violation it describes; a draft has none).
    operation: 'GET /api/v1/cases/{id}/eligibility/sealed',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The violation cases behind a nomination's holds: whoever reads the case (and, for each
    // hold, the violation case behind it; a draft has none).
    operation: 'GET /api/v1/cases/{id}/holds',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The report the last check recorded reads like the case itself: whoever may read the case.
    // The announced nomination has one (its APPROVE's); a draft's would be null.
    operation: 'GET /api/v1/cases/{id}/eligibility/recorded',
    params: (side) => ({ id: side.announcedCaseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // Objectors' names and contacts: the secretariat and auditors of the case's unit only.
    operation: 'GET /api/v1/cases/{id}/objections',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, NO_CASE],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_CASE],
    },
  },
  {
    // ATTACH_DOCUMENT is the unit leader's: the others may see the draft but not add to it.
    operation: 'POST /api/v1/cases/{id}/documents',
    params: (side) => ({ id: side.caseId }),
    query: () => `code=bao_cao_thanh_tich&fileName=${encodeURIComponent('Báo cáo thành tích.pdf')}`,
    body: (side) => pdfBytes(`matrix ${side.caseId}`),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [ROLE_NOT_ALLOWED, NO_CASE],
      council_member: [ROLE_NOT_ALLOWED, NO_CASE],
      council_chair: [ROLE_NOT_ALLOWED, NO_CASE],
      auditor: [ROLE_NOT_ALLOWED, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/documents/{documentId}',
    params: (side) => ({ id: side.caseId, documentId: side.documentId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/certificate',
    params: (side) => ({ id: side.announcedCaseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/decision.pdf',
    params: (side) => ({ id: side.announcedCaseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/decision-list',
    params: (side) => ({ id: side.announcedCaseId }),
    query: () => 'format=csv',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // One decision for many nominations, the secretariat's; a draft cannot be announced.
    operation: 'POST /api/v1/decisions',
    body: (side) => ({
      caseIds: [side.caseId],
      decision: { date: '2025-12-20', signer: 'Nguyễn Thị Hoà' },
    }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [NOT_IN_STATE, NO_CASE],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Councils: every role in scope reads them; admin and the unit's secretariat keep them. ──
  {
    operation: 'GET /api/v1/councils',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    // Another council for the unit: nothing stops a unit from having a second one.
    operation: 'POST /api/v1/councils',
    body: (side) => ({ unitId: side.unitId, name: 'Hội đồng Khoa học (ma trận quyền)' }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [201, NO_SUCH_UNIT_FOR_COUNCIL],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/councils/{id}',
    params: (side) => ({ id: side.councilId }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_COUNCIL],
      secretariat: [200, NO_COUNCIL],
      council_member: [200, NO_COUNCIL],
      council_chair: [200, NO_COUNCIL],
      auditor: [200, NO_COUNCIL],
    },
  },
  {
    operation: 'GET /api/v1/councils/{id}/roster',
    params: (side) => ({ id: side.councilId }),
    query: () => 'on=2025-06-30',
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_COUNCIL],
      secretariat: [200, NO_COUNCIL],
      council_member: [200, NO_COUNCIL],
      council_chair: [200, NO_COUNCIL],
      auditor: [200, NO_COUNCIL],
    },
  },
  {
    // A term that would end before it starts: refused once past authorisation.
    operation: 'POST /api/v1/councils/{id}/members',
    params: (side) => ({ id: side.councilId }),
    body: (side) => ({
      personId: side.personId,
      role: 'member',
      from: '2025-06-01',
      to: '2025-05-31',
    }),
    expect: {
      admin: [INVALID_COUNCIL, INVALID_COUNCIL],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [INVALID_COUNCIL, NO_COUNCIL],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    // The terms began on 2025-01-01: ending one the day before is refused once past authorisation.
    operation: 'POST /api/v1/councils/{id}/members/{memberId}/end',
    params: (side) => ({ id: side.councilId, memberId: side.councilMemberId }),
    body: () => ({ to: '2024-12-31' }),
    expect: {
      admin: [INVALID_COUNCIL, INVALID_COUNCIL],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [INVALID_COUNCIL, NO_COUNCIL],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Council sessions (cases of type council_session): case readers in scope and the council's
  // own members; ballots by the roster alone; the close by the chair or the secretariat; admins
  // keep councils but read no cases. ──
  {
    operation: 'GET /api/v1/council-sessions',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/council-sessions/{id}',
    params: (side) => ({ id: side.votingSessionId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    // The council_member caller sits on A's council and is present: the one ballot cast here.
    operation: 'POST /api/v1/council-sessions/{id}/ballots',
    params: (side) => ({ id: side.votingSessionId }),
    body: (side) => ({ caseId: side.votingItemId, choice: 'abstain' }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [NOT_A_VOTER, NO_CASE],
      secretariat: [NOT_A_VOTER, NO_CASE],
      council_member: [201, NO_CASE],
      council_chair: [NOT_A_VOTER, NO_CASE],
      auditor: [NOT_A_VOTER, NO_CASE],
    },
  },
  {
    // The voting session lost its quorum: those who may close it learn that, nothing changes.
    operation: 'POST /api/v1/council-sessions/{id}/close',
    params: (side) => ({ id: side.votingSessionId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [ROLE_NOT_ALLOWED, NO_CASE],
      secretariat: [NO_QUORUM, NO_CASE],
      council_member: [ROLE_NOT_ALLOWED, NO_CASE],
      council_chair: [NO_QUORUM, NO_CASE],
      auditor: [ROLE_NOT_ALLOWED, NO_CASE],
    },
  },
  {
    operation: 'POST /api/v1/council-sessions/{id}/receipts/check',
    params: (side) => ({ id: side.closedSessionId }),
    body: () => ({ receipt: 'K7Q2-M9XD-4TRB-Z81C' }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/council-sessions/{id}/minutes',
    params: (side) => ({ id: side.closedSessionId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },

  // ── Public notice pages: no token needed; a token changes nothing, whoever holds it. ──
  {
    operation: 'GET /api/v1/public/notices',
    anonymous: 200,
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    // The draft is not under public notice: nobody may object to it, signed in or not.
    operation: 'POST /api/v1/public/notices/{id}/objections',
    params: (side) => ({ id: side.caseId }),
    body: () => ({ objection: 'Ý kiến thử nghiệm của ma trận quyền, không có thật.' }),
    anonymous: NO_NOTICE,
    expect: {
      admin: [NO_NOTICE, NO_NOTICE],
      unit_leader: [NO_NOTICE, NO_NOTICE],
      secretariat: [NO_NOTICE, NO_NOTICE],
      council_member: [NO_NOTICE, NO_NOTICE],
      council_chair: [NO_NOTICE, NO_NOTICE],
      auditor: [NO_NOTICE, NO_NOTICE],
    },
  },
  {
    // Anyone checks any certificate, in or out of their scope.
    operation: 'GET /api/v1/public/certificates/{code}',
    params: (side) => ({ code: side.verificationCode }),
    anonymous: 200,
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },

  // ── Units: everyone sees their subtree; admin writes; admin and auditor read the change log. ──
  {
    operation: 'GET /api/v1/units',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/units',
    body: (side, fixture) => ({
      code: `MX-U-${fixture.unique()}`,
      name: 'Tổ công tác (ma trận quyền)',
      kind: 'party_cell',
      parentId: side.unitId,
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/units/{id}',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [200, NO_UNIT],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'PATCH /api/v1/units/{id}',
    params: (side) => ({ id: side.unitId }),
    body: (side) => ({ name: side.unitName }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/units/{id}/changes',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_UNIT],
    },
  },
  // ── Issuing authorities and signers of a unit: admins keep them; the secretariat and auditors
  // read in scope. Writes name a code no rule set has, or an authority A does not record. ──
  {
    operation: 'GET /api/v1/units/{id}/authorities',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'PUT /api/v1/units/{id}/authorities',
    params: (side) => ({ id: side.unitId }),
    body: () => ({ authorities: [{ code: 'khong_co_tham_quyen_nay' }] }),
    expect: {
      admin: ['422 AUTHORITY.UNKNOWN_CODE', '422 AUTHORITY.UNKNOWN_CODE'],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/units/{id}/signers',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'POST /api/v1/units/{id}/signers',
    params: (side) => ({ id: side.unitId }),
    body: () => ({
      fullName: 'Người ký (ma trận quyền)',
      position: { vi: 'Giám đốc', en: 'Director' },
      authorityCode: 'enterprise_director',
      capacity: null,
    }),
    expect: {
      admin: ['422 SIGNER.AUTHORITY_NOT_RECORDED', '422 SIGNER.AUTHORITY_NOT_RECORDED'],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'PATCH /api/v1/signers/{id}',
    params: () => ({ id: randomUUID() }),
    body: () => ({ active: false }),
    expect: {
      admin: ['404 SIGNER.NOT_FOUND', '404 SIGNER.NOT_FOUND'],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── People: as units. ──
  {
    operation: 'GET /api/v1/people',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/people',
    body: (side, fixture) => ({
      code: `MX-P-${fixture.unique()}`,
      fullName: 'Người mới (ma trận quyền)',
      unitId: side.unitId,
      employmentType: 'civil_servant',
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/people/{id}',
    params: (side) => ({ id: side.personId }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_PERSON],
      secretariat: [200, NO_PERSON],
      council_member: [200, NO_PERSON],
      council_chair: [200, NO_PERSON],
      auditor: [200, NO_PERSON],
    },
  },
  {
    operation: 'PATCH /api/v1/people/{id}',
    params: (side) => ({ id: side.personId }),
    body: (side) => ({ fullName: side.personName }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/people/{id}/changes',
    params: (side) => ({ id: side.personId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_PERSON],
    },
  },

  // ── Imports: admin only; the file repeats A's (in) or B's (out) registry rows unchanged. ──
  {
    operation: 'GET /api/v1/imports/templates/{kind}',
    params: () => ({ kind: 'units' }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    // Import jobs belong to the organisation: a job nobody started answers like a missing one to
    // those who may read jobs (admin; an auditor only organisation-wide, so 404 to one scoped to A).
    operation: 'GET /api/v1/imports/jobs/{id}',
    params: () => ({ id: randomUUID() }),
    expect: {
      admin: [NO_JOB, NO_JOB],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [NO_JOB, NO_JOB],
    },
  },
  {
    operation: 'POST /api/v1/imports/units',
    body: (side, fixture) =>
      `code,name,kind,parentCode\n${side.unitCode},${side.unitName},party_cell,${fixture.committee.code}\n`,
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/imports/people',
    body: (side) =>
      `code,fullName,unitCode,employmentType\n${side.personCode},${side.personName},${side.unitCode},civil_servant\n`,
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    // A certificate of merit the side's person received in 2020: history, nothing that matters.
    operation: 'POST /api/v1/imports/awards',
    body: (side) => `personCode,award,year\n${side.personCode},giay_khen,2020\n`,
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Catalogue: the rule sets and awards in force, for every signed-in user. ──
  {
    operation: 'GET /api/v1/rulesets',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/rulesets/{id}/versions/{version}',
    params: () => ({ id: 'vn-law-06-2022-decree-152-2025', version: '1' }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/awards',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/violation-categories',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  // ── Workflows: the published definitions, for every signed-in user. ──
  {
    operation: 'GET /api/v1/workflows',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/workflows/{id}/versions/{version}',
    params: () => ({ id: 'nomination', version: '1' }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/workflows/{id}/versions/{version}/diagram.svg',
    params: () => ({ id: 'nomination', version: '3' }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },

  // ── Official document templates: organisation-wide files (no unit scope); admins, the
  // secretariat and auditors list them, admins and the secretariat render a preview. ──
  {
    operation: 'GET /api/v1/templates',
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, 200],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/templates/{kind}/{format}/preview.pdf',
    params: () => ({ kind: 'award_decision', format: 'party' }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, 200],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Users and grants: admin only. ──
  {
    operation: 'POST /api/v1/users',
    body: (side, fixture) => ({
      username: `matrix.user-${fixture.unique()}`,
      displayName: 'Người dùng (ma trận quyền)',
      password: 'a-long-matrix-password',
      grants: [{ role: 'auditor', unitId: side.unitId }],
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users',
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users/{id}',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users/{id}/changes',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      // Account histories span units: only organisation-wide auditors read them.
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'PATCH /api/v1/users/{id}',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    body: () => ({ displayName: 'Người được sửa (ma trận quyền)' }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/users/{id}/grants',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    body: (side) => ({ role: 'council_member', unitId: side.unitId }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/users/{id}/password-reset',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/users/{id}/unlock',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [204, 204],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'DELETE /api/v1/users/{id}/grants/{grantId}',
    params: (_side, fixture) => ({ id: fixture.targetUserId, grantId: randomUUID() }),
    expect: {
      admin: [NO_GRANT, NO_GRANT],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Notifications: one's own inbox and preferences (everyone); the e-mail outbox (admins). ──
  {
    operation: 'GET /api/v1/me/notifications',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/me/notifications/unread-count',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/me/notifications/read-all',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/me/notifications/{id}/read',
    params: () => ({ id: randomUUID() }),
    expect: {
      admin: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      unit_leader: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      secretariat: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      council_member: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      council_chair: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      auditor: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
    },
  },
  {
    operation: 'GET /api/v1/me/notification-preferences',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'PUT /api/v1/me/notification-preferences',
    body: () => ({ preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, email: true })) }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'PUT /api/v1/me/email',
    body: () => ({ email: null }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/admin/outbox',
    query: () => 'status=dead',
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/admin/outbox/{id}/retry',
    params: () => ({ id: randomUUID() }),
    expect: {
      admin: ['404 NOTIFICATION.NOT_FOUND', '404 NOTIFICATION.NOT_FOUND'],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  // ── Audit checkpoints: auditors only, organisation-wide data (no scope to be out of). ──
  {
    operation: 'GET /api/v1/audit/checkpoints',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, 200],
    },
  },
  {
    // The server under test has no signing key: checkpoints are unsigned.
    operation: 'GET /api/v1/audit/public-key',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: ['404 AUDIT.NO_SIGNING_KEY', '404 AUDIT.NO_SIGNING_KEY'],
    },
  },

  // ── Audit history and export: auditors only; a case out of scope is an empty result. ──
  {
    operation: 'GET /api/v1/audit/events',
    query: (side) => `caseId=${side.caseId}`,
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/audit/export',
    query: (side) => `format=csv&caseId=${side.caseId}`,
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/audit/reads',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, 200],
    },
  },
  // ── Violation statistics: counts only, so the unit leader too; a unit out of scope is missing. ──
  {
    operation: 'GET /api/v1/violation-statistics',
    query: (side) => `unitId=${side.unitId}&from=2025-01-01&to=2025-12-31`,
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'GET /api/v1/violation-statistics.xlsx',
    query: (side) => `unitId=${side.unitId}&from=2025-01-01&to=2025-12-31`,
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  // ── Annual evaluation sheet: the violation statistics' readers (the unit leader gets numbers
  // only), each in scope; a unit out of scope is missing. ──
  {
    operation: 'GET /api/v1/evaluation-sheets/{unitId}/{year}',
    params: (side) => ({ unitId: side.unitId, year: '2025' }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'GET /api/v1/evaluation-sheets/{unitId}/{year}.xlsx',
    params: (side) => ({ unitId: side.unitId, year: '2025' }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  // ── Emulation movements: the criteria catalogue for everyone signed in; a movement for its
  // launching unit's readers and, once launched, for its participating subtree; out of scope it
  // is missing. ──
  {
    operation: 'GET /api/v1/emulation-criteria',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/movements',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}',
    params: (side) => ({ id: side.movementId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}/participation',
    params: (side) => ({ id: side.movementId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  // ── Movement reports: the results report upward and the overview, for the launching unit's
  // readers. ──
  {
    operation: 'GET /api/v1/movements/{id}/results',
    params: (side) => ({ id: side.movementId }),
    query: () => 'phase=midterm',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}/results.xlsx',
    params: (side) => ({ id: side.movementId }),
    query: () => 'phase=midterm',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}/results.pdf',
    params: (side) => ({ id: side.movementId }),
    query: () => 'phase=midterm',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}/overview',
    params: (side) => ({ id: side.movementId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  // ── Registrations: the consolidated list for readers; the bulk form for the unit's leader and
  // secretariat (here a day in the future, refused whoever asks first, so nothing is opened). ──
  {
    operation: 'GET /api/v1/movements/{id}/registrations',
    params: (side) => ({ id: side.movementId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'GET /api/v1/movements/{id}/registrations.xlsx',
    params: (side) => ({ id: side.movementId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_MOVEMENT],
      secretariat: [200, NO_MOVEMENT],
      council_member: [200, NO_MOVEMENT],
      council_chair: [200, NO_MOVEMENT],
      auditor: [200, NO_MOVEMENT],
    },
  },
  {
    operation: 'POST /api/v1/movements/{id}/registrations/bulk',
    params: (side) => ({ id: side.movementId }),
    body: (side) => ({
      unitId: side.unitId,
      registeredOn: '2999-01-01',
      unit: { targets: { awardCodes: [], pledges: [] } },
    }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: ['422 REGISTRATION.BULK_REFUSED', NO_MOVEMENT],
      secretariat: ['422 REGISTRATION.BULK_REFUSED', NO_MOVEMENT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  // ── Deadlines: a case's timers for whoever reads the case; the scoped list for the secretariat,
  // unit leaders and auditors (admins: failed ones); the retry is the admins' (no such timer here). ──
  {
    operation: 'GET /api/v1/cases/{id}/deadlines',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [NO_CASE, NO_CASE],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/deadlines',
    query: (side) => `unitId=${side.unitId}`,
    expect: {
      admin: [200, 200],
      unit_leader: [200, '404 DEADLINE.UNIT_NOT_FOUND'],
      secretariat: [200, '404 DEADLINE.UNIT_NOT_FOUND'],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, '404 DEADLINE.UNIT_NOT_FOUND'],
    },
  },
  {
    operation: 'POST /api/v1/deadlines/{id}/retry',
    params: () => ({ id: NO_SUCH_DEADLINE }),
    expect: {
      admin: ['404 DEADLINE.NOT_FOUND', '404 DEADLINE.NOT_FOUND'],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  // ── Proposals to the competent level: lists in and out for the case readers (out of scope simply
  // leaves items out); one proposal and its letter answer like missing for an id that is no
  // proposal (test/e2e/proposals.spec.ts reads them in scope and out). ──
  {
    operation: 'GET /api/v1/proposals',
    query: () => 'direction=in',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/proposals/recipients',
    query: (side) => `unitId=${side.unitId}&authority=provincial_chair`,
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [200, '404 PROPOSAL.UNIT_NOT_FOUND'],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/proposals/{id}',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [NO_PROPOSAL, NO_PROPOSAL],
      secretariat: [NO_PROPOSAL, NO_PROPOSAL],
      council_member: [NO_PROPOSAL, NO_PROPOSAL],
      council_chair: [NO_PROPOSAL, NO_PROPOSAL],
      auditor: [NO_PROPOSAL, NO_PROPOSAL],
    },
  },
  {
    operation: 'GET /api/v1/proposals/{id}/letter.pdf',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [NO_PROPOSAL, NO_PROPOSAL],
      secretariat: [NO_PROPOSAL, NO_PROPOSAL],
      council_member: [NO_PROPOSAL, NO_PROPOSAL],
      council_chair: [NO_PROPOSAL, NO_PROPOSAL],
      auditor: [NO_PROPOSAL, NO_PROPOSAL],
    },
  },
  // ── Annual ratings: read in scope; kept by admins, the secretariat and unit leaders (here a
  // code no scale has, refused alike, so nothing is written); a subject out of scope is missing. ──
  {
    operation: 'GET /api/v1/ratings',
    query: (side) => `year=${RATED_YEAR}&unitId=${side.unitId}`,
    expect: {
      admin: [200, 200],
      unit_leader: [200, '404 RATING.UNIT_NOT_FOUND'],
      secretariat: [200, '404 RATING.UNIT_NOT_FOUND'],
      council_member: [200, '404 RATING.UNIT_NOT_FOUND'],
      council_chair: [200, '404 RATING.UNIT_NOT_FOUND'],
      auditor: [200, '404 RATING.UNIT_NOT_FOUND'],
    },
  },
  {
    operation: 'GET /api/v1/ratings/{kind}/{subjectId}/{year}',
    params: (side) => ({ kind: 'person', subjectId: side.personId, year: RATED_YEAR }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_RATED_SUBJECT],
      secretariat: [200, NO_RATED_SUBJECT],
      council_member: [200, NO_RATED_SUBJECT],
      council_chair: [200, NO_RATED_SUBJECT],
      auditor: [200, NO_RATED_SUBJECT],
    },
  },
  {
    operation: 'PUT /api/v1/ratings/{kind}/{subjectId}/{year}',
    params: (side) => ({ kind: 'person', subjectId: side.personId, year: RATED_YEAR }),
    body: () => ({ rating: 'khong_co_muc_nay', basis: 'Biên bản (ma trận quyền)' }),
    expect: {
      admin: ['422 RATING.UNKNOWN_CODE', '422 RATING.UNKNOWN_CODE'],
      unit_leader: ['422 RATING.UNKNOWN_CODE', NO_RATED_SUBJECT],
      secretariat: ['422 RATING.UNKNOWN_CODE', NO_RATED_SUBJECT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'DELETE /api/v1/ratings/{kind}/{subjectId}/{year}',
    params: (side) => ({ kind: 'person', subjectId: side.personId, year: RATED_YEAR }),
    expect: {
      admin: ['404 RATING.NOT_FOUND', '404 RATING.NOT_FOUND'],
      unit_leader: ['404 RATING.NOT_FOUND', NO_RATED_SUBJECT],
      secretariat: ['404 RATING.NOT_FOUND', NO_RATED_SUBJECT],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/imports/ratings',
    body: (side) =>
      `Mã cán bộ,Năm,Xếp loại,Căn cứ\r\n${side.personCode},${RATED_YEAR},khong_co_muc_nay,x\r\n`,
    expect: {
      admin: ['422 IMPORT.INVALID_ROWS', '422 IMPORT.INVALID_ROWS'],
      unit_leader: ['422 IMPORT.INVALID_ROWS', '422 IMPORT.INVALID_ROWS'],
      secretariat: ['422 IMPORT.INVALID_ROWS', '422 IMPORT.INVALID_ROWS'],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/imports/ratings/template',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
];

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const SCOPES = ['in', 'out'] as const;
type Scope = (typeof SCOPES)[number];

/** "METHOD /path" for every operation of an OpenAPI document. */
function documentedOperations(document: { paths: Record<string, object> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => method in item).map(
      (method) => `${method.toUpperCase()} ${path}`,
    ),
  );
}

/** The answer as the table writes it: `200`, or `404 CASE.NOT_FOUND` for an error. */
function describeAnswer(response: Response): string {
  if (response.status < 400) return String(response.status);
  return `${response.status} ${response.body?.code ?? '(no code)'}`;
}

/**
 * The matrix's tests on `dialect`. A local run that TEST_DIALECTS narrows to the other database
 * skips them (a spec file without tests would fail); CI runs both files.
 */
// eslint-disable-next-line jest/no-export -- the tests of both spec files, one per database
export function describeAuthorisationMatrix(dialect: DialectName): void {
  const describeIfRun = DIALECTS.includes(dialect) ? describe : describe.skip;
  describeIfRun(`authorisation matrix (${dialect})`, () => {
    let t: TestApp;
    let fixture: Fixture;
    let sides: Record<Scope, Side>;
    let unitAPath: string;
    const tokens = {} as Record<Role, string>;
    let counter = 0;

    let objectionLimit: string | undefined;

    beforeAll(async () => {
      // Every role files an objection below, in and out of scope: more than one address may file in
      // a minute by default, and the matrix is about who may, not how often.
      objectionLimit = process.env.PUBLIC_OBJECTIONS_PER_MINUTE;
      process.env.PUBLIC_OBJECTIONS_PER_MINUTE = '1000';
      t = await startTestApp(dialect);
      const committee = await t.createUnit('Đảng ủy Khối (ma trận)', 'party_committee');
      const unitA = await t.createUnit('Chi bộ A (ma trận)', 'party_cell', committee.id);
      const unitB = await t.createUnit('Chi bộ B (ma trận)', 'party_cell', committee.id);
      const personA = await t.createPerson('Nguyễn Văn Ân', unitA.id);
      const personB = await t.createPerson('Trần Thị Bình', unitB.id);

      const must = async (label: string, pending: Test, status = 200) => {
        const response = await pending;
        if (response.status !== status)
          throw new Error(`${label}: ${JSON.stringify(response.body)}`);
        return response;
      };
      const openNomination = async (leader: string, personId: string) =>
        (
          await must(
            'open',
            t.openCase(leader, {
              type: 'nomination',
              subject: { kind: 'person', personId },
              data: nominationData(),
            }),
            201,
          )
        ).body.id as string;

      /** A nomination's way from its dossier to the council (where a session takes it on). */
      const toCouncil = async (leader: string, secretariat: string, caseId: string) => {
        await t.attachDossier(leader, caseId);
        const steps: [string, string][] = [
          [leader, 'SUBMIT'],
          [secretariat, 'START_VERIFICATION'],
          [secretariat, 'MARK_VERIFIED'],
          [secretariat, 'SEND_TO_COUNCIL'],
        ];
        for (const [token, type] of steps) {
          // Nomination v7: verification resolves the lines eligibility leaves for review.
          const payload =
            type === 'MARK_VERIFIED' ? await resolvingReview(t, token, caseId) : undefined;
          await must(type, t.sendEvent(token, caseId, type, payload));
        }
      };

      /**
       * The side's draft nomination with one document; an announced one in the same unit, which its
       * council recommended in a session now closed; and a third on the agenda of a session that is
       * voting, with only one member still present (so it cannot close).
       */
      const setUp = async (
        unit: { id: string; code: string },
        unitName: string,
        person: { id: string; code: string },
        personName: string,
        laureateName: string,
        itemName: string,
      ): Promise<Side> => {
        const grant = (role: Role) => t.userWithGrants([{ role, unitId: unit.id }]);
        const leader = (await grant('unit_leader')).token;
        const secretariat = (await grant('secretariat')).token;
        const chair = (await grant('council_chair')).token;

        const caseId = await openNomination(leader, person.id);
        const uploaded = await must('upload', t.uploadDocument(leader, caseId, 'to_trinh'));
        const documentId = uploaded.body.context.documents[0].id as string;

        // The session votes on every nomination awaiting the council in the unit: this one alone.
        const laureate = await t.createPerson(laureateName, unit.id);
        const announcedCaseId = await openNomination(leader, laureate.id);
        await toCouncil(leader, secretariat, announcedCaseId);
        const closedSession = await holdCouncilSession(t, secretariat, unit.id);
        await must(
          'APPROVE',
          t.sendEvent(
            chair,
            announcedCaseId,
            'APPROVE',
            await resolvingReview(t, chair, announcedCaseId),
          ),
        );
        await must(
          'ANNOUNCE',
          t.sendEvent(secretariat, announcedCaseId, 'ANNOUNCE', {
            decision: { date: todayInVietnam(), signer: 'Nguyễn Thị Hoà' },
          }),
        );
        const history = await t.history(secretariat, announcedCaseId);
        const announce = history.body.items.find(
          (record: { eventType: string }) => record.eventType === 'ANNOUNCE',
        );

        const council = await councilOf(t, unit.id);
        const nominee = await t.createPerson(itemName, unit.id);
        const votingItemId = await openNomination(leader, nominee.id);
        await toCouncil(leader, secretariat, votingItemId);
        const scheduled = await must(
          'schedule',
          t.openCase(secretariat, {
            type: 'council_session',
            subject: { kind: 'unit', unitId: unit.id },
            data: {
              councilId: council.id,
              meetingDate: todayInVietnam(),
              title: 'Phiên họp xét khen thưởng (ma trận quyền)',
            },
          }),
          201,
        );
        const votingSessionId = scheduled.body.id as string;
        const everyone = council.members.map((member) => member.personId);
        const sessionSteps: [string, object][] = [
          ['SET_AGENDA', {}],
          ['RECORD_ATTENDANCE', { present: everyone }],
          ['OPEN', {}],
          ['RECORD_ATTENDANCE', { present: [council.members[1].personId] }],
        ];
        for (const [type, payload] of sessionSteps) {
          await must(type, t.sendEvent(secretariat, votingSessionId, type, payload));
        }
        const terms = await must(
          'council',
          t.getAs(t.adminToken, `/api/v1/councils/${council.id}`),
        );

        const year = todayInVietnam().slice(0, 4);
        const movement = await must(
          'movement',
          t.openCase(secretariat, {
            type: 'movement',
            subject: { kind: 'unit', unitId: unit.id },
            data: {
              code: `PT-MT-${unit.code}`,
              title: 'Phong trào thi đua (ma trận quyền)',
              type: 'thematic',
              legalBasis: [{ citation: 'Chỉ thị số 23-CT/TW ngày 25/5/2023' }],
              leadUnitId: unit.id,
              coordinatingUnitIds: [],
              period: { from: `${year}-01-01`, to: `${year}-12-31` },
              participatingUnitId: unit.id,
              criteria: [{ code: 'traffic_law_compliance' }],
              awardsOnOffer: [],
              registrationDeadline: `${year}-12-31`,
            },
          }),
          201,
        );
        const movementId = movement.body.id as string;
        await must('LAUNCH', t.sendEvent(secretariat, movementId, 'LAUNCH', {}));

        return {
          unitId: unit.id,
          unitCode: unit.code,
          unitName,
          personId: person.id,
          personCode: person.code,
          personName,
          caseId,
          documentId,
          announcedCaseId,
          verificationCode: verificationCodeFor(announcedCaseId, announce.hash),
          councilId: council.id,
          councilMemberId: terms.body.members[2].id as string,
          closedSessionId: closedSession.sessionId,
          votingSessionId,
          votingItemId,
          movementId,
        };
      };
      sides = {
        in: await setUp(
          unitA,
          'Chi bộ A (ma trận)',
          personA,
          'Nguyễn Văn Ân',
          'Lê Văn Cường',
          'Võ Thị Giang',
        ),
        out: await setUp(
          unitB,
          'Chi bộ B (ma trận)',
          personB,
          'Trần Thị Bình',
          'Phạm Thị Dung',
          'Đỗ Văn Hải',
        ),
      };
      unitAPath = (await t.getAs(t.adminToken, `/api/v1/units/${unitA.id}`)).body.path;

      tokens.admin = t.adminToken;
      // A's council members hold a council_member grant at A: one of them is the column's caller.
      tokens.council_member = (await councilOf(t, unitA.id)).members[1].user.token;
      for (const role of ROLES_IN_TABLE) {
        if (role === 'admin' || role === 'council_member') continue;
        tokens[role] = (await t.userWithGrants([{ role, unitId: unitA.id }])).token;
      }
      const target = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
      fixture = {
        committee,
        targetUserId: target.id,
        unique: () => `${dialect}-${(counter += 1)}`,
      };
    });

    afterAll(async () => {
      await t?.close();
      if (objectionLimit === undefined) delete process.env.PUBLIC_OBJECTIONS_PER_MINUTE;
      else process.env.PUBLIC_OBJECTIONS_PER_MINUTE = objectionLimit;
    });

    /** Builds the row's request about `side`, as `token` (none: anonymous). */
    function send(row: Row, side: Side, token?: string): Test {
      const [method, template] = row.operation.split(' ');
      const params = row.params?.(side, fixture) ?? {};
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (params[name] === undefined) throw new Error(`${row.operation}: no value for {${name}}`);
        return encodeURIComponent(params[name]);
      });
      const query = row.query?.(side, fixture);
      let request = t.http[method.toLowerCase() as HttpMethod](query ? `${path}?${query}` : path);
      if (token !== undefined) request = request.auth(token, { type: 'bearer' });
      const body = row.body?.(side, fixture);
      if (typeof body === 'string') return request.set('Content-Type', 'text/csv').send(body);
      if (Buffer.isBuffer(body)) return request.set('Content-Type', 'application/pdf').send(body);
      if (body !== undefined) return request.send(body);
      return request;
    }

    it('has one row for every documented operation and a column for every role', async () => {
      const response = await t.http.get('/api/docs-json');
      expect(response.status).toBe(200);
      const documented = documentedOperations(response.body);
      const inTable = TABLE.map((row) => row.operation);

      expect([...ROLES_IN_TABLE].sort()).toEqual([...ROLES].sort());
      expect(inTable.filter((operation, i) => inTable.indexOf(operation) !== i)).toEqual([]);
      expect({
        missingFromTable: documented.filter(
          (operation) => !inTable.includes(operation) && !PUBLIC_OPERATIONS.includes(operation),
        ),
        notDocumented: [...inTable, ...PUBLIC_OPERATIONS].filter(
          (operation) => !documented.includes(operation),
        ),
        publicButInTable: PUBLIC_OPERATIONS.filter((operation) => inTable.includes(operation)),
      }).toEqual({ missingFromTable: [], notDocumented: [], publicButInTable: [] });
    });

    it('answers every route × role × scope as the table says', async () => {
      const mismatches: string[] = [];
      const check = (label: string, response: Response, expected: Outcome) => {
        const actual = describeAnswer(response);
        if (actual !== String(expected)) {
          mismatches.push(`${label}: expected ${expected}, got ${actual}`);
        }
        if (response.status >= 400 && !PROBLEM_JSON.test(response.headers['content-type'] ?? '')) {
          mismatches.push(`${label}: ${response.status} as ${response.headers['content-type']}`);
        }
      };

      let cells = 0;
      for (const row of TABLE) {
        check(
          `${row.operation} · no token`,
          await send(row, sides.in),
          row.anonymous ?? UNAUTHENTICATED,
        );
        cells += 1;
        for (const role of ROLES_IN_TABLE) {
          for (const [index, scope] of SCOPES.entries()) {
            const response = await send(row, sides[scope], tokens[role]);
            check(`${row.operation} · ${role} · ${scope}`, response, row.expect[role][index]);
            cells += 1;
          }
        }
      }

      expect(mismatches).toEqual([]);
      expect(cells).toBe(TABLE.length * (1 + ROLES_IN_TABLE.length * SCOPES.length));
    });

    it('leaves the voting session as it was after the refused ballots and closes', async () => {
      const path = `/api/v1/council-sessions/${sides.in.votingSessionId}`;
      const [asVoter, asAuditor, history] = await Promise.all([
        t.getAs(tokens.council_member, path),
        t.getAs(tokens.auditor, path),
        t.history(tokens.secretariat, sides.in.votingSessionId),
      ]);
      expect(asVoter.body).toMatchObject({ state: 'open', tally: null, minutes: null });
      expect(asVoter.body.me).toMatchObject({ votes: true, votedOn: [sides.in.votingItemId] });
      expect(asAuditor.body.me).toMatchObject({ votes: false, votedOn: [], mayVoteOn: [] });
      expect(
        history.body.items.map((record: { eventType: string }) => record.eventType).slice(-2),
      ).toEqual(['OPEN', 'RECORD_ATTENDANCE']);
    });

    /** A list item, with whatever says where it belongs. */
    interface ListItem {
      id: string;
      path?: string;
      unitPath?: string;
      /** A case's subject: a person (with their unit) or a unit (a council session's). */
      subject?: { kind: string; id: string; unitId?: string };
      /** A council's or a council session's unit. */
      unit?: { id: string };
      /** A movement's launching unit. */
      launchingUnit?: { id: string };
    }

    const LISTS = {
      cases: {
        path: '/api/v1/cases?limit=100',
        own: () => [sides.in.caseId, sides.in.votingItemId, sides.in.votingSessionId],
        others: () => [sides.out.caseId, sides.out.votingItemId, sides.out.votingSessionId],
        inA: (item: ListItem) =>
          (item.subject?.kind === 'unit' ? item.subject.id : item.subject?.unitId) ===
          sides.in.unitId,
      },
      people: {
        path: '/api/v1/people?limit=100',
        own: () => [sides.in.personId],
        others: () => [sides.out.personId],
        inA: (item: ListItem) => item.unitPath?.startsWith(unitAPath) === true,
      },
      councils: {
        path: '/api/v1/councils',
        own: () => [sides.in.councilId],
        others: () => [sides.out.councilId],
        inA: (item: ListItem) => item.unit?.id === sides.in.unitId,
      },
      'council sessions': {
        path: '/api/v1/council-sessions',
        own: () => [sides.in.closedSessionId, sides.in.votingSessionId],
        others: () => [sides.out.closedSessionId, sides.out.votingSessionId],
        inA: (item: ListItem) => item.unit?.id === sides.in.unitId,
      },
      movements: {
        path: '/api/v1/movements',
        own: () => [sides.in.movementId],
        others: () => [sides.out.movementId],
        inA: (item: ListItem) => item.launchingUnit?.id === sides.in.unitId,
      },
      units: {
        path: '/api/v1/units?limit=100',
        own: () => [sides.in.unitId],
        others: () => [sides.out.unitId, fixture.committee.id],
        inA: (item: ListItem) => item.path?.startsWith(unitAPath) === true,
      },
    };

    it.each(Object.keys(LISTS) as (keyof typeof LISTS)[])(
      'lists %s of A and nothing outside A to every A-scoped role',
      async (name) => {
        const list = LISTS[name];
        const wrong: string[] = [];
        for (const role of ROLES_IN_TABLE) {
          if (role === 'admin') continue;
          const response = await t.getAs(tokens[role], list.path);
          if (response.status !== 200) {
            wrong.push(`${role}: ${describeAnswer(response)}`);
            continue;
          }
          const items = response.body.items as ListItem[];
          const ids = items.map((item) => item.id);
          for (const id of list.own()) if (!ids.includes(id)) wrong.push(`${role}: ${id} missing`);
          for (const id of list.others())
            if (ids.includes(id)) wrong.push(`${role}: lists B's ${id}`);
          for (const item of items) {
            if (!list.inA(item)) wrong.push(`${role}: lists ${item.id}, which is outside A`);
          }
        }
        expect(wrong).toEqual([]);
      },
    );
  });
}
