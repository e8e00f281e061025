import type { EntityManager } from 'typeorm';
import type { AdminChange } from '../../domain/org/change-log';
import { Database, isUniqueViolation } from '../database';
import { byteOrder, escapeLike, param, placeholders } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  Council,
  CouncilBody,
  CouncilMember,
  CouncilRole,
} from '../../domain/council/council-roster';
import type { CouncilsRepository } from './councils.repository';

interface CouncilRow {
  id: string;
  unit_id: string;
  name: string;
  body: string;
  created_at: string;
  unit_path: string;
}

interface MemberRow {
  id: string;
  council_id: string;
  person_id: string;
  role: string;
  term_from: string;
  term_to: string | null;
  created_at: string;
}

const COUNCIL_SELECT =
  'SELECT c.id, c.unit_id, c.name, c.body, c.created_at, u.path AS unit_path ' +
  'FROM councils c JOIN units u ON u.id = c.unit_id';

const MEMBER_COLUMNS = [
  'id',
  'council_id',
  'person_id',
  'role',
  'term_from',
  'term_to',
  'created_at',
] as const;

/** The order a roster is read in: who presides first, who keeps the minutes last. */
const ROLE_RANK =
  "CASE role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END";

export class SqlCouncilsRepository implements CouncilsRepository {
  constructor(private readonly database: Database) {}

  async insertCouncil(council: Council, change: AdminChange): Promise<boolean> {
    const { dialect } = this.database;
    try {
      await this.database.write(async (manager) => {
        await manager.query(
          `INSERT INTO councils (id, unit_id, name, body, created_at) ` +
            `VALUES (${placeholders(dialect, 5)})`,
          [council.id, council.unitId, council.name, council.body, council.createdAt],
        );
        await insertAdminChanges(manager, dialect, [change]);
      });
      return true;
    } catch (error) {
      // councils_unit_voting_body: the unit already has a council of this body.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  findCouncil(id: string): Promise<(Council & { unitPath: string }) | null> {
    return this.database.read(async (manager) => {
      const rows: CouncilRow[] = await manager.query(
        `${COUNCIL_SELECT} WHERE c.id = ${param(this.database.dialect, 1)}`,
        [id],
      );
      return rows.length === 0 ? null : toCouncil(rows[0]);
    });
  }

  councilsIn(
    scopes: readonly string[] | null,
    body?: CouncilBody,
  ): Promise<(Council & { unitPath: string })[]> {
    const { dialect } = this.database;
    if (scopes !== null && scopes.length === 0) return Promise.resolve([]);
    const values: string[] = (scopes ?? []).map((scope) => `${escapeLike(scope)}%`);
    const conditions: string[] = [];
    if (scopes !== null) {
      conditions.push(
        '(' +
          scopes
            .map((_, index) => `u.path LIKE ${param(dialect, index + 1)} ESCAPE '\\'`)
            .join(' OR ') +
          ')',
      );
    }
    if (body !== undefined) {
      values.push(body);
      conditions.push(`c.body = ${param(dialect, values.length)}`);
    }
    const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
    const collate = byteOrder(dialect);
    const sql =
      `${COUNCIL_SELECT}${where} ` + `ORDER BY u.path${collate}, c.name${collate}, c.id${collate}`;
    return this.database.read(async (manager) => {
      const rows: CouncilRow[] = await manager.query(sql, values);
      return rows.map(toCouncil);
    });
  }

  councilsOfBodyIn(
    unitIds: readonly string[],
    body: CouncilBody,
  ): Promise<(Council & { unitPath: string })[]> {
    const { dialect } = this.database;
    if (unitIds.length === 0) return Promise.resolve([]);
    const collate = byteOrder(dialect);
    const sql =
      `${COUNCIL_SELECT} WHERE c.body = ${param(dialect, 1)} ` +
      `AND c.unit_id IN (${placeholders(dialect, unitIds.length, 2)}) ` +
      `ORDER BY c.created_at${collate}, c.id${collate}`;
    return this.database.read(async (manager) => {
      const rows: CouncilRow[] = await manager.query(sql, [body, ...unitIds]);
      return rows.map(toCouncil);
    });
  }

  membersOf(councilId: string): Promise<CouncilMember[]> {
    return this.database.read((manager) => this.termsOf(manager, councilId));
  }

  insertMember(
    member: CouncilMember,
    change: AdminChange,
    fits: (terms: CouncilMember[]) => void,
  ): Promise<void> {
    const { dialect } = this.database;
    return this.database.write(async (manager) => {
      fits(await this.lockedTermsOf(manager, member.councilId));
      await manager.query(
        `INSERT INTO council_members (${MEMBER_COLUMNS.join(', ')}) ` +
          `VALUES (${placeholders(dialect, MEMBER_COLUMNS.length)})`,
        [
          member.id,
          member.councilId,
          member.personId,
          member.role,
          member.from,
          member.to,
          member.createdAt,
        ],
      );
      await insertAdminChanges(manager, dialect, [change]);
    });
  }

  endTerm(
    councilId: string,
    memberId: string,
    to: string,
    decide: (term: CouncilMember, others: CouncilMember[]) => AdminChange,
  ): Promise<boolean> {
    const { dialect } = this.database;
    const p = (index: number) => param(dialect, index);
    return this.database.write(async (manager) => {
      const terms = await this.lockedTermsOf(manager, councilId);
      const term = terms.find((other) => other.id === memberId);
      if (term === undefined) return false;
      const change = decide(
        term,
        terms.filter((other) => other.id !== memberId),
      );
      await manager.query(
        `UPDATE council_members SET term_to = ${p(1)} WHERE id = ${p(2)} AND council_id = ${p(3)}`,
        [to, memberId, councilId],
      );
      await insertAdminChanges(manager, dialect, [change]);
      return true;
    });
  }

  /**
   * The council's terms, read after locking its row: on PostgreSQL two writers of one roster wait
   * for each other here; on SQLite the write gate already runs them one after the other.
   */
  private async lockedTermsOf(manager: EntityManager, councilId: string): Promise<CouncilMember[]> {
    const { dialect } = this.database;
    if (dialect === 'postgres') {
      await manager.query(`SELECT id FROM councils WHERE id = ${param(dialect, 1)} FOR UPDATE`, [
        councilId,
      ]);
    }
    return this.termsOf(manager, councilId);
  }

  private async termsOf(manager: EntityManager, councilId: string): Promise<CouncilMember[]> {
    const { dialect } = this.database;
    const rows: MemberRow[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS.join(', ')} FROM council_members ` +
        `WHERE council_id = ${param(dialect, 1)} ` +
        `ORDER BY ${ROLE_RANK}, term_from, created_at, id${byteOrder(dialect)}`,
      [councilId],
    );
    return rows.map(toMember);
  }
}

function toCouncil(row: CouncilRow): Council & { unitPath: string } {
  return {
    id: row.id,
    unitId: row.unit_id,
    name: row.name,
    body: row.body as CouncilBody,
    createdAt: row.created_at,
    unitPath: row.unit_path,
  };
}

function toMember(row: MemberRow): CouncilMember {
  return {
    id: row.id,
    councilId: row.council_id,
    personId: row.person_id,
    role: row.role as CouncilRole,
    from: row.term_from,
    to: row.term_to,
    createdAt: row.created_at,
  };
}
