import type { EntityManager } from 'typeorm';
import { depthOf, type UnitPath } from '../../domain/org/scope';
import type { AdminChange } from '../../domain/org/change-log';
import { foldForSearch } from '../../domain/text/fold';
import { Database, type Dialect } from '../database';
import {
  byteOrder,
  containsEveryWord,
  escapeLike,
  param,
  placeholders,
  returnedRows,
} from '../sql';
import type {
  OrganisationRepository,
  MovedUnit,
  OrganisationTransaction,
  PeopleQuery,
  PersonInUnit,
  StoredPerson,
  StoredUnit,
  UnitsQuery,
} from './organisation.repository';
import { insertAdminChanges } from './admin-changes.sql';
import type { Page } from './page';

const UNIT_COLUMNS = [
  'id',
  'code',
  'name',
  'kind',
  'parent_id',
  'path',
  'active',
  'demo',
  'created_at',
  'updated_at',
] as const;

const PERSON_COLUMNS = [
  'id',
  'code',
  'full_name',
  'search_name',
  'unit_id',
  'position',
  'date_of_birth',
  'party_member',
  'party_joined_on',
  'employment_type',
  'active',
  'demo',
  'created_at',
  'updated_at',
] as const;

type Row = Record<string, unknown>;

/** Any fixed number identifies the registry's advisory lock on PostgreSQL. */
const REGISTRY_WRITE_LOCK = 2323_0001;

/** Units, people and the change log, in plain SQL valid on SQLite and PostgreSQL. */
export class TypeOrmOrganisationRepository implements OrganisationRepository {
  constructor(private readonly database: Database) {}

  findUnitById(id: string): Promise<StoredUnit | null> {
    return this.database.read((manager) => findUnitById(manager, this.database.dialect, id));
  }

