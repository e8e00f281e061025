import type { Localized } from '../localized';

/**
 * The on-disk format of `data/rulesets/<id>.v<version>.json` (schema: rule-set.schema.json, guide:
 * data/rulesets/README.md). The law changed in 2023 and 2025 and many values are set per ministry or
 * province, so every threshold, count, bar and grantor is data here, each with its source and a
 * `confirmed` flag: false marks a configurable default that the sources did not settle.
 */
export interface RuleSet {
  $schema?: string;
  id: string;
  version: number;
  /** First day (YYYY-MM-DD) the rule set governs; the newest one in force on a date wins. */
  validFrom: string;
  title: Localized;
  description?: Localized;
  sources: LegalSource[];
  authorities: Authority[];
  ratings: Rating[];
  documents: DossierDocument[];
  /**
   * Rule set v4 on: the types of commendation a nomination may name (Law 06/2022 Art 8). Absent:
   * nominations name none and every award counts toward chains.
   */
  commendationTypes?: CommendationType[];
  awards: Award[];
  discipline: DisciplineRules;
  complianceCriteria: ComplianceCriterion[];
  /** How the Emulation-Commendation Council meets and votes; sessions need a rule set with it. */
  council?: CouncilRules;
  /** How legal dates entered after the fact are limited (absent: no limit beyond "not future"). */
  legalDates?: LegalDateRules;
  /**
   * Rule set v5 on: how long a step may take (handling times, answer windows), by code; workflow
   * timers name them (`"due": { "timeLimit": "<code>" }`) instead of writing the number.
   */
  timeLimits?: TimeLimit[];
}

/** A period counted from the day a case entered a state: working days, calendar days or months. */
export interface TimeLimit extends Sourced {
  code: string;
  name: Localized;
  kind: 'working_days' | 'days' | 'months';
  value: number;
}

/**
 * How far back an official may date a decision, an announcement or a notice when recording it
 * after the fact (signed on paper first). Each organisation sets its own; none is in the law.
 */
export interface LegalDateRules extends Sourced {
  maxDaysBack: number;
}

export type SubjectKind = 'individual' | 'collective';
/** State levels, then the Party's (rule set v5 on): grassroots, the level directly above, province. */
export type GrantorLevel =
  | 'state'
  | 'government'
  | 'ministry_province'
  | 'grassroots'
  | 'party_grassroots'
  | 'party_superior'
  | 'party_provincial';
export type Comparison = 'gte' | 'gt';
/** What a failed check does to a nomination: refuse it, or flag it for a person to decide. */
export type Outcome = 'block' | 'needs_review';

export interface LegalSource {
  id: string;
  /** The official designation, e.g. "Luật Thi đua, khen thưởng số 06/2022/QH15". */
  citation: string;
  title: Localized;
  issued?: string;
  inForce?: string;
  status: 'in_force' | 'superseded' | 'historical' | 'unverified';
  /** Numbers in the research source list (shared/design/domain.md, "Sources"). */
  refs?: number[];
  note?: Localized;
}

export interface SourceRef {
  /** The id of an entry in `sources`. */
  text: string;
  /** Article, clause or point: "Art 22", "Art 73(1)(b)". */
  provision?: string;
  refs?: number[];
}

/** Where a value comes from and whether the source settles it; an unconfirmed value has a note. */
export interface Sourced {
  source: SourceRef[];
  confirmed: boolean;
  note?: Localized;
}

export interface Authority extends Sourced {
  code: string;
  name: Localized;
  level: GrantorLevel;
  /**
   * Rule set v5 on. The documents it issues: Party ("ĐẢNG CỘNG SẢN VIỆT NAM", `n-QĐ/…`, HD 36-HD/VPTW)
   * or State (the national heading, `n/QĐ-…`). Absent: state.
   */
  format?: 'party' | 'state';
  /**
   * Rule set v5 on. A collective body (a Party committee, its standing committee, a cell) decides
   * together and its documents are signed "T/M" on its behalf; a head decides alone and signs in
   * person (a deputy "KT.", an acting head "Q."). Absent: head.
   */
  signing?: 'collective' | 'head';
}

