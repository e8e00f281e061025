import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import type { CaseSubject } from '../domain/cases/stored-case';
import { MOVEMENT } from '../domain/movements/movement';
import { isWithin } from '../domain/org/scope';
import {
  registrationSides,
  targetProblems,
  targetsOf,
  type RegistrationSides,
  type RegistrationTerms,
} from '../domain/registrations/registration-rules';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { CaseEffects, type CaseEffect } from '../cases/plugins/case-effects';
import { FactProviders } from '../cases/plugins/fact-providers';
import {
  OpeningChecks,
  type CaseOpening,
  type OpeningCheck,
} from '../cases/plugins/opening-checks';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type CaseTransaction,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { casesOfMovementIn } from '../movements/movement-cases-in-transaction';
import { MovementReader } from './movement-reader';
import {
  alreadyRegistered,
  movementNotFound,
  outsideParticipatingSubtree,
  registeredAfterDeadline,
  registeredInFuture,
  registrationClosed,
  targetsNotOnOffer,
} from './registration-errors';

export const REGISTRATION = 'emulation_registration';

const NOBODY: RegistrationSides = { launcher: false, registrant: false };

/**
 * The emulation registration workflow's plug-in: where the sender of a decision stands towards the
 * movement (its launching unit, or the registrant's side), the movement's terms for a resubmission,
 * and the checks a new registration passes (the movement takes registrations, by its deadline,
 * from its participating subtree, for its awards and criteria, once per registrant).
 */
@Injectable()
export class RegistrationPlugin implements OnModuleInit {
  private readonly movements: MovementReader;

  constructor(
    private readonly facts: FactProviders,
    private readonly openingChecks: OpeningChecks,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
    /** Where the opening's checks are made again inside its transaction. */
    private readonly effects: CaseEffects,
  ) {
    this.movements = new MovementReader(cases, organisation, workflows);
  }

  onModuleInit(): void {
    this.facts.register(
      {
        name: 'registrationSides',
        prepare: async ({ stored, principal }) => {
          const movement = await this.movements.find(String(stored.data.movementId));
          const sides =
            principal === null || movement === null || stored.unitPath === null
              ? NOBODY
              : registrationSides(principal.grants, movement.launchingUnitPath, stored.unitPath);
          return { resolve: () => sides };
        },
      },
      {
        name: 'registrationTerms',
        prepare: async ({ stored }) => {
          const movement = await this.movements.find(String(stored.data.movementId));
          return { resolve: () => movement?.terms };
        },
      },
    );
    this.openingChecks.register(this.registrationFitsMovement);
    this.effects.register(this.registrationStillFitsMovement);
  }

  private readonly registrationFitsMovement: OpeningCheck = {
    name: 'registrationFitsMovement',
    appliesTo: (workflow: CompiledWorkflow) => workflow.definition.id === REGISTRATION,
    check: (opening: CaseOpening) => this.checkOpening(opening),
  };

  private async checkOpening({ subject, data, today }: CaseOpening): Promise<void> {
    const movementId = String(data.movementId);
    const movement = await this.movements.find(movementId);
    if (movement === null) throw movementNotFound(movementId);
    if (!movement.terms.registrationOpen) throw registrationClosed(movementId);
    const registeredOn = String(data.registeredOn);
    if (registeredOn > today) throw registeredInFuture(registeredOn, today);
    if (registeredOn > movement.terms.registrationDeadline) {
      throw registeredAfterDeadline(registeredOn, movement.terms.registrationDeadline);
    }
    const subjectPath = await this.pathOf(subject);
    if (
      subjectPath === null ||
      movement.participatingUnitPath === null ||
      !isWithin(subjectPath, movement.participatingUnitPath)
    ) {
      throw outsideParticipatingSubtree(subject.id);
    }
    assertTargetsOnOffer(data, movement.terms);
    const existing = await this.standingRegistrationOf(subject, movementId);
    if (existing !== undefined) throw alreadyRegistered(existing);
  }

  /**
   * The opening's checks that another request can undo between them and the insert (checkOpening
   * runs before the opening's transaction), made again inside it once the movement's case is
   * locked: registrations of one movement open one after the other, so the second of two
   * concurrent ones for the same registrant sees the first, and one checked just before the
   * movement stopped taking registrations is refused, not inserted after. A refusal rolls the
   * whole opening back with the problem checkOpening would have answered.
   */
  private readonly registrationStillFitsMovement: CaseEffect = {
    name: 'registrationStillFitsMovement',
    appliesTo: ({ before, workflow }) => before === null && workflow.definition.id === REGISTRATION,
    apply: async ({ after }, { tx }) => {
      const movementId = String(after.data.movementId);
      // On PostgreSQL the row lock, held to the end of the transaction; on SQLite the transaction
      // already runs alone.
      const movement = isUuid(movementId) ? await tx.findForUpdate(movementId) : null;
      if (movement === null || movement.caseType !== MOVEMENT) throw movementNotFound(movementId);
      const terms = this.movements.termsOf(movement);
      if (!terms.registrationOpen) throw registrationClosed(movementId);
      const registeredOn = String(after.data.registeredOn);
      if (registeredOn > terms.registrationDeadline) {
        throw registeredAfterDeadline(registeredOn, terms.registrationDeadline);
      }
      assertTargetsOnOffer(after.data, terms);
      const existing = await this.standingRegistrationIn(tx, after.subject, movementId, after.id);
      if (existing !== undefined) throw alreadyRegistered(existing);
    },
  };

  /** As standingRegistrationOf, read in `tx`, other than the registration `except`. */
  private async standingRegistrationIn(
    tx: CaseTransaction,
    subject: CaseSubject,
    movementId: string,
    except: string,
  ): Promise<string | undefined> {
    const registrations = await casesOfMovementIn(tx, REGISTRATION, movementId, subject);
    return registrations.find(
      (registration) => registration.id !== except && this.stands(registration),
    )?.id;
  }

  /** Whether a registration stands: it is not refused or withdrawn. */
  private stands(registration: {
    workflow: { id: string; version: number };
    state: string;
  }): boolean {
    const tags: readonly string[] = this.workflows
      .get(registration.workflow.id, registration.workflow.version)
      .tagsOf(registration.state);
    return !tags.includes('rejected') && !tags.includes('withdrawn');
  }

  /** The id of a registration of this subject for this movement that is not refused or withdrawn. */
  private async standingRegistrationOf(
    subject: CaseSubject,
    movementId: string,
  ): Promise<string | undefined> {
    const about = await this.cases.casesAbout(
      subject.kind === 'person'
        ? { personIds: [subject.id], unitIds: [] }
        : { personIds: [], unitIds: [subject.id] },
      [REGISTRATION],
    );
    return about.find(
      (registration) => registration.data.movementId === movementId && this.stands(registration),
    )?.id;
  }

  private async pathOf(subject: CaseSubject): Promise<string | null> {
    if (subject.kind === 'person') {
      return (await this.organisation.findPersonById(subject.id))?.unitPath ?? null;
    }
    return (await this.organisation.findUnitById(subject.id))?.path ?? null;
  }
}

/** The awards and criteria the registration names are the movement's. */
function assertTargetsOnOffer(data: Record<string, unknown>, terms: RegistrationTerms): void {
  const targets = targetsOf(data.targets);
  if (targets === undefined) return;
  const problems = targetProblems(targets, terms);
  if (problems.awardsNotOnOffer.length > 0 || problems.criteriaNotOfMovement.length > 0) {
    throw targetsNotOnOffer(problems);
  }
}
