import { api, ApiError } from '../../api/client';
import { cachedGet } from '../../api/workflows';
import type { Localized } from '../../i18n/language';
import type { CaseView } from '../../api/cases';

/*
 * What the violation screens read beyond a case: the category catalogue
 * (GET /violation-categories), the discipline part of a rule set (GET /rulesets/:id/versions/:v,
 * rule set v3 and later), the voting bodies' councils (GET /councils) and a violation case's
 * context (workflows/violation.v4.json, src/domain/workflow/violation-steps.ts).
 */

export interface ViolationCategory {
  code: string;
  name: Localized;
  group: 'traffic' | 'other';
  countsAgainstTraffic: boolean;
}

export interface ViolationCategoryList {
  id: string;
  version: number;
  items: ViolationCategory[];
}

export const loadViolationCategories = () =>
  cachedGet<ViolationCategoryList>('/violation-categories');

/** The sources a report may come from (v4 dataSchema `source`). */
export const VIOLATION_SOURCES = [
  'police_notice',
  'inspection',
  'self_report',
  'press',
  'citizen_report',
] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];

export interface Fraction {
  numerator: number;
  denominator: number;
  comparison: 'gt' | 'gte';
}

export interface DisciplineBody {
  code: string;
  name: Localized;
  track: 'party' | 'state' | 'labour';
  format: 'party' | 'state';
  /** The council body whose roster votes for it, where it is collegial. */
  council?: string;
  confirmed?: boolean;
}

export interface Competence {
  subject: string;
  forms: string[];
  body: string;
  vote?: { body: string; base: string; threshold: Fraction; quorum?: Fraction };
  ratification?: { body: string; name: Localized };
}

export interface DisciplineRules {
  forms: { code: string; name: Localized; abolishedFrom?: string }[];
  subjects: { code: string; name: Localized; forms: { form: string }[] }[];
  bodies?: DisciplineBody[];
  competence?: Competence[];
}

export interface DisciplineRuleSet {
  id: string;
  version: number;
  discipline?: DisciplineRules;
}

export type DecisionOutcome = 'discipline' | 'reminder' | 'criticism' | 'no_discipline';
export const DECISION_OUTCOMES: DecisionOutcome[] = [
  'discipline',
  'reminder',
  'criticism',
  'no_discipline',
];
export type AppealOutcome = 'upheld' | 'changed' | 'annulled';
export const APPEAL_OUTCOMES: AppealOutcome[] = ['upheld', 'changed', 'annulled'];

/** One decision of a violation case, as context.decisions keeps it. */
export interface ViolationDecision {
  number: string;
  issuingUnit?: { id: string; code: string; name: string };
  body: string;
  track: 'party' | 'state' | 'labour';
  format: 'party' | 'state';
  ruleSet?: { id: string; version: number };
  subjectType: string;
  outcome: DecisionOutcome;
  form: string | null;
  legalBasis: string[];
  date: string;
  signer: string;
  vote?: {
    meetingDate?: string;
    present?: string[];
    inFavour?: number;
    against?: number;
    abstain?: number;
    members?: number;
    base?: number;
    needed?: number;
  };
  ratification?: { number: string; date: string; by: string };
  announcedOn?: string;
  lapsesOn?: string | null;
  status: 'in_force' | 'upheld' | 'changed' | 'annulled';
  appeal?: {
    filedOn: string;
    grounds: string;
    decision?: {
      number: string;
      date: string;
      signer: string;
      body: string;
      outcome: AppealOutcome;
      reason: string;
      previous?: { form: string | null; lapsesOn?: string | null };
    };
  };
}

export interface Explanation {
  requestedOn: string | null;
  dueOn: string | null;
  status: 'requested' | 'given' | 'not_given';
  text?: string;
  givenOn?: string | null;
  recordedBy?: 'subject' | 'secretariat';
  recordedOn?: string | null;
}

export function decisionsOf(caseView: CaseView): ViolationDecision[] {
  const decisions = caseView.context.decisions;
  return Array.isArray(decisions) ? (decisions as ViolationDecision[]) : [];
}

export function explanationOf(caseView: CaseView): Explanation | undefined {
  const explanation = caseView.context.explanation;
  return typeof explanation === 'object' && explanation !== null
    ? (explanation as Explanation)
    : undefined;
}

/** A violation case of a version with the v4 steps (decisions, evidence, explanation). */
export const isDisciplineCase = (caseView: CaseView) =>
  caseView.type === 'violation' && caseView.workflow.version >= 4;

/** The roster a body's vote on a case is counted against (GET /cases/{id}/voting-roster). */
export interface VotingRoster {
  on: string;
  council: { id: string; name: string; unitId: string; unitName: string; body: string };
  members: { personId: string; fullName: string; role: string; votes: boolean }[];
}

/** The same roster the server checks the DECIDE vote against; null when no such body exists. */
export const loadVotingRoster = async (
  caseId: string,
  body: string,
  on: string,
): Promise<VotingRoster | null> => {
  try {
    return await api.get<VotingRoster>(`/cases/${caseId}/voting-roster`, { body, on });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};
