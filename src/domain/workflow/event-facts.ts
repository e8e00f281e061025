import type { AutomaticRecusal } from '../council/collegial-vote';
import type { CouncilRole } from '../council/council-roster';
import type { Localized } from '../localized';
import type { EligibilityResult } from '../rules/eligibility-types';
import type { Comparison } from '../rules/rule-set';

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
  /**
   * Award decisions (issue 17): the authority the issuing unit granted as, its document format and
   * number series; absent when the unit records no authority (State format, the unit's code).
   */
  authority?: DecisionAuthorityFact;
  /** Award decisions: the registered signer named in the payload (decision.signerId). */
  signedBy?: DecisionSignerFact;
}

export interface DecisionAuthorityFact {
  code: string;
  format: 'party' | 'state';
  series: string;
}

export interface DecisionSignerFact {
  id: string;
  fullName: string;
  position: Localized;
  capacity: 'T/M' | 'KT.' | 'TL.' | 'Q.' | null;
  /** The printed title block above the signature ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"). */
  titleLines: string[];
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

/** A rule set as a record names it. */
export interface RuleSetPin {
  id: string;
  version: number;
}

/** A council's roster on a session's date, and the rule set's council rules in force that day. */
export interface CouncilRosterFact {
  councilId: string;
  /** The session's meeting date: the roster and the rules are those of that day. */
  on: string;
  members: {
    personId: string;
    name: string;
    role: CouncilRole;
    votes: boolean;
  }[];
  /** Null when the rule set in force that day has no council rules (no session can open). */
  rules: {
    quorum: { numerator: number; denominator: number; comparison: Comparison };
    writtenVotes: boolean;
    recusedLeaveBase: boolean;
    ruleSet: RuleSetPin;
  } | null;
}

/** One nomination on a session's agenda. */
export interface AgendaItemFact {
  caseId: string;
  nominee: { kind: 'person' | 'unit'; name: string };
  award: { code: string; name: Localized };
  /** Deferred: a pending matter about the nominee holds it; it is not voted. */
  status: 'to_vote' | 'deferred';
  deferredBecause: Localized | null;
  /** Members party to the item (the nominee, the nominator, a member of the collective). */
  recusals: { personId: string; reason: AutomaticRecusal }[];
  /** From the award in the nomination's own rule set. */
  vote: {
    ratio: number;
    comparison: Comparison;
    base: 'all_members' | 'present_members';
    ballot: 'secret' | 'open';
    ruleSet: RuleSetPin;
  };
}

/** The nominations awaiting the council in its unit's subtree, when the agenda was drawn. */
export interface CouncilAgendaFact {
  items: AgendaItemFact[];
}

/** Who has cast a ballot on which item (never how). */
export interface CouncilParticipationFact {
  ballots: { itemCaseId: string; personId: string }[];
}

/** The count of one item when the voting closed. */
export interface ItemTallyFact {
  caseId: string;
  approve: number;
  reject: number;
  abstain: number;
  base: number;
  baseKind: 'all_members' | 'present_members';
  needed: number;
  ratio: number;
  comparison: Comparison;
  recommended: boolean;
  ballot: 'secret' | 'open';
  /** Open ballots only: who voted how. */
  openVotes: { personId: string; choice: 'approve' | 'reject' | 'abstain' }[] | null;
  ruleSets: { award: RuleSetPin; council: RuleSetPin };
}

/** The counts of every voted item, written when the voting closed. */
export interface CouncilTallyFact {
  items: ItemTallyFact[];
}

/** The minutes the close rendered from the counted session, stored with every voted dossier. */
export interface MinutesFact {
  sha256: string;
  size: number;
  fileName: string;
  /** The session's own copy, and each voted nomination's (the same file in each dossier). */
  sessionDocumentId: string;
  documentIds: Record<string, string>;
}

/** The facts as the guards read them; each is present only if the event declared it. */
/** A discipline decision's rule-set reading: who may decide it, the vote, the number, the lapse. */
export interface DisciplineDecisionFact {
  /** The rule set in force on the decision's date. */
  ruleSet: RuleSetPin;
  /** The subject types the registry gives the subject on the decision's date. */
  subjectTypes: string[];
  /** The payload's body as the rule set describes it; null when it has no such body. */
  body: {
    code: string;
    name: Localized;
    track: 'party' | 'state' | 'labour';
    format: 'party' | 'state';
  } | null;
  /** Whether that body may reach the payload's outcome for the payload's subject type. */
  competent: boolean;
  /** The form no longer exists on the decision's date. */
  formAbolished: boolean;
  /** The vote the rule set requires, counted against the body's roster; null when none is. */
  vote: {
    body: string;
    base: 'all_members' | 'present_members';
    threshold: { numerator: number; denominator: number; comparison: 'gte' | 'gt' };
    quorum: { numerator: number; denominator: number; comparison: 'gte' | 'gt' };
    /** The council whose roster voted (the nearest in the subject's unit chain); null: none. */
    council: { id: string; unitId: string; unitName: string; members: number } | null;
    count: {
      members: number;
      present: number;
      quorumRequired: number;
      quorumMet: boolean;
      base: number;
      needed: number;
      ballotsExceedPresent: boolean;
      carried: boolean;
    } | null;
  } | null;
  /** The ratification the rule set requires (expulsion); null when none. */
  ratification: { body: string; name: Localized } | null;
  /** Allocated in the decision's transaction, in the body's format. */
  number?: DecisionNumberFact & { format: 'party' | 'state' };
  /** When the bar runs from the decision itself: the first day free (null: never). */
  lapsesOn?: string | null;
}

/** The lapse of the decision being announced, when its bar runs from the announcement. */
export interface DisciplineLapseFact {
  lapsesOn?: string | null;
}

/** The last day an appeal against the decision named in the payload may be filed. */
export interface AppealWindowFact {
  lastDay?: string;
}

/** The appeal body's reading of its decision: its number and, when the form changes, the lapse. */
export interface AppealDecisionFact {
  ruleSet: RuleSetPin;
  body: DisciplineDecisionFact['body'];
  /** The body decides on the appealed decision's track. */
  sameTrack: boolean;
  /** The body is not the one whose decision is appealed: an appeal goes above it. */
  aboveTheDecider: boolean;
  /** For a changed form: the subject type has it and it is not abolished. */
  formKnown: boolean;
  number?: DecisionNumberFact & { format: 'party' | 'state' };
  lapsesOn?: string | null;
}

/** The last day the subject may explain, counted from the request. */
export interface ExplanationWindowFact {
  dueOn?: string;
}

export interface KnownEventFacts {
  today?: string;
  eligibility?: EligibilityResult;
  publicNotice?: PublicNoticeFact;
  decisionNumber?: DecisionNumberFact;
  document?: DocumentFact;
  disciplineForms?: DisciplineFormsFact;
  councilRoster?: CouncilRosterFact;
  councilAgenda?: CouncilAgendaFact;
  councilParticipation?: CouncilParticipationFact;
  councilTally?: CouncilTallyFact;
  minutes?: MinutesFact;
  disciplineDecision?: DisciplineDecisionFact;
  disciplineLapse?: DisciplineLapseFact;
  appealWindow?: AppealWindowFact;
  appealDecision?: AppealDecisionFact;
  explanationWindow?: ExplanationWindowFact;
}
