import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import type { StoredCase } from '../domain/cases/stored-case';
import type { CouncilBody } from '../domain/council/council-roster';
import {
  bodiesFor,
  bodyOf,
  competenceFor,
  countBodyVote,
  formAbolishedOn,
  formatDecisionNumber,
  subjectTypesOf,
  type BodyVote,
  type RegistrySubject,
} from '../domain/discipline/competence';
import { appealDeadline, explanationDueOn, lapseOf } from '../domain/discipline/discipline-dates';
import {
  categoryOf,
  reportableCategories,
  type ViolationCategoryCatalogue,
} from '../domain/discipline/violation-categories';
import { formatOf } from '../domain/rules/granting-authority';
import type { DisciplineBody, RuleSet } from '../domain/rules/rule-set';
import {
  RuleSetCatalogue,
  RuleSetNotFoundError,
  type LoadedRuleSet,
} from '../domain/rules/rule-set-catalogue';
import type {
  AppealDecisionFact,
  DecisionNumberFact,
  DisciplineDecisionFact,
  DisciplineFormsFact,
} from '../domain/workflow/event-facts';
import { decisionsOf, type ViolationDecision } from '../domain/workflow/violation-steps';
import { AppError } from '../common/errors';
import { FactProviders, type FactRequest } from '../cases/plugins/fact-providers';
import { issuingUnitFor } from '../cases/plugins/issuing-unit';
import { OpeningChecks, type OpeningCheck } from '../cases/plugins/opening-checks';
import { WORKING_DAY_CALENDAR } from '../catalogue/calendar.provider';
import { VIOLATION_CATEGORIES } from '../catalogue/violation-categories.provider';
import { CouncilFacts } from '../councils/council-facts.service';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type { CaseTransaction } from '../persistence/repositories/cases.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';

const VIOLATION = 'violation';

/** The sources a new report names (v4 dataSchema `source`). */
const SOURCES_REQUIRED_FROM_VERSION = 4;

/**
 * The violation workflow's plug-in: what its events need established from the rule set, the
 * registry, the working-day calendar and the deciding body's roster (who may decide, the vote,
 * the decision's number in the body's format, the windows for explanation and appeal, the lapse),
 * and the checks a new report passes (a category of the catalogue, a date not in the future).
 */
@Injectable()
export class ViolationPlugin implements OnModuleInit {
  constructor(
    private readonly ruleSets: RuleSetCatalogue,
    private readonly facts: FactProviders,
    private readonly openingChecks: OpeningChecks,
    private readonly councils: CouncilFacts,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(VIOLATION_CATEGORIES) private readonly categories: ViolationCategoryCatalogue,
    /** Issue 17: a unit's recorded number series (absent: decisions numbered by the unit code). */
    @Optional()
    @Inject(UNIT_AUTHORITIES_REPOSITORY)
    private readonly authorities?: UnitAuthoritiesRepository,
  ) {}

  onModuleInit(): void {
    this.facts.register(
      {
        name: 'disciplineForms',
        prepare: ({ today }) => ({ resolve: () => this.disciplineForms(today) }),
      },
      {
        name: 'explanationWindow',
        prepare: ({ legalDate }) => {
          const requestedOn = legalDate('requestedOn');
          const dueOn = explanationDueOn(
            this.ruleSetOn(requestedOn).ruleSet,
            requestedOn,
            this.calendar,
          );
          return { resolve: () => (dueOn === undefined ? {} : { dueOn }) };
        },
      },
      {
        name: 'disciplineDecision',
        prepare: async (request) => {
          const decision = await this.disciplineDecision(request);
          return {
            resolve: async (tx: CaseTransaction) =>
              decision === undefined
                ? undefined
                : { ...decision.fact, number: await decision.allocate(tx) },
          };
        },
      },
      {
        name: 'disciplineLapse',
        prepare: ({ stored, payload, legalDate }) => {
          const decision = decisionsOf(stored.context).find(
            (d) => d.number === payload.decisionNumber,
          );
          if (decision === undefined || decision.form === null) return { resolve: () => ({}) };
          const lapsesOn = lapseOf(this.pinned(decision).ruleSet, {
            subjectType: decision.subjectType,
            form: decision.form,
            date: decision.date,
            announcedOn: legalDate('announcedOn'),
          });
          return { resolve: () => (lapsesOn === undefined ? {} : { lapsesOn }) };
        },
      },
      {
        name: 'appealWindow',
        prepare: ({ stored, payload }) => {
          const decision = decisionsOf(stored.context).find(
            (d) => d.number === payload.decisionNumber,
          );
          const lastDay =
            decision === undefined
              ? undefined
              : appealDeadline(
                  this.pinned(decision).ruleSet,
                  decision.track,
                  decision,
                  this.calendar,
                );
          return { resolve: () => (lastDay === undefined ? {} : { lastDay }) };
        },
      },
      {
        name: 'appealDecision',
        prepare: async (request) => {
          const decision = await this.appealDecision(request);
          return {
            resolve: async (tx: CaseTransaction) =>
              decision === undefined
                ? undefined
                : { ...decision.fact, number: await decision.allocate(tx) },
          };
        },
      },
    );
    this.openingChecks.register(
      OCCURRED_IN_THE_PAST,
      this.knownCategory,
      this.reportNamesItsSource,
    );
  }

