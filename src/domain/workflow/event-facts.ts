import type { EligibilityResult } from '../rules/eligibility-types';

/**
 * Facts a workflow event may declare (`events.X.facts` in a workflow file). The application
 * establishes them (reads the registry, evaluates the rule set, allocates a number…) and hands them
 * to the machine with the event; the audit record keeps them, so replaying the chain runs the guards
 * on exactly what they saw, and an auditor sees why a guard let the event through.
 */
export const EVENT_FACT_NAMES = [
  'today',
  'eligibility',
  'publicNotice',
  'decisionNumber',
  'document',
  'disciplineForms',
] as const;

export type EventFactName = (typeof EVENT_FACT_NAMES)[number];

export function isEventFactName(value: unknown): value is EventFactName {
  return typeof value === 'string' && (EVENT_FACT_NAMES as readonly string[]).includes(value);
}

/** When the public notice of a nomination runs, from the rule set and the working-day calendar. */
export interface PublicNoticeFact {
  required: boolean;
  /** The award's notice period in working days (null when no notice is required). */
  workingDays: number | null;
  /** First and last day of the notice (both inclusive), when required. */
  opensOn: string | null;
  closesOn: string | null;
}

/** A decision number allocated in sequence for the issuing unit and year. */
export interface DecisionNumberFact {
  number: string;
  sequence: number;
  year: number;
  issuingUnit: { id: string; code: string; name: string };
}

/** A dossier document the application has stored: only its description and hash enter the chain. */
export interface DocumentFact {
  id: string;
  code: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
}

/** The discipline forms the rule set in force knows, by subject type (party_member → forms). */
export type DisciplineFormsFact = Record<string, string[]>;

/** The facts as the guards read them; each is present only if the event declared it. */
export interface KnownEventFacts {
  today?: string;
  eligibility?: EligibilityResult;
  publicNotice?: PublicNoticeFact;
  decisionNumber?: DecisionNumberFact;
  document?: DocumentFact;
  disciplineForms?: DisciplineFormsFact;
}
