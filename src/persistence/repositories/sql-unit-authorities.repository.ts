import type { EntityManager } from 'typeorm';
import type { AdminChange } from '../../domain/org/change-log';
import type { SigningCapacity } from '../../domain/rules/signing';
import { Database, type Dialect } from '../database';
import { param, placeholders } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  StoredSigner,
  StoredUnitAuthority,
  UnitAuthoritiesRepository,
  UnitAuthoritiesTransaction,
  UnitWithAuthorities,
} from './unit-authorities.repository';

type Row = Record<string, unknown>;

const AUTHORITY_COLUMNS = [
  'id',
  'unit_id',
  'authority_code',
  'series_code',
  'active',
  'created_at',
  'updated_at',
  'ended_at',
] as const;

const SIGNER_COLUMNS = [
  'id',
  'unit_id',
  'person_id',
  'full_name',
  'position_vi',
  'position_en',
  'authority_code',
  'capacity',
  'on_behalf_of',
  'active',
  'created_at',
  'updated_at',
  'ended_at',
] as const;

/** Units asked about at a time: a chain is at most 54 deep, far under the parameter limits. */
const UNITS_PER_QUERY = 400;

/**
 * Units with their active authorities, one row per authority (a unit that acts as none: one row
 * of nulls), in one statement: one round trip however many units are asked about.
 */
const UNITS_WITH_ACTIVE_AUTHORITIES =
  'SELECT u.id AS chain_unit_id, u.code AS chain_unit_code, u.name AS chain_unit_name, ' +
  `${AUTHORITY_COLUMNS.map((column) => `a.${column}`).join(', ')} FROM units u ` +
  'LEFT JOIN unit_authorities a ON a.unit_id = u.id AND a.active = true';

/** The rows of UNITS_WITH_ACTIVE_AUTHORITIES as units, in the order their first rows come. */
function unitsWithAuthorities(rows: readonly Row[]): UnitWithAuthorities[] {
  const units = new Map<string, UnitWithAuthorities>();
  for (const row of rows) {
    const unitId = String(row.chain_unit_id);
    let unit = units.get(unitId);
    if (unit === undefined) {
      unit = {
        unitId,
        unitCode: String(row.chain_unit_code),
        unitName: String(row.chain_unit_name),
        authorities: [],
      };
      units.set(unitId, unit);
    }
    if (row.id !== null && row.id !== undefined) unit.authorities.push(toAuthority(row));
  }
  return [...units.values()];
}

/** Issuing authorities of units and their signers, in plain SQL valid on SQLite and PostgreSQL. */
export class SqlUnitAuthoritiesRepository implements UnitAuthoritiesRepository {
  constructor(private readonly database: Database) {}

  authoritiesOf(unitId: string): Promise<StoredUnitAuthority[]> {
    return this.database.read((manager) => authoritiesOf(manager, this.database.dialect, unitId));
  }

  async activeAuthoritiesOf(unitIds: readonly string[]): Promise<UnitWithAuthorities[]> {
    const { dialect } = this.database;
    const unique = [...new Set(unitIds)];
    const units = new Map<string, UnitWithAuthorities>();
    await this.database.read(async (manager) => {
      for (let start = 0; start < unique.length; start += UNITS_PER_QUERY) {
        const chunk = unique.slice(start, start + UNITS_PER_QUERY);
        const rows: Row[] = await manager.query(
          `${UNITS_WITH_ACTIVE_AUTHORITIES} WHERE u.id IN (${placeholders(dialect, chunk.length)}) ` +
            'ORDER BY u.id, a.authority_code',
          chunk,
        );
        for (const unit of unitsWithAuthorities(rows)) units.set(unit.unitId, unit);
      }
    });
    return unitIds.flatMap((id) => {
      const unit = units.get(id);
      return unit === undefined ? [] : [unit];
    });
  }

  async activeAuthorityChainOf(unitId: string): Promise<UnitWithAuthorities[]> {
    const rows: Row[] = await this.database.read((manager) =>
      manager.query(
        // The unit, then its parent, and so on to the root: each step found by its primary key.
        'WITH RECURSIVE chain (id, depth) AS (' +
          `SELECT id, 0 FROM units WHERE id = ${param(this.database.dialect, 1)} ` +
          'UNION ALL SELECT parent.parent_id, chain.depth + 1 FROM chain ' +
          'JOIN units parent ON parent.id = chain.id WHERE parent.parent_id IS NOT NULL) ' +
          `${UNITS_WITH_ACTIVE_AUTHORITIES} JOIN chain ON chain.id = u.id ` +
          'ORDER BY chain.depth, a.authority_code',
        [unitId],
      ),
    );
    return unitsWithAuthorities(rows);
  }