  /** Which discipline forms the rule set in force knows for each subject type (v1–v3 DECIDE). */
  private disciplineForms(today: string): DisciplineFormsFact {
    return Object.fromEntries(
      this.ruleSets
        .latest(today)
        .ruleSet.discipline.subjects.map((subject) => [
          subject.code,
          subject.forms.map((f) => f.form),
        ]),
    );
  }

  /**
   * The rule set in force on a legal date the official entered: a date before every rule set is
   * the official's to correct (422), not a missing resource.
   */
  private ruleSetOn(date: string): LoadedRuleSet {
    try {
      return this.ruleSets.latest(date);
    } catch (error) {
      if (!(error instanceof RuleSetNotFoundError)) throw error;
      throw new AppError(
        'CASE.NO_RULE_SET_ON_DATE',
        'unprocessable',
        `No rule set is in force on ${date}: the date cannot be judged.`,
        { date },
        {
          vi: `Không có bộ quy tắc nào có hiệu lực vào ngày ${toVietnameseDate(date)}: không thể xét theo ngày này.`,
          en: `No rule set is in force on ${date}: the date cannot be judged.`,
        },
      );
    }
  }

  /** The rule set a decision was taken under (what its announcement, appeal and lapse follow). */
  private pinned(decision: ViolationDecision): LoadedRuleSet {
    return this.ruleSets.get(decision.ruleSet.id, decision.ruleSet.version);
  }

  /**
   * Reads everything a decision needs before the transaction: the rule set in force on its date,
   * the subject's types from the registry, the body's competence and, where the rule set requires
   * a vote, the body's roster on the meeting day and the count. The number is allocated inside.
   */
  private async disciplineDecision(request: FactRequest): Promise<
    | {
        fact: Omit<DisciplineDecisionFact, 'number'>;
        allocate(tx: CaseTransaction): Promise<DisciplineDecisionFact['number']>;
      }
    | undefined
  > {
    const { stored, payload, legalDate } = request;
    const date = legalDate('decision.date');
    const loaded = this.ruleSetOn(date);
    const ruleSet = loaded.ruleSet;
    const subjectType = String(payload.subjectType);
    const outcome = payload.outcome;
    const form = typeof payload.form === 'string' ? payload.form : undefined;
    const body = bodyOf(ruleSet, String(payload.body));
    const competence =
      outcome === 'discipline' && form !== undefined
        ? competenceFor(ruleSet, subjectType, form, String(payload.body))?.competence
        : undefined;
    const competent =
      outcome === 'discipline'
        ? competence !== undefined
        : bodiesFor(ruleSet, subjectType).some((b) => b.code === payload.body);
    const voteRule = competence?.vote;
    let vote: DisciplineDecisionFact['vote'] = null;
    let issuingUnit: StoredUnit | null = null;
    if (voteRule !== undefined) {
      const given = payload.vote as BodyVote | undefined;
      const council = bodyOf(ruleSet, voteRule.body)?.council as CouncilBody | undefined;
      const roster =
        given === undefined || council === undefined || stored.unitPath === null
          ? null
          : await this.councils.bodyRosterFor(
              stored.unitPath,
              council,
              legalDate('vote.meetingDate'),
            );
      const count =
        roster === null || given === undefined
          ? null
          : countBodyVote(
              voteRule,
              roster.members.filter((m) => m.votes).map((m) => m.personId),
              given,
            );
      vote = {
        body: voteRule.body,
        base: voteRule.base,
        threshold: voteRule.threshold,
        quorum: voteRule.quorum,
        council:
          roster === null
            ? null
            : {
                id: roster.council.id,
                unitId: roster.council.unitId,
                unitName: roster.council.unitName,
                members: roster.members.filter((m) => m.votes).length,
              },
        count:
          count === null
            ? null
            : {
                members: count.quorum.members,
                present: count.quorum.present,
                quorumRequired: count.quorum.required,
                quorumMet: count.quorum.met,
                base: count.base,
                needed: count.needed,
                ballotsExceedPresent: count.ballotsExceedPresent,
                carried: count.carried,
              },
      };
      // A collegial body that decides issues in its own unit's name (the cell, the committee).
      if (roster !== null && voteRule.body === body?.code) {
        issuingUnit = await this.organisation.findUnitById(roster.council.unitId);
      }
    }
    issuingUnit ??= await issuingUnitFor(
      this.organisation,
      stored,
      request.principal,
      request.eventRoles,
    );
    const lapsesOn =
      outcome === 'discipline' && form !== undefined
        ? lapseOf(ruleSet, { subjectType, form, date })
        : undefined;
    const fact: Omit<DisciplineDecisionFact, 'number'> = {
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      subjectTypes: await this.subjectTypes(stored, ruleSet, date),
      body: body === undefined ? null : describeBody(body),
      competent: competent && body !== undefined,
      formAbolished: form !== undefined && formAbolishedOn(ruleSet, form, date),
      vote,
      ratification: competence?.ratification ?? null,
      ...(lapsesOn === undefined ? {} : { lapsesOn }),
    };
    const unit = issuingUnit;
    const series = body === undefined ? unit.code : await this.seriesOf(unit, body.format);
    return {
      fact,
      allocate: async (tx) =>
        body === undefined ? undefined : this.allocate(tx, unit, body.format, date, series),
    };
  }

