import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  authorityChainFrom,
  decisionIssuerFor,
  type NamedSigner,
  issuedNumber,
  type DecisionIssuer,
} from '../authorities/decision-issuer';
import { issuingUnitFor } from '../cases/plugins/issuing-unit';
import { VIOLATION_CATEGORIES } from '../catalogue/violation-categories.provider';
import {
  categoryOf,
  type ViolationCategoryCatalogue,
} from '../domain/discipline/violation-categories';
import { Clock } from '../common/clock';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Principal } from '../domain/org/principal';
import {
  evaluateEligibility,
  type EligibilityFacts,
  type EligibilityRequest,
  type MemberFacts,
} from '../domain/rules/eligibility';
import type { EligibilityResult } from '../domain/rules/eligibility-types';
import { summariseRelatedCases, type RelatedCase } from '../domain/rules/related-cases';
import { violationSourcesOf, type ViolationSources } from '../domain/rules/restricted-lines';
import type { ReadableCase } from './need-to-know';
import type { Award } from '../domain/rules/rule-set';
import { RuleSetCatalogue, type LoadedRuleSet } from '../domain/rules/rule-set-catalogue';
import type { DecisionNumberFact } from '../domain/workflow/event-facts';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { WorkflowRole } from '../domain/roles';
import {
  ANNUAL_RATINGS_REPOSITORY,
  type AnnualRatingsRepository,
} from '../persistence/repositories/annual-ratings.repository';
import {
  CASES_REPOSITORY,
  type CaseTransaction,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
} from '../persistence/repositories/historical-awards.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';

export const NOMINATION = 'nomination';
export const VIOLATION = 'violation';

/**
 * A nomination judged: the result, the violation cases behind its facts (by kind) and who may read
 * each, so that lines describing a case a reader may not read can be restricted.
 */
export interface JudgedEligibility {
  result: EligibilityResult;
  sources: ViolationSources;
  violationReaders: ReadonlyMap<string, ReadableCase>;
}

interface LoadedEligibilityFacts {
  facts: EligibilityFacts;
  sources: ViolationSources;
  violationReaders: ReadonlyMap<string, ReadableCase>;
}

/** The nomination's data, as its workflow's dataSchema has already checked it. */
export interface NominationData {
  awardCode: string;
  evaluationYear: number;
  /** Nomination v3: the period of the achievement, inside the evaluation year. */
  achievementPeriod?: { from: string; to: string };
  /** Nomination v7: the type of commendation and the movement it comes from. */
  commendationType?: string;
  movementId?: string;
}

/**
 * What the commendation plug-in knows how to find out: the rule set a nomination is judged by, the
 * eligibility of its nominee (from the registry, the imported history and the nominee's other
 * cases, read by their state tags), who issues its decision and the decision's number.
 */
/** A workflow (version) that judges eligibility: some event of it declares the fact. */
export function judgesEligibility(workflow: CompiledWorkflow): boolean {
  return Object.values(workflow.definition.events).some((event) =>
    event.facts?.includes('eligibility'),
  );
}

