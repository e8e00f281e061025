import type { AuditRecord } from '../../api/cases';
import { api } from '../../api/client';

export type { AuditRecord } from '../../api/cases';
export type { Person, Unit } from '../../api/registry';

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
};