  /** The appeal body's reading: same track, the new form known, its own number, the new lapse. */
  private async appealDecision(request: FactRequest): Promise<
    | {
        fact: Omit<AppealDecisionFact, 'number'>;
        allocate(tx: CaseTransaction): Promise<AppealDecisionFact['number']>;
      }
    | undefined
  > {
    const { stored, payload, legalDate } = request;
    const appealed = decisionsOf(stored.context).find(
      (d) => d.number === stored.context.appealPending,
    );
    if (appealed === undefined) return undefined;
    const date = legalDate('decision.date');
    const loaded = this.pinned(appealed);
    const ruleSet = loaded.ruleSet;
    const body = bodyOf(ruleSet, String(payload.body));
    const form = typeof payload.form === 'string' ? payload.form : undefined;
    const subject = ruleSet.discipline.subjects.find((s) => s.code === appealed.subjectType);
    const formKnown =
      form === undefined ||
      (subject?.forms.some((f) => f.form === form) === true &&
        !formAbolishedOn(ruleSet, form, date));
    const lapsesOn =
      payload.outcome === 'changed' && form !== undefined
        ? lapseOf(ruleSet, {
            subjectType: appealed.subjectType,
            form,
            date: appealed.date,
            ...(appealed.announcedOn === undefined ? {} : { announcedOn: appealed.announcedOn }),
          })
        : undefined;
    const issuingUnit = await issuingUnitFor(
      this.organisation,
      stored,
      request.principal,
      request.eventRoles,
    );
    const series =
      body === undefined ? issuingUnit.code : await this.seriesOf(issuingUnit, body.format);
    return {
      fact: {
        ruleSet: { id: ruleSet.id, version: ruleSet.version },
        body: body === undefined ? null : describeBody(body),
        sameTrack: body?.track === appealed.track,
        aboveTheDecider: body !== undefined && body.code !== appealed.body,
        formKnown,
        ...(lapsesOn === undefined ? {} : { lapsesOn }),
      },
      allocate: async (tx) =>
        body === undefined ? undefined : this.allocate(tx, issuingUnit, body.format, date, series),
    };
  }

  /**
   * The symbol the unit's decisions of this format are numbered in: the series it records for an
   * authority of that format ("ĐUK"), so its discipline and award decisions share one numbering
   * (issue 17: one body, one format); its code when it records none.
   */
  private async seriesOf(unit: StoredUnit, format: DisciplineBody['format']): Promise<string> {
    if (this.authorities === undefined) return unit.code;
    const [recorded] = await this.authorities.activeAuthoritiesOf([unit.id]);
    const { ruleSet } = this.ruleSets.latest();
    const same = (recorded?.authorities ?? []).find((row) => {
      const authority = ruleSet.authorities.find((a) => a.code === row.authorityCode);
      return authority !== undefined && formatOf(authority) === format;
    });
    return same?.seriesCode ?? unit.code;
  }

