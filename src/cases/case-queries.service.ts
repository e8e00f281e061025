import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import type { StoredCase } from '../domain/cases/stored-case';
import { verifyCase, type CaseVerification } from '../domain/audit/verify-case';
import { actingAt, scopesFor, type Principal } from '../domain/org/principal';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import type { Page } from '../persistence/repositories/page';
import { CASE_READERS, NOBODY, canRead, isAbout } from './case-access';
import { caseNotFound } from './case-errors';
import { toCaseView, type CaseView, type HistoryView } from './case-view';
import type { ListCasesQuery } from './dto/case.dto';

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

/** Reading cases: one case, lists, history and verification, each narrowed to the caller's scope. */
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

  async list(principal: Principal, query: ListCasesQuery): Promise<Page<CaseView>> {
    const page = await this.cases.list({
      scopes: scopesFor(principal, CASE_READERS),
      caseType: query.type,
      state: query.state,
      cursor: query.cursor,
      limit: query.limit ?? 20,
    });
    return {
      items: page.items.map((stored) => caseViewFor(stored, this.workflowOf(stored), principal)),
      nextCursor: page.nextCursor,
    };
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
