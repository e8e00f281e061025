import { Inject, Injectable, Optional } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { AppConfig } from '../config/app-config';
import type { AuditRecord } from '../domain/audit/audit-record';
import type { StoredCase } from '../domain/cases/stored-case';
import { verifyCase, type CaseVerification } from '../domain/audit/verify-case';
import type { Principal } from '../domain/org/principal';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WorkflowCatalogue, WorkflowNotFoundError } from '../domain/workflow/workflow-catalogue';
import { WorkerPool } from '../workers/worker-pool';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import { NOBODY, actingRoles, canRead, readingOf } from './case-access';
import { caseNotFound } from './case-errors';
import {
  toCaseView,
  toExistenceView,
  type CaseExistenceView,
  type CaseView,
  type HistoryView,
} from './case-view';
import { VERIFY_CASE } from './case-verification.tasks';

/**
 * The whole case, for a caller who reads it in full: their roles over it decide what they may send;
 * never anything about themselves but the subject's own events (see actingRoles).
 */
export function caseViewFor(
  stored: StoredCase,
  workflow: CompiledWorkflow,
  principal: Principal | null,
): CaseView {
  if (principal === null) return toCaseView(stored, workflow, NOBODY);
  return toCaseView(stored, workflow, {
    ...principal,
    roles: actingRoles(principal, stored, workflow.definition),
  });
}

/** The case as this caller may know it (see readingOf); null: as if it did not exist. */
export function readableViewFor(
  stored: StoredCase,
  workflow: CompiledWorkflow,
  principal: Principal,
): CaseView | CaseExistenceView | null {
  const reading = readingOf(principal, stored, workflow.definition.access);
  if (reading === 'full') return caseViewFor(stored, workflow, principal);
  return reading === 'existence' ? toExistenceView(stored, workflow) : null;
}

/**
 * Reading one case: the case, its history and its verification, each narrowed to the caller's
 * scope (lists are CaseListQueries').
 */
@Injectable()
export class CaseQueries {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly catalogue: WorkflowCatalogue,
    // Both present in the app and the CLI, where verification runs in a worker thread; absent
    // where the engine is assembled without NestJS (benchmarks, tests that drive the services).
    @Optional() private readonly pool?: WorkerPool,
    @Optional() private readonly config?: AppConfig,
  ) {}

  /** The case in full, or only that it exists and its state (need-to-know workflows). */
  async get(principal: Principal, caseId: string): Promise<CaseView | CaseExistenceView> {
    const stored = isUuid(caseId) ? await this.cases.findById(caseId) : null;
    const view = stored && readableViewFor(stored, this.workflowOf(stored), principal);
    if (!view) throw caseNotFound(caseId);
    return view;
  }

  async history(
    principal: Principal,
    caseId: string,
    afterSeq: number,
    limit: number,
  ): Promise<HistoryView> {
    await this.load(principal, caseId);
    const items = await this.cases.history(caseId, afterSeq, limit);
    return { items, nextAfterSeq: items.length === limit ? items[items.length - 1].seq : null };
  }

  /**
   * Verifies the case (see verifyCase). The row and the history are read until they agree on the
   * version, so a concurrent write is not mistaken for tampering. The hashing and the replay run in
   * a worker thread: their cost grows with the history.
   */
  async verify(principal: Principal, caseId: string): Promise<CaseVerification> {
    let stored = await this.load(principal, caseId);
    let records = await this.cases.fullHistory(caseId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const again = await this.load(principal, caseId);
      if (again.version === stored.version) break;
      stored = again;
      records = await this.cases.fullHistory(caseId);
    }
    return this.verified(stored, records);
  }

  private async verified(stored: StoredCase, records: AuditRecord[]): Promise<CaseVerification> {
    if (this.pool === undefined || this.config === undefined) {
      return verifyCase(stored, records, (pin) =>
        pin === null ? this.workflowOf(stored) : this.catalogue.get(pin.id, pin.version),
      );
    }
    const output = await this.pool.run(VERIFY_CASE, {
      workflowsDir: this.config.workflowsDir,
      stored,
      records,
    });
    if ('workflowNotFound' in output) {
      const { message, details } = output.workflowNotFound;
      throw new WorkflowNotFoundError(message, details);
    }
    return output.verification;
  }

  /**
   * A case the caller reads in full (its history, documents, verification…). Out of their reach,
   * or known to them only as existing, answers exactly like a case that does not exist.
   */
  async load(principal: Principal, caseId: string): Promise<StoredCase> {
    const stored = isUuid(caseId) ? await this.cases.findById(caseId) : null;
    if (!stored || !canRead(principal, stored, this.workflowOf(stored).definition.access)) {
      throw caseNotFound(caseId);
    }
    return stored;
  }

  private workflowOf(stored: StoredCase): CompiledWorkflow {
    return this.catalogue.get(stored.workflow.id, stored.workflow.version);
  }
}
