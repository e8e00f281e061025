import type { Localized } from '../i18n/language';

/* What the case routes answer (src/cases/case-view.ts, src/domain/audit/audit-record.ts). */

export type CaseSubject =
  | { kind: 'person'; id: string; code: string; name: string; unitId: string }
  | { kind: 'unit'; id: string; code: string; name: string };

export interface AllowedEvent {
  type: string;
  label: Localized;
}

/** A case as GET /cases/:id and POST /cases answer it. */
export interface CaseView {
  id: string;
  type: string;
  subject: CaseSubject;
  data: Record<string, unknown>;
  state: string;
  stateLabel: Localized;
  closed: boolean;
  version: number;
  workflow: { id: string; version: number; hash: string };
  context: Record<string, unknown>;
  allowedEvents: AllowedEvent[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One sealed audit record of a case: a case's history and the audit log list the same. */
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

export type LineOutcome = 'pass' | 'fail' | 'needs_review' | 'on_hold';
export type EligibilityOutcome = 'eligible' | 'ineligible' | 'on_hold' | 'needs_review';
