import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import type { StoredCase } from '../domain/cases/stored-case';
import { verifyCase, type CaseVerification } from '../domain/audit/verify-case';
import { actingAt, type Principal } from '../domain/org/principal';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import { NOBODY, canRead, isAbout } from './case-access';
import { caseNotFound } from './case-errors';
import { toCaseView, type CaseView, type HistoryView } from './case-view';

/** The caller's roles over this case decide what they may send; never anything about themselves. */
export function caseViewFor(
  stored: StoredCase,
  workflow: CompiledWorkflow,
  principal: Principal | null,
): CaseView {
  if (principal === null) return toCaseView(stored, workflow, NOBODY);
  const acting = isAbout(principal, stored)
    ? { ...principal, roles: [] }
    : actingAt(principal, stored.unitPath);
  return toCaseView(stored, workflow, acting);
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
  ) {}

  async get(principal: Principal, caseId: string): Promise<CaseView> {
    const stored = await this.load(principal, caseId);
    return caseViewFor(stored, this.workflowOf(stored), principal);
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
   * version, so a concurrent write is not mistaken for tampering.
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
    return verifyCase(stored, records, (pin) =>
      pin === null ? this.workflowOf(stored) : this.catalogue.get(pin.id, pin.version),
    );
  }

  /** Out of the caller's scope answers exactly like a case that does not exist. */
  async load(principal: Principal, caseId: string): Promise<StoredCase> {
    const stored = isUuid(caseId) ? await this.cases.findById(caseId) : null;
    if (!stored || !canRead(principal, stored)) throw caseNotFound(caseId);
    return stored;
  }

  private workflowOf(stored: StoredCase): CompiledWorkflow {
    return this.catalogue.get(stored.workflow.id, stored.workflow.version);
  }
}