  listUnits(query: UnitsQuery): Promise<Page<StoredUnit>> {
    const sql = new Sql(this.database.dialect);
    const collate = byteOrder(this.database.dialect);
    const conditions = [scopeCondition(sql, 'u.path', query.scopes)];
    if (query.parentId) conditions.push(`u.parent_id = ${sql.value(query.parentId)}`);
    if (query.cursor) {
      conditions.push(`u.path${collate} > ${sql.value(decodeCursor(query.cursor))}`);
    }
    const text =
      `SELECT ${UNIT_COLUMNS.map((c) => `u.${c}`).join(', ')} FROM units u ` +
      `WHERE ${conditions.join(' AND ')} ORDER BY u.path${collate} LIMIT ${sql.value(query.limit + 1)}`;
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(text, sql.values);
      const items = rows.slice(0, query.limit).map(toUnit);
      return {
        items,
        nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].path) : null,
      };
    });
  }

  findPersonById(id: string): Promise<PersonInUnit | null> {
    const sql = new Sql(this.database.dialect);
    const text =
      `SELECT ${PERSON_COLUMNS.map((c) => `p.${c}`).join(', ')}, u.path AS unit_path ` +
      `FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ${sql.value(id)}`;
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(text, sql.values);
      return rows.length ? toPersonInUnit(rows[0]) : null;
    });
  }

  /** Ordered by folded name then id; the cursor is the last (name, id) pair. */
  async listPeople(query: PeopleQuery): Promise<Page<PersonInUnit>> {
    const sql = new Sql(this.database.dialect);
    const collate = byteOrder(this.database.dialect);
    const conditions = [scopeCondition(sql, 'u.path', query.scopes)];
    if (query.unitId) conditions.push(`p.unit_id = ${sql.value(query.unitId)}`);
    if (query.search) {
      conditions.push(containsEveryWord('p.search_name', query.search, (v) => sql.value(v)));
    }
    if (query.cursor) {
      const [name, id] = decodePeopleCursor(query.cursor);
      const n = sql.value(name);
      conditions.push(
        `(p.search_name${collate} > ${n} OR (p.search_name = ${sql.value(name)} AND p.id${collate} > ${sql.value(id)}))`,
      );
    }
    const text =
      `SELECT ${PERSON_COLUMNS.map((c) => `p.${c}`).join(', ')}, u.path AS unit_path ` +
      `FROM people p JOIN units u ON u.id = p.unit_id WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY p.search_name${collate}, p.id${collate} LIMIT ${sql.value(query.limit + 1)}`;
    // On a reader thread (Database.readOnAReaderThread): a search by name (`LIKE '%…%'`) reads
    // every person in scope; there it delays only its own request.
    const rows = await this.database.readOnAReaderThread(text, sql.values);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toPersonInUnit),
      nextCursor:
        rows.length > query.limit
          ? encodePeopleCursor(String(last.search_name), String(last.id))
          : null,
    };
  }

  changesOf(entity: AdminChange['entity'], entityId: string): Promise<AdminChange[]> {
    const sql = new Sql(this.database.dialect);
    const text =
      'SELECT id, occurred_at, actor_user_id, actor_username, entity, entity_id, action, ' +
      `before_json, after_json FROM admin_changes WHERE entity = ${sql.value(entity)} ` +
      `AND entity_id = ${sql.value(entityId)} ORDER BY id`;
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(text, sql.values);
      return rows.map((row) => ({
        id: String(row.id),
        at: String(row.occurred_at),
        actorUserId: row.actor_user_id === null ? null : String(row.actor_user_id),
        actorUsername: String(row.actor_username),
        entity: String(row.entity) as AdminChange['entity'],
        entityId: String(row.entity_id),
        action: String(row.action),
        before: row.before_json === null ? null : JSON.parse(String(row.before_json)),
        after: row.after_json === null ? null : JSON.parse(String(row.after_json)),
      }));
    });
  }

  /**
   * Registry writes read a unit's path and write paths derived from it; on PostgreSQL two such
   * writes could interleave and corrupt the tree (a parent cycle, a subtree left at its old path),
   * so they take one transaction-scoped lock. SQLite's writes already run one at a time.
   */
  transaction<T>(work: (tx: OrganisationTransaction) => Promise<T>): Promise<T> {
    const { dialect } = this.database;
    return this.database.write(async (manager) => {
      if (dialect === 'postgres') {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [REGISTRY_WRITE_LOCK]);
      }
      return work(new SqlOrganisationTransaction(manager, dialect));
    });
  }
}

