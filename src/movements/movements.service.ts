import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { CASE_READERS, canRead } from '../cases/case-access';
import { caseViewFor } from '../cases/case-queries.service';
import type { StoredCase } from '../domain/cases/stored-case';
import type { EmulationCriteriaCatalogue } from '../domain/movements/emulation-criteria';
import {
  MOVEMENT,
  MOVEMENT_PARTICIPATION,
  canSeeMovement,
  effectiveMovement,
  milestonesOf,
} from '../domain/movements/movement';
import type { Principal } from '../domain/org/principal';
import { isWithin } from '../domain/org/scope';
import type { ResultsReport } from '../domain/workflow/movement-steps';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CaseListQuery,
  type CasesRepository,
  type ListedCase,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type {
  EmulationCriteriaListDto,
  MovementListDto,
  MovementSummaryDto,
  MovementUnitDto,
  MovementViewDto,
  ParticipationRowDto,
  ParticipationTableDto,
} from './dto/movement.dto';
import { EMULATION_CRITERIA } from './emulation-criteria.provider';
import { movementNotFound, notTheLauncher } from './movement-errors';

const PAGE = 500;
/** Who acknowledges for a unit: its leader or its secretariat (the participation's openRoles). */
const ACKNOWLEDGING_ROLES = ['unit_leader', 'secretariat'];

function unitOf(unit: StoredUnit): MovementUnitDto {
  return { id: unit.id, code: unit.code, name: unit.name };
}

/**
 * Reading movements: the cascade (who sees a movement once launched), one movement with what the
 * caller may do, and the launcher's table of who has acknowledged. Writes go through the case
 * engine (POST /cases, /cases/:id/events, /cases/:id/documents).
 */