  /** The next number of the issuing unit's series for the decision's year, in the body's format. */
  private async allocate(
    tx: CaseTransaction,
    unit: StoredUnit,
    format: DisciplineBody['format'],
    date: string,
    series: string = unit.code,
  ): Promise<DecisionNumberFact & { format: DisciplineBody['format'] }> {
    const year = Number(date.slice(0, 4));
    const sequence = await tx.allocateDecisionNumber(unit.id, year);
    return {
      number: formatDecisionNumber(format, sequence, series),
      sequence,
      year,
      issuingUnit: { id: unit.id, code: unit.code, name: unit.name },
      format,
    };
  }

  /** The subject types the registry gives the case's subject on the day. */
  private async subjectTypes(stored: StoredCase, ruleSet: RuleSet, on: string): Promise<string[]> {
    const subject = stored.subject;
    let registry: RegistrySubject | null = null;
    if (subject.kind === 'person') {
      const person = await this.organisation.findPersonById(subject.id);
      if (person !== null) {
        registry = {
          kind: 'person',
          partyMember: person.partyMember,
          partyJoinedOn: person.partyJoinedOn,
          employmentType: person.employmentType,
        };
      }
    } else {
      const unit = await this.organisation.findUnitById(subject.id);
      if (unit !== null) registry = { kind: 'unit', unitKind: unit.kind };
    }
    return registry === null ? [] : subjectTypesOf(ruleSet, registry, on);
  }

  /** A new report's category is one of the catalogue's (older versions' codes are not chosen). */
  private readonly knownCategory: OpeningCheck = {
    name: 'violationCategoryFromTheCatalogue',
    appliesTo: (workflow) =>
      workflow.definition.caseType === VIOLATION &&
      workflow.definition.version >= SOURCES_REQUIRED_FROM_VERSION,
    check: ({ data }) => {
      const category = categoryOf(this.categories, data.category);
      if (category !== undefined && category.legacy !== true) return;
      const codes = reportableCategories(this.categories).map((c) => c.code);
      throw new AppError(
        'CASE.INVALID_DATA',
        'unprocessable',
        `data.category must be one of: ${codes.join(', ')} (GET /api/v1/violation-categories).`,
        { problems: [`data/category must be one of ${codes.join(', ')}`] },
        {
          vi: `Loại vi phạm phải là một mục của danh mục: ${codes.join(', ')} (GET /api/v1/violation-categories).`,
          en: `The category must be one of the catalogue's: ${codes.join(', ')} (GET /api/v1/violation-categories).`,
        },
      );
    },
  };

  /** A new report says where it came from and when the violation happened. */
  private readonly reportNamesItsSource: OpeningCheck = {
    name: 'violationReportNamesSourceAndDate',
    appliesTo: (workflow) =>
      workflow.definition.caseType === VIOLATION &&
      workflow.definition.version >= SOURCES_REQUIRED_FROM_VERSION,
    check: ({ data }) => {
      const missing = ['source', 'occurredOn'].filter((key) => data[key] === undefined);
      if (missing.length === 0) return;
      throw new AppError(
        'CASE.INVALID_DATA',
        'unprocessable',
        `A report names its source and the day the violation occurred (missing: ${missing.join(', ')}).`,
        { problems: missing.map((key) => `data/${key} is required`) },
        {
          vi: `Phản ánh phải nêu nguồn tin và ngày xảy ra vi phạm (còn thiếu: ${missing.join(', ')}).`,
          en: `A report names its source and the day the violation occurred (missing: ${missing.join(', ')}).`,
        },
      );
    },
  };
}

function describeBody(body: DisciplineBody): NonNullable<DisciplineDecisionFact['body']> {
  return { code: body.code, name: body.name, track: body.track, format: body.format };
}

/**
 * A violation cannot have happened after the day it is reported; one dated in the future (a typo)
 * could never be concluded, since its conclusion may not precede it.
 */
const OCCURRED_IN_THE_PAST: OpeningCheck = {
  name: 'violationOccurredInThePast',
  appliesTo: (workflow) => workflow.definition.caseType === VIOLATION,
  check: ({ data, today }) => {
    const occurredOn = data.occurredOn;
    if (typeof occurredOn === 'string' && occurredOn > today) {
      throw new AppError(
        'CASE.INVALID_DATA',
        'unprocessable',
        `The violation cannot have occurred after today (${occurredOn} > ${today}).`,
        { problems: [`data/occurredOn may not be after today (${today})`] },
        {
          vi: `Ngày xảy ra vi phạm (${toVietnameseDate(occurredOn)}) không được sau ngày hôm nay (${toVietnameseDate(today)}).`,
          en: `The violation cannot have occurred after today (${occurredOn} > ${today}).`,
        },
      );
    }
  },
};