class SqlOrganisationTransaction implements OrganisationTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  findUnitById(id: string): Promise<StoredUnit | null> {
    return findUnitById(this.manager, this.dialect, id);
  }

  async findUnitsByCodes(codes: string[]): Promise<StoredUnit[]> {
    const rows = await this.selectIn('units', UNIT_COLUMNS, 'code', codes);
    return rows.map(toUnit);
  }

  async findPersonById(id: string): Promise<StoredPerson | null> {
    const rows = await this.selectIn('people', PERSON_COLUMNS, 'id', [id]);
    return rows.length ? toPerson(rows[0]) : null;
  }

  async findPeopleByCodes(codes: string[]): Promise<StoredPerson[]> {
    const rows = await this.selectIn('people', PERSON_COLUMNS, 'code', codes);
    return rows.map(toPerson);
  }

  async insertUnit(unit: StoredUnit): Promise<void> {
    await this.manager.query(
      `INSERT INTO units (${UNIT_COLUMNS.join(', ')}) VALUES (${placeholders(this.dialect, UNIT_COLUMNS.length)})`,
      unitValues(unit),
    );
  }

  async updateUnit(unit: StoredUnit, expected?: StoredUnit): Promise<boolean> {
    const sql = new Sql(this.dialect);
    const updated: unknown = await this.manager.query(
      `UPDATE units SET code = ${sql.value(unit.code)}, name = ${sql.value(unit.name)}, ` +
        `kind = ${sql.value(unit.kind)}, parent_id = ${sql.value(unit.parentId)}, ` +
        `path = ${sql.value(unit.path)}, active = ${sql.value(unit.active)}, ` +
        `updated_at = ${sql.value(unit.updatedAt)} WHERE id = ${sql.value(unit.id)}` +
        (expected ? stillExactly(sql, UNIT_COLUMNS, unitValues(expected)) : '') +
        ' RETURNING id',
      sql.values,
    );
    return returnedRows(updated) === 1;
  }

  async deepestUnder(prefix: UnitPath): Promise<number> {
    const sql = new Sql(this.dialect);
    const rows: Row[] = await this.manager.query(
      `SELECT path FROM units WHERE path LIKE ${sql.value(`${escapeLike(prefix)}%`)} ESCAPE '\\' ` +
        'ORDER BY LENGTH(path) DESC LIMIT 1',
      sql.values,
    );
    return rows.length ? depthOf(String(rows[0].path)) : 0;
  }

  async replacePathPrefix(
    oldPrefix: UnitPath,
    newPrefix: UnitPath,
    at: string,
  ): Promise<MovedUnit[]> {
    const under = `${escapeLike(oldPrefix)}%`;
    const read = new Sql(this.dialect);
    const subtree: Row[] = await this.manager.query(
      `SELECT ${UNIT_COLUMNS.join(', ')} FROM units WHERE path LIKE ${read.value(under)} ESCAPE '\\' ` +
        'ORDER BY path',
      read.values,
    );
    const write = new Sql(this.dialect);
    await this.manager.query(
      `UPDATE units SET path = ${write.value(newPrefix)} || SUBSTR(path, ${write.value(oldPrefix.length + 1)}), ` +
        `updated_at = ${write.value(at)} WHERE path LIKE ${write.value(under)} ESCAPE '\\'`,
      write.values,
    );
    return subtree
      .map(toUnit)
      .filter((unit) => unit.path !== oldPrefix)
      .map((before) => ({
        before,
        after: { ...before, path: newPrefix + before.path.slice(oldPrefix.length), updatedAt: at },
      }));
  }

  async insertPerson(person: StoredPerson): Promise<void> {
    await this.manager.query(
      `INSERT INTO people (${PERSON_COLUMNS.join(', ')}) VALUES (${placeholders(this.dialect, PERSON_COLUMNS.length)})`,
      personValues(person),
    );
  }

  async updatePerson(person: StoredPerson, expected?: StoredPerson): Promise<boolean> {
    const sql = new Sql(this.dialect);
    const values = personValues(person);
    const assignments = PERSON_COLUMNS.slice(1)
      .map((column, index) => `${column} = ${sql.value(values[index + 1])}`)
      .join(', ');
    const updated: unknown = await this.manager.query(
      `UPDATE people SET ${assignments} WHERE id = ${sql.value(person.id)}` +
        (expected ? stillExactly(sql, PERSON_COLUMNS, personValues(expected)) : '') +
        ' RETURNING id',
      sql.values,
    );
    return returnedRows(updated) === 1;
  }

  recordChanges(changes: AdminChange[]): Promise<void> {
    return insertAdminChanges(this.manager, this.dialect, changes);
  }

  async countNonDemo(): Promise<number> {
    const rows: Row[] = await this.manager.query(
      'SELECT (SELECT COUNT(*) FROM units WHERE demo = false) + ' +
        '(SELECT COUNT(*) FROM people WHERE demo = false) AS n',
    );
    return Number(rows[0].n);
  }

  /** `IN (…)` in chunks, under both engines' parameter limits. */
  private async selectIn(
    table: string,
    columns: readonly string[],
    key: string,
    values: string[],
  ): Promise<Row[]> {
    const rows: Row[] = [];
    const unique = [...new Set(values)];
    for (let start = 0; start < unique.length; start += 500) {
      const chunk = unique.slice(start, start + 500);
      rows.push(
        ...(await this.manager.query(
          `SELECT ${columns.join(', ')} FROM ${table} WHERE ${key} IN (${placeholders(this.dialect, chunk.length)})`,
          chunk,
        )),
      );
    }
    return rows;
  }
}

