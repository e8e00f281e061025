import type { Localized } from '../localized';

/**
 * A unit's collegial bodies as the law sees them: people with a role and a term of office. The
 * roster on a day, not a role grant, says who votes in a meeting held that day: the
 * Emulation-Commendation Council's sessions, and a discipline vote of a Party cell or committee.
 */

/**
 * The collegial bodies a council may be, a closed list. The codes are the rule set's discipline
 * body codes (`discipline.bodies[].council`), so a competence rule names the roster it is voted by.
 */
export const COUNCIL_BODY_NAMES = {
  /** Decree 98/2023 Arts 47–51: votes on commendations in council sessions. */
  emulation_council: {
    vi: 'Hội đồng Thi đua – Khen thưởng',
    en: 'Emulation and Commendation Council',
  },
  /** Party Charter Art 36: decides a reprimand or warning of its members by vote. */
  party_cell: { vi: 'Chi bộ', en: 'Party cell' },
  grassroots_party_committee: { vi: 'Đảng ủy cơ sở', en: 'Grassroots Party committee' },
  superior_party_committee: {
    vi: 'Ban Thường vụ cấp ủy cấp trên',
    en: 'Standing committee of the Party committee one level up',
  },
  /** Decree 172/2025 Art 16: recommends a civil servant's discipline form by secret ballot. */
  discipline_council: { vi: 'Hội đồng kỷ luật', en: 'Discipline council' },
} as const satisfies Record<string, Localized>;

export type CouncilBody = keyof typeof COUNCIL_BODY_NAMES;

export const COUNCIL_BODIES = Object.keys(COUNCIL_BODY_NAMES) as readonly CouncilBody[];

/** Today's councils, and the only body whose sessions the council session workflow holds. */
export const EMULATION_COUNCIL: CouncilBody = 'emulation_council';

export function isCouncilBody(value: unknown): value is CouncilBody {
  return typeof value === 'string' && Object.hasOwn(COUNCIL_BODY_NAMES, value);
}

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';

/** The secretary keeps the minutes and does not vote. */
export const VOTING_ROLES: readonly CouncilRole[] = ['chair', 'vice_chair', 'member'];

/** A collegial body of a unit: its Emulation-Commendation Council, a Party cell, … */
export interface Council {
  id: string;
  unitId: string;
  name: string;
  body: CouncilBody;
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

/**
 * The units to look in for a body's council, nearest first: the unit of `unitPath` itself, then
 * each ancestor up to the root (unit paths are `/root/…/unit/`).
 */
export function unitChainNearestFirst(unitPath: string): string[] {
  return unitPath
    .split('/')
    .filter((id) => id !== '')
    .reverse();
}
