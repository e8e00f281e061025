import { Inject, Injectable } from '@nestjs/common';
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
import type { Award } from '../domain/rules/rule-set';
import { RuleSetCatalogue, type LoadedRuleSet } from '../domain/rules/rule-set-catalogue';
import type { DecisionNumberFact } from '../domain/workflow/event-facts';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { WorkflowRole } from '../domain/roles';
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
import { noIssuingUnit } from './nomination-errors';

export const NOMINATION = 'nomination';
export const VIOLATION = 'violation';

/**
 * A nomination judged: the result, the violation cases behind its facts (by kind) and the unit
 * path of each, so that lines describing a case a reader may not read can be restricted.
 */
export interface JudgedEligibility {
  result: EligibilityResult;
  sources: ViolationSources;
  violationUnitPaths: ReadonlyMap<string, string | null>;
}

interface LoadedEligibilityFacts {
  facts: EligibilityFacts;
  sources: ViolationSources;
  violationUnitPaths: ReadonlyMap<string, string | null>;
}

/** The nomination's data, as its workflow's dataSchema has already checked it. */
export interface NominationData {
  awardCode: string;
  evaluationYear: number;
  /** Nomination v3: the period of the achievement, inside the evaluation year. */
  achievementPeriod?: { from: string; to: string };
}

/**
 * What the commendation plug-in knows how to find out: the rule set a nomination is judged by, the
 * eligibility of its nominee (from the registry, the imported history and the nominee's other
 * cases, read by their state tags), who issues its decision and the decision's number.
 */
@Injectable()
export class CommendationFacts {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY) private readonly history: HistoricalAwardsRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
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
    const [loaded, nominatingUnit] = await Promise.all([
      this.loadEligibilityFacts(stored),
      this.organisation.findUnitById(stored.unitId ?? ''),
    ]);
    return (current) => ({
      result: evaluateEligibility(
        this.ruleSetFor(current),
        eligibilityRequest(current, principal, nominatingUnit, today),
        loaded.facts,
      ),
      sources: loaded.sources,
      violationUnitPaths: loaded.violationUnitPaths,
    });
  }

  /** The next number of the issuing unit's decisions in the decision's year, e.g. "12/QĐ-DUK". */
  async allocateDecisionNumber(
    tx: CaseTransaction,
    issuingUnit: StoredUnit,
    decidedOn: string = this.clock.todayInVietnam(),
  ): Promise<DecisionNumberFact> {
    const year = Number(decidedOn.slice(0, 4));
    const sequence = await tx.allocateDecisionNumber(issuingUnit.id, year);
    return {
      number: `${sequence}/QĐ-${issuingUnit.code}`,
      sequence,
      year,
      issuingUnit: { id: issuingUnit.id, code: issuingUnit.code, name: issuingUnit.name },
    };
  }

  /**
   * The unit in whose name the decision is issued: the unit of the actor's grant (for a role that
   * may send the event) nearest above the case's unit; an organisation-wide grant issues in the
   * name of the case's top unit.
   */
  async issuingUnitFor(
    stored: StoredCase,
    principal: Principal | null,
    eventRoles: readonly WorkflowRole[],
  ): Promise<StoredUnit> {
    const path = stored.unitPath ?? '';
    const covering = (principal?.grants ?? [])
      .filter((g) => eventRoles.includes(g.role))
      .filter((g) => g.scope === null || path.startsWith(g.scope))
      .sort((a, b) => (b.scope?.length ?? 0) - (a.scope?.length ?? 0));
    const grant = covering[0];
    const unitId = grant?.unitId ?? path.split('/').filter(Boolean)[0];
    const unit = unitId === undefined ? null : await this.organisation.findUnitById(unitId);
    if (unit === null) throw noIssuingUnit();
    return unit;
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
    const [related, imported] = await Promise.all([
      this.cases.casesAbout({ personIds: [...personIds, ...memberIds], unitIds }, [
        NOMINATION,
        VIOLATION,
      ]),
      this.history.heldBy({ personIds: [...personIds, ...memberIds], unitIds }),
    ]);
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
    };
    if (subject.kind === 'unit') {
      facts.members = members.map(({ id: personId, label }): MemberFacts => {
        const mine = summaryOf(related.filter((c) => c.subjectPersonId === personId));
        return {
          personId,
          label,
          awardsHeld: [...mine.awardsHeld, ...(imported.get(personId) ?? [])],
          disciplines: mine.disciplines,
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
      violationUnitPaths: new Map(violations.map((c) => [c.id, c.unitPath])),
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

function eligibilityRequest(
  stored: StoredCase,
  principal: Principal | null,
  nominatingUnit: StoredUnit | null,
  today: string,
): EligibilityRequest {
  const { awardCode, evaluationYear, achievementPeriod } = stored.data as unknown as NominationData;
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
    nominatingUnit: { kind: nominatingUnit?.kind ?? 'unknown' },
    documents,
    asOf: today,
    caseId: stored.id,
  };
}
