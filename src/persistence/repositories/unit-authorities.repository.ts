import type { AdminChange } from '../../domain/org/change-log';
import type { SigningCapacity } from '../../domain/rules/signing';

export const UNIT_AUTHORITIES_REPOSITORY = Symbol('UnitAuthoritiesRepository');

/** An authority of the rule set a unit acts as, with the series its decisions are numbered in. */
export interface StoredUnitAuthority {
  id: string;
  unitId: string;
  authorityCode: string;
  seriesCode: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface StoredSigner {
  id: string;
  unitId: string;
  personId: string | null;
  fullName: string;
  positionVi: string;
  positionEn: string;
  authorityCode: string;
  capacity: SigningCapacity | null;
  /** The body (T/M) or head's title (KT., Q., TL.) printed; null: the authority's usual name. */
  onBehalfOf: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

/** One unit of an authority chain: the unit and the authorities it acts as now. */
export interface UnitWithAuthorities {
  unitId: string;
  unitCode: string;
  unitName: string;
  authorities: StoredUnitAuthority[];
}

export interface UnitAuthoritiesTransaction {
  /**
   * Locks the unit for the rest of the transaction (PostgreSQL: its row, FOR UPDATE; SQLite's
   * writes already run one at a time), so two edits of one unit's authorities run one after the
   * other and each sees the other's rows: the "one format" rule is checked on what is written.
   */
  lockUnit(unitId: string): Promise<void>;
  authoritiesOf(unitId: string): Promise<StoredUnitAuthority[]>;
  insertAuthority(row: StoredUnitAuthority): Promise<void>;
  updateAuthority(row: StoredUnitAuthority): Promise<void>;
  findSigner(id: string): Promise<StoredSigner | null>;
  insertSigner(row: StoredSigner): Promise<void>;
  updateSigner(row: StoredSigner): Promise<void>;
  recordChanges(changes: AdminChange[]): Promise<void>;
}

export interface UnitAuthoritiesRepository {
  /** Every row of the unit, active and ended, ordered by code. */
  authoritiesOf(unitId: string): Promise<StoredUnitAuthority[]>;
  /** The active authorities of these units, in the order of `unitIds` (unknown ids left out). */
  activeAuthoritiesOf(unitIds: readonly string[]): Promise<UnitWithAuthorities[]>;
  /**
   * The unit and every unit above it, nearest first, with their active authorities (none if the
   * unit is unknown): one statement.
   */
  activeAuthorityChainOf(unitId: string): Promise<UnitWithAuthorities[]>;
  signersOf(unitId: string): Promise<StoredSigner[]>;
  findSigner(id: string): Promise<StoredSigner | null>;
  transaction<T>(work: (tx: UnitAuthoritiesTransaction) => Promise<T>): Promise<T>;
}
