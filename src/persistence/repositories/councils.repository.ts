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
  /** The term and its change-log record commit together. */
  insertMember(member: CouncilMember, change: AdminChange): Promise<void>;
  /** Sets term_to; false when the member does not exist in that council. Change logged. */
  endTerm(councilId: string, memberId: string, to: string, change: AdminChange): Promise<boolean>;
}
