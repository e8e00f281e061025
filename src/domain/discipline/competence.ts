import { addMonths } from '../rules/eligibility-text';
import { checkQuorum, fewestReaching, reaches, type QuorumCheck } from '../council/collegial-vote';
import type {
  Competence,
  CompetenceVote,
  DisciplineBody,
  DisciplineSubject,
  RuleSet,
} from '../rules/rule-set';

/**
 * Who decides a discipline, as rule-set data (discipline.bodies, discipline.competence, v3 and
 * later): which subject types the registry gives a person or an organisation, which body is
 * competent for a form, how that body's vote is counted against its roster, and how its decisions
 * are numbered. Pure: the caller passes the registry facts, the roster and today.
 */

/** What the registry says about a case's subject, as far as discipline is concerned. */
export type RegistrySubject =
  | {
      kind: 'person';
      partyMember: boolean;
      partyJoinedOn: string | null;
      employmentType: string;
    }
  | { kind: 'unit'; unitKind: string };

/**
 * The rule set's subject types that fit the subject on `on`: a Party member who is also a civil
 * servant is both (a Party decision and a State one may each be taken). A member admitted less
 * than the rule set's probation ago is probationary.
 */
export function subjectTypesOf(ruleSet: RuleSet, subject: RegistrySubject, on: string): string[] {
  return ruleSet.discipline.subjects
    .filter((candidate) => fits(ruleSet, candidate, subject, on))
    .map((candidate) => candidate.code);
}

function fits(
  ruleSet: RuleSet,
  candidate: DisciplineSubject,
  subject: RegistrySubject,
  on: string,
): boolean {
  const registry = candidate.registry;
  if (registry === undefined) return false;
  if (subject.kind === 'unit') {
    return (
      registry.unitKinds?.includes(subject.unitKind) === true &&
      registry.partyMembership === undefined &&
      registry.employmentTypes === undefined
    );
  }
  if (registry.unitKinds !== undefined) return false;
  if (registry.partyMembership !== undefined) {
    if (!subject.partyMember) return false;
    const probationary = isProbationary(ruleSet, subject.partyJoinedOn, on);
    if ((registry.partyMembership === 'probationary') !== probationary) return false;
  }
  if (
    registry.employmentTypes !== undefined &&
    !registry.employmentTypes.includes(subject.employmentType)
  ) {
    return false;
  }
  return true;
}

/** Without an admission date a member is taken to be a full member (the older registry rows). */
function isProbationary(ruleSet: RuleSet, joinedOn: string | null, on: string): boolean {
  const months = ruleSet.discipline.partyProbation?.months;
  if (joinedOn === null || months === undefined) return false;
  return addMonths(joinedOn, months) > on;
}

export interface CompetentBody {
  competence: Competence;
  body: DisciplineBody;
}

/** The body the rule set makes competent for this form of this subject type, if any. */
export function competenceFor(
  ruleSet: RuleSet,
  subjectType: string,
  form: string,
  bodyCode: string,
): CompetentBody | undefined {
  const competence = (ruleSet.discipline.competence ?? []).find(
    (c) => c.subject === subjectType && c.forms.includes(form) && c.body === bodyCode,
  );
  const body = bodyOf(ruleSet, bodyCode);
  return competence === undefined || body === undefined ? undefined : { competence, body };
}

/**
 * The bodies that may conclude a case of this subject type without a discipline (a reminder,
 * a criticism, or no discipline): any body competent for some form of it.
 */
export function bodiesFor(ruleSet: RuleSet, subjectType: string): DisciplineBody[] {
  const codes = new Set(
    (ruleSet.discipline.competence ?? [])
      .filter((c) => c.subject === subjectType)
      .map((c) => c.body),
  );
  return (ruleSet.discipline.bodies ?? []).filter((b) => codes.has(b.code));
}

export function bodyOf(ruleSet: RuleSet, code: string): DisciplineBody | undefined {
  return (ruleSet.discipline.bodies ?? []).find((b) => b.code === code);
}

/** Whether the form no longer exists on that day (salary-step reduction, demotion after 2025-07-01). */
export function formAbolishedOn(ruleSet: RuleSet, form: string, on: string): boolean {
  const abolishedFrom = ruleSet.discipline.forms.find((f) => f.code === form)?.abolishedFrom;
  return abolishedFrom !== undefined && abolishedFrom <= on;
}

/**
 * A decision number in the issuing body's format: Party documents "12-QĐ/DUK" (HD 36-HD/VPTW),
 * State documents "12/QĐ-DUK". One body, one format.
 */
export function formatDecisionNumber(
  format: DisciplineBody['format'],
  sequence: number,
  unitCode: string,
): string {
  return format === 'party' ? `${sequence}-QĐ/${unitCode}` : `${sequence}/QĐ-${unitCode}`;
}

/** A body's vote as its minutes record it: who was present and how the ballots went. */
export interface BodyVote {
  meetingDate: string;
  present: string[];
  inFavour: number;
  against: number;
  abstain: number;
}

export interface BodyVoteCount {
  quorum: QuorumCheck;
  /** The number the threshold is a share of (all voting members, or those present). */
  base: number;
  /** The fewest votes in favour that carry the decision on this base. */
  needed: number;
  /** More ballots than voting members present: the record cannot be right. */
  ballotsExceedPresent: boolean;
  carried: boolean;
}

/**
 * Counts a body's vote against its roster on the meeting day and the rule's quorum and threshold
 * (a Party cell: more than half of its full members; expulsion: two thirds).
 */
export function countBodyVote(
  rule: CompetenceVote,
  voters: readonly string[],
  vote: BodyVote,
): BodyVoteCount {
  const quorum = checkQuorum(voters, vote.present, rule.quorum);
  const base = rule.base === 'all_members' ? quorum.members : quorum.present;
  const ballotsExceedPresent = vote.inFavour + vote.against + vote.abstain > quorum.present;
  return {
    quorum,
    base,
    needed: fewestReaching(base, rule.threshold),
    ballotsExceedPresent,
    carried: quorum.met && !ballotsExceedPresent && reaches(vote.inFavour, base, rule.threshold),
  };
}
