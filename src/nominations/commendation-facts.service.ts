import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { addWorkingDays, type WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import type { Principal } from '../domain/org/principal';
import {
  evaluateEligibility,
  type DisciplineFact,
  type EligibilityFacts,
  type EligibilityRequest,
  type HeldAward,
  type MemberFacts,
  type OtherNomination,
  type PendingMatter,
  type TrafficViolation,
} from '../domain/rules/eligibility';
import type { Award } from '../domain/rules/rule-set';
import { RuleSetCatalogue, type LoadedRuleSet } from '../domain/rules/rule-set-catalogue';
import type { EventFacts } from '../domain/workflow/case-event';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import type {
  DecisionNumberFact,
  EventFactName,
  KnownEventFacts,
  PublicNoticeFact,
} from '../domain/workflow/event-facts';
import type { AuditRecord } from '../domain/audit/audit-record';
import { verificationCodeFor } from '../outputs/award-decision';
import type { WorkflowRole } from '../domain/roles';
import {
  CASES_REPOSITORY,
  type CaseSubject,
  type CaseTransaction,
  type CasesRepository,
  type StoredCase,
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
import { WORKING_DAY_CALENDAR } from '../catalogue/calendar.provider';
import { invalidNominationData, noIssuingUnit } from './nomination-errors';

export const NOMINATION = 'nomination';
export const VIOLATION = 'violation';

/** Violation states in which the matter is still being handled: a nomination waits (on hold). */
const VIOLATION_PENDING = new Set(['reported', 'verifying', 'confirmed', 'deciding']);
/** Violation states after a decision: the discipline it recorded is in force for its period. */
const VIOLATION_DECIDED = new Set(['decided', 'announced', 'closed']);

/** The nomination's data, as its workflow's dataSchema has already checked it. */
export interface NominationData {
  awardCode: string;
  evaluationYear: number;
}

/**
 * Establishes the facts that commendation workflow events declare (`events.X.facts`): today's date
 * in Vietnam, the eligibility result, the public notice period, a decision number. Reads happen
 * in `prepare` (before the transaction); what must be consistent with the locked case, or written
 * (the decision number), happens in `resolve`, inside it.
 */
@Injectable()
export class CommendationFacts {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY) private readonly history: HistoricalAwardsRepository,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
  ) {}

  /** The rule set in force today: what a nomination opened now is judged by. */
  ruleSetInForce(): LoadedRuleSet {
    return this.ruleSets.latest(this.clock.todayInVietnam());
  }

  /**
   * Refuses nomination data the rule set cannot judge: an unknown award, the wrong kind of nominee.
   * Only for workflows that judge eligibility (a version before that keeps its free-form data).
   */
  checkOpening(
    workflow: CompiledWorkflow,
    subject: CaseSubject,
    data: Record<string, unknown>,
  ): void {
    const judged = Object.values(workflow.definition.events).some((event) =>
      event.facts?.includes('eligibility'),
    );
    if (!judged) return;
    const { awardCode, evaluationYear } = data as unknown as NominationData;
    const loaded = this.ruleSetInForce();
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
    const thisYear = Number(this.clock.todayInVietnam().slice(0, 4));
    if (evaluationYear > thisYear) {
      throw invalidNominationData('data.evaluationYear', {
        vi: `Năm đánh giá ${evaluationYear} chưa đến (năm nay là ${thisYear}).`,
        en: `Evaluation year ${evaluationYear} is in the future (this is ${thisYear}).`,
      });
    }
  }

  /**
   * Reads what the declared facts need about the case's subject; `resolve` then builds the facts
   * inside the transaction, against the locked case.
   */
  async prepare(
    stored: StoredCase,
    declared: readonly EventFactName[],
    principal: Principal,
    eventRoles: readonly WorkflowRole[],
  ): Promise<PreparedFacts> {
    const today = this.clock.todayInVietnam();
    const wants = new Set(declared);
    // Issued together: on SQLite they then queue behind the gate as one run, not one wait each.
    const [eligibilityFacts, nominatingUnit, issuingUnit] = await Promise.all([
      wants.has('eligibility') && stored.caseType === NOMINATION
        ? this.loadEligibilityFacts(stored)
        : undefined,
      wants.has('eligibility') ? this.organisation.findUnitById(stored.unitId ?? '') : null,
      wants.has('decisionNumber') ? this.issuingUnitFor(stored, principal, eventRoles) : null,
    ]);
    return {
      resolve: async (tx, current) => {
        const facts: EventFacts = {};
        if (wants.has('today')) facts.today = today;
        if (eligibilityFacts !== undefined) {
          facts.eligibility = evaluateEligibility(
            this.ruleSetFor(current),
            this.eligibilityRequest(current, principal, nominatingUnit, today),
            eligibilityFacts,
          );
        }
        if (wants.has('publicNotice')) facts.publicNotice = this.publicNotice(current, today);
        if (wants.has('disciplineForms')) facts.disciplineForms = this.disciplineForms();
        if (issuingUnit !== null) {
          facts.decisionNumber = await this.allocateDecisionNumber(tx, issuingUnit, today);
        }
        return facts;
      },
    };
  }

  /** The next number of the issuing unit's decisions this year, e.g. "12/QĐ-DUK". */
  async allocateDecisionNumber(
    tx: CaseTransaction,
    issuingUnit: StoredUnit,
    today: string = this.clock.todayInVietnam(),
  ): Promise<DecisionNumberFact> {
    const year = Number(today.slice(0, 4));
    const sequence = await tx.allocateDecisionNumber(issuingUnit.id, year);
    return {
      number: `${sequence}/QĐ-${issuingUnit.code}`,
      sequence,
      year,
      issuingUnit: { id: issuingUnit.id, code: issuingUnit.code, name: issuingUnit.name },
    };
  }

  /**
   * After an accepted event, in its transaction: an announced award gets the verification code
   * its certificate carries, bound to the decision's audit record.
   */
  async afterAccepted(tx: CaseTransaction, record: AuditRecord, facts: EventFacts): Promise<void> {
    const decisionNumber = (facts as KnownEventFacts).decisionNumber;
    if (record.toState !== 'announced' || decisionNumber === undefined) return;
    await tx.insertCertificate({
      verificationCode: verificationCodeFor(record.caseId, record.hash),
      caseId: record.caseId,
      seq: record.seq,
      recordHash: record.hash,
      issuingUnitId: decisionNumber.issuingUnit.id,
      decisionNumber: decisionNumber.number,
      issuedAt: record.at,
    });
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

  /** Which discipline forms the rule set in force knows for each subject type. */
  private disciplineForms(): Record<string, string[]> {
    return Object.fromEntries(
      this.ruleSetInForce().ruleSet.discipline.subjects.map((subject) => [
        subject.code,
        subject.forms.map((f) => f.form),
      ]),
    );
  }

  private publicNotice(stored: StoredCase, today: string): PublicNoticeFact {
    const notice = this.awardOf(stored)?.publicNotice;
    if (notice === undefined || !notice.required || notice.workingDays === undefined) {
      return { required: false, workingDays: null, opensOn: null, closesOn: null };
    }
    return {
      required: true,
      workingDays: notice.workingDays,
      opensOn: today,
      closesOn: addWorkingDays(today, notice.workingDays, this.calendar),
    };
  }

  private eligibilityRequest(
    stored: StoredCase,
    principal: Principal,
    nominatingUnit: StoredUnit | null,
    today: string,
  ): EligibilityRequest {
    const { awardCode, evaluationYear } = stored.data as unknown as NominationData;
    const documents = Array.isArray(stored.context.documents)
      ? (stored.context.documents as { code: string }[]).map((d) => d.code)
      : [];
    return {
      awardCode,
      evaluationYear,
      nomineeKind: stored.subject.kind,
      ...(stored.subject.kind === 'person' ? { nomineePersonId: stored.subject.id } : {}),
      nominatorPersonId: principal.personId ?? `user:${principal.userId}`,
      // The grantor level of a unit kind is the organisation's to say; unknown → needs review.
      nominatingUnit: { kind: nominatingUnit?.kind ?? 'unknown' },
      documents,
      asOf: today,
      caseId: stored.id,
    };
  }

  /** Everything the registry and the case history say about the nominee (and its members). */
  private async loadEligibilityFacts(stored: StoredCase): Promise<EligibilityFacts> {
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
    const aboutSubject = related.filter((c) =>
      subject.kind === 'person'
        ? c.subjectPersonId === subject.id
        : c.subjectPersonId === null && c.unitId === subject.id,
    );
    const own = summarise(aboutSubject, stored.id);
    const facts: EligibilityFacts = {
      awardsHeld: [...own.awardsHeld, ...(imported.get(subject.id) ?? [])],
      disciplines: own.disciplines,
      pendingMatters: own.pendingMatters,
      trafficViolations: own.trafficViolations,
      otherNominations: own.otherNominations,
    };
    if (subject.kind === 'unit') {
      facts.members = members.map(({ id: personId, label }): MemberFacts => {
        const mine = summarise(
          related.filter((c) => c.subjectPersonId === personId),
          stored.id,
        );
        return {
          personId,
          label,
          awardsHeld: [...mine.awardsHeld, ...(imported.get(personId) ?? [])],
          disciplines: mine.disciplines,
        };
      });
    }
    return facts;
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

  /**
   * The unit in whose name the decision is issued: the unit of the actor's grant (for a role that
   * may send the event) nearest above the case's unit; an organisation-wide grant issues in the
   * name of the case's top unit.
   */
  async issuingUnitFor(
    stored: StoredCase,
    principal: Principal,
    eventRoles: readonly WorkflowRole[],
  ): Promise<StoredUnit> {
    const path = stored.unitPath ?? '';
    const covering = principal.grants
      .filter((g) => eventRoles.includes(g.role))
      .filter((g) => g.scope === null || path.startsWith(g.scope))
      .sort((a, b) => (b.scope?.length ?? 0) - (a.scope?.length ?? 0));
    const grant = covering[0];
    const unitId = grant?.unitId ?? path.split('/').filter(Boolean)[0];
    const unit = unitId === undefined ? null : await this.organisation.findUnitById(unitId);
    if (unit === null) throw noIssuingUnit();
    return unit;
  }
}

export interface PreparedFacts {
  resolve(tx: CaseTransaction, current: StoredCase): Promise<EventFacts>;
}

interface SubjectSummary {
  awardsHeld: HeldAward[];
  disciplines: DisciplineFact[];
  pendingMatters: PendingMatter[];
  trafficViolations: TrafficViolation[];
  otherNominations: OtherNomination[];
}

/** What one subject's cases say: awards held and nominations pending, violations and discipline. */
function summarise(cases: readonly StoredCase[], nominationId: string): SubjectSummary {
  const summary: SubjectSummary = {
    awardsHeld: [],
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
  };
  for (const c of cases) {
    if (c.caseType === NOMINATION) summariseNomination(c, nominationId, summary);
    else summariseViolation(c, summary);
  }
  return summary;
}

function summariseNomination(c: StoredCase, nominationId: string, summary: SubjectSummary): void {
  const { awardCode, evaluationYear } = c.data as Partial<NominationData>;
  if (typeof awardCode !== 'string' || typeof evaluationYear !== 'number') return;
  const decision = c.context.decision as { number?: string } | undefined;
  if (c.state === 'announced' || c.state === 'revoked') {
    summary.awardsHeld.push({
      awardCode,
      year: evaluationYear,
      status: c.state === 'announced' ? 'granted' : 'revoked',
      source: 'case',
      ...(decision?.number ? { reference: decision.number } : {}),
    });
  }
  if (c.id === nominationId || c.state === 'revoked') return;
  const state =
    c.state === 'announced'
      ? 'granted'
      : c.state === 'rejected' || c.state === 'withdrawn'
        ? c.state
        : 'open';
  summary.otherNominations.push({ awardCode, year: evaluationYear, state, caseId: c.id });
}

function summariseViolation(c: StoredCase, summary: SubjectSummary): void {
  const openedOn = c.createdAt.slice(0, 10);
  if (VIOLATION_PENDING.has(c.state)) {
    summary.pendingMatters.push({ kind: 'violation_case', openedOn, reference: c.id });
  }
  const confirmedOn = c.context.confirmedOn;
  if (c.data.category === 'traffic' && typeof confirmedOn === 'string' && c.state !== 'dismissed') {
    summary.trafficViolations.push({ confirmedOn, reference: c.id });
  }
  const discipline = c.context.discipline as { subjectType: string; form: string } | null;
  const announcedOn = c.context.announcedOn;
  const decision = c.context.decision as { number?: string; date?: string } | undefined;
  if (VIOLATION_DECIDED.has(c.state) && discipline && decision?.date) {
    summary.disciplines.push({
      subjectType: discipline.subjectType,
      form: discipline.form,
      decidedOn: decision.date,
      ...(typeof announcedOn === 'string' ? { announcedOn } : {}),
      reference: decision.number ?? c.id,
    });
  }
}
