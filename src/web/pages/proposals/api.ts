import { api, type Localized } from '../../api/client';
import type { CaseListItem } from '../../components/case/caseApi';
import type { CaseView } from '../../api/cases';

/*
 * What the proposal routes answer (src/proposals/dto/proposal.dto.ts). A proposal is a case
 * (workflow award_proposal): sent with POST /cases, decided with POST /cases/:id/events.
 */

export type Direction = 'in' | 'out';

export interface ProposalSummary {
  id: string;
  number: string;
  format: 'party' | 'state';
  state: string;
  stateLabel: Localized;
  proposingUnit: { id: string; name: string };
  to: {
    authority: string;
    authorityName: Localized | null;
    unit: { id: string; name: string } | null;
  };
  nominationCount: number;
  proposedOn: string;
  decidedOn: string | null;
}

export interface ProposalList {
  items: ProposalSummary[];
  nextCursor: string | null;
}

export interface SuperiorDecision {
  number: string;
  date: string;
  grantor: string;
  signer?: string;
}

export interface ProposedNomination {
  id: string;
  nominee: string;
  unit: { id: string; name: string } | null;
  awardCode: string;
  awardName: Localized | null;
  state: string;
  stateLabel: Localized;
  outcome: 'granted' | 'declined' | null;
  decision?: SuperiorDecision;
  reason?: string;
}

export interface ProposalDetail extends ProposalSummary {
  basis: string[];
  nominations: ProposedNomination[];
  letterUrl: string;
}

export interface Outcome {
  nominationId: string;
  outcome: 'granted' | 'declined';
  decision?: SuperiorDecision;
  reason?: string;
}

export interface AuthorityChoice {
  code: string;
  name: Localized;
  format: 'party' | 'state';
}

export const proposalApi = {
  list: (direction: Direction, state: string | undefined, cursor?: string, signal?: AbortSignal) =>
    api.get<ProposalList>(
      '/proposals',
      { direction, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) },
      signal,
    ),
  get: (id: string, signal?: AbortSignal) =>
    api.get<ProposalDetail>(`/proposals/${encodeURIComponent(id)}`, undefined, signal),
  case: (id: string, signal?: AbortSignal) =>
    api.get<CaseView>(`/cases/${encodeURIComponent(id)}`, undefined, signal),
  letter: (id: string) => api.download(`/proposals/${encodeURIComponent(id)}/letter.pdf`),
  recordDecision: (id: string, version: number, outcomes: Outcome[]) =>
    api.post<CaseView>(`/cases/${encodeURIComponent(id)}/events`, {
      type: 'RECORD_DECISION',
      payload: { outcomes },
      expectedVersion: version,
    }),
  /** Recommended nominations (the council has recommended them) in a unit's subtree. */
  recommended: (unitId: string, signal?: AbortSignal) =>
    api.get<{ items: CaseListItem[] }>(
      '/cases',
      { type: 'nomination', state: 'recommended', unitId, limit: 100 },
      signal,
    ),
  /** The rule set's authorities (as the authorities screen lists them for a unit). */
  authorities: (unitId: string, signal?: AbortSignal) =>
    api.get<{ available: AuthorityChoice[] }>(
      `/units/${encodeURIComponent(unitId)}/authorities`,
      undefined,
      signal,
    ),
  /** The units above `unitId` that act as `authority` (empty: outside the system). */
  recipients: (unitId: string, authority: string, signal?: AbortSignal) =>
    api.get<{ items: { id: string; name: string }[] }>(
      '/proposals/recipients',
      { unitId, authority },
      signal,
    ),
  propose: (
    unitId: string,
    data: { nominationIds: string[]; to: { authority: string; unitId?: string }; basis?: string[] },
  ) =>
    api.post<CaseView>('/cases', {
      type: 'award_proposal',
      subject: { kind: 'unit', unitId },
      data,
    }),
};