  signersOf(unitId: string): Promise<StoredSigner[]> {
    const { dialect } = this.database;
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT ${SIGNER_COLUMNS.join(', ')} FROM signers WHERE unit_id = ${param(dialect, 1)} ` +
          'ORDER BY created_at, id',
        [unitId],
      );
      return rows.map(toSigner);
    });
  }

  findSigner(id: string): Promise<StoredSigner | null> {
    return this.database.read((manager) => findSigner(manager, this.database.dialect, id));
  }

  transaction<T>(work: (tx: UnitAuthoritiesTransaction) => Promise<T>): Promise<T> {
    return this.database.write((manager) =>
      work(new SqlUnitAuthoritiesTransaction(manager, this.database.dialect)),
    );
  }
}

class SqlUnitAuthoritiesTransaction implements UnitAuthoritiesTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  async lockUnit(unitId: string): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await this.manager.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
  }

  authoritiesOf(unitId: string): Promise<StoredUnitAuthority[]> {
    return authoritiesOf(this.manager, this.dialect, unitId);
  }

  async insertAuthority(row: StoredUnitAuthority): Promise<void> {
    await this.manager.query(
      `INSERT INTO unit_authorities (${AUTHORITY_COLUMNS.join(', ')}) ` +
        `VALUES (${placeholders(this.dialect, AUTHORITY_COLUMNS.length)})`,
      authorityValues(row),
    );
  }

  async updateAuthority(row: StoredUnitAuthority): Promise<void> {
    await this.update('unit_authorities', AUTHORITY_COLUMNS, authorityValues(row));
  }

  findSigner(id: string): Promise<StoredSigner | null> {
    return findSigner(this.manager, this.dialect, id);
  }

  async insertSigner(row: StoredSigner): Promise<void> {
    await this.manager.query(
      `INSERT INTO signers (${SIGNER_COLUMNS.join(', ')}) ` +
        `VALUES (${placeholders(this.dialect, SIGNER_COLUMNS.length)})`,
      signerValues(row),
    );
  }

  async updateSigner(row: StoredSigner): Promise<void> {
    await this.update('signers', SIGNER_COLUMNS, signerValues(row));
  }

  recordChanges(changes: AdminChange[]): Promise<void> {
    return insertAdminChanges(this.manager, this.dialect, changes);
  }

  /** Every column but the id, by id (the first value). */
  private async update(table: string, columns: readonly string[], values: unknown[]) {
    const assignments = columns
      .slice(1)
      .map((column, index) => `${column} = ${param(this.dialect, index + 1)}`)
      .join(', ');
    await this.manager.query(
      `UPDATE ${table} SET ${assignments} WHERE id = ${param(this.dialect, columns.length)}`,
      [...values.slice(1), values[0]],
    );
  }
}

async function authoritiesOf(
  manager: EntityManager,
  dialect: Dialect,
  unitId: string,
): Promise<StoredUnitAuthority[]> {
  const rows: Row[] = await manager.query(
    `SELECT ${AUTHORITY_COLUMNS.join(', ')} FROM unit_authorities ` +
      `WHERE unit_id = ${param(dialect, 1)} ORDER BY authority_code`,
    [unitId],
  );
  return rows.map(toAuthority);
}

async function findSigner(
  manager: EntityManager,
  dialect: Dialect,
  id: string,
): Promise<StoredSigner | null> {
  const rows: Row[] = await manager.query(
    `SELECT ${SIGNER_COLUMNS.join(', ')} FROM signers WHERE id = ${param(dialect, 1)}`,
    [id],
  );
  return rows.length ? toSigner(rows[0]) : null;
}

const nullable = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toAuthority(row: Row): StoredUnitAuthority {
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    authorityCode: String(row.authority_code),
    seriesCode: String(row.series_code),
    active: Boolean(row.active),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    endedAt: nullable(row.ended_at),
  };
}

function authorityValues(row: StoredUnitAuthority): unknown[] {
  return [
    row.id,
    row.unitId,
    row.authorityCode,
    row.seriesCode,
    row.active,
    row.createdAt,
    row.updatedAt,
    row.endedAt,
  ];
}

function toSigner(row: Row): StoredSigner {
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    personId: nullable(row.person_id),
    fullName: String(row.full_name),
    positionVi: String(row.position_vi),
    positionEn: String(row.position_en),
    authorityCode: String(row.authority_code),
    capacity: nullable(row.capacity) as SigningCapacity | null,
    onBehalfOf: nullable(row.on_behalf_of),
    active: Boolean(row.active),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    endedAt: nullable(row.ended_at),
  };
}

function signerValues(row: StoredSigner): unknown[] {
  return [
    row.id,
    row.unitId,
    row.personId,
    row.fullName,
    row.positionVi,
    row.positionEn,
    row.authorityCode,
    row.capacity,
    row.onBehalfOf,
    row.active,
    row.createdAt,
    row.updatedAt,
    row.endedAt,
  ];
}
