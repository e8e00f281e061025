import { Inject, Injectable } from '@nestjs/common';
import { VIOLATION_CATEGORIES } from '../catalogue/violation-categories.provider';
import { CASE_READERS, canRead } from '../cases/case-access';
import { Clock } from '../common/clock';
import type { StoredCase } from '../domain/cases/stored-case';
import type { ViolationCategoryCatalogue } from '../domain/discipline/violation-categories';
import {
  violationStatistics,
  type ViolationCaseRecord,
} from '../domain/discipline/violation-statistics';
import type { Localized } from '../domain/localized';
import {
  criterionOf,
  type EmulationCriteriaCatalogue,
} from '../domain/movements/emulation-criteria';
import {
  effectiveMovement,
  milestonesOf,
  type MovementData,
  type ResultsPhase,
} from '../domain/movements/movement';
import type { Principal } from '../domain/org/principal';
import { isWithin, rolesAt, type UnitPath } from '../domain/org/scope';
import type { DocumentFact } from '../domain/workflow/event-facts';
import type { ResultsReport } from '../domain/workflow/movement-steps';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { ListedCase } from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import { STATISTICS_READERS } from '../domain/discipline/violation-statistics';
import { WorkerPool } from '../workers/worker-pool';
import { workerTask } from '../workers/worker-task';
import type {
  MovementOverviewDto,
  MovementResultsDto,
  ResultsRecipientDto,
  StateCountDto,
} from './dto/movement-reports.dto';
import { EMULATION_CRITERIA } from './emulation-criteria.provider';
import { movementNotFound, notTheLauncher } from './movement-errors';
import { consolidateResults, PHASE_NAMES, type ParticipationRecord } from './movement-results';
import { MovementsService, UnitCache } from './movements.service';
import type { Language } from '../domain/localized';
import type { ResultsReportInput } from './results-report-pdf';
import { resultsReportXlsx } from './results-report-xlsx';
import { fileNameIn } from '../outputs/file-names';

const RENDER_RESULTS = workerTask<ResultsReportInput, Uint8Array>(
  require.resolve('./results-report-pdf.worker'),
  'renderResultsReport',
);

const REGISTRATION = 'emulation_registration';
const NOMINATION = 'nomination';
const VIOLATION = 'violation';
/** The tag of a nomination state whose award has been announced (nomination v1–v7). */
const GRANTED = 'granted';
const PAGE = 500;

export interface ReportFile {
  fileName: string;
  content: Buffer;
}

/**
 * The reports of a movement: the consolidated results of a review for the recipients upward
 * (JSON, XLSX, PDF rendered in the worker pool), and the movement page's overview, counts only.
 * Both read through the case repository and never write.
 */
@Injectable()
export class MovementReportsService {
  constructor(
    private readonly movements: MovementsService,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(EMULATION_CRITERIA) private readonly criteria: EmulationCriteriaCatalogue,
    @Inject(VIOLATION_CATEGORIES) private readonly categories: ViolationCategoryCatalogue,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
  ) {}

  /**
   * The launching unit's readers and auditors (as GET /movements/:id/participation): the report
   * goes upward from the launcher, so a participant sees the movement but not this.
   */
  async results(
    principal: Principal,
    id: string,
    phase: ResultsPhase,
  ): Promise<MovementResultsDto> {
    const units = new UnitCache(this.organisation);
    const movement = await this.movements.visibleMovement(principal, id, units);
    if (!launcherReads(principal, movement)) throw notTheLauncher(id);
    const data = effectiveMovement(movement);
    const participating = await units.get(data.participatingUnitId);
    const subtree =
      participating === null ? [] : await this.movements.activeUnitsUnder([participating.path]);
    const participations =
      participating === null ? [] : await this.movements.participationsOf(id, [participating.path]);
    const milestones = milestonesOf(movement.context);
    const workflow = this.workflows.get(movement.workflow.id, movement.workflow.version);
    const launching = await this.launchingUnit(movement, units);
    const lead = await units.get(data.leadUnitId);
    return {
      movement: {
        id: movement.id,
        code: data.code,
        title: data.title,
        type: data.type,
        state: movement.state,
        stateLabel: workflow.definition.machine.states[movement.state]?.meta.label ?? {
          vi: movement.state,
          en: movement.state,
        },
        period: data.period,
        legalBasis: data.legalBasis,
        launchingUnit: launching,
        leadUnit: lead === null ? null : unitOf(lead),
      },
      phase,
      phaseLabel: PHASE_NAMES[phase],
      phaseStartedOn: phase === 'midterm' ? milestones.midtermStartedOn : milestones.finalStartedOn,
      recipients: await this.recipients(movement, data, units),
      ...consolidateResults({
        phase,
        criteria: data.criteria,
        criterionName: (code) => criterionOf(this.criteria, code)?.name ?? { vi: code, en: code },
        units: subtree.map(unitOf),
        participations: participations.map(participationRecord),
      }),
    };
  }

