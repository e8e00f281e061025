import type { Principal } from '../domain/org/principal';
import { rolesAt, type UnitPath } from '../domain/org/scope';
import { CASE_READERS } from '../cases/case-access';

/**
 * Whether the reader may read a case of the unit at `path` (as GET /cases/:id decides): what a
 * nomination shows of another case (a violation) is decided by the same rule as that case itself.
 */
export function mayReadCaseAt(principal: Principal, path: UnitPath | null): boolean {
  return rolesAt(principal.grants, path).some((role) => CASE_READERS.includes(role));
}

/**
 * Whether everyone who may read a case at `readerPath` may read a case at `path`: grants cover
 * subtrees, so exactly when `path` lies in the subtree of `readerPath` (a case of no unit is read
 * through organisation-wide grants only).
 */
export function readersOfAlsoRead(readerPath: UnitPath | null, path: UnitPath | null): boolean {
  if (readerPath === null) return true;
  return path !== null && path.startsWith(readerPath);
}
