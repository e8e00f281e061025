import { ApiError } from '../../api/client';
import type { Role } from '../../session/session';

export type { Page } from '../../api/page';
export {
  EMPLOYMENT_TYPES,
  UNIT_KINDS,
  type EmploymentType,
  type Person,
  type Unit,
  loadAllUnits,
  type UnitKind,
} from '../../api/registry';

/** The roles a user can be granted (src/domain/roles.ts). */
export const ROLES: Role[] = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

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
  /** Where e-mail notifications go (null: none). */
  email?: string | null;
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
