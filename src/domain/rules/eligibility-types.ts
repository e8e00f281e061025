import { DomainError } from '../errors';
import type { Localized } from '../localized';
import type { AuthorityChainLink } from './granting-authority';
import type { GrantorLevel, SourceRef } from './rule-set';

/** A calendar date in Vietnam, written YYYY-MM-DD. */
export type IsoDate = string;

/** Who is nominated, for what, by whom: what the nomination itself says. */
export interface EligibilityRequest {
  awardCode: string;
  /** The year whose achievements are evaluated (the title's year). */
  evaluationYear: number;
  /**
   * When the achievement happened, inside the evaluation year (both days inclusive). Where the
   * rule set says so (`discipline.barScope`), a discipline bar blocks only a period it overlaps.
   */
  achievementPeriod?: { from: IsoDate; to: IsoDate };
  nomineeKind: 'person' | 'unit';
  nominatorPersonId: string;
  /** Required when `nomineeKind` is 'person'. */
  nomineePersonId?: string;
  /**
   * The unit that proposes the nomination. `level` is the grantor level its head signs at, when the
   * organisation chart knows it; `kind` is informative (the rule set has no table of unit kinds).
   */
  nominatingUnit: { id?: string; kind: string; level?: GrantorLevel };
  /**
   * The units from the nominee's own unit (a collective: its unit) up to the root, nearest first,
   * with the authorities each acts as (see granting-authority.ts). Present: the grantor line says
   * who grants the award, or that the nominating unit may not propose it; absent (the registry
   * records no authority yet): a person judges it.
   */
  authorityChain?: AuthorityChainLink[];
  /** Codes (rule set `documents`) of the dossier documents provided. */
  documents: string[];
  /** The day of the evaluation: the domain reads no clock. */
  asOf: IsoDate;
  /** The nomination's own case, left out of `facts.otherNominations` if the loader included it. */
  caseId?: string;
  /**
   * What the nomination rewards, for "one achievement, one award" on commendation forms: its type
   * of commendation (rule set `commendationTypes`; absent: regular) and the movement it comes from.
   */
  achievement?: Achievement;
}

/** What an award rewards, as far as telling one achievement from another goes. */
export interface Achievement {
  commendationType?: string;
  movementId?: string;
}

/** An award the nominee (or a member) holds: from a decided case, or imported history. */
export interface HeldAward {
  awardCode: string;
  year: number;
  /** A revoked award (Law Art 93) counts for nothing. */
  status: 'granted' | 'revoked';
  source: 'case' | 'import';
  reference?: string;
  /** The nomination case that granted it (source `case`): the same grant as that nomination. */
  caseId?: string;
  /**
   * The type of commendation it was (rule set `commendationTypes`, nomination v7 on). A type that
   * does not count toward chains leaves its year out of them; absent (earlier cases, imported
   * history): it counts.
   */
  commendationType?: string;
}

/** A discipline decision about the nominee (or a member). */
export interface DisciplineFact {
  /** A `discipline.subjects[].code` of the rule set: party_member, civil_servant… */
  subjectType: string;
  /** A `discipline.forms[].code`: khien_trach, canh_cao… */
  form: string;
  decidedOn: IsoDate;
  announcedOn?: IsoDate;
  /**
   * The recorded end of the period when a decision set it (lifted early, extended); otherwise the
   * end is computed from the rule set's bar period.
   */
  endsOn?: IsoDate;
  reference?: string;
}

/** Something still being handled about the nominee that puts commendation on hold. */
export interface PendingMatter {
  kind: 'violation_case' | 'investigation' | 'complaint';
  openedOn: IsoDate;
  reference: string;
}

export interface TrafficViolation {
  /** The day the authorities confirmed the violation. */
  confirmedOn: IsoDate;
  reference?: string;
}

/**
 * Another nomination of the same nominee. `rejected` and `withdrawn` are accepted so that the
 * loader may pass every nomination it finds, but they do not count against "one achievement, one
 * award": only `open` (not yet decided) and `granted` do.
 */
export interface OtherNomination {
  awardCode: string;
  year: number;
  state: 'open' | 'granted' | 'rejected' | 'withdrawn';
  caseId: string;
  /** As for a held award: a type that does not count toward chains is no pending chain year. */
  commendationType?: string;
  /** The movement it comes from (nomination v7 on). */
  movementId?: string;
}

export interface TaskRatingFact {
  year: number;
  /** A `ratings[].code` of the rule set. */
  rating: string;
}

export interface AchievementFact {
  kind: 'initiative' | 'science_work' | 'combat_ingenuity';
  /** The year it was recognised. */
  year: number;
  /** How far its effect was recognised; grassroots < ministry_province < national. */
  impact?: 'grassroots' | 'ministry_province' | 'national';
  reference?: string;
}

/** A member of a nominated collective. */
export interface MemberFacts {
  personId: string;
  /** How reasons name the member (e.g. "Nguyễn Văn An (P-12)"); the id when absent. */
  label?: string;
  awardsHeld: HeldAward[];
  disciplines: DisciplineFact[];
  /** The member's rating for the evaluation year, if rated. */
  taskRating?: string;
}

/**
 * What the application layer loads from the database. Lists are the nominee's own (the unit's for a
 * collective). An optional field left undefined means "not loaded": the checks that need it answer
 * needs_review rather than guess; an empty list means "there are none".
 */
export interface EligibilityFacts {
  awardsHeld: HeldAward[];
  disciplines: DisciplineFact[];
  /** Unresolved matters only: the loader drops the resolved ones. */
  pendingMatters: PendingMatter[];
  trafficViolations: TrafficViolation[];
  otherNominations: OtherNomination[];
  taskRatings?: TaskRatingFact[];
  achievements?: AchievementFact[];
  /** First day of service in the unit (for `min_service_months`). */
  serviceStartedOn?: IsoDate;
  /** The day the nominee joined the Party (for `party_membership_years`), from the registry. */
  partyJoinedOn?: IsoDate;
  /** Collectives only. */
  members?: MemberFacts[];
}

export type LineOutcome = 'pass' | 'fail' | 'needs_review' | 'on_hold';
export type EligibilityOutcome = 'eligible' | 'ineligible' | 'on_hold' | 'needs_review';

export interface EligibilityLine {
  /** Stable code of the rule: `discipline.in_force`, `prerequisite.rating.hoan_thanh_tot`… */
  rule: string;
  outcome: LineOutcome;
  reason: Localized;
  /** Where the rule set takes the rule from; empty when the rule set carries no entry for it. */
  source: SourceRef[];
  details?: Record<string, unknown>;
}

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  lines: EligibilityLine[];
  ruleSet: { id: string; version: number; hash: string };
}

export class UnknownAwardError extends DomainError {
  readonly code = 'ELIGIBILITY.UNKNOWN_AWARD';
  readonly kind = 'unprocessable';

  get localized(): Localized {
    return {
      vi: `Bộ quy tắc không có hình thức khen thưởng này: ${this.message}`,
      en: this.message,
    };
  }
}

export class InvalidEligibilityRequestError extends DomainError {
  readonly code = 'ELIGIBILITY.INVALID_REQUEST';
  readonly kind = 'invalid';

  get localized(): Localized {
    return { vi: `Yêu cầu xét điều kiện không hợp lệ: ${this.message}`, en: this.message };
  }
}
