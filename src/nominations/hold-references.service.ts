import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CaseQueries } from '../cases/case-queries.service';
import type { Principal } from '../domain/org/principal';
import { holdReference, holdsOf } from '../domain/workflow/hold-steps';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  HOLD_REFERENCES_REPOSITORY,
  type HoldReferencesRepository,
} from '../persistence/repositories/hold-references.repository';
import { logRestrictedRead, readableAmong } from './need-to-know';

/** A hold's reference opened, for a reader who may read the violation case behind it. */
export interface HoldReferenceView {
  reference: string;
  violationCaseId: string;
  nonce: string;
  placedAt: string;
  current: boolean;
  /** The pair and the nonce give the reference the records carry. */
  verified: boolean;
}

/**
 * The violation cases behind a nomination's holds (hold-steps.ts holdReference), each shown to a
 * reader who may read that case, exactly as GET /cases/:id decides for it; the others are only
 * counted. Every read is logged.
 */
@Injectable()
export class HoldReferencesService {
  constructor(
    private readonly queries: CaseQueries,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(HOLD_REFERENCES_REPOSITORY) private readonly references: HoldReferencesRepository,
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    private readonly clock: Clock,
    private readonly workflows: WorkflowCatalogue,
  ) {}

  async list(
    principal: Principal,
    caseId: string,
  ): Promise<{ items: HoldReferenceView[]; withheld: number }> {
    const nomination = await this.queries.load(principal, caseId);
    const rows = await this.references.ofNomination(nomination.id);
    if (rows.length === 0) return { items: [], withheld: 0 };
    const readable = await readableAmong(
      principal,
      rows.map((row) => row.violationCaseId),
      this.cases,
      this.workflows,
    );
    const current = new Set(holdsOf(nomination.context).map((hold) => hold.caseId));
    const items = rows
      .filter((row) => readable.has(row.violationCaseId))
      .map((row) => ({
        reference: row.reference,
        violationCaseId: row.violationCaseId,
        nonce: row.nonce,
        placedAt: row.createdAt,
        current: current.has(row.reference),
        verified: holdReference(row, row.nonce) === row.reference,
      }));
    await logRestrictedRead(this.trail, this.clock, principal, {
      action: 'hold_references',
      caseId: nomination.id,
      resultCount: items.length,
    });
    return { items, withheld: rows.length - items.length };
  }
}
