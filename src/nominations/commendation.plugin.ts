import type { NamedSigner } from '../authorities/decision-issuer';
import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { addWorkingDays, type WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import type { PublicNoticeFact } from '../domain/workflow/event-facts';
import type { KnownEventFacts } from '../domain/workflow/event-facts';
import { WORKING_DAY_CALENDAR } from '../catalogue/calendar.provider';
import { verificationCodeFor } from '../outputs/award-decision';
import { CaseEffects, entered, type CaseEffect } from '../cases/plugins/case-effects';
import { CaseListFacets, type CaseListDescriber } from '../cases/plugins/case-list-facets';
import { FactProviders, type FactProvider } from '../cases/plugins/fact-providers';
import { OpeningChecks, type OpeningCheck } from '../cases/plugins/opening-checks';
import type { StoredCase } from '../domain/cases/stored-case';
import type { EligibilityResult } from '../domain/rules/eligibility-types';
import { restrictEligibility } from '../domain/rules/restricted-lines';
import {
  CASES_REPOSITORY,
  type CaseTransaction,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import type { SealedEligibilityLine } from '../persistence/repositories/sealed-eligibility-lines.repository';
import { insertSealedEligibilityLines } from '../persistence/repositories/sql-sealed-eligibility-lines.repository';
import {
  CommendationFacts,
  judgesEligibility,
  NOMINATION,
  type JudgedEligibility,
  type NominationData,
} from './commendation-facts.service';
import { invalidNominationData } from './nomination-errors';
import { nominationLinksCheck } from './nomination-links.check';
import { readersOfAlsoRead } from './need-to-know';
import { seal } from '../domain/audit/sealed-value';

/**
 * The commendation workflow's plug-in: the facts its events declare (eligibility, the public notice
 * period, a decision number, an uploaded document), the check of a nomination's data at opening,
 * the certificate a granted award gets, and how lists show a nomination (its award and year).
 * Registered with the engine at start-up.
 */
@Injectable()
export class CommendationPlugin implements OnModuleInit {
  constructor(
    private readonly commendation: CommendationFacts,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    private readonly facts: FactProviders,
    private readonly effects: CaseEffects,
    private readonly openingChecks: OpeningChecks,
    private readonly listFacets: CaseListFacets,
    // Nomination v7's links (movement, registration) are read from here; an engine assembled
    // without it refuses every link rather than accept one unchecked.
    @Optional() @Inject(CASES_REPOSITORY) private readonly cases?: CasesRepository,
  ) {}

  onModuleInit(): void {
    this.facts.register(
      this.eligibility,
      this.publicNotice,
      this.decisionNumber,
      DOCUMENT_FROM_UPLOAD,
    );
    this.effects.register(this.certificate);
    this.openingChecks.register(
      this.nominationData,
      nominationLinksCheck(this.cases, () => this.commendation.ruleSetInForce().ruleSet),
    );
    this.listFacets.register(this.listing);
  }

  /**
   * Lists show and filter nominations by their award and evaluation year; the award's name comes
   * from the rule set the nomination is judged by. Versions before data schemas may lack either.
   */
  private readonly listing: CaseListDescriber = {
    caseType: NOMINATION,
    dataKeys: { award: 'awardCode', year: 'evaluationYear' },
    describe: (stored) => {
      const { awardCode, evaluationYear } = stored.data as Partial<NominationData>;
      return {
        award:
          typeof awardCode === 'string'
            ? { code: awardCode, name: this.commendation.awardOf(stored)?.name ?? null }
            : null,
        year: typeof evaluationYear === 'number' ? evaluationYear : null,
      };
    },
  };

  /**
   * The rule set's verdict on the nominee, as the case stands when the event is applied. A line
   * that describes a violation case some readers of the nomination may not read (the nominee moved
   * from its unit) is recorded as its restricted wording plus a commitment; the line itself goes
   * to the sealed lines, in the same transaction, for those who may read that case.
   */
  private readonly eligibility: FactProvider = {
    name: 'eligibility',
    prepare: async ({ stored, principal, today }) => {
      const judge = await this.commendation.prepareEligibility(stored, principal, today);
      return { resolve: (tx, current) => this.recordable(tx, current, judge(current)) };
    },
  };

  private async recordable(
    tx: CaseTransaction,
    current: StoredCase,
    judged: JudgedEligibility,
  ): Promise<EligibilityResult> {
    const { result, restricted } = restrictEligibility(
      this.commendation.ruleSetFor(current).ruleSet,
      judged.result,
      judged.sources,
      (id) => readersOfAlsoRead(current.unitPath, judged.violationReaders.get(id)),
    );
    if (restricted.length === 0) return result;
    const sealed: SealedEligibilityLine[] = restricted.map(({ index, line, sources }) => ({
      caseId: current.id,
      // The record this fact goes into is the next of the locked case.
      seq: current.version + 1,
      lineIndex: index,
      rule: line.rule,
      ...seal(line),
      line,
      sourceCaseIds: [...sources],
    }));
    await insertSealedEligibilityLines(tx, sealed);
    const commitments = new Map(sealed.map((s) => [s.lineIndex, s.commitment]));
    return {
      ...result,
      lines: result.lines.map((line, index) =>
        commitments.has(index)
          ? { ...line, details: { restricted: true, commitment: commitments.get(index) } }
          : line,
      ),
    };
  }

  /**
   * Whether the award needs a public notice and when it runs: from the day the official says it
   * opened (today when not said), for the rule set's number of working days.
   */
  private readonly publicNotice: FactProvider = {
    name: 'publicNotice',
    prepare: ({ legalDate }) => ({
      resolve: (_tx, current): PublicNoticeFact => {
        const notice = this.commendation.awardOf(current)?.publicNotice;
        if (notice === undefined || !notice.required || notice.workingDays === undefined) {
          return { required: false, workingDays: null, opensOn: null, closesOn: null };
        }
        const opensOn = legalDate('opensOn');
        return {
          required: true,
          workingDays: notice.workingDays,
          opensOn,
          closesOn: addWorkingDays(opensOn, notice.workingDays, this.calendar),
        };
      },
    }),
  };

  /**
   * The next number of the issuing unit in the year of the decision's date (a decision signed on
   * paper last December takes last year's sequence), allocated inside the transaction.
   */
  private readonly decisionNumber: FactProvider = {
    name: 'decisionNumber',
    prepare: async ({ stored, principal, eventRoles, legalDate, payload }) => {
      const unit = await this.commendation.issuingUnitFor(stored, principal, eventRoles);
      // Issue 17: the unit must grant the award as one of its authorities, numbered in its format.
      const issuer =
        stored.caseType === NOMINATION
          ? await this.commendation.decisionIssuer(stored, unit, namedSignerOf(payload))
          : undefined;
      const signedOn = legalDate('decision.date');
      return {
        resolve: (tx) => this.commendation.allocateDecisionNumber(tx, unit, signedOn, issuer),
      };
    },
  };

  /** An announced award gets the verification code its certificate carries, bound to its record. */
  private readonly certificate: CaseEffect = {
    name: 'certificate',
    appliesTo: (transition) =>
      entered(transition, 'granted') &&
      (transition.facts as KnownEventFacts).decisionNumber !== undefined,
    apply: async ({ record, facts }, { tx }) => {
      const decisionNumber = (facts as KnownEventFacts).decisionNumber!;
      await tx.insertCertificate({
        verificationCode: verificationCodeFor(record.caseId, record.hash),
        caseId: record.caseId,
        seq: record.seq,
        recordHash: record.hash,
        issuingUnitId: decisionNumber.issuingUnit.id,
        decisionNumber: decisionNumber.number,
        issuedAt: record.at,
      });
    },
  };

  /**
   * Nomination data the rule set cannot judge is refused at opening: an unknown award, the wrong
   * kind of nominee, a future year, an achievement period outside its year. Only for workflows that
   * judge eligibility (a version before that keeps its free-form data).
   */
  private readonly nominationData: OpeningCheck = {
    name: 'nominationData',
    appliesTo: judgesEligibility,
    check: ({ subject, data, today }) => {
      const { awardCode, evaluationYear, achievementPeriod } = data as unknown as NominationData;
      const loaded = this.commendation.ruleSetInForce();
      const award = loaded.ruleSet.awards.find((a) => a.code === awardCode);
      if (award === undefined) {
        throw invalidNominationData('data.awardCode', {
          vi: `Bộ quy tắc ${loaded.ruleSet.id} (phiên bản ${loaded.ruleSet.version}) không có danh hiệu, hình thức khen thưởng "${awardCode}" (xem GET /api/v1/awards).`,
          en: `Rule set ${loaded.ruleSet.id} version ${loaded.ruleSet.version} has no award "${awardCode}" (see GET /api/v1/awards).`,
        });
      }
      const wanted = subject.kind === 'person' ? 'individual' : 'collective';
      if (!award.subjects.includes(wanted)) {
        throw invalidNominationData('data.awardCode', {
          vi: `"${award.name.vi}" không xét cho ${subject.kind === 'person' ? 'cá nhân' : 'tập thể'}.`,
          en: `"${award.name.en}" is not awarded to ${subject.kind === 'person' ? 'individuals' : 'collectives'}.`,
        });
      }
      const thisYear = Number(today.slice(0, 4));
      if (evaluationYear > thisYear) {
        throw invalidNominationData('data.evaluationYear', {
          vi: `Năm đánh giá ${evaluationYear} chưa đến (năm nay là ${thisYear}).`,
          en: `Evaluation year ${evaluationYear} is in the future (this is ${thisYear}).`,
        });
      }
      if (achievementPeriod !== undefined) {
        const { from, to } = achievementPeriod;
        const year = String(evaluationYear);
        if (from > to || from.slice(0, 4) !== year || to.slice(0, 4) !== year) {
          throw invalidNominationData('data.achievementPeriod', {
            vi: `Thời gian đạt thành tích (${from} – ${to}) phải nằm trong năm đánh giá ${evaluationYear}, ngày bắt đầu không sau ngày kết thúc.`,
            en: `The achievement period (${from} to ${to}) must lie within the evaluation year ${evaluationYear}, its start not after its end.`,
          });
        }
      }
    },
  };
}

/**
 * A dossier document enters the case only through the upload, which stores the file and supplies
 * this fact itself; sent any other way the event has no document, and its guard refuses it.
 */
const DOCUMENT_FROM_UPLOAD: FactProvider = {
  name: 'document',
  prepare: () => ({ resolve: () => undefined }),
};

/**
 * payload.decision.signerId (nomination v8 on): the registered signer named on the decision, with
 * the signer's name as written (payload.decision.signer).
 */
function namedSignerOf(payload: Record<string, unknown>): NamedSigner | undefined {
  const decision = payload.decision as { signerId?: unknown; signer?: unknown } | undefined;
  if (typeof decision?.signerId !== 'string') return undefined;
  return {
    id: decision.signerId,
    name: typeof decision.signer === 'string' ? decision.signer : '',
  };
}
