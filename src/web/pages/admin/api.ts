import { api, ApiError } from '../../api/client';
import type { Role } from '../../session/session';

/** The registry's vocabularies, as the server names them (src/domain/org/registry.ts). */
export const UNIT_KINDS = [
  'party_committee',
  'grassroots_party_org',
  'party_cell',
  'enterprise',
  'agency',
  'board',
  'office',
  'mass_organisation',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const EMPLOYMENT_TYPES = [
  'cadre',
  'civil_servant',
  'public_employee',
  'worker',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** The roles a user can be granted (src/domain/roles.ts). */
export const ROLES: Role[] = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

/** A keyset page: pass `nextCursor` back as `cursor` for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
  active: boolean;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Person {
  id: string;
  code: string;
  fullName: string;
  unitId: string;
  position: string | null;
  dateOfBirth: string | null;
  partyMember: boolean;
  partyJoinedOn: string | null;
  employmentType: EmploymentType;
  active: boolean;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
  unitPath?: string;
}

export interface Grant {
  id: string;
  role: Role;
  unitId: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  personId: string | null;
  grants: Grant[];
  roles: Role[];
  active: boolean;
  createdAt: string;
  /** Sent once the password-reset work lands; shown when present. */
  mustChangePassword?: boolean;
}

/** One record of the registry's change log (src/domain/org/change-log.ts). */
export interface AdminChange {
  id: string;
  at: string;
  actorUserId: string | null;
  actorUsername: string;
  entity: 'unit' | 'person' | 'user';
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export type ImportKind = 'units' | 'people' | 'awards';

/** What an import answers (src/imports/dto/import.dto.ts). */
export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: RowProblem[];
}

/** One bad row of an import file; `line` counts the header as line 1. */
export interface RowProblem {
  line: number;
  field: string;
  message: string;
  messageVi: string;
}

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest page the API serves. */
export const MAX_PAGE = 100;

/** Every unit the caller may see, in tree order (the API sorts by path), reading all pages. */
export async function loadAllUnits(signal?: AbortSignal): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Unit> = await api.get<Page<Unit>>(
      '/units',
      { limit: MAX_PAGE, cursor },
      signal,
    );
    units.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return units;
}

/**
 * The row problems of a refused import (422 IMPORT.INVALID_ROWS): the problem's `errors` then
 * lists rows ({ line, field, message, messageVi }), not the validation pipe's field errors.
 */
export function rowProblemsOf(error: unknown): RowProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT.INVALID_ROWS') return null;
  const errors = error.problem.errors as unknown;
  if (!Array.isArray(errors)) return null;
  return (errors as RowProblem[]).filter(
    (row) => typeof row === 'object' && row !== null && typeof row.line === 'number',
  );
}
