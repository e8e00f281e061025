import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors';
import { Clock } from '../common/clock';
import { CaseQueries } from '../cases/case-queries.service';
import type { Principal } from '../domain/org/principal';
import type {
  EligibilityLine,
  EligibilityOutcome,
  EligibilityResult,
  LineOutcome,
} from '../domain/rules/eligibility-types';
import type { StoredCase } from '../domain/cases/stored-case';
import type { KnownEventFacts } from '../domain/workflow/event-facts';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import type { Localized } from '../domain/localized';
import type { SourceRef } from '../domain/rules/rule-set';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { restrictEligibility } from '../domain/rules/restricted-lines';
import { CommendationFacts, judgesEligibility } from './commendation-facts.service';
import { vietnamDayOf } from '../domain/calendar/iso-date';
import { mayReadCase } from './need-to-know';

/** A rule set source as a reader needs it: the reference and what it refers to. */
export interface CitedSource extends SourceRef {
  /** The official designation, e.g. "Luật Thi đua, khen thưởng số 06/2022/QH15". */
  citation: string | null;
  title: Localized | null;
}

export interface EligibilityReportLine {
  rule: string;
  outcome: LineOutcome;
  reason: Localized;
  source: CitedSource[];
  details?: Record<string, unknown>;
}

/** The eligibility of a nomination as of a day: what SUBMIT would judge if it were sent then. */
export interface EligibilityReport {
  caseId: string;
  asOf: string;
  outcome: EligibilityOutcome;
  ruleSet: { id: string; version: number; hash: string };
  lines: EligibilityReportLine[];
}

/** The report an event checked and its audit record keeps, with where it is kept. */
export interface RecordedEligibility {
  caseId: string;
  /** Null: no accepted event has checked the nomination's eligibility yet. */
  recorded:
    | (Omit<EligibilityReport, 'caseId'> & {
        seq: number;
        eventType: string;
        /** When the record was written (the server's clock). */
        recordedAt: string;
      })
    | null;
}

/**
 * "Am I eligible?": the nomination's eligibility as of today, judged by the very code the
 * workflow's `eligibility` fact runs (CommendationFacts.prepareEligibility) with the caller as the
 * nominator, as if they sent the event now. It only reads: nothing is stored, not even a record.
 * Lines that describe a violation case the caller may not read (the nominee moved from its unit)
 * say what it means for the nomination and where to ask, not the other case's details.
 */
@Injectable()
export class EligibilityCheckService {
  constructor(
    private readonly cases: CaseQueries,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly commendation: CommendationFacts,
    private readonly clock: Clock,
    @Inject(CASES_REPOSITORY) private readonly caseRecords: CasesRepository,
  ) {}

  async check(principal: Principal, caseId: string): Promise<EligibilityReport> {
    const stored = await this.loadJudged(principal, caseId);
    const today = this.clock.todayInVietnam();
    const judge = await this.commendation.prepareEligibility(stored, principal, today);
    const judged = judge(stored);
    // What comes from a violation case the caller may not read is said, not shown.
    const { result } = restrictEligibility(
      this.ruleSets.get(judged.result.ruleSet.id, judged.result.ruleSet.version).ruleSet,
      judged.result,
      judged.sources,
      (id) => mayReadCase(principal, judged.violationReaders.get(id)),
    );
    return { caseId: stored.id, asOf: today, ...this.cited(result) };
  }

  /**
   * The eligibility the nomination's records keep: the full report of the last accepted event that
   * checked it (SUBMIT, MARK_VERIFIED, RESUBMIT, APPROVE), exactly as its audit record holds it
   * (and its hash covers), lines about a case some readers may not read included only as their
   * commitment. From nomination v9 on the case itself keeps only the outcome and the lines that
   * did not pass; for every version this is where the whole report is read.
   */
  async recorded(principal: Principal, caseId: string): Promise<RecordedEligibility> {
    const stored = await this.loadJudged(principal, caseId);
    const records = await this.caseRecords.fullHistory(stored.id);
    for (let index = records.length - 1; index >= 0; index--) {
      const record = records[index];
      const facts = record.facts as KnownEventFacts | undefined;
      if (facts?.eligibility == null) continue;
      return {
        caseId: stored.id,
        recorded: {
          seq: record.seq,
          eventType: record.eventType,
          recordedAt: record.at,
          asOf: facts.today ?? vietnamDayOf(record.at),
          ...this.cited(facts.eligibility),
        },
      };
    }
    return { caseId: stored.id, recorded: null };
  }

  /** The case, if the caller may read it and its workflow judges eligibility. */
  private async loadJudged(principal: Principal, caseId: string): Promise<StoredCase> {
    const stored = await this.cases.load(principal, caseId);
    const workflow = this.workflows.get(stored.workflow.id, stored.workflow.version);
    if (!judgesEligibility(workflow)) throw notJudged(caseId);
    return stored;
  }

  /**
   * A result with each line's legal sources cited as the rule set that judged it names them (a
   * recorded report whose rule set is no longer loaded keeps its references, uncited).
   */
  private cited(result: EligibilityResult): Omit<EligibilityReport, 'caseId' | 'asOf'> {
    const judgedBy = this.ruleSets.find(result.ruleSet.id, result.ruleSet.version);
    const sources = new Map(judgedBy?.ruleSet.sources.map((source) => [source.id, source]));
    const cite = (ref: SourceRef): CitedSource => ({
      ...ref,
      citation: sources.get(ref.text)?.citation ?? null,
      title: sources.get(ref.text)?.title ?? null,
    });
    return {
      outcome: result.outcome,
      ruleSet: result.ruleSet,
      lines: result.lines.map((line: EligibilityLine) => ({
        ...line,
        source: line.source.map(cite),
      })),
    };
  }
}

function notJudged(caseId: string): AppError {
  return new AppError(
    'ELIGIBILITY.NOT_JUDGED',
    'conflict',
    `Case ${caseId} is not a nomination whose workflow judges eligibility.`,
    { caseId },
    {
      vi: `Hồ sơ ${caseId} không phải đề nghị khen thưởng được xét điều kiện theo bộ quy tắc.`,
      en: `Case ${caseId} is not a nomination whose workflow judges eligibility.`,
    },
  );
}
