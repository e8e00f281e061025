import type { UnitPath } from '../../domain/org/scope';
import type { Page } from './page';

export const ORGANISATION_REPOSITORY = Symbol('OrganisationRepository');

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

/** The discipline forms that apply to a person depend on this (Decree 172/2025, QĐ 69-QĐ/TW). */
export const EMPLOYMENT_TYPES = [
  'cadre',
  'civil_servant',
  'public_employee',
  'worker',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export interface StoredUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: UnitPath;
  active: boolean;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StoredPerson {
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
}

/** A person with the path of their unit, so callers can decide scope without another lookup. */
export interface PersonInUnit extends StoredPerson {
  unitPath: UnitPath;
}

/** Who changed what in the registry (units, people, users, grants), with before and after. */
export interface AdminChange {
  id: string;
  at: string;
  actorUserId: string | null;
  actorUsername: string;
  /** Grants are recorded on their user (actions 'grant' and 'revoke'). */
  entity: 'unit' | 'person' | 'user';
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** `scopes` null = everything; otherwise only what lies inside one of these subtrees. */
export interface ScopedQuery {
  scopes: UnitPath[] | null;
  cursor?: string;
  limit: number;
}

export interface PeopleQuery extends ScopedQuery {
  /** Already folded (see domain/text/fold.ts). */
  search?: string;
  unitId?: string;
}

export interface UnitsQuery extends ScopedQuery {
  parentId?: string;
}

export interface OrganisationTransaction {
  findUnitById(id: string): Promise<StoredUnit | null>;
  findUnitsByCodes(codes: string[]): Promise<StoredUnit[]>;
  findPersonById(id: string): Promise<StoredPerson | null>;
  findPeopleByCodes(codes: string[]): Promise<StoredPerson[]>;
  insertUnit(unit: StoredUnit): Promise<void>;
  updateUnit(unit: StoredUnit): Promise<void>;
  /** Depth of the deepest unit in the subtree at `prefix` (the unit itself included). */
  deepestUnder(prefix: UnitPath): Promise<number>;
  /** Rewrites the path prefix of every unit in a moved subtree. */
  replacePathPrefix(oldPrefix: UnitPath, newPrefix: UnitPath, at: string): Promise<void>;
  insertPerson(person: StoredPerson): Promise<void>;
  updatePerson(person: StoredPerson): Promise<void>;
  recordChanges(changes: AdminChange[]): Promise<void>;
  countNonDemo(): Promise<number>;
}

export interface OrganisationRepository {
  findUnitById(id: string): Promise<StoredUnit | null>;
  listUnits(query: UnitsQuery): Promise<Page<StoredUnit>>;
  findPersonById(id: string): Promise<PersonInUnit | null>;
  listPeople(query: PeopleQuery): Promise<Page<PersonInUnit>>;
  changesOf(entity: AdminChange['entity'], entityId: string): Promise<AdminChange[]>;
  transaction<T>(work: (tx: OrganisationTransaction) => Promise<T>): Promise<T>;
}
