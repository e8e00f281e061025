import type { ScopedGrant, UnitPath } from '../org/scope';
import type { Role } from '../roles';

/**
 * What an emulation registration (workflows/emulation-registration.v1.json) may aim at and who
 * decides it, as pure rules shared by the opening check, the guards and the bulk registration.
 */

/** The roles that register a unit's people and decide registrations (a unit's leadership). */
export const REGISTRATION_ROLES: readonly Role[] = ['secretariat', 'unit_leader'];

/** A pledge of a registration: a text, optionally answering one of the movement's criteria. */
export interface Pledge {
  criterionCode?: string;
  text: string;
}

/** What a registrant pledges: awards aimed at (codes) and pledges. */
export interface RegistrationTargets {
  awardCodes: string[];
  pledges: Pledge[];
}

/** The terms of a movement a registration must meet (from the movement case's data and state). */
export interface RegistrationTerms {
  /** The movement is in a state tagged `registration_open`. */
  registrationOpen: boolean;
  registrationDeadline: string;
  awardsOnOffer: string[];
  criterionCodes: string[];
}

/** Where the sender stands towards one registration. */
export interface RegistrationSides {
  /**
   * Holds secretariat or unit_leader over the launching unit itself (a grant at it or above it):
   * decides registrations. A unit between the launcher and the registrant does not.
   */
  launcher: boolean;
  /**
   * Holds secretariat or unit_leader over the registrant's unit through a grant of the registrant's
   * side (below the launching unit), or the registrant is the launching unit itself.
   */
  registrant: boolean;
}

function leads(grant: ScopedGrant): boolean {
  return REGISTRATION_ROLES.includes(grant.role);
}

/** A grant at the unit at `path` or above it (null scope: the whole organisation). */
function reachesFromAbove(grant: ScopedGrant, path: UnitPath): boolean {
  return grant.scope === null || path.startsWith(grant.scope);
}

export function registrationSides(
  grants: readonly ScopedGrant[],
  launchingUnitPath: UnitPath,
  registrantUnitPath: UnitPath,
): RegistrationSides {
  const leading = grants.filter(leads);
  const launcher = leading.some((grant) => reachesFromAbove(grant, launchingUnitPath));
  const registrant = leading.some(
    (grant) =>
      reachesFromAbove(grant, registrantUnitPath) &&
      (registrantUnitPath === launchingUnitPath || !reachesFromAbove(grant, launchingUnitPath)),
  );
  return { launcher, registrant };
}

/** Why targets do not fit a movement's terms (empty: they fit). */
export interface TargetProblems {
  awardsNotOnOffer: string[];
  criteriaNotOfMovement: string[];
}

export function targetProblems(
  targets: RegistrationTargets,
  terms: Pick<RegistrationTerms, 'awardsOnOffer' | 'criterionCodes'>,
): TargetProblems {
  return {
    awardsNotOnOffer: targets.awardCodes.filter((code) => !terms.awardsOnOffer.includes(code)),
    criteriaNotOfMovement: targets.pledges
      .map((pledge) => pledge.criterionCode)
      .filter((code): code is string => code !== undefined && !terms.criterionCodes.includes(code)),
  };
}

export function targetsFit(
  targets: RegistrationTargets,
  terms: Pick<RegistrationTerms, 'awardsOnOffer' | 'criterionCodes'>,
): boolean {
  const problems = targetProblems(targets, terms);
  return problems.awardsNotOnOffer.length === 0 && problems.criteriaNotOfMovement.length === 0;
}

/** Reads `targets` from a payload or data object; undefined when it is not well formed. */
export function targetsOf(value: unknown): RegistrationTargets | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { awardCodes, pledges } = value as Record<string, unknown>;
  if (!Array.isArray(awardCodes) || !awardCodes.every((code) => typeof code === 'string')) {
    return undefined;
  }
  if (
    !Array.isArray(pledges) ||
    !pledges.every(
      (pledge) =>
        typeof pledge === 'object' &&
        pledge !== null &&
        typeof (pledge as Pledge).text === 'string' &&
        ((pledge as Pledge).criterionCode === undefined ||
          typeof (pledge as Pledge).criterionCode === 'string'),
    )
  ) {
    return undefined;
  }
  return { awardCodes: awardCodes as string[], pledges: pledges as Pledge[] };
}
