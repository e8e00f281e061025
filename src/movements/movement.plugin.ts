import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CaseEffects, entered, type CaseEffect } from '../cases/plugins/case-effects';
import { FactProviders, type FactProvider } from '../cases/plugins/fact-providers';
import {
  OpeningChecks,
  type CaseOpening,
  type OpeningCheck,
} from '../cases/plugins/opening-checks';
import { AppError } from '../common/errors';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { StoredCase } from '../domain/cases/stored-case';
import type { EmulationCriteriaCatalogue } from '../domain/movements/emulation-criteria';
import {
  MOVEMENT,
  MOVEMENT_PARTICIPATION,
  MOVEMENT_TAGS,
  effectiveMovement,
  milestonesOf,
  movementDataProblems,
  type MovementData,
} from '../domain/movements/movement';
import { isWithin } from '../domain/org/scope';
import { RuleSetCatalogue, RuleSetNotFoundError } from '../domain/rules/rule-set-catalogue';
import type {
  MovementAmendmentFact,
  MovementParticipationsFact,
  MovementPhaseFact,
} from '../domain/workflow/movement-steps';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { StateTag } from '../domain/workflow/state-tags';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { EMULATION_CRITERIA } from './emulation-criteria.provider';
import { casesOfMovementIn } from './movement-cases-in-transaction';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalidData(problems: string[], vi: string, en: string): AppError {
  return new AppError('CASE.INVALID_DATA', 'unprocessable', en, { problems }, { vi, en });
}

/** A movement out of the unit's subtree answers like a missing one: nothing leaks. */
function notLaunchedToUnit(): AppError {
  return invalidData(
    ['data/movementId is not a movement launched to this unit'],
    'Không có phong trào thi đua nào như vậy được phát động đến đơn vị này.',
    'No such movement was launched to this unit.',
  );
}

function movementNotLive(movementId: string, state: string): AppError {
  return new AppError(
    'MOVEMENT.NOT_LIVE',
    'conflict',
    'The movement has ended: it can no longer be acknowledged.',
    { movementId, state },
    {
      vi: 'Phong trào đã kết thúc hoặc bị hủy: không thể tiếp nhận nữa.',
      en: 'The movement has ended: it can no longer be acknowledged.',
    },
  );
}

function alreadyAcknowledged(movementId: string, participationId: string): AppError {
  return new AppError(
    'MOVEMENT.ALREADY_ACKNOWLEDGED',
    'conflict',
    'The unit has already acknowledged this movement.',
    { movementId, participationId },
    {
      vi: 'Đơn vị đã tiếp nhận phong trào này.',
      en: 'The unit has already acknowledged this movement.',
    },
  );
}

/**
 * The movement workflows' plug-in: the checks a new movement passes (criteria of the catalogue,
 * awards and sources of the rule set in force, its units in the registry and in the launching
 * unit's subtree, a period in order) and a new participation (one per movement and unit, only for
 * a live movement whose subtree holds the unit); the facts their events need (an amendment's
 * problems, the movement's phase when a unit reports, the participations a closing ends); and the
 * effect that closes every participation when its movement closes or is cancelled.
 */
@Injectable()
export class MovementPlugin implements OnModuleInit {
  constructor(
    private readonly facts: FactProviders,
    private readonly openingChecks: OpeningChecks,
    private readonly effects: CaseEffects,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    @Inject(EMULATION_CRITERIA) private readonly criteria: EmulationCriteriaCatalogue,
  ) {}

  onModuleInit(): void {
    this.facts.register(this.amendment, this.phase, this.participations);
    this.openingChecks.register(this.movementOpening, this.participationOpening);
    this.effects.register(
      this.participationStillFitsMovement,
      this.participationsEndWithTheirMovement,
    );
  }

  /** What the data may name on a day: the catalogue's criteria, the rule set's awards and sources. */
  private dataProblems(data: MovementData, today: string): string[] {
    let awardCodes = new Set<string>();
    let sourceIds = new Set<string>();
    try {
      const { ruleSet } = this.ruleSets.latest(today);
      awardCodes = new Set(ruleSet.awards.map((a) => a.code));
      sourceIds = new Set(ruleSet.sources.map((s) => s.id));
    } catch (error) {
      if (!(error instanceof RuleSetNotFoundError)) throw error;
    }
    return movementDataProblems(data, {
      criterionCodes: new Set(this.criteria.criteria.map((c) => c.code)),
      awardCodes,
      sourceIds,
    });
  }

