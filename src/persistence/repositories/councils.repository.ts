import type { Council, CouncilBody, CouncilMember } from '../../domain/council/council-roster';
import type { AdminChange } from '../../domain/org/change-log';

export const COUNCILS_REPOSITORY = Symbol('CouncilsRepository');

export interface CouncilsRepository {
  /**
   * The council row and its change-log record (entity 'council') commit together. False, and
   * nothing written, when the unit already has a council of that body and the body allows only
   * one (every body but the Emulation-Commendation Council).
   */
  insertCouncil(council: Council, change: AdminChange): Promise<boolean>;
  findCouncil(id: string): Promise<(Council & { unitPath: string }) | null>;
  /**
   * Councils whose unit lies in one of the subtrees (null: all), of one body when given, by unit
   * path then name.
   */
  councilsIn(
    scopes: readonly string[] | null,
    body?: CouncilBody,
  ): Promise<(Council & { unitPath: string })[]>;
  /** The councils of a body in any of the units, the oldest first. */
  councilsOfBodyIn(
    unitIds: readonly string[],
    body: CouncilBody,
  ): Promise<(Council & { unitPath: string })[]>;
  /** Every term, ordered by role rank (chair first, secretary last) then by start. */
  membersOf(councilId: string): Promise<CouncilMember[]>;
  /**
   * Adds the term and its change-log record, once `fits` accepts it beside the council's terms as
   * they are in the same transaction (`fits` throws to refuse, and nothing is written). The terms
   * are read with the council locked, so two additions at once are checked one after the other.
   */
  insertMember(
    member: CouncilMember,
    change: AdminChange,
    fits: (terms: CouncilMember[]) => void,
  ): Promise<void>;
  /**
   * Sets a term's end to `to`, checked as `insertMember` checks: `decide` gets the term and the
   * council's other terms, read with the council locked, and throws to refuse or returns the
   * change-log record. False when the council has no such member (nothing written).
   */
  endTerm(
    councilId: string,
    memberId: string,
    to: string,
    decide: (term: CouncilMember, others: CouncilMember[]) => AdminChange,
  ): Promise<boolean>;
}