/**
 * A type of commendation (loại hình khen thưởng, Law 06/2022 Art 8): regular, thematic, campaign…
 * Decree 98/2023 and 152/2025 Art 4: thematic, campaign and irregular results cannot ground a higher
 * merit award, so an award of such a type is skipped by the consecutive-year chains.
 */
export interface CommendationType extends Sourced {
  code: string;
  name: Localized;
  countsTowardChains: boolean;
}

/** A level of the annual task rating; a higher rank is better. */
export interface Rating extends Sourced {
  code: string;
  name: Localized;
  rank: number;
}

export interface DossierDocument extends Sourced {
  code: string;
  name: Localized;
}

export interface Award extends Sourced {
  code: string;
  name: Localized;
  alsoCalled?: Localized[];
  kind: 'title' | 'form';
  subjects: SubjectKind[];
  grantor: Grantor;
  /** Judged by people; the machine only lists them. */
  criteria: Criterion[];
  /** Checkable requirements that hold on every route. */
  prerequisites: Prerequisite[];
  /** Alternatives: at least one must be met, on top of the prerequisites. */
  routes?: Route[];
  /** Collectives only: conditions on the members. */
  memberConditions?: MemberCondition[];
  quota?: Quota;
  dossier: Dossier;
  publicNotice: PublicNotice;
  councilVote: CouncilVote;
  cashReward?: CashReward;
}

export interface Grantor extends Sourced {
  level: GrantorLevel;
  authorities: string[];
}

export interface Criterion extends Sourced {
  code: string;
  text: Localized;
}

export interface Route extends Sourced {
  code: string;
  name: Localized;
  /** Only for these subjects (default: all of the award's). */
  subjects?: SubjectKind[];
  prerequisites: Prerequisite[];
  criteria?: Criterion[];
}

export type Prerequisite = Sourced &
  (
    | { type: 'award_in_consecutive_years'; award: string; consecutiveYears: number }
    | { type: 'award_consecutive_times'; award: string; consecutiveTimes: number }
    | { type: 'award_held'; award: string }
    | { type: 'award_count'; award: string; count: number; withinYears: number }
    | { type: 'meets_standard'; award: string }
    | { type: 'rating'; atLeast: string; consecutiveYears: number }
    | {
        type: 'achievement';
        of: ('initiative' | 'science_work' | 'combat_ingenuity')[];
        impact?: 'grassroots' | 'ministry_province' | 'national';
      }
    | { type: 'min_service_months'; months: number }
    /**
     * Rule set v5 on: Party membership reaches one of these numbers of years within the evaluation
     * year (the Party badge: 30, 40, 45, 50 … years), counted from the day of joining.
     */
    | { type: 'party_membership_years'; milestones: number[] }
  );

export type MemberCondition = Sourced &
  (
    | { type: 'share_holding'; award: string; comparison: Comparison; ratio: number }
    | { type: 'share_rated'; atLeast: string; comparison: Comparison; ratio: number }
    | { type: 'count_holding'; award: string; minimum: number }
    | { type: 'no_discipline'; atOrAbove: string }
  );

/** At most `maxShare` of the holders of `ofAward` in the same unit and year. */
export interface Quota extends Sourced {
  maxShare: number;
  ofAward: string;
  onExceed: Outcome;
}

export interface Dossier extends Sourced {
  documents: string[];
  conditional?: { document: string; when: Localized }[];
}

export interface PublicNotice extends Sourced {
  required: boolean;
  /** Present exactly when `required`. */
  workingDays?: number;
}

export interface CouncilVote extends Sourced {
  ratio: number;
  comparison: Comparison;
  base: 'all_members' | 'present_members';
  ballot: 'secret' | 'open';
}

/**
 * How the council meets (Decree 98/2023 Art 47 for the central council; lower councils are set per
 * ministry or province): the per-award thresholds are each award's `councilVote`.
 */
export interface CouncilRules {
  /** Voting members present, as a share of all voting members on the roster, to open and to close. */
  quorum: Sourced & { numerator: number; denominator: number; comparison: Comparison };
  /** Whether an absent voting member may vote in writing (they do not count towards the quorum). */
  writtenVotes: Sourced & { allowed: boolean };
  /** Whether a recused member is left out of the base the threshold is a share of. */
  recusal: Sourced & { excludedFromBase: boolean };
}

