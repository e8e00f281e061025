/**
 * A unit's Emulation-Commendation Council as the law sees it: people with a role and a term of
 * office. The roster on a day, not a role grant, says who votes in a session held that day.
 */

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

/** The terms in force on `date` (YYYY-MM-DD): both ends inclusive, in the order given. */
export function rosterOn(members: readonly CouncilMember[], date: string): CouncilMember[] {
  return members.filter(
    (member) => member.from <= date && (member.to === null || date <= member.to),
  );
}
