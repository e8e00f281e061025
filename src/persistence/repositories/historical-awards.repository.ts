import type { AdminChange } from '../../domain/org/change-log';
import type { HeldAward } from '../../domain/rules/eligibility-types';

export const HISTORICAL_AWARDS_REPOSITORY = Symbol('HistoricalAwardsRepository');

export const AWARD_SUBJECT_KINDS = ['person', 'unit'] as const;
export type AwardSubjectKind = (typeof AWARD_SUBJECT_KINDS)[number];

export const HISTORICAL_AWARD_STATUSES = [
  'granted',
  'revoked',
] as const satisfies readonly HeldAward['status'][];
export type HistoricalAwardStatus = (typeof HISTORICAL_AWARD_STATUSES)[number];

/** An imported past award; `subjectKind` says which of `personId` and `unitId` is set. */
export interface StoredHistoricalAward {
  id: string;
  subjectKind: AwardSubjectKind;
  personId: string | null;
  unitId: string | null;
  /** An `awards[].code` of the rule set in force when it was imported. */
  awardCode: string;
  year: number;
  status: HistoricalAwardStatus;
  decisionNumber: string | null;
  /** YYYY-MM-DD. */
  decidedOn: string | null;
  /** YYYY-MM-DD; only on a revoked award. */
  revokedOn: string | null;
  note: string | null;
  /** When, and by whose username, the row was last created or changed by an import. */
  importedAt: string;
  importedBy: string;
  demo: boolean;
}

/** Whose awards to read: people and units by id. */
export interface AwardSubjects {
  personIds: readonly string[];
  unitIds: readonly string[];
}

/** A registry entry as an award file names it. */
export interface CodedSubject {
  id: string;
  code: string;
}

export interface HistoricalAwardsTransaction {
  findPeopleByCodes(codes: readonly string[]): Promise<CodedSubject[]>;
  findUnitsByCodes(codes: readonly string[]): Promise<CodedSubject[]>;
  findBySubjects(subjects: AwardSubjects): Promise<StoredHistoricalAward[]>;
  insert(award: StoredHistoricalAward): Promise<void>;
  /**
   * Rewrites everything but the identity (subject, award, year) of the row with this id, only
   * while it is still as `expected` was read (same last import): false when another import
   * changed it first, and nothing is written.
   */
  update(award: StoredHistoricalAward, expected: StoredHistoricalAward): Promise<boolean>;
  recordChanges(changes: AdminChange[]): Promise<void>;
}

export interface HistoricalAwardsRepository {
  /**
   * The imported awards of each person and unit asked for, revoked ones included (with their
   * status), ordered by year then award code. Every id asked for is a key, with an empty list
   * when it holds none, so "loaded, none" differs from "not loaded".
   */
  heldBy(subjects: { personIds: string[]; unitIds: string[] }): Promise<Map<string, HeldAward[]>>;
  findBySubjects(subjects: AwardSubjects): Promise<StoredHistoricalAward[]>;
  /** One unit of work: everything `work` writes commits together or not at all. */
  transaction<T>(work: (tx: HistoricalAwardsTransaction) => Promise<T>): Promise<T>;
}
