import type { EligibilityResult } from '../rules/eligibility-types';

/*
 * The facts the commendation and violation guards read. Which facts exist is not a closed list:
 * any name a plug-in registers a provider for may be declared by a workflow event (start-up checks
 * that every declared one is served). The application establishes them and hands them to the
 * machine with the event; the audit record keeps them, so replaying the chain runs the guards on
 * exactly what they saw, and an auditor sees why a guard let the event through.
 */

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
