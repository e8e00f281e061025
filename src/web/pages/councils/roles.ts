import { hasRole, useMe, type Role } from '../../session/session';

/** Who changes councils and rosters (the server also checks the grant covers the unit). */
export const COUNCIL_WRITERS: Role[] = ['admin', 'secretariat'];

/** Who reads councils: their writers and the council's own roles. */
export const COUNCIL_READERS: Role[] = ['admin', 'secretariat', 'council_chair', 'council_member'];

/** Who works with sessions: the secretariat runs them, the council sits, auditors read. */
export const SESSION_READERS: Role[] = [
  'secretariat',
  'council_chair',
  'council_member',
  'auditor',
];

export function useMayManageCouncils(): boolean {
  return hasRole(useMe(), ...COUNCIL_WRITERS);
}
