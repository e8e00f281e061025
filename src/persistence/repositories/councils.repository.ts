import type { AdminChange } from '../../domain/org/change-log';

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';

/** The secretary keeps the minutes and does not vote. */
export const VOTING_ROLES: readonly CouncilRole[] = ['chair', 'vice_chair', 'member'];

/** A unit's Emulation-Commendation Council (Hội đồng Thi đua – Khen thưởng). */
export interface Council {
  id: string;
  unitId: string;
  name: string;
  createdAt: string;
}

/** One term of one person on a council: `from` and `to` are YYYY-MM-DD, both inclusive. */
export interface CouncilMember {
  id: string;
  councilId: string;
  personId: string;
  role: CouncilRole;
  from: string;
  /** null: the term is open. */
  to: string | null;
  createdAt: string;
}

export const COUNCILS_REPOSITORY = Symbol('CouncilsRepository');

export interface CouncilsRepository {
  /** The council row and its change-log record (entity 'council') commit together. */
  insertCouncil(council: Council, change: AdminChange): Promise<void>;
  findCouncil(id: string): Promise<(Council & { unitPath: string }) | null>;
  /** Councils whose unit lies in one of the subtrees (null: all), by unit path then name. */
  councilsIn(scopes: readonly string[] | null): Promise<(Council & { unitPath: string })[]>;
  /** Every term, ordered by role rank (chair first, secretary last) then by start. */
  membersOf(councilId: string): Promise<CouncilMember[]>;
  /** The term and its change-log record commit together. */
  insertMember(member: CouncilMember, change: AdminChange): Promise<void>;
  /** Sets term_to; false when the member does not exist in that council. Change logged. */
  endTerm(councilId: string, memberId: string, to: string, change: AdminChange): Promise<boolean>;
}

/** The terms in force on `date` (YYYY-MM-DD): both ends inclusive, in the order given. */
export function rosterOn(members: readonly CouncilMember[], date: string): CouncilMember[] {
  return members.filter(
    (member) => member.from <= date && (member.to === null || date <= member.to),
  );
}
