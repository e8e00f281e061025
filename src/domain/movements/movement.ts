import { isWithin, type ScopedGrant, type UnitPath } from '../org/scope';
import type { CaseContext } from '../workflow/case-event';

/** The case types of workflows/movement.v1.json and workflows/movement-participation.v1.json. */
export const MOVEMENT = 'movement';
export const MOVEMENT_PARTICIPATION = 'movement_participation';

export type MovementType = 'regular' | 'thematic' | 'campaign';

/** One criterion a movement is judged by, from the criteria catalogue; weighted where it scores. */
export interface MovementCriterion {
  code: string;
  weight?: number;
}

export interface LegalBasis {
  citation: string;
  /** A source id of the rule set in force when the movement was drafted. */
  sourceId?: string;
}

/** A movement case's `data` (the dataSchema of workflows/movement.v1.json). */
export interface MovementData {
  code: string;
  title: string;
  theme?: string;
  type: MovementType;
  legalBasis: LegalBasis[];
  leadUnitId: string;
  coordinatingUnitIds: string[];
  period: { from: string; to: string };
  participatingUnitId: string;
  criteria: MovementCriterion[];
  awardsOnOffer: string[];
  registrationDeadline: string;
}

/** What UPDATE_DRAFT may change while the movement is a draft (its units stay as opened). */
export const AMENDABLE_FIELDS = [
  'title',
  'theme',
  'type',
  'legalBasis',
  'period',
  'criteria',
  'awardsOnOffer',
  'registrationDeadline',
] as const;

export type MovementAmendment = Partial<Pick<MovementData, (typeof AMENDABLE_FIELDS)[number]>>;

/**
 * The movement as it stands: the data it was opened with, overlaid with the draft's amendments
 * (UPDATE_DRAFT records them in the context; a case's data never changes after opening).
 */
export function effectiveMovement(stored: {
  data: Record<string, unknown>;
  context: CaseContext;
}): MovementData {
  const amended = (stored.context.amended ?? {}) as MovementAmendment;
  return { ...(stored.data as unknown as MovementData), ...amended };
}

/** The dates the movement's steps recorded (legal dates, as the officials entered them). */
export interface MovementMilestones {
  launchedOn: string | null;
  midtermStartedOn: string | null;
  finalStartedOn: string | null;
  closedOn: string | null;
  summary: string | null;
}

export function milestonesOf(context: CaseContext): MovementMilestones {
  const text = (key: string) => (typeof context[key] === 'string' ? context[key] : null);
  return {
    launchedOn: text('launchedOn'),
    midtermStartedOn: text('midtermStartedOn'),
    finalStartedOn: text('finalStartedOn'),
    closedOn: text('closedOn'),
    summary: text('closingSummary'),
  };
}

/**
 * The problems of a movement's data the JSON Schema cannot see. The lookups are done by the
 * caller (catalogue, rule set, registry); this only judges. Each problem names its field.
 */
export function movementDataProblems(
  data: MovementData,
  known: {
    criterionCodes: ReadonlySet<string>;
    awardCodes: ReadonlySet<string>;
    sourceIds: ReadonlySet<string>;
  },
): string[] {
  const problems: string[] = [];
  if (data.period.from > data.period.to) {
    problems.push('data/period/from may not be after data/period/to');
  }
  if (data.registrationDeadline > data.period.to) {
    problems.push('data/registrationDeadline may not be after data/period/to');
  }
  const criteria = new Set<string>();
  for (const [index, criterion] of data.criteria.entries()) {
    if (!known.criterionCodes.has(criterion.code)) {
      problems.push(
        `data/criteria/${index}/code "${criterion.code}" is not in the criteria catalogue (GET /emulation-criteria)`,
      );
    }
    if (criteria.has(criterion.code)) {
      problems.push(`data/criteria/${index}/code "${criterion.code}" appears twice`);
    }
    criteria.add(criterion.code);
  }
  const awards = new Set<string>();
  for (const [index, award] of data.awardsOnOffer.entries()) {
    if (!known.awardCodes.has(award)) {
      problems.push(
        `data/awardsOnOffer/${index} "${award}" is not an award of the rule set in force (GET /awards)`,
      );
    }
    if (awards.has(award)) problems.push(`data/awardsOnOffer/${index} "${award}" appears twice`);
    awards.add(award);
  }
  for (const [index, basis] of data.legalBasis.entries()) {
    if (basis.sourceId !== undefined && !known.sourceIds.has(basis.sourceId)) {
      problems.push(
        `data/legalBasis/${index}/sourceId "${basis.sourceId}" is not a source of the rule set in force`,
      );
    }
  }
  return problems;
}

/**
 * Whether a caller sees a movement (GET /movements): the launching unit's scope sees it in every
 * state, drafts included; once launched, everyone holding a grant on a unit of the participating
 * subtree sees it (the cascade). Auditors are readers like the others: one of the whole
 * organisation sees every movement, one of a unit only what that unit would. A movement cancelled
 * as a draft was never launched, so it stays the launching unit's.
 */
export function canSeeMovement(
  grants: readonly ScopedGrant[],
  movement: {
    launchingPath: UnitPath | null;
    participatingPath: UnitPath | null;
    launched: boolean;
  },
  readerRoles: readonly string[],
): boolean {
  const readers = grants.filter((g) => readerRoles.includes(g.role));
  const { launchingPath, participatingPath } = movement;
  if (
    readers.some(
      (g) => g.scope === null || (launchingPath !== null && isWithin(launchingPath, g.scope)),
    )
  ) {
    return true;
  }
  if (!movement.launched || participatingPath === null) return false;
  return grants.some((g) => g.scope !== null && isWithin(g.scope, participatingPath));
}

/** The tags the movement's states carry for its participations and registrations. */
export const MOVEMENT_TAGS = {
  live: 'movement_live',
  registrationOpen: 'registration_open',
  midterm: 'results_midterm',
  final: 'results_final',
} as const;

export type ResultsPhase = 'midterm' | 'final';

export const RESULTS_PHASE_TAG: Record<ResultsPhase, string> = {
  midterm: MOVEMENT_TAGS.midterm,
  final: MOVEMENT_TAGS.final,
};
