import { Inject, Injectable } from '@nestjs/common';
import { VIOLATION_CATEGORIES } from '../catalogue/violation-categories.provider';
import { CASE_READERS, canRead } from '../cases/case-access';
import type { StoredCase } from '../domain/cases/stored-case';
import type { ViolationCategoryCatalogue } from '../domain/discipline/violation-categories';
import type {
  DisciplineFormEntry,
  ViolationCaseRecord,
} from '../domain/discipline/violation-statistics';
import {
  evaluationSheet,
  type SheetImportedAward,
  type SheetMovement,
  type SheetNomination,
  type SheetPerson,
  type SheetRating,
  type SheetRegistration,
  type SheetSubject,
  type ViolationDetail,
} from '../domain/evaluation/evaluation-sheet';
import type { Language, Localized } from '../domain/localized';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { targetsOf } from '../domain/registrations/registration-rules';
import type { Role } from '../domain/roles';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { unitNotFound } from '../organisation/organisation-errors';
import {
  ANNUAL_RATINGS_REPOSITORY,
  type AnnualRatingsRepository,
} from '../persistence/repositories/annual-ratings.repository';
import {
  CASES_REPOSITORY,
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
import type { EvaluationSheetDto, EvaluationSheetParams } from './dto/evaluation-sheet.dto';
import { evaluationSheetXlsx } from './evaluation-sheet-xlsx';
import { fileNameIn } from '../outputs/file-names';

/**
 * Who reads the sheet: those who read the violation statistics (the sheet's violation numbers are
 * theirs), each over the subtrees they hold. A council member reads neither.
 */
export const SHEET_READERS: Role[] = ['secretariat', 'council_chair', 'auditor', 'unit_leader'];

/** The case types the sheet reads (their workflows: nomination, violation, registration). */
const NOMINATION = 'nomination';
const VIOLATION = 'violation';
const REGISTRATION = 'emulation_registration';
const MOVEMENT = 'movement';
/** The registration state the launching unit's approval leads to (nomination-links.check.ts). */
const REGISTRATION_APPROVED = 'approved';

const PAGE = 500;

export interface EvaluationWorkbook {
  fileName: string;
  content: Buffer;
}

/**
 * The annual evaluation sheet of a unit's subtree. Everything is read as the system reads it (a
 * count never depends on who may open a case); what the reader sees of violations is then cut to
 * their need-to-know: the violation workflow's full readers get each violation, the others the
 * numbers only.
 */
@Injectable()
export class EvaluationSheetService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(ANNUAL_RATINGS_REPOSITORY) private readonly ratings: AnnualRatingsRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY) private readonly imported: HistoricalAwardsRepository,
    @Inject(VIOLATION_CATEGORIES) private readonly categories: ViolationCategoryCatalogue,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
  ) {}

  async sheet(principal: Principal, params: EvaluationSheetParams): Promise<EvaluationSheetDto> {
    const unit = await this.unitInScope(principal, params.unitId);
    const [allUnits, people] = await Promise.all([this.unitsUnder(unit), this.peopleUnder(unit)]);
    // A unit no longer active stays on the sheet while people are still registered in it.
    const staffed = new Set(people.map((person) => person.unitId));
    const units = allUnits
      .filter((each) => each.active || each.id === unit.id || staffed.has(each.id))
      .map(({ id, code, name, path }) => ({ id, code, name, path }));
    const subjects = {
      personIds: people.map((person) => person.id),
      unitIds: units.map((each) => each.id),
    };
    const [ratings, cases, importedAwards] = await Promise.all([
      this.ratingsOf(unit, params.year),
      this.cases.casesAbout(subjects, [NOMINATION, VIOLATION, REGISTRATION]),
      this.imported.findBySubjects(subjects),
    ]);
    const ofType = (type: string) => cases.filter((stored) => stored.caseType === type);
    const readInFull = new Set(
      ofType(VIOLATION)
        .filter((stored) => canRead(principal, stored, this.accessOf(stored)))
        .map((stored) => stored.id),
    );
    const sheet = evaluationSheet({
      year: params.year,
      units,
      people,
      ratings,
      registrations: await this.registrationsOf(ofType(REGISTRATION)),
      nominations: ofType(NOMINATION).flatMap((stored) => this.nominationOf(stored)),
      importedAwards: importedAwards.map((award): SheetImportedAward => ({
        id: award.id,
        subject:
          award.subjectKind === 'person'
            ? { kind: 'person', id: award.personId ?? '' }
            : { kind: 'unit', id: award.unitId ?? '' },
        awardCode: award.awardCode,
        year: award.year,
        granted: award.status === 'granted',
        decidedOn: award.decidedOn,
        decisionNumber: award.decisionNumber,
      })),
      violations: ofType(VIOLATION).map((stored) => this.violationOf(stored)),
      categories: this.categories.categories,
      forms: this.disciplineForms(),
      awardName: (code) => this.awardName(code),
      detail: this.violationDetailFor(principal, unit),
      readsInFull: (caseId) => readInFull.has(caseId),
    });
    return { unit: { id: unit.id, code: unit.code, name: unit.name }, ...sheet };
  }

  async workbook(
    principal: Principal,
    params: EvaluationSheetParams,
    language: Language = 'vi',
  ): Promise<EvaluationWorkbook> {
    const sheet = await this.sheet(principal, params);
    const safeCode = sheet.unit.code.replace(/[^A-Za-z0-9._-]/g, '-');
    return {
      fileName: fileNameIn(
        language,
        `danh-gia-thi-dua_${safeCode || sheet.unit.id}_${params.year}.xlsx`,
      ),
      content: await evaluationSheetXlsx(sheet, language),
    };
  }

  /** Who reads a case of its pinned workflow version (need-to-know versions declare it). */
  private accessOf(stored: StoredCase) {
    return this.workflows.get(stored.workflow.id, stored.workflow.version).definition.access;
  }

  /** A unit the caller may not read answers exactly like one that does not exist. */
  private async unitInScope(principal: Principal, unitId: string): Promise<StoredUnit> {
    const unit = await this.organisation.findUnitById(unitId);
    const reads =
      unit !== null &&
      rolesAt(principal.grants, unit.path).some((role) => SHEET_READERS.includes(role));
    if (!reads) throw unitNotFound(unitId);
    return unit;
  }

  /**
   * Full when the caller holds, over the unit, a role the violation workflow lets read its cases
   * in full (v4: secretariat, council chair, auditor); otherwise numbers only, as the unit leader
   * learns only that a case exists.
   */
  private violationDetailFor(principal: Principal, unit: StoredUnit): ViolationDetail {
    const access = this.workflows.latestForCaseType(VIOLATION).definition.access;
    const fullReaders = access?.readers ?? CASE_READERS;
    return rolesAt(principal.grants, unit.path).some((role) => fullReaders.includes(role))
      ? 'full'
      : 'counts';
  }

  private async unitsUnder(unit: StoredUnit): Promise<StoredUnit[]> {
    const units: StoredUnit[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.organisation.listUnits({ scopes: [unit.path], cursor, limit: PAGE });
      units.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return units;
  }

  /** The people of the subtree as the registry holds them today (as the statistics count them). */
  private async peopleUnder(unit: StoredUnit): Promise<SheetPerson[]> {
    const people: SheetPerson[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.organisation.listPeople({ scopes: [unit.path], cursor, limit: PAGE });
      people.push(
        ...page.items
          .filter((person) => person.active)
          .map((person) => ({
            id: person.id,
            code: person.code,
            name: person.fullName,
            unitId: person.unitId,
          })),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return people;
  }

  private async ratingsOf(unit: StoredUnit, year: number): Promise<SheetRating[]> {
    const listed = await this.ratings.list({ year, scopes: null, withinPath: unit.path });
    return listed.map((rating) => ({
      subject: rating.subject,
      code: rating.rating,
      name: this.ratingName(rating.rating, year),
    }));
  }

  /** Each registration with its movement (read once per movement); one that is gone is left out. */
  private async registrationsOf(stored: readonly StoredCase[]): Promise<SheetRegistration[]> {
    const movementIds = [
      ...new Set(stored.map((registration) => String(registration.data.movementId))),
    ];
    const movements = new Map<string, SheetMovement>();
    for (const id of movementIds) {
      const movement = await this.cases.findById(id);
      if (movement?.caseType !== MOVEMENT) continue;
      const data = movement.data as {
        code?: string;
        title?: string;
        period?: { from: string; to: string };
      };
      if (data.period === undefined) continue;
      movements.set(id, {
        id,
        code: data.code ?? '',
        title: data.title ?? '',
        period: data.period,
      });
    }
    return stored.flatMap((registration): SheetRegistration[] => {
      const movement = movements.get(String(registration.data.movementId));
      if (movement === undefined) return [];
      const workflow = this.workflows.get(registration.workflow.id, registration.workflow.version);
      const targets = targetsOf(registration.context.targets ?? registration.data.targets);
      return [
        {
          caseId: registration.id,
          subject: subjectOf(registration),
          movement,
          state: registration.state,
          stateLabel: workflow.definition.machine.states[registration.state]?.meta.label ?? {
            vi: registration.state,
            en: registration.state,
          },
          approved: registration.state === REGISTRATION_APPROVED,
          awardCodes: targets?.awardCodes ?? [],
        },
      ];
    });
  }

  /** A nomination counts only once decided: its award granted, or revoked (then no award). */
  private nominationOf(stored: StoredCase): SheetNomination[] {
    const tags = this.workflows.tagsOf(stored.workflow, stored.state);
    const granted = tags.includes('granted');
    if (!granted && !tags.includes('revoked')) return [];
    const { awardCode, evaluationYear, movementId, registrationId } = stored.data;
    if (typeof awardCode !== 'string' || typeof evaluationYear !== 'number') return [];
    const decision = stored.context.decision as { date?: unknown; number?: unknown } | undefined;
    return [
      {
        caseId: stored.id,
        subject: subjectOf(stored),
        awardCode,
        evaluationYear,
        granted,
        decidedOn: typeof decision?.date === 'string' ? decision.date : null,
        decisionNumber: typeof decision?.number === 'string' ? decision.number : null,
        movementId: typeof movementId === 'string' ? movementId : null,
        registrationId: typeof registrationId === 'string' ? registrationId : null,
      },
    ];
  }

  private violationOf(stored: StoredCase): ViolationCaseRecord {
    return {
      id: stored.id,
      subject:
        stored.subject.kind === 'person'
          ? { kind: 'person', personId: stored.subject.id }
          : { kind: 'unit', unitId: stored.subject.id },
      data: stored.data,
      context: stored.context as Record<string, unknown>,
      tags: this.workflows.tagsOf(stored.workflow, stored.state),
      reportedOn: vietnamDateOf(stored.createdAt),
    };
  }

  /** Every form any rule set names, so a decision under an older rule set still has its label. */
  private disciplineForms(): DisciplineFormEntry[] {
    const forms = new Map<string, DisciplineFormEntry>();
    for (const { ruleSet } of this.ruleSets.all()) {
      for (const form of ruleSet.discipline.forms) {
        forms.set(form.code, { code: form.code, name: form.name, severity: form.severity });
      }
    }
    return [...forms.values()];
  }

  /** The name in the rule set in force at the year's end, else in the newest that knows it. */
  private ratingName(code: string, year: number): Localized {
    const inForce = this.ruleSetsNewestFirst().filter(
      (ruleSet) => ruleSet.validFrom <= `${year}-12-31`,
    );
    const found = [...inForce, ...this.ruleSetsNewestFirst()]
      .flatMap((ruleSet) => ruleSet.ratings)
      .find((rating) => rating.code === code);
    return found?.name ?? { vi: code, en: code };
  }

  private awardName(code: string): Localized {
    const found = this.ruleSetsNewestFirst()
      .flatMap((ruleSet) => ruleSet.awards)
      .find((award) => award.code === code);
    return found?.name ?? { vi: code, en: code };
  }

  private ruleSetsNewestFirst() {
    return this.ruleSets
      .all()
      .map(({ ruleSet }) => ruleSet)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  }
}

function subjectOf(stored: StoredCase): SheetSubject {
  return { kind: stored.subject.kind, id: stored.subject.id };
}

/** The day in Việt Nam (UTC+7 all year) of a stored instant, as the server counts legal dates. */
function vietnamDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
