import type { AdminChange } from '../../domain/org/change-log';
import type { EmploymentType, UnitKind } from '../../domain/org/registry';
import type { UnitPath } from '../../domain/org/scope';
import type { Page } from './page';

export const ORGANISATION_REPOSITORY = Symbol('OrganisationRepository');

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

/** A unit below a moved unit: its place in the tree before and after the move. */
export interface MovedUnit {
  before: StoredUnit;
  after: StoredUnit;
}

export interface OrganisationTransaction {
  findUnitById(id: string): Promise<StoredUnit | null>;
  findUnitsByCodes(codes: string[]): Promise<StoredUnit[]>;
  findPersonById(id: string): Promise<StoredPerson | null>;
  findPeopleByCodes(codes: string[]): Promise<StoredPerson[]>;
  insertUnit(unit: StoredUnit): Promise<void>;
  /**
   * Rewrites the unit. With `expected`, only while its stored row still is that one (same path,
   * same last change, which every change of a unit moves on): false when another change came
   * first, and nothing is written.
   */
  updateUnit(unit: StoredUnit, expected?: StoredUnit): Promise<boolean>;
  /** Depth of the deepest unit in the subtree at `prefix` (the unit itself included). */
  deepestUnder(prefix: UnitPath): Promise<number>;
  /**
   * Rewrites the path prefix of every unit in a moved subtree; returns the units below its top,
   * which moved with it, as they were and as they are now (their own change has to be logged).
   */
  replacePathPrefix(oldPrefix: UnitPath, newPrefix: UnitPath, at: string): Promise<MovedUnit[]>;
  insertPerson(person: StoredPerson): Promise<void>;
  /** Rewrites the person; with `expected`, as `updateUnit` does (false: changed meanwhile). */
  updatePerson(person: StoredPerson, expected?: StoredPerson): Promise<boolean>;
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