  /** Vietnamese, or in English for readers who need it (what the units wrote as written). */
  async resultsWorkbook(
    principal: Principal,
    id: string,
    phase: ResultsPhase,
    language: Language = 'vi',
  ): Promise<ReportFile> {
    const report = await this.results(principal, id, phase);
    return {
      fileName: fileNameIn(language, `${fileStem(report, phase)}.xlsx`),
      content: await resultsReportXlsx(report, language),
    };
  }

  /**
   * Rendered in the worker pool: pdfkit and the embedded fonts cost CPU the requests need. The
   * report to sign is Vietnamese; English is a rendering for readers who need it.
   */
  async resultsPdf(
    principal: Principal,
    id: string,
    phase: ResultsPhase,
    language: Language = 'vi',
  ): Promise<ReportFile> {
    const report = await this.results(principal, id, phase);
    const bytes = await this.pool.run(RENDER_RESULTS, { report, language });
    return {
      fileName: fileNameIn(language, `${fileStem(report, phase)}.pdf`),
      content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    };
  }

  /**
   * Counts for the movement page. The launching unit's readers and auditors count the whole
   * participating subtree; anyone else who sees the movement (a participating unit's roles) counts
   * only the subtrees of their own grants inside it, so a unit never learns another's numbers.
   * Violations are counted only for a role that reads violation statistics, over the subtrees
   * where it holds one, and by outcome and category only: never a subject.
   */
  async overview(principal: Principal, id: string): Promise<MovementOverviewDto> {
    const units = new UnitCache(this.organisation);
    const movement = await this.movements.visibleMovement(principal, id, units);
    const data = effectiveMovement(movement);
    const participating = await units.get(data.participatingUnitId);
    const whole = launcherReads(principal, movement);
    const roots =
      participating === null
        ? []
        : whole
          ? [participating.path]
          : outermost(
              principal.grants
                .filter((g) => CASE_READERS.includes(g.role))
                .map((g) => g.scope)
                .filter((scope): scope is UnitPath => scope !== null)
                .filter((scope) => isWithin(scope, participating.path)),
            );
    if (!whole && roots.length === 0) throw movementNotFound(id);
    // The launcher's readers see every registration and nomination of the movement, as the
    // consolidated registration list does; a participant, its own subtrees'.
    const caseScopes = whole ? null : roots;

    const [subtree, participations, registrations, nominations] = await Promise.all([
      roots.length === 0 ? Promise.resolve([]) : this.movements.activeUnitsUnder(roots),
      roots.length === 0 ? Promise.resolve([]) : this.movements.participationsOf(id, roots),
      this.linked(REGISTRATION, id, caseScopes),
      this.linked(NOMINATION, id, caseScopes),
    ]);
    const acknowledged = new Set(participations.map((p) => p.subject.id));
    const counted = subtree.filter((unit) => acknowledged.has(unit.id)).length;
    const rootUnits = whole
      ? participating === null
        ? []
        : [participating]
      : subtree.filter((unit) => roots.includes(unit.path));

    return {
      movementId: movement.id,
      wholeMovement: whole,
      units: rootUnits.map(unitOf),
      registrations: this.registrationCounts(registrations),
      acknowledgements: {
        units: subtree.length,
        acknowledged: counted,
        notYet: subtree.length - counted,
      },
      nominations: this.nominationCounts(nominations),
      violations: await this.violationCounts(principal, movement, data, participating, whole),
    };
  }