  private readonly movementOpening: OpeningCheck = {
    name: 'movementDataChecked',
    appliesTo: (workflow) => workflow.definition.caseType === MOVEMENT,
    check: async ({ subject, data, today }: CaseOpening) => {
      const movement = data as unknown as MovementData;
      const problems = this.dataProblems(movement, today);
      if (subject.kind !== 'unit') {
        problems.push('subject: a movement is launched by a unit (subject.kind "unit")');
      } else {
        const launching = await this.organisation.findUnitById(subject.id);
        const participating = await this.organisation.findUnitById(movement.participatingUnitId);
        if (
          launching === null ||
          participating === null ||
          !isWithin(participating.path, launching.path)
        ) {
          problems.push('data/participatingUnitId must be the launching unit or a unit below it');
        }
      }
      const named = [
        ['leadUnitId', movement.leadUnitId],
        ...movement.coordinatingUnitIds.map((id, index) => [`coordinatingUnitIds/${index}`, id]),
      ];
      for (const [field, id] of named) {
        if ((await this.organisation.findUnitById(id)) === null) {
          problems.push(`data/${field} is not a unit of the registry`);
        }
      }
      if (problems.length === 0) return;
      throw invalidData(
        problems,
        `Dữ liệu phong trào không hợp lệ: ${problems.join('; ')}.`,
        `The movement's data is not valid: ${problems.join('; ')}.`,
      );
    },
  };

  private readonly participationOpening: OpeningCheck = {
    name: 'participationInALiveMovement',
    appliesTo: (workflow) => workflow.definition.caseType === MOVEMENT_PARTICIPATION,
    check: async ({ subject, data, today }: CaseOpening) => {
      const movementId = String(data.movementId);
      const acknowledgedOn = String(data.acknowledgedOn);
      if (subject.kind !== 'unit') {
        throw invalidData(
          ['subject: a participation is a unit’s (subject.kind "unit")'],
          'Chỉ đơn vị (tổ chức) mới tiếp nhận phong trào thi đua.',
          'Only a unit acknowledges a movement.',
        );
      }
      if (acknowledgedOn > today) {
        throw invalidData(
          [`data/acknowledgedOn may not be after today (${today})`],
          `Ngày tiếp nhận (${toVietnameseDate(acknowledgedOn)}) không được sau ngày hôm nay.`,
          `The day of acknowledgement (${acknowledgedOn}) may not be after today.`,
        );
      }
      const movement = UUID.test(movementId) ? await this.cases.findById(movementId) : null;
      const unit = await this.organisation.findUnitById(subject.id);
      const participating =
        movement?.caseType === MOVEMENT
          ? await this.organisation.findUnitById(effectiveMovement(movement).participatingUnitId)
          : null;
      // A movement out of the unit's subtree answers like a missing one: nothing leaks.
      if (
        movement === null ||
        participating === null ||
        unit === null ||
        !isWithin(unit.path, participating.path) ||
        milestonesOf(movement.context).launchedOn === null
      ) {
        throw notLaunchedToUnit();
      }
      if (!this.tagsOf(movement).includes(MOVEMENT_TAGS.live)) {
        throw movementNotLive(movementId, movement.state);
      }
      const launchedOn = milestonesOf(movement.context).launchedOn!;
      if (acknowledgedOn < launchedOn) {
        throw invalidData(
          [`data/acknowledgedOn may not precede the launch (${launchedOn})`],
          `Ngày tiếp nhận không được trước ngày phát động (${toVietnameseDate(launchedOn)}).`,
          `The day of acknowledgement may not precede the launch (${launchedOn}).`,
        );
      }
      const existing = (
        await this.cases.casesAbout({ personIds: [], unitIds: [unit.id] }, [MOVEMENT_PARTICIPATION])
      ).find((c) => c.data.movementId === movementId);
      if (existing !== undefined) throw alreadyAcknowledged(movementId, existing.id);
    },
  };