export interface CashReward extends Sourced {
  baseSalaryMultiple: number;
  alsoAwarded?: Localized[];
}

export interface DisciplineRules {
  forms: DisciplineForm[];
  onHold: Sourced & { reasons: { code: string; text: Localized }[] };
  afterDiscipline: Sourced & { achievementsCountFrom: 'period_end' };
  /**
   * Which awards a discipline bar blocks: those of an evaluation year it touches (absent: this), or
   * only those whose achievement period it overlaps.
   */
  barScope?: Sourced & { value: 'evaluation_year' | 'achievement_period' };
  subjects: DisciplineSubject[];
  /** How long a new Party member is probationary (rule set v3 and later). */
  partyProbation?: Sourced & { months: number };
  /** The subject's window to explain once asked (v3 and later). */
  explanation?: Sourced & { window: TimeWindow };
  /** How long after a decision an appeal may be filed, per track (v3 and later). */
  appeal?: { windows: AppealWindow[] };
  /** The bodies that decide discipline (v3 and later). */
  bodies?: DisciplineBody[];
  /** Who decides which form for which subject type (v3 and later). */
  competence?: Competence[];
}

export interface TimeWindow {
  kind: 'working_days' | 'days';
  days: number;
}

/** party: Party discipline; state: cadres, civil servants, public employees; labour: enterprises. */
export type DisciplineTrack = 'party' | 'state' | 'labour';

export interface AppealWindow extends Sourced {
  track: DisciplineTrack;
  kind: 'days' | 'working_days' | 'months';
  value: number;
  from: 'decision' | 'announcement';
}

export interface DisciplineBody extends Sourced {
  code: string;
  name: Localized;
  track: DisciplineTrack;
  /** Party style numbers and headers (n-QĐ/…) or State style (n/QĐ-…). */
  format: 'party' | 'state';
  /** The council body whose roster is this body's membership, for a collegial body. */
  council?: string;
}

/** An exact share: numerator/denominator, reached at (gte) or only above (gt). */
export interface ShareRule {
  numerator: number;
  denominator: number;
  comparison: Comparison;
}

export interface CompetenceVote extends Sourced {
  body: string;
  base: 'all_members' | 'present_members';
  threshold: ShareRule;
  quorum: ShareRule;
}

export interface Competence extends Sourced {
  subject: string;
  forms: string[];
  body: string;
  vote?: CompetenceVote;
  ratification?: { body: string; name: Localized };
}

/** A higher severity is heavier: "warning or above" compares severities. */
export interface DisciplineForm extends Sourced {
  code: string;
  name: Localized;
  severity: number;
  abolishedFrom?: string;
}

export interface DisciplineSubject {
  code: string;
  name: Localized;
  kind: SubjectKind;
  forms: DisciplineRule[];
  /** How the registry identifies the subject type (v3 and later); every condition must hold. */
  registry?: {
    partyMembership?: 'full' | 'probationary';
    employmentTypes?: string[];
    unitKinds?: string[];
  };
}

export interface DisciplineRule extends Sourced {
  form: string;
  barsCommendation: boolean;
  /** Present exactly when `barsCommendation`. */
  period?: BarPeriod;
}

export type BarPeriod = Sourced &
  ({ kind: 'months'; months: number; from: 'decision' | 'announcement' } | { kind: 'indefinite' });

export interface ComplianceCriterion extends Sourced {
  code: string;
  name: Localized;
  appliesTo: SubjectKind[];
  /** The recorded fact that counts as a breach. */
  fact: string;
  period: 'evaluation_year';
  outcome: Sourced & { value: Outcome };
}

/** The award codes a prerequisite points at (none for ratings, achievements, service). */
export function prerequisiteAward(prerequisite: Prerequisite): string | undefined {
  return 'award' in prerequisite ? prerequisite.award : undefined;
}

/** Every prerequisite of an award: its own, then each route's. */
export function allPrerequisites(award: Award): Prerequisite[] {
  return [...award.prerequisites, ...(award.routes ?? []).flatMap((route) => route.prerequisites)];
}