  private registrationCounts(cases: readonly ListedCase[]): MovementOverviewDto['registrations'] {
    const workflow = this.workflows.latestForCaseType(REGISTRATION);
    const states = Object.entries(workflow.definition.machine.states);
    const byState: StateCountDto[] = states.map(([state, node]) => ({
      state,
      label: node.meta.label,
      count: cases.filter((c) => c.state === state).length,
    }));
    // A state only an older version has still counts, after the current ones.
    for (const extra of new Set(cases.map((c) => c.state))) {
      if (!byState.some((line) => line.state === extra)) {
        const count = cases.filter((c) => c.state === extra).length;
        byState.push({ state: extra, label: this.stateLabel(cases, extra), count });
      }
    }
    return { total: cases.length, byState };
  }

  private nominationCounts(cases: readonly ListedCase[]): MovementOverviewDto['nominations'] {
    const order = Object.keys(
      this.workflows.latestForCaseType(NOMINATION).definition.machine.states,
    );
    const rank = (state: string) => (order.includes(state) ? order.indexOf(state) : order.length);
    const states = [...new Set(cases.map((c) => c.state))].sort((a, b) => rank(a) - rank(b));
    const granted = cases.filter((c) =>
      this.workflows.tagsOf(c.workflow, c.state).includes(GRANTED),
    );
    const awards = new Map<string, number>();
    for (const c of granted) {
      const code = String(c.data.awardCode);
      awards.set(code, (awards.get(code) ?? 0) + 1);
    }
    return {
      total: cases.length,
      byState: states.map((state) => ({
        state,
        label: this.stateLabel(cases, state),
        count: cases.filter((c) => c.state === state).length,
      })),
      announced: granted.length,
      awardsAnnounced: [...awards.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([awardCode, count]) => ({ awardCode, name: this.awardName(awardCode), count })),
    };
  }

  private async violationCounts(
    principal: Principal,
    movement: StoredCase,
    data: MovementData,
    participating: StoredUnit | null,
    whole: boolean,
  ): Promise<MovementOverviewDto['violations']> {
    if (participating === null) return null;
    const countsAt = (path: string) =>
      rolesAt(principal.grants, path).some((role) => STATISTICS_READERS.includes(role));
    const roots =
      whole && countsAt(movement.unitPath ?? participating.path)
        ? [participating.path]
        : outermost(
            principal.grants
              .filter((g) => STATISTICS_READERS.includes(g.role))
              .map((g) => g.scope)
              .filter((scope): scope is UnitPath => scope !== null)
              .filter((scope) => isWithin(scope, participating.path)),
          );
    if (roots.length === 0) return null;
    // Read as the system reads them: need-to-know hides a case from a reader, never from a count.
    const found = new Map<string, ViolationCaseRecord>();
    for (const unitPath of roots) {
      for (const stored of await this.movements.every({
        scopes: null,
        caseType: VIOLATION,
        unitPath,
        limit: PAGE,
      })) {
        found.set(stored.id, this.violationRecord(stored));
      }
    }
    const statistics = violationStatistics({
      period: data.period,
      cases: [...found.values()],
      categories: this.categories.categories,
      forms: [],
      memberIds: [],
    });
    return {
      period: data.period,
      total: statistics.total,
      byOutcome: statistics.byOutcome,
      byCategory: statistics.byCategory.filter((line) => line.count > 0),
    };
  }

  /** Cases of a type whose data names the movement (registrations, nominations v7). */
  private linked(caseType: string, movementId: string, scopes: string[] | null) {
    return this.movements.every({
      scopes,
      caseType,
      dataMatches: [{ keyByCaseType: { [caseType]: 'movementId' }, value: movementId }],
      limit: PAGE,
    });
  }