  /**
   * The participation's checks that another request can undo between them and the insert (the
   * opening check runs before the opening's transaction), made again inside it once the
   * movement's case is locked: the second of two concurrent acknowledgements by one unit sees the
   * first, and a participation cannot commit after its movement's closing or cancellation listed
   * the participations it ends (that event holds the same lock). A refusal rolls the whole
   * opening back with the problem the opening check would have answered.
   */
  private readonly participationStillFitsMovement: CaseEffect = {
    name: 'participationStillFitsMovement',
    appliesTo: ({ before, after }) => before === null && after.caseType === MOVEMENT_PARTICIPATION,
    apply: async ({ after }, { tx }) => {
      const movementId = String(after.data.movementId);
      // On PostgreSQL the row lock, held to the end of the transaction; on SQLite the transaction
      // already runs alone.
      const movement = UUID.test(movementId) ? await tx.findForUpdate(movementId) : null;
      if (movement?.caseType !== MOVEMENT) throw notLaunchedToUnit();
      if (!this.tagsOf(movement).includes(MOVEMENT_TAGS.live)) {
        throw movementNotLive(movementId, movement.state);
      }
      const existing = (
        await casesOfMovementIn(tx, MOVEMENT_PARTICIPATION, movementId, after.subject)
      ).find((participation) => participation.id !== after.id);
      if (existing !== undefined) throw alreadyAcknowledged(movementId, existing.id);
    },
  };

  private tagsOf(stored: StoredCase): readonly StateTag[] {
    return this.workflows.get(stored.workflow.id, stored.workflow.version).tagsOf(stored.state);
  }

  /** The draft as amended, checked like a new movement's data. */
  private readonly amendment: FactProvider = {
    name: 'movementAmendment',
    prepare: ({ stored, payload, today }) => {
      const amended = { ...effectiveMovement(stored), ...payload } as MovementData;
      const fact: MovementAmendmentFact = {
        problems: this.dataProblems(amended, today).map((p) => p.replace(/^data\//, 'payload/')),
      };
      return { resolve: () => fact };
    },
  };

  /** The movement a participation reports to, read when the report is entered. */
  private readonly phase: FactProvider = {
    name: 'movementPhase',
    prepare: async ({ stored }) => {
      const movementId = String(stored.data.movementId);
      const movement = await this.cases.findById(movementId);
      const fact: MovementPhaseFact | undefined =
        movement === null
          ? undefined
          : {
              movementId,
              state: movement.state,
              tags: [...this.tagsOf(movement)],
              criterionCodes: effectiveMovement(movement).criteria.map((c) => c.code),
            };
      return { resolve: () => fact };
    },
  };

  /** The open participations of the movement, which its closing or cancellation ends. */
  private readonly participations: FactProvider = {
    name: 'movementParticipations',
    prepare: async ({ stored }) => {
      const caseIds: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.cases.list({
          scopes: null,
          caseType: MOVEMENT_PARTICIPATION,
          dataMatches: [
            { keyByCaseType: { [MOVEMENT_PARTICIPATION]: 'movementId' }, value: stored.id },
          ],
          ...(cursor === undefined ? {} : { cursor }),
          limit: 500,
        });
        caseIds.push(...page.items.filter((c) => !c.closed).map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      const fact: MovementParticipationsFact = { caseIds };
      return { resolve: () => fact };
    },
  };

  /**
   * When the movement ends (closed or cancelled), each of its participations still open receives
   * MOVEMENT_ENDED from the engine in the same transaction: all end with it, or nothing does.
   * They are listed again here, in the transaction that holds the movement's lock: a participation
   * opened after the fact `movementParticipations` was read (before the transaction) but committed
   * before the lock was taken ends too; one not yet committed waits for the lock and then finds
   * the movement ended (participationStillFitsMovement).
   */
  private readonly participationsEndWithTheirMovement: CaseEffect = {
    name: 'participationsEndWithTheirMovement',
    appliesTo: (transition) =>
      transition.workflow.definition.caseType === MOVEMENT && entered(transition, 'closed'),
    apply: async (transition, context) => {
      const fact = transition.facts.movementParticipations as
        MovementParticipationsFact | undefined;
      const outcome = transition.record.eventType === 'CANCEL' ? 'cancelled' : 'closed';
      const open = (
        await casesOfMovementIn(context.tx, MOVEMENT_PARTICIPATION, transition.after.id)
      )
        .filter((participation) => !participation.closed)
        .map((participation) => participation.id);
      const caseIds = [...new Set([...(fact?.caseIds ?? []), ...open])].sort();
      for (const caseId of caseIds) {
        const participation = await context.tx.findForUpdate(caseId);
        if (participation === null || participation.closed) continue;
        await context.sendSystemEvent(caseId, 'MOVEMENT_ENDED', { outcome });
      }
    },
  };
}