@Injectable()
export class CommendationFacts {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY) private readonly history: HistoricalAwardsRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
    @Inject(ANNUAL_RATINGS_REPOSITORY) private readonly ratings: AnnualRatingsRepository,
    @Inject(UNIT_AUTHORITIES_REPOSITORY) private readonly authorities: UnitAuthoritiesRepository,
    @Optional()
    @Inject(VIOLATION_CATEGORIES)
    private readonly violationCategories?: ViolationCategoryCatalogue,
  ) {}

  /** The rule set in force today: what a nomination opened now is judged by. */
  ruleSetInForce(): LoadedRuleSet {
    return this.ruleSets.latest(this.clock.todayInVietnam());
  }

  /**
   * The rule set a nomination is judged by: the one its eligibility was first checked with, so a
   * case is not judged by two versions; otherwise the one in force.
   */
  ruleSetFor(stored: StoredCase): LoadedRuleSet {
    const pinned = (stored.context.eligibility as { ruleSet?: { id: string; version: number } })
      ?.ruleSet;
    if (pinned !== undefined) return this.ruleSets.get(pinned.id, pinned.version);
    return this.ruleSetInForce();
  }

  awardOf(stored: StoredCase): Award | undefined {
    const { awardCode } = stored.data as unknown as NominationData;
    return this.ruleSetFor(stored).ruleSet.awards.find((a) => a.code === awardCode);
  }

  /**
   * Reads what eligibility needs about the nominee (before the transaction); the returned function
   * judges the locked case with it.
   */
  async prepareEligibility(
    stored: StoredCase,
    principal: Principal | null,
    today: string,
  ): Promise<(current: StoredCase) => JudgedEligibility> {
    const [loaded, nominatingUnit, authorityChain] = await Promise.all([
      this.loadEligibilityFacts(stored),
      this.organisation.findUnitById(stored.unitId ?? ''),
      authorityChainFrom(this.authorities, nomineeUnitId(stored)),
    ]);
    return (current) => ({
      result: evaluateEligibility(
        this.ruleSetFor(current),
        {
          ...eligibilityRequest(current, principal, nominatingUnit, today),
          // Only once a unit of the chain records an authority: before that a person judges it.
          ...(authorityChain.length === 0 ? {} : { authorityChain }),
        },
        loaded.facts,
      ),
      sources: loaded.sources,
      violationReaders: loaded.violationReaders,
    });
  }

  /**
   * Whether the issuing unit may grant the nomination's award, as which authority, in which format
   * and series, signed by whom (see authorities/decision-issuer.ts; read before the transaction).
   */
  async decisionIssuer(
    stored: StoredCase,
    issuingUnit: StoredUnit,
    signer?: NamedSigner,
  ): Promise<DecisionIssuer> {
    const chain = await authorityChainFrom(this.authorities, nomineeUnitId(stored));
    return decisionIssuerFor(
      this.authorities,
      this.ruleSetInForce().ruleSet,
      issuingUnit,
      this.awardOf(stored),
      signer,
      chain,
    );
  }

  /**
   * The next number of the issuing unit's decisions in the decision's year, in the issuing
   * authority's format and series: "12/QĐ-CTĐL", "12-QĐ/ĐUK" (a unit that records no authority:
   * State format and its code, "12/QĐ-DUK").
   */
  async allocateDecisionNumber(
    tx: CaseTransaction,
    issuingUnit: StoredUnit,
    decidedOn: string = this.clock.todayInVietnam(),
    issuer: DecisionIssuer = { format: 'state', series: issuingUnit.code },
  ): Promise<DecisionNumberFact> {
    const year = Number(decidedOn.slice(0, 4));
    const sequence = await tx.allocateDecisionNumber(issuingUnit.id, year);
    return {
      number: issuedNumber(issuer, sequence),
      sequence,
      year,
      issuingUnit: { id: issuingUnit.id, code: issuingUnit.code, name: issuingUnit.name },
      ...(issuer.authority === undefined ? {} : { authority: issuer.authority }),
      ...(issuer.signer === undefined ? {} : { signedBy: issuer.signer }),
    };
  }

  /** The unit in whose name the decision is issued (see cases/plugins/issuing-unit.ts). */
  issuingUnitFor(
    stored: StoredCase,
    principal: Principal | null,
    eventRoles: readonly WorkflowRole[],
  ): Promise<StoredUnit> {
    return issuingUnitFor(this.organisation, stored, principal, eventRoles);
  }

  /**
   * Everything the registry and the case history say about the nominee (and its members), with
   * the violation cases behind those facts and where each belongs (who may read it).
   */
  private async loadEligibilityFacts(stored: StoredCase): Promise<LoadedEligibilityFacts> {
    const subject = stored.subject;
    const personIds = subject.kind === 'person' ? [subject.id] : [];
    const unitIds = subject.kind === 'unit' ? [subject.id] : [];
    const members = subject.kind === 'unit' ? await this.membersOf(subject.id) : [];
    const memberIds = members.map((m) => m.id);
    const [related, imported, rated, nominee] = await Promise.all([
      this.cases.casesAbout({ personIds: [...personIds, ...memberIds], unitIds }, [
        NOMINATION,
        VIOLATION,
      ]),
      this.history.heldBy({ personIds: [...personIds, ...memberIds], unitIds }),
      this.ratings.currentOf([
        { kind: subject.kind, id: subject.id },
        ...memberIds.map((id) => ({ kind: 'person' as const, id })),
      ]),
      subject.kind === 'person' ? this.organisation.findPersonById(subject.id) : null,
    ]);
    // The register's current ratings; a year it does not hold is simply absent (needs review).
    const ratingsOf = (kind: 'person' | 'unit', id: string) =>
      rated
        .filter((r) => r.subject.kind === kind && r.subject.id === id)
        .map((r) => ({ year: r.year, rating: r.rating }));
    const { evaluationYear } = stored.data as unknown as NominationData;
    const summaryOf = (cases: StoredCase[]) =>
      summariseRelatedCases(
        cases.map((c) => this.asRelated(c)),
        stored.id,
      );
    const ownCases = related.filter((c) =>
      subject.kind === 'person'
        ? c.subjectPersonId === subject.id
        : c.subjectPersonId === null && c.unitId === subject.id,
    );
    const own = summaryOf(ownCases);
    const facts: EligibilityFacts = {
      ...own,
      awardsHeld: [...own.awardsHeld, ...(imported.get(subject.id) ?? [])],
      taskRatings: ratingsOf(subject.kind, subject.id),
      ...(nominee?.partyJoinedOn ? { partyJoinedOn: nominee.partyJoinedOn } : {}),
    };
    if (subject.kind === 'unit') {
      facts.members = members.map(({ id: personId, label }): MemberFacts => {
        const mine = summaryOf(related.filter((c) => c.subjectPersonId === personId));
        return {
          personId,
          label,
          awardsHeld: [...mine.awardsHeld, ...(imported.get(personId) ?? [])],
          disciplines: mine.disciplines,
          ...memberRating(ratingsOf('person', personId), evaluationYear),
        };
      });
    }
    const violations = related.filter((c) => c.caseType === VIOLATION);
    const memberCases = violations.filter(
      (c) => c.subjectPersonId !== null && memberIds.includes(c.subjectPersonId),
    );
    return {
      facts,
      sources: violationSourcesOf(
        ownCases.filter((c) => c.caseType === VIOLATION).map((c) => this.asRelated(c)),
        memberCases.map((c) => this.asRelated(c)),
      ),
      violationReaders: new Map(
        violations.map((c) => [
          c.id,
          {
            unitPath: c.unitPath,
            subjectPersonId: c.subjectPersonId,
            access: this.catalogue.get(c.workflow.id, c.workflow.version).definition.access,
          },
        ]),
      ),
    };
  }

  /** A case as eligibility reads it: what its state means in its own workflow version. */
  private asRelated(stored: StoredCase): RelatedCase {
    const workflow = this.catalogue.get(stored.workflow.id, stored.workflow.version);
    return {
      id: stored.id,
      tags: workflow.tagsOf(stored.state),
      data: stored.data,
      context: stored.context,
      createdAt: stored.createdAt,
      ...(this.violationCategories === undefined || stored.caseType !== VIOLATION
        ? {}
        : {
            countsAgainstTraffic:
              categoryOf(this.violationCategories, stored.data.category)?.countsAgainstTraffic ===
              true,
          }),
    };
  }

  private async membersOf(unitId: string): Promise<{ id: string; label: string }[]> {
    const members: { id: string; label: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.organisation.listPeople({
        scopes: null,
        unitId,
        cursor,
        limit: 500,
      });
      for (const person of page.items.filter((p) => p.active)) {
        members.push({ id: person.id, label: `${person.fullName} (${person.code})` });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return members;
  }
}

/** The unit whose chain of authorities decides who grants: a person's unit, or the collective. */
function nomineeUnitId(stored: StoredCase): string | null {
  const subject = stored.subject;
  return subject.kind === 'person' ? (subject.unitId ?? null) : subject.id;
}

/** The member's rating for the evaluation year, when the register holds one. */
function memberRating(
  ratings: { year: number; rating: string }[],
  year: number,
): { taskRating?: string } {
  const rating = ratings.find((r) => r.year === year)?.rating;
  return rating === undefined ? {} : { taskRating: rating };
}

function eligibilityRequest(
  stored: StoredCase,
  principal: Principal | null,
  nominatingUnit: StoredUnit | null,
  today: string,
): EligibilityRequest {
  const { awardCode, evaluationYear, achievementPeriod, commendationType, movementId } =
    stored.data as unknown as NominationData;
  const documents = Array.isArray(stored.context.documents)
    ? (stored.context.documents as { code: string }[]).map((d) => d.code)
    : [];
  return {
    awardCode,
    evaluationYear,
    ...(achievementPeriod !== undefined ? { achievementPeriod } : {}),
    nomineeKind: stored.subject.kind,
    ...(stored.subject.kind === 'person' ? { nomineePersonId: stored.subject.id } : {}),
    nominatorPersonId:
      principal === null ? 'public' : (principal.personId ?? `user:${principal.userId}`),
    // The grantor level of a unit kind is the organisation's to say; unknown → needs review.
    nominatingUnit: {
      ...(nominatingUnit === null ? {} : { id: nominatingUnit.id }),
      kind: nominatingUnit?.kind ?? 'unknown',
    },
    documents,
    asOf: today,
    caseId: stored.id,
    achievement: {
      ...(commendationType !== undefined ? { commendationType } : {}),
      ...(movementId !== undefined ? { movementId } : {}),
    },
  };
}