  private violationRecord(stored: StoredCase): ViolationCaseRecord {
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

  private stateLabel(cases: readonly ListedCase[], state: string): Localized {
    const sample = cases.find((c) => c.state === state);
    const label =
      sample === undefined
        ? undefined
        : this.workflows.get(sample.workflow.id, sample.workflow.version).definition.machine.states[
            state
          ]?.meta.label;
    return label ?? { vi: state, en: state };
  }

  private awardName(code: string): Localized {
    const award = this.ruleSets
      .latest(this.clock.todayInVietnam())
      .ruleSet.awards.find((candidate) => candidate.code === code);
    return award?.name ?? { vi: code, en: code };
  }

  private async launchingUnit(movement: StoredCase, units: UnitCache) {
    const launching = movement.unitId === null ? null : await units.get(movement.unitId);
    return launching === null
      ? { id: movement.subject.id, code: movement.subject.code, name: movement.subject.name }
      : unitOf(launching);
  }

  /**
   * "Nơi nhận" of the report. The launching unit reports upward to the unit directly above it in
   * the registry (for the Directive 23 plan: the committee reports to the provincial standing
   * committee), with the movement's lead unit (which follows the movement for the launcher: the
   * propaganda board) when it is another unit, and keeps a copy on file (Lưu). Derived from the
   * movement and the registry, so every export of the same report names the same recipients.
   */
  private async recipients(
    movement: StoredCase,
    data: MovementData,
    units: UnitCache,
  ): Promise<ResultsRecipientDto[]> {
    const launching = movement.unitId === null ? null : await units.get(movement.unitId);
    const recipients: ResultsRecipientDto[] = [];
    const superior = launching?.parentId ? await units.get(launching.parentId) : null;
    if (superior !== null) {
      recipients.push({ name: superior.name, unitId: superior.id, role: 'superior' });
    }
    if (data.leadUnitId !== movement.unitId) {
      const lead = await units.get(data.leadUnitId);
      if (lead !== null) recipients.push({ name: lead.name, unitId: lead.id, role: 'lead' });
    }
    recipients.push({
      name: launching?.name ?? movement.subject.name,
      unitId: launching?.id ?? null,
      role: 'archive',
    });
    return recipients;
  }
}

/**
 * The launching unit's case readers and those above it, auditors among them. An auditor of one
 * participating unit reads that unit's part, as its other readers do (and as the participation
 * table decides): an auditor's grant is scoped like any other.
 */
function launcherReads(principal: Principal, movement: StoredCase): boolean {
  return canRead(principal, movement);
}

function unitOf(unit: StoredUnit) {
  return { id: unit.id, code: unit.code, name: unit.name };
}

/** The subtrees without those inside another of them: each unit counted once. */
function outermost(paths: readonly UnitPath[]): UnitPath[] {
  const unique = [...new Set(paths)];
  return unique.filter((path) => !unique.some((other) => other !== path && isWithin(path, other)));
}

function participationRecord(stored: ListedCase): ParticipationRecord {
  const plans = Array.isArray(stored.context.plans) ? (stored.context.plans as DocumentFact[]) : [];
  return {
    id: stored.id,
    unitId: stored.subject.id,
    acknowledgedOn: String(stored.data.acknowledgedOn),
    planSummary: typeof stored.data.planSummary === 'string' ? stored.data.planSummary : null,
    plans: plans.map((plan) => ({ fileName: plan.fileName, sha256: plan.sha256 })),
    results: (stored.context.results ?? {}) as Partial<Record<ResultsPhase, ResultsReport>>,
  };
}

function fileStem(report: MovementResultsDto, phase: ResultsPhase): string {
  const code = report.movement.code.replace(/[^A-Za-z0-9._-]/g, '-') || report.movement.id;
  return `bao-cao-${phase === 'midterm' ? 'so-ket' : 'tong-ket'}_${code}`;
}

/** The day in Việt Nam (UTC+7 all year) of a stored instant, as the server counts legal dates. */
function vietnamDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
