import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CaseQueries } from '../cases/case-queries.service';
import type { AuditRecord } from '../domain/audit/audit-record';
import type { Principal } from '../domain/org/principal';
import type { EligibilityLine } from '../domain/rules/eligibility-types';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  SEALED_ELIGIBILITY_LINES_REPOSITORY,
  type SealedEligibilityLine,
  type SealedEligibilityLinesRepository,
} from '../persistence/repositories/sealed-eligibility-lines.repository';
import { logRestrictedRead, readableAmong } from './need-to-know';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { commitmentOf } from '../domain/audit/sealed-value';

/** An eligibility line as it was judged, for a reader who may read the cases it describes. */
export interface SealedLineView {
  /** The record whose eligibility fact carries the line's commitment, and its position there. */
  seq: number;
  lineIndex: number;
  rule: string;
  line: EligibilityLine;
  commitment: string;
  nonce: string;
  /** The line and nonce give the commitment, and the record carries it at that position. */
  verified: boolean;
}

/**
 * The eligibility lines a nomination's records carry only as a commitment (they describe a
 * violation case some of its readers may not read), each shown to a reader who may read every case
 * it describes, exactly as GET /cases/:id decides for those cases. Every read is logged.
 */
@Injectable()
export class SealedEligibilityService {
  constructor(
    private readonly queries: CaseQueries,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(SEALED_ELIGIBILITY_LINES_REPOSITORY)
    private readonly sealedLines: SealedEligibilityLinesRepository,
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    private readonly clock: Clock,
    private readonly workflows: WorkflowCatalogue,
  ) {}

  async list(
    principal: Principal,
    caseId: string,
  ): Promise<{ items: SealedLineView[]; withheld: number }> {
    const stored = await this.queries.load(principal, caseId);
    const sealed = await this.sealedLines.ofCase(stored.id);
    if (sealed.length === 0) return { items: [], withheld: 0 };
    const readable = await readableAmong(
      principal,
      sealed.flatMap((line) => line.sourceCaseIds),
      this.cases,
      this.workflows,
    );
    const shown = sealed.filter((line) => line.sourceCaseIds.every((id) => readable.has(id)));
    const records = new Map(
      (await this.cases.fullHistory(stored.id)).map((record) => [record.seq, record]),
    );
    const items = shown.map((line) => lineView(line, records.get(line.seq)));
    await logRestrictedRead(this.trail, this.clock, principal, {
      action: 'sealed_eligibility',
      caseId: stored.id,
      resultCount: items.length,
    });
    return { items, withheld: sealed.length - shown.length };
  }
}

function lineView(sealed: SealedEligibilityLine, record: AuditRecord | undefined): SealedLineView {
  const eligibility = (record?.facts as { eligibility?: { lines?: EligibilityLine[] } } | undefined)
    ?.eligibility;
  const recorded = eligibility?.lines?.[sealed.lineIndex]?.details?.commitment;
  return {
    seq: sealed.seq,
    lineIndex: sealed.lineIndex,
    rule: sealed.rule,
    line: sealed.line,
    commitment: sealed.commitment,
    nonce: sealed.nonce,
    verified:
      commitmentOf(sealed.line, sealed.nonce) === sealed.commitment &&
      recorded === sealed.commitment,
  };
}
