import type { CaseView } from '../../api/cases';
import { api } from '../../api/client';
import { loadWorkflow, loadWorkflows, type WorkflowDetail } from '../../api/workflows';
import type { Localized } from '../../i18n/language';

/*
 * What the council routes answer (/councils, /council-sessions), as far as these screens read
 * them. A session is a case of type `council_session`: its events go through the case routes.
 */

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'member', 'secretary'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

/** The collegial bodies a council may be; only the first holds council sessions. */
export const COUNCIL_BODIES = [
  'emulation_council',
  'party_cell',
  'grassroots_party_committee',
  'superior_party_committee',
  'discipline_council',
] as const;
export type CouncilBody = (typeof COUNCIL_BODIES)[number];
export const SESSION_COUNCIL_BODY: CouncilBody = 'emulation_council';

export const BALLOT_CHOICES = ['approve', 'reject', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];

export const SESSION_CASE_TYPE = 'council_session';

export interface CouncilMemberView {
  id: string;
  person: { id: string; code: string; name: string; unitId: string };
  role: CouncilRole;
  from: string;
  to: string | null;
  votes: boolean;
}

export interface CouncilView {
  id: string;
  name: string;
  body: CouncilBody;
  unit: { id: string; code: string; name: string };
  members: CouncilMemberView[];
  createdAt: string;
}

export interface Roster {
  on: string;
  members: CouncilMemberView[];
}

export interface SessionSummary {
  id: string;
  state: string;
  title: string;
  meetingDate: string;
  /** Null when the council is out of the caller's sight (the session itself is in scope). */
  council: { id: string; name: string } | null;
  unit: { id: string; code: string; name: string };
}

export interface AgendaItem {
  caseId: string;
  nominee: { kind: 'person' | 'unit'; name: string };
  award: { code: string; name: Localized };
  status: 'to_vote' | 'deferred';
  deferredBecause: Localized | null;
  /** Automatic recusals (nominee, nominator, member of the collective) give their reason in both languages. */
  recusals: { personId: string; name: string; reason: Localized; automatic: boolean }[];
  ballot: 'secret' | 'open';
}

export interface TallyItem {
  caseId: string;
  approve: number;
  reject: number;
  abstain: number;
  base: number;
  baseKind: 'all_members' | 'present_members';
  /** The approvals the threshold asks for, on this base. */
  needed: number;
  ratio: number;
  comparison: 'gt' | 'gte';
  recommended: boolean;
  ballot: 'secret' | 'open';
  /** Secret ballots: the published contents, with no voter. */
  receipts: { receiptHash: string; choice: BallotChoice }[];
  /** Open ballots: who voted how (recorded by design). */
  openVotes: { personId: string; name: string; choice: BallotChoice }[] | null;
}

export interface SessionView extends SessionSummary {
  place: string | null;
  version: number;
  allowedEvents: { type: string; label: Localized }[];
  roster: { personId: string; name: string; role: CouncilRole; votes: boolean }[];
  /** Null when no rule set in force on the meeting date sets a quorum. */
  quorum: {
    required: number;
    present: number;
    /** The voting members on the roster of the meeting date. */
    members: number;
    met: boolean;
    numerator: number;
    denominator: number;
    comparison: 'gt' | 'gte';
    ruleSet: { id: string; version: number };
  } | null;
  attendance: { present: string[] } | null;
  agenda: AgendaItem[] | null;
  me: { personId: string | null; votes: boolean; votedOn: string[]; mayVoteOn: string[] };
  tally: TallyItem[] | null;
  minutes: { documentId: string; sha256: string } | null;
}

export interface ReceiptCheck {
  counted: boolean;
  caseId?: string;
  choice?: BallotChoice;
}

export interface NewSession {
  councilId: string;
  unitId: string;
  meetingDate: string;
  title: string;
  place?: string;
}

const councilPath = (id: string) => `/councils/${encodeURIComponent(id)}`;
const sessionPath = (id: string) => `/council-sessions/${encodeURIComponent(id)}`;

export const councilApi = {
  councils: (signal?: AbortSignal, body?: CouncilBody) =>
    api.get<{ items: CouncilView[] }>('/councils', { body }, signal),
  council: (id: string, signal?: AbortSignal) =>
    api.get<CouncilView>(councilPath(id), undefined, signal),
  createCouncil: (body: { unitId: string; name: string; body: CouncilBody }) =>
    api.post<CouncilView>('/councils', body),
  addMember: (
    councilId: string,
    body: { personId: string; role: CouncilRole; from: string; to?: string },
  ) => api.post<CouncilView>(`${councilPath(councilId)}/members`, body),
  endTerm: (councilId: string, memberId: string, to: string) =>
    api.post<CouncilView>(`${councilPath(councilId)}/members/${encodeURIComponent(memberId)}/end`, {
      to,
    }),
  roster: (councilId: string, on: string, signal?: AbortSignal) =>
    api.get<Roster>(`${councilPath(councilId)}/roster`, { on }, signal),

  sessions: (state: string | undefined, signal?: AbortSignal) =>
    api.get<{ items: SessionSummary[] }>('/council-sessions', { state }, signal),
  session: (id: string, signal?: AbortSignal) =>
    api.get<SessionView>(sessionPath(id), undefined, signal),
  /** Opens the session's case; the same key again (a retry after a lost answer) opens it once. */
  schedule: (session: NewSession, idempotencyKey: string) =>
    api.post<CaseView>(
      '/cases',
      {
        type: SESSION_CASE_TYPE,
        subject: { kind: 'unit', unitId: session.unitId },
        data: {
          councilId: session.councilId,
          meetingDate: session.meetingDate,
          title: session.title,
          ...(session.place ? { place: session.place } : {}),
        },
      },
      { 'Idempotency-Key': idempotencyKey },
    ),
  /** One of the session's events through the generic case route, at the version shown. */
  sendEvent: (
    session: { id: string; version: number },
    type: string,
    payload: Record<string, unknown>,
    idempotencyKey: string,
  ) =>
    api.post<CaseView>(
      `/cases/${encodeURIComponent(session.id)}/events`,
      { type, payload, expectedVersion: session.version },
      { 'Idempotency-Key': idempotencyKey },
    ),
  castBallot: (sessionId: string, caseId: string, choice: BallotChoice) =>
    api.post<{ caseId: string; receipt: string }>(`${sessionPath(sessionId)}/ballots`, {
      caseId,
      choice,
    }),
  close: (sessionId: string) => api.post<SessionView>(`${sessionPath(sessionId)}/close`),
  checkReceipt: (sessionId: string, receipt: string) =>
    api.post<ReceiptCheck>(`${sessionPath(sessionId)}/receipts/check`, { receipt }),
  /** The filed minutes (Vietnamese, official), or an English rendering of them for reference. */
  minutes: (sessionId: string, lang: 'vi' | 'en' = 'vi') =>
    api.download(`${sessionPath(sessionId)}/minutes`, lang === 'en' ? { lang } : undefined),
};

/** The latest version of the session workflow: its state and event labels, who may open one. */
export async function loadSessionWorkflow(): Promise<WorkflowDetail> {
  const { items } = await loadWorkflows();
  const versions = items.filter((item) => item.caseType === SESSION_CASE_TYPE);
  if (versions.length === 0) throw new Error(`No workflow for ${SESSION_CASE_TYPE}`);
  const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  return loadWorkflow(latest.id, latest.version);
}

/** Whether a term covers `date` (terms are inclusive; an open term has no end). */
export function termCovers(member: Pick<CouncilMemberView, 'from' | 'to'>, date: string): boolean {
  return member.from <= date && (member.to === null || member.to >= date);
}
