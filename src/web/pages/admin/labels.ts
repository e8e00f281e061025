import type { Role } from '../../session/session';
import type { AdminText } from './admin.messages';
import type { EmploymentType, Grant, Unit, UnitKind } from './api';

/** Looks a prefixed key up in the dictionary; an unknown value shows as itself, never blank. */
function lookup(t: AdminText, prefix: string, value: string): string {
  const key = `${prefix}_${value}`;
  return Object.hasOwn(t, key) ? t[key as keyof AdminText] : value;
}

export const roleLabel = (t: AdminText, role: Role | string) => lookup(t, 'role', role);
export const kindLabel = (t: AdminText, kind: UnitKind | string) => lookup(t, 'kind', kind);
export const employmentLabel = (t: AdminText, type: EmploymentType | string) =>
  lookup(t, 'employment', type);
export const actionLabel = (t: AdminText, action: string) => lookup(t, 'action', action);
export const fieldLabel = (t: AdminText, field: string) => lookup(t, 'field', field);

/** "Name (CODE)", the way officials tell units apart. */
export function unitName(unit: Pick<Unit, 'name' | 'code'>): string {
  return `${unit.name} (${unit.code})`;
}

/** A grant as officials read it: the role's label and its scope by unit name. */
export function grantText(
  grant: Pick<Grant, 'role' | 'unitId'>,
  units: ReadonlyMap<string, Unit>,
  t: AdminText,
): { role: string; scope: string } {
  const unit = grant.unitId ? units.get(grant.unitId) : null;
  const scope = grant.unitId === null ? t.wholeOrganisation : unit ? unitName(unit) : t.unknownUnit;
  return { role: roleLabel(t, grant.role), scope };
}