@Injectable()
export class MovementsService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
    @Inject(EMULATION_CRITERIA) private readonly criteria: EmulationCriteriaCatalogue,
  ) {}

  criteriaCatalogue(): EmulationCriteriaListDto {
    const { id, version, title, description, criteria } = this.criteria;
    return { id, version, title, description, items: [...criteria] };
  }

  async list(principal: Principal): Promise<MovementListDto> {
    const movements = await this.every({ scopes: null, caseType: MOVEMENT, limit: PAGE });
    const units = new UnitCache(this.organisation);
    const items: MovementSummaryDto[] = [];
    for (const movement of movements) {
      if (await this.visible(principal, movement, units)) {
        items.push(await this.summary(principal, movement, units));
      }
    }
    items.sort((a, b) =>
      a.period.from < b.period.from ? 1 : a.period.from > b.period.from ? -1 : 0,
    );
    return { items };
  }

  async get(principal: Principal, id: string): Promise<MovementViewDto> {
    const units = new UnitCache(this.organisation);
    const movement = await this.visibleMovement(principal, id, units);
    const data = effectiveMovement(movement);
    const workflow = this.workflowOf(movement);
    const launcherView = canRead(principal, movement);
    const participating = await units.get(data.participatingUnitId);
    const lead = await units.get(data.leadUnitId);
    const coordinating = await Promise.all(data.coordinatingUnitIds.map((u) => units.get(u)));
    return {
      ...(await this.summary(principal, movement, units)),
      ...(data.theme === undefined ? {} : { theme: data.theme }),
      legalBasis: data.legalBasis,
      leadUnit: lead === null ? null : unitOf(lead),
      coordinatingUnits: coordinating.filter((u) => u !== null).map(unitOf),
      participatingUnit: participating === null ? null : unitOf(participating),
      criteria: data.criteria,
      awardsOnOffer: data.awardsOnOffer,
      version: movement.version,
      allowedEvents: launcherView ? caseViewFor(movement, workflow, principal).allowedEvents : [],
      yourUnits: await this.callerUnits(principal, movement, participating),
    };
  }

  async participation(principal: Principal, id: string): Promise<ParticipationTableDto> {
    const units = new UnitCache(this.organisation);
    const movement = await this.visibleMovement(principal, id, units);
    // The launching unit's readers in scope, auditors among them (an auditor of the whole
    // organisation reads every movement's table; one of a unit, only its own unit's).
    if (!canRead(principal, movement)) throw notTheLauncher(id);
    const participating = await units.get(effectiveMovement(movement).participatingUnitId);
    if (participating === null) {
      return { movementId: id, units: 0, acknowledged: 0, items: [] };
    }
    const subtree = await this.activeUnitsUnder([participating.path]);
    const participations = await this.participationsOf(id, [participating.path]);
    const byUnit = new Map(participations.map((p) => [p.subject.id, p]));
    const items: ParticipationRowDto[] = subtree.map((unit) => {
      const found = byUnit.get(unit.id);
      return {
        unit: unitOf(unit),
        parentId: unit.parentId,
        participation: found === undefined ? null : participationSummary(found),
      };
    });
    return {
      movementId: id,
      units: items.length,
      acknowledged: items.filter((i) => i.participation !== null).length,
      items,
    };
  }

  /**
   * The active units of these subtrees, in the registry's tree order (by path), each once.
   * Used by the participation table and the reports (src/movements/movement-reports.service.ts).
   */
  async activeUnitsUnder(paths: readonly string[]): Promise<StoredUnit[]> {
    const subtree = new Map<string, StoredUnit>();
    let cursor: string | undefined;
    do {
      const page = await this.organisation.listUnits({
        scopes: [...paths],
        limit: PAGE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const unit of page.items) if (unit.active) subtree.set(unit.id, unit);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return [...subtree.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** A movement the caller sees (GET /movements); anything else is 404 MOVEMENT.NOT_FOUND. */
  async visibleMovement(
    principal: Principal,
    id: string,
    units: UnitCache = new UnitCache(this.organisation),
  ): Promise<StoredCase> {
    const movement = isUuid(id) ? await this.cases.findById(id) : null;
    if (
      movement === null ||
      movement.caseType !== MOVEMENT ||
      !(await this.visible(principal, movement, units))
    ) {
      throw movementNotFound(id);
    }
    return movement;
  }

  private async visible(
    principal: Principal,
    movement: StoredCase,
    units: UnitCache,
  ): Promise<boolean> {
    const participating = await units.get(effectiveMovement(movement).participatingUnitId);
    return canSeeMovement(
      principal.grants,
      {
        launchingPath: movement.unitPath,
        participatingPath: participating?.path ?? null,
        launched: milestonesOf(movement.context).launchedOn !== null,
      },
      CASE_READERS,
    );
  }

  private async summary(
    principal: Principal,
    movement: StoredCase,
    units: UnitCache,
  ): Promise<MovementSummaryDto> {
    const data = effectiveMovement(movement);
    const workflow = this.workflowOf(movement);
    const launching = movement.unitId === null ? null : await units.get(movement.unitId);
    return {
      id: movement.id,
      code: data.code,
      title: data.title,
      type: data.type,
      state: movement.state,
      stateLabel: workflow.definition.machine.states[movement.state]?.meta.label ?? {
        vi: movement.state,
        en: movement.state,
      },
      tags: [...workflow.tagsOf(movement.state)],
      launchingUnit:
        launching === null
          ? { id: movement.subject.id, code: movement.subject.code, name: movement.subject.name }
          : unitOf(launching),
      period: data.period,
      registrationDeadline: data.registrationDeadline,
      milestones: milestonesOf(movement.context),
      launcherView: canRead(principal, movement),
    };
  }

  /** The caller's units in the subtree they may acknowledge for, with their participation. */
  private async callerUnits(
    principal: Principal,
    movement: StoredCase,
    participating: StoredUnit | null,
  ): Promise<MovementViewDto['yourUnits']> {
    if (participating === null || milestonesOf(movement.context).launchedOn === null) return [];
    const unitIds = [
      ...new Set(
        principal.grants
          .filter(
            (g) =>
              ACKNOWLEDGING_ROLES.includes(g.role) &&
              g.unitId !== null &&
              g.scope !== null &&
              isWithin(g.scope, participating.path),
          )
          .map((g) => g.unitId as string),
      ),
    ];
    if (unitIds.length === 0) return [];
    const existing = await this.cases.casesAbout({ personIds: [], unitIds }, [
      MOVEMENT_PARTICIPATION,
    ]);
    const rows: MovementViewDto['yourUnits'] = [];
    for (const unitId of unitIds) {
      const unit = await this.organisation.findUnitById(unitId);
      if (unit === null) continue;
      const found = existing.find(
        (c) => c.subject.id === unitId && c.data.movementId === movement.id,
      );
      rows.push({ unit: unitOf(unit), participationId: found?.id ?? null });
    }
    return rows;
  }

  /** The movement's participation cases of units in these subtrees. */
  participationsOf(movementId: string, paths: readonly string[]): Promise<ListedCase[]> {
    return this.every({
      scopes: [...paths],
      caseType: MOVEMENT_PARTICIPATION,
      dataMatches: [
        { keyByCaseType: { [MOVEMENT_PARTICIPATION]: 'movementId' }, value: movementId },
      ],
      limit: PAGE,
    });
  }

  /** Every page of a case list. */
  async every(query: CaseListQuery): Promise<ListedCase[]> {
    const all: ListedCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({ ...query, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return all;
  }

  private workflowOf(stored: StoredCase) {
    return this.workflows.get(stored.workflow.id, stored.workflow.version);
  }
}

function participationSummary(stored: StoredCase): ParticipationRowDto['participation'] {
  const results = (stored.context.results ?? {}) as Partial<Record<string, ResultsReport>>;
  return {
    id: stored.id,
    state: stored.state,
    acknowledgedOn: String(stored.data.acknowledgedOn),
    ...(typeof stored.data.planSummary === 'string'
      ? { planSummary: stored.data.planSummary }
      : {}),
    plans: Array.isArray(stored.context.plans) ? stored.context.plans.length : 0,
    resultsReportedOn: {
      midterm: results.midterm?.reportedOn ?? null,
      final: results.final?.reportedOn ?? null,
    },
  };
}

/** Units read once per request: a list names the same few units again and again. */
export class UnitCache {
  private readonly units = new Map<string, Promise<StoredUnit | null>>();

  constructor(private readonly organisation: OrganisationRepository) {}

  get(id: string): Promise<StoredUnit | null> {
    let found = this.units.get(id);
    if (found === undefined) {
      found = this.organisation.findUnitById(id);
      this.units.set(id, found);
    }
    return found;
  }
}
