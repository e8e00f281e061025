import { STATISTICS_READERS } from '../../domain/discipline/violation-statistics';
import { Inject, Injectable } from '@nestjs/common';
import { VIOLATION_CATEGORIES } from '../../catalogue/violation-categories.provider';
import { AppError, fieldProblem } from '../../common/errors';
import { toVietnameseDate } from '../../domain/calendar/iso-date';
import type { StoredCase } from '../../domain/cases/stored-case';
import type { ViolationCategoryCatalogue } from '../../domain/discipline/violation-categories';
import {
  violationStatistics,
  type DisciplineFormEntry,
  type ViolationCaseRecord,
} from '../../domain/discipline/violation-statistics';
import type { Principal } from '../../domain/org/principal';
import { rolesAt } from '../../domain/org/scope';
import { RuleSetCatalogue } from '../../domain/rules/rule-set-catalogue';
import { WorkflowCatalogue } from '../../domain/workflow/workflow-catalogue';
import { unitNotFound } from '../../organisation/organisation-errors';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../../persistence/repositories/organisation.repository';
import type {
  ViolationStatisticsQuery,
  ViolationStatisticsXlsxQuery,
} from './dto/violation-statistics.dto';
import type { UnitStatistics } from './unit-statistics';
import { violationStatisticsXlsx } from './violation-statistics-xlsx';
import { fileNameIn } from '../../outputs/file-names';

const PAGE = 500;

export interface StatisticsWorkbook {
  fileName: string;
  content: Buffer;
}

/**
 * Violation statistics of a unit's subtree for the annual evaluation. The cases are read as the
 * system reads them (need-to-know hides a case from a reader, never from a count), the members
 * from the registry as it stands today.
 */
@Injectable()
export class ViolationStatisticsService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(VIOLATION_CATEGORIES) private readonly categories: ViolationCategoryCatalogue,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
  ) {}

  async statistics(principal: Principal, query: ViolationStatisticsQuery): Promise<UnitStatistics> {
    if (query.from > query.to) throw periodReversed(query.from, query.to);
    const unit = await this.unitInScope(principal, query.unitId);
    const [cases, memberIds] = await Promise.all([
      this.violationsUnder(unit),
      this.membersUnder(unit),
    ]);
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name },
      ...violationStatistics({
        period: { from: query.from, to: query.to },
        cases,
        categories: this.categories.categories,
        forms: this.disciplineForms(),
        memberIds,
      }),
    };
  }

  async workbook(
    principal: Principal,
    query: ViolationStatisticsXlsxQuery,
  ): Promise<StatisticsWorkbook> {
    const { lang: language = 'vi', ...period } = query;
    const statistics = await this.statistics(principal, period);
    return {
      fileName: fileNameIn(language, `thong-ke-vi-pham_${query.from}_${query.to}.xlsx`),
      content: await violationStatisticsXlsx(statistics, language),
    };
  }

  /** A unit the caller may not count in answers exactly like one that does not exist. */
  private async unitInScope(principal: Principal, unitId: string): Promise<StoredUnit> {
    const unit = await this.organisation.findUnitById(unitId);
    const counts =
      unit !== null &&
      rolesAt(principal.grants, unit.path).some((role) => STATISTICS_READERS.includes(role));
    if (!counts) throw unitNotFound(unitId);
    return unit;
  }

  private async violationsUnder(unit: StoredUnit): Promise<ViolationCaseRecord[]> {
    const found: ViolationCaseRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({
        scopes: null,
        caseType: 'violation',
        unitPath: unit.path,
        cursor,
        limit: PAGE,
      });
      found.push(...page.items.map((stored) => this.recordOf(stored)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return found;
  }

  private recordOf(stored: StoredCase): ViolationCaseRecord {
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

  private async membersUnder(unit: StoredUnit): Promise<string[]> {
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.organisation.listPeople({ scopes: [unit.path], cursor, limit: PAGE });
      members.push(...page.items.filter((person) => person.active).map((person) => person.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return members;
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
}

const periodReversed = (from: string, to: string) =>
  new AppError(
    'STATISTICS.PERIOD_REVERSED',
    'unprocessable',
    `The period ends (${to}) before it starts (${from}).`,
    {
      errors: [
        fieldProblem('to', {
          vi: `không được trước ngày bắt đầu (${toVietnameseDate(from)})`,
          en: `must not be before from (${from})`,
        }),
      ],
    },
    {
      vi: `Ngày kết thúc kỳ thống kê (${toVietnameseDate(to)}) không được trước ngày bắt đầu (${toVietnameseDate(from)}).`,
      en: `The period ends (${to}) before it starts (${from}).`,
    },
  );

/** The day in Việt Nam (UTC+7 all year) of a stored instant, as the server counts legal dates. */
function vietnamDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
