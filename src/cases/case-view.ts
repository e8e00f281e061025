import type { AuditRecord } from '../domain/audit/audit-record';
import type { Localized } from '../domain/localized';
import type { ActorFacts } from '../domain/roles';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { allowedEvents, type AllowedEvent } from '../domain/workflow/step';
import type { CaseSubject, StoredCase } from '../domain/cases/stored-case';

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
  /** The events this caller may send now (by state and role; guards may ask for payload). */
  allowedEvents: AllowedEvent[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function toCaseView(
  stored: StoredCase,
  workflow: CompiledWorkflow,
  actor: ActorFacts,
): CaseView {
  const stateConfig = workflow.definition.machine.states[stored.state];
  return {
    id: stored.id,
    type: stored.caseType,
    subject: stored.subject,
    data: stored.data,
    state: stored.state,
    stateLabel: stateConfig?.meta.label ?? { vi: stored.state, en: stored.state },
    closed: stored.closed,
    version: stored.version,
    workflow: stored.workflow,
    context: stored.context,
    allowedEvents: allowedEvents(workflow, stored.state, actor),
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

/**
 * What an existence reader of a need-to-know case learns: that it exists, its unit and its state;
 * not whom it is about, its data, context, history, documents or what may be done next.
 */
export interface CaseExistenceView {
  id: string;
  type: string;
  /** Always true: tells this view from a full one. */
  existenceOnly: true;
  state: string;
  stateLabel: Localized;
  workflow: { id: string; version: number };
  unitId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toExistenceView(stored: StoredCase, workflow: CompiledWorkflow): CaseExistenceView {
  const stateConfig = workflow.definition.machine.states[stored.state];
  return {
    id: stored.id,
    type: stored.caseType,
    existenceOnly: true,
    state: stored.state,
    stateLabel: stateConfig?.meta.label ?? { vi: stored.state, en: stored.state },
    workflow: { id: stored.workflow.id, version: stored.workflow.version },
    unitId: stored.unitId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export interface HistoryView {
  items: AuditRecord[];
  /** Pass as afterSeq for the next page; null when this page reached the end. */
  nextAfterSeq: number | null;
}
