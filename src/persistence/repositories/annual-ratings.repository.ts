import type { ChangeAuthor } from '../../domain/org/change-log';
import type { UnitPath } from '../../domain/org/scope';

export const ANNUAL_RATINGS_REPOSITORY = Symbol('AnnualRatingsRepository');

export const RATING_SUBJECT_KINDS = ['person', 'unit'] as const;
export type RatingSubjectKind = (typeof RATING_SUBJECT_KINDS)[number];

export interface RatingSubjectRef {
  kind: RatingSubjectKind;
  id: string;
}

/** One rating of a person or a unit for a year, as entered. */
export interface AnnualRating {
  id: string;
  subject: RatingSubjectRef;
  year: number;
  /** A `ratings[].code` of the rule set in force at the end of `year`. */
  rating: string;
  /** The decision or minutes the rating rests on. */
  basis: string;
  enteredBy: ChangeAuthor;
  enteredAt: string;
  /** When and by whom it was replaced or withdrawn; null while it is the current rating. */
  superseded: { at: string; by: ChangeAuthor } | null;
}

/** A current rating with what a list shows of its subject and the subject's unit. */
export interface ListedRating extends AnnualRating {
  subjectCode: string;
  subjectName: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: UnitPath;
}

export interface RatingsQuery {
  year: number;
  /** Subjects in these subtrees only (a person by their unit); null: everywhere. */
  scopes: readonly UnitPath[] | null;
  /** Subjects in this unit's subtree only. */
  withinPath?: UnitPath;
  kind?: RatingSubjectKind;
}

/** A rating to make current, and the id of the current rating it replaces as the writer read it. */
export interface RatingChange {
  rating: AnnualRating;
  /** Null: none was current when the writer read the register. */
  replaces: string | null;
}

export interface AnnualRatingsRepository {
  /** The current ratings of a year, by unit path, then units before people, then code. */
  list(query: RatingsQuery): Promise<ListedRating[]>;
  /** The subjects' current ratings, every year. */
  currentOf(subjects: readonly RatingSubjectRef[]): Promise<AnnualRating[]>;
  /** Every rating of the subject for the year, the current one (if any) first, then newest first. */
  historyOf(subject: RatingSubjectRef, year: number): Promise<AnnualRating[]>;
  /**
   * Makes each rating the current one of its subject and year, superseding the one it replaces (by
   * `rating.enteredBy` at `enteredAt`), all in one transaction: all or nothing. False, and
   * nothing written, when another writer changed one of them meanwhile: the rating it replaces is
   * no longer current, or one became current where none was.
   */
  record(changes: readonly RatingChange[]): Promise<boolean>;
  /** Supersedes the current rating with nothing; false when there was none. */
  withdraw(subject: RatingSubjectRef, year: number, at: string, by: ChangeAuthor): Promise<boolean>;
}