/** Collects parameters as a statement is written, numbering them for PostgreSQL. */
class Sql {
  readonly values: unknown[] = [];

  constructor(readonly dialect: Dialect) {}

  value(value: unknown): string {
    this.values.push(value);
    return param(this.dialect, this.values.length);
  }
}

/**
 * ` AND column IS value …` for every column of a row but its id: the stored row is still exactly
 * the one read (its last change alone, a time to the millisecond, would let an edit made in the
 * same millisecond through). Null-safe on both engines.
 */
function stillExactly(sql: Sql, columns: readonly string[], values: readonly unknown[]): string {
  const same = sql.dialect === 'postgres' ? 'IS NOT DISTINCT FROM' : 'IS';
  return columns
    .map((column, index) =>
      // The id is matched already; the folded name is derived from the name, which is compared.
      index === 0 || column === 'search_name'
        ? ''
        : ` AND ${column} ${same} ${sql.value(values[index])}`,
    )
    .join('');
}

function scopeCondition(sql: Sql, column: string, scopes: UnitPath[] | null): string {
  if (scopes === null) return '1 = 1';
  if (scopes.length === 0) return '1 = 0';
  return `(${scopes.map((scope) => `${column} LIKE ${sql.value(`${escapeLike(scope)}%`)} ESCAPE '\\'`).join(' OR ')})`;
}

async function findUnitById(
  manager: EntityManager,
  dialect: Dialect,
  id: string,
): Promise<StoredUnit | null> {
  const rows: Row[] = await manager.query(
    `SELECT ${UNIT_COLUMNS.join(', ')} FROM units WHERE id = ${param(dialect, 1)}`,
    [id],
  );
  return rows.length ? toUnit(rows[0]) : null;
}

function encodeCursor(path: string): string {
  return Buffer.from(path, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function encodePeopleCursor(name: string, id: string): string {
  return encodeCursor(JSON.stringify([name, id]));
}

/** A cursor that does not decode yields an empty page rather than an error (it is opaque input). */
function decodePeopleCursor(cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(decodeCursor(cursor));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      decoded.every((v) => typeof v === 'string')
    ) {
      return decoded as [string, string];
    }
  } catch {
    // not a cursor we made
  }
  return ['\uffff', ''];
}

const nullable = (value: unknown) => (value === null ? null : String(value));

function toUnit(row: Row): StoredUnit {
  return {
    id: String(row.id),
    code: String(row.code),
    name: String(row.name),
    kind: String(row.kind) as StoredUnit['kind'],
    parentId: nullable(row.parent_id),
    path: String(row.path),
    active: Boolean(row.active),
    demo: Boolean(row.demo),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function toPerson(row: Row): StoredPerson {
  return {
    id: String(row.id),
    code: String(row.code),
    fullName: String(row.full_name),
    unitId: String(row.unit_id),
    position: nullable(row.position),
    dateOfBirth: nullable(row.date_of_birth),
    partyMember: Boolean(row.party_member),
    partyJoinedOn: nullable(row.party_joined_on),
    employmentType: String(row.employment_type) as StoredPerson['employmentType'],
    active: Boolean(row.active),
    demo: Boolean(row.demo),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function toPersonInUnit(row: Row): PersonInUnit {
  return { ...toPerson(row), unitPath: String(row.unit_path) };
}

function unitValues(unit: StoredUnit): unknown[] {
  return [
    unit.id,
    unit.code,
    unit.name,
    unit.kind,
    unit.parentId,
    unit.path,
    unit.active,
    unit.demo,
    unit.createdAt,
    unit.updatedAt,
  ];
}

function personValues(person: StoredPerson): unknown[] {
  return [
    person.id,
    person.code,
    person.fullName,
    foldForSearch(person.fullName),
    person.unitId,
    person.position,
    person.dateOfBirth,
    person.partyMember,
    person.partyJoinedOn,
    person.employmentType,
    person.active,
    person.demo,
    person.createdAt,
    person.updatedAt,
  ];
}
