import { api, type Localized } from '../../api/client';

/** One audit record as GET /audit/events answers it (src/domain/audit/audit-record.ts). */
export interface AuditRecord {
  caseId: string;
  seq: number;
  at: string;
  actor: { userId: string; username: string; role: string };
  eventType: string;
  payload: Record<string, unknown>;
  facts?: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  workflow: { id: string; version: number; hash: string };
  prevHash: string;
  hash: string;
}

export interface AuditEventPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

/** One logged auditor read (GET /audit/reads). */
export interface AuditRead {
  id: string;
  at: string;
  userId: string;
  username: string;
  /** search, export, reads, case, history, verify… */
  action: string;
  query: Record<string, unknown>;
  resultCount: number | null;
}

/** A checkpoint over every case's chain head (src/domain/audit/checkpoint.ts). */
export interface Checkpoint {
  seq: number;
  at: string;
  caseCount: number;
  eventCount: number;
  root: string;
  prevHash: string;
  hash: string;
  signature: string | null;
  keyId: string | null;
}

export interface CheckpointPage {
  items: Checkpoint[];
  nextCursor: string | null;
}

export interface PublicKey {
  algorithm: 'Ed25519';
  keyId: string;
  pem: string;
}

/** The filters GET /audit/events and GET /audit/export share (every one narrows). */
export interface AuditFilter {
  caseId?: string;
  subjectPersonId?: string;
  subjectUnitId?: string;
  actorUserId?: string;
  eventType?: string;
  state?: string;
  /** ISO 8601 with a zone, inclusive. */
  from?: string;
  /** ISO 8601 with a zone, exclusive. */
  to?: string;
}

export interface WorkflowSummary {
  id: string;
  version: number;
  caseType: string;
  title: Localized;
}

export interface WorkflowDetail extends WorkflowSummary {
  events: { type: string; label: Localized }[];
  states: { name: string; label: Localized; final: boolean }[];
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  active: boolean;
}

export interface Person {
  id: string;
  code: string;
  fullName: string;
  unitId: string;
  position: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const auditApi = {
  events: (filter: AuditFilter, cursor: string | null, limit: number, signal?: AbortSignal) =>
    api.get<AuditEventPage>(
      '/audit/events',
      { ...filter, cursor: cursor ?? undefined, limit },
      signal,
    ),
  exportFile: (filter: AuditFilter, format: 'jsonl' | 'csv') =>
    api.download('/audit/export', { ...filter, format }),
  reads: (userId: string | undefined, limit: number, signal?: AbortSignal) =>
    api.get<{ items: AuditRead[] }>('/audit/reads', { userId, limit }, signal),
  checkpoints: (cursor: string | null, signal?: AbortSignal) =>
    api.get<CheckpointPage>(
      '/audit/checkpoints',
      { cursor: cursor ?? undefined, limit: 50 },
      signal,
    ),
  publicKey: (signal?: AbortSignal) => api.get<PublicKey>('/audit/public-key', undefined, signal),
  workflows: () => api.get<{ items: WorkflowSummary[] }>('/workflows'),
  workflow: (id: string, version: number) =>
    api.get<WorkflowDetail>(`/workflows/${encodeURIComponent(id)}/versions/${version}`),
  units: (cursor: string | null) =>
    api.get<Page<Unit>>('/units', { cursor: cursor ?? undefined, limit: 100 }),
  people: (q: string, signal?: AbortSignal) =>
    api.get<Page<Person>>('/people', { q, limit: 20 }, signal),
  person: (id: string) => api.get<Person>(`/people/${encodeURIComponent(id)}`),
};
