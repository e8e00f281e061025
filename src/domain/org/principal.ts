import type { ActorFacts, Role } from '../roles';
import { rolesAt, type ScopedGrant, type UnitPath } from './scope';

/**
 * An authenticated user as every service sees them: their grants (role over a unit subtree) and
 * the person they are in the registry, if linked. `roles` lists every role they hold anywhere.
 */
export interface Principal extends ActorFacts {
  roles: readonly Role[];
  personId: string | null;
  grants: readonly ScopedGrant[];
}

/** The same user acting on something in the unit at `path`: only the roles that reach it. */
export function actingAt(principal: Principal, path: UnitPath | null): Principal {
  return { ...principal, roles: rolesAt(principal.grants, path) };
}

/** The subtrees this user may see with any of these roles; null = everything. */
export function scopesFor(principal: Principal, roles: readonly Role[]): UnitPath[] | null {
  const relevant = principal.grants.filter((grant) => roles.includes(grant.role));
  if (relevant.some((grant) => grant.scope === null)) return null;
  return [...new Set(relevant.map((grant) => grant.scope as UnitPath))];
}
