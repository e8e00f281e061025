import { api, type Localized } from '../../api/client';

export type DeadlineStatus = 'pending' | 'fired' | 'skipped' | 'cancelled' | 'failed';

/** A case's timer (src/deadlines/dto/deadline.dto.ts). */
export interface Deadline {
  id: string;
  caseId: string;
  state: string;
  name: string;
  label: Localized;
  dueOn: string | null;
  firesAt: string | null;
  status: DeadlineStatus;
  overdue: boolean;
  sendEvent: string | null;
  problem: string | null;
  message: Localized | null;
  settledAt: string | null;
  firedSeq: number | null;
}

export interface ListedDeadline extends Deadline {
  caseType: string;
  unitId: string | null;
  subjectName: string | null;
}

export interface DeadlineList {
  items: ListedDeadline[];
  nextCursor: string | null;
}

export interface DeadlineQuery {
  status?: DeadlineStatus;
  unitId?: string;
  dueBefore?: string;
  cursor?: string;
  limit?: number;
}

export const deadlinesApi = {
  ofCase: (caseId: string, signal?: AbortSignal) =>
    api.get<{ items: Deadline[] }>(`/cases/${caseId}/deadlines`, undefined, signal),
  list: (query: DeadlineQuery, signal?: AbortSignal) =>
    api.get<DeadlineList>('/deadlines', { ...query }, signal),
  retry: (id: string) => api.post<Deadline>(`/deadlines/${id}/retry`),
};
