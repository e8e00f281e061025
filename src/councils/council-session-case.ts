import type { StoredCase } from '../domain/cases/stored-case';
import type {
  AgendaItemFact,
  CouncilRosterFact,
  ItemTallyFact,
} from '../domain/workflow/event-facts';

/** The case type of a council session (workflows/council-session.v*.json). */
export const COUNCIL_SESSION = 'council_session';

/** What a session is opened with (its workflow's dataSchema). */
export interface CouncilSessionData {
  councilId: string;
  meetingDate: string;
  title: string;
  place?: string;
}

export interface SessionRecusal {
  caseId: string;
  personId: string;
  /** A code of AUTOMATIC_RECUSAL_REASONS when automatic, the member's words when declared. */
  reason: string;
  automatic: boolean;
}

/** What a session's events have recorded in its context (council-steps.ts writes it). */
export interface RecordedSession {
  data: CouncilSessionData;
  roster: CouncilRosterFact | null;
  present: string[];
  agenda: AgendaItemFact[] | null;
  recusals: SessionRecusal[];
  tally: ItemTallyFact[] | null;
  minutes: { documentId: string; sha256: string } | null;
}

export function recordedSession(stored: StoredCase): RecordedSession {
  const context = stored.context;
  const attendance = context.attendance as { present?: string[] } | undefined;
  return {
    data: stored.data as unknown as CouncilSessionData,
    roster: (context.roster as CouncilRosterFact | undefined) ?? null,
    present: attendance?.present ?? [],
    agenda: (context.agenda as AgendaItemFact[] | undefined) ?? null,
    recusals: (context.recusals as SessionRecusal[] | undefined) ?? [],
    tally: (context.tally as ItemTallyFact[] | undefined) ?? null,
    minutes: (context.minutes as RecordedSession['minutes'] | undefined) ?? null,
  };
}
