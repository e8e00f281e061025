import { validate as isUuid } from 'uuid';
import type { StoredCase } from '../domain/cases/stored-case';
import { effectiveMovement, MOVEMENT, MOVEMENT_TAGS } from '../domain/movements/movement';
import type { RegistrationTerms } from '../domain/registrations/registration-rules';
import type { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { CasesRepository } from '../persistence/repositories/cases.repository';
import type { OrganisationRepository } from '../persistence/repositories/organisation.repository';

/** What registrations read of a movement case (its data as the design fixes it, and its state). */
export interface MovementForRegistration {
  id: string;
  code: string;
  title: string;
  /** The launching unit (the movement's subject) and its path. */
  launchingUnitId: string;
  launchingUnitPath: string;
  participatingUnitId: string;
  /** Null when the participating unit is no longer in the registry. */
  participatingUnitPath: string | null;
  terms: RegistrationTerms;
  /** Launched, under review or closed: the movement is live. */
  live: boolean;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Reads movement cases through the engine's repository: registrations never write them. What the
 * state means comes from its tags (`registration_open`, `movement_live`), never its name.
 */
export class MovementReader {
  constructor(
    private readonly cases: CasesRepository,
    private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
  ) {}

  async find(movementId: string): Promise<MovementForRegistration | null> {
    if (!isUuid(movementId)) return null;
    const stored = await this.cases.findById(movementId);
    if (stored === null || stored.caseType !== MOVEMENT) return null;
    const { unitId, unitPath } = stored;
    if (unitId === null || unitPath === null) return null;
    return this.read(stored, unitId, unitPath);
  }

  private async read(
    stored: StoredCase,
    launchingUnitId: string,
    launchingUnitPath: string,
  ): Promise<MovementForRegistration> {
    // As it stands: the data it was opened with and the draft's amendments.
    const data = effectiveMovement(stored) as unknown as Record<string, unknown>;
    const tags: readonly string[] = this.workflows
      .get(stored.workflow.id, stored.workflow.version)
      .tagsOf(stored.state);
    const participatingUnitId =
      typeof data.participatingUnitId === 'string' ? data.participatingUnitId : launchingUnitId;
    const participating = await this.organisation.findUnitById(participatingUnitId);
    return {
      id: stored.id,
      code: typeof data.code === 'string' ? data.code : '',
      title: typeof data.title === 'string' ? data.title : '',
      launchingUnitId,
      launchingUnitPath,
      participatingUnitId,
      participatingUnitPath: participating?.path ?? null,
      live: tags.includes(MOVEMENT_TAGS.live),
      terms: this.termsOf(stored),
    };
  }

  /**
   * The terms a movement case sets for registrations, as it stands (a copy locked in a
   * transaction, too): whether it takes them now, its deadline, its awards and criteria.
   */
  termsOf(stored: StoredCase): RegistrationTerms {
    const data = effectiveMovement(stored) as unknown as Record<string, unknown>;
    const tags: readonly string[] = this.workflows
      .get(stored.workflow.id, stored.workflow.version)
      .tagsOf(stored.state);
    const criteria = Array.isArray(data.criteria) ? (data.criteria as { code?: unknown }[]) : [];
    return {
      registrationOpen: tags.includes(MOVEMENT_TAGS.registrationOpen),
      registrationDeadline:
        typeof data.registrationDeadline === 'string' ? data.registrationDeadline : '',
      awardsOnOffer: strings(data.awardsOnOffer),
      criterionCodes: criteria
        .map((criterion) => criterion.code)
        .filter((code): code is string => typeof code === 'string'),
    };
  }
}
