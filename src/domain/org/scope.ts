import type { Role } from '../roles';

/**
 * Units form a tree; a unit's `path` lists the ids from the root down to itself ("/a/b/c/"), so
 * "is X inside the subtree of Y" is a prefix test that works the same in SQL (LIKE 'path%') and
 * here.
 */
export type UnitPath = string;

/** The path column holds 2,000 characters: 54 levels of 36-character ids and their slashes. */
export const MAX_UNIT_DEPTH = 54;

export function depthOf(path: UnitPath): number {
  return path.split('/').length - 2;
}

/**
 * How deep the deepest unit of a moved subtree ends up: its top was at `topBefore`, its deepest
 * unit `deepestBefore` levels deep, and its top is now `topDepthAfter` levels deep.
 */
export function deepestAfterMove(
  topBefore: UnitPath,
  deepestBefore: number,
  topDepthAfter: number,
): number {
  return topDepthAfter + deepestBefore - depthOf(topBefore);
}

export function childPath(parentPath: UnitPath | null, unitId: string): UnitPath {
  return `${parentPath ?? '/'}${unitId}/`;
}

/** The path of the unit's parent ("/a/" for "/a/b/"); "/" for a root. */
export function parentPathOf(path: UnitPath): UnitPath {
  return path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
}

export function isWithin(path: UnitPath, scope: UnitPath): boolean {
  return path.startsWith(scope);
}

/** A role held over a unit subtree; `scope` null means the whole organisation. */
export interface ScopedGrant {
  role: Role;
  unitId: string | null;
  scope: UnitPath | null;
}

/**
 * The roles an actor holds over something that belongs to the unit at `path`. A thing with no unit
 * (path null) is reachable only through organisation-wide grants.
 */
export function rolesAt(grants: readonly ScopedGrant[], path: UnitPath | null): Role[] {
  const roles = grants
    .filter((grant) => grant.scope === null || (path !== null && isWithin(path, grant.scope)))
    .map((grant) => grant.role);
  return [...new Set(roles)];
}
