import type { EntityManager } from 'typeorm';
import type { AdminChange } from '../../domain/org/change-log';
import { isRole, type Role } from '../../domain/roles';
import { Database, isUniqueViolation, type Dialect } from '../database';
import { param, placeholders, returnedRows } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type { Page } from './page';
import { endSessionsOfUser } from './sessions.sql';
import type {
  PasswordSet,
  PasswordUpdate,
  SessionsToEnd,
  StoredAccount,
  StoredGrant,
  StoredUser,
  UserUpdate,
  UsersRepository,
} from './users.repository';

interface UserGrantRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean | number;
  person_id: string | null;
  email: string | null;
  must_change_password: boolean | number;
  token_generation: number | string;
  created_at: string;
  grant_id: string | null;
  role: string | null;
  unit_id: string | null;
  unit_path: string | null;
  granted_at: string | null;
}

/** One query gives a user and their grants with each grant's unit path (read on every request). */
const USER_WITH_GRANTS =
  'SELECT u.id, u.username, u.display_name, u.password_hash, u.active, u.person_id, u.email, ' +
  'u.must_change_password, u.token_generation, u.created_at, ' +
  'g.id AS grant_id, g.role, g.unit_id, un.path AS unit_path, g.created_at AS granted_at ' +
  'FROM users u LEFT JOIN role_grants g ON g.user_id = u.id LEFT JOIN units un ON un.id = g.unit_id';

export class TypeOrmUsersRepository implements UsersRepository {
  private readonly dialect: Dialect;

  constructor(private readonly database: Database) {
    this.dialect = database.dialect;
  }

  count(): Promise<number> {
    return this.database.read(async (manager) => {
      const rows: { n: number | string }[] = await manager.query('SELECT COUNT(*) AS n FROM users');
      return Number(rows[0].n);
    });
  }

  async findById(id: string): Promise<StoredUser | null> {
    const rows = await this.findRows('u.id', id);
    return rows.length ? toStoredUser(rows) : null;
  }

  async findByUsername(username: string): Promise<StoredUser | null> {
    const rows = await this.findRows('u.username', username);
    return rows.length ? toStoredUser(rows) : null;
  }

  async findAccountById(id: string): Promise<StoredAccount | null> {
    const rows = await this.findRows('u.id', id);
    return rows.length ? toStoredAccount(rows) : null;
  }

  async findAccountByUsername(username: string): Promise<StoredAccount | null> {
    const rows = await this.findRows('u.username', username);
    return rows.length ? toStoredAccount(rows) : null;
  }

  list(cursor: string | undefined, limit: number): Promise<Page<StoredUser>> {
    return this.database.read(async (manager) => {
      const values: unknown[] = cursor ? [cursor, limit + 1] : [limit + 1];
      const ids: { id: string }[] = await manager.query(
        `SELECT id FROM users ${cursor ? `WHERE id > ${param(this.dialect, 1)}` : ''} ` +
          `ORDER BY id LIMIT ${param(this.dialect, values.length)}`,
        values,
      );
      const page = ids.slice(0, limit).map((row) => row.id);
      const rows: UserGrantRow[] = page.length
        ? await manager.query(
            `${USER_WITH_GRANTS} WHERE u.id IN (${placeholders(this.dialect, page.length)}) ORDER BY u.id`,
            page,
          )
        : [];
      const items = page.map((id) => toStoredUser(rows.filter((row) => row.id === id)));
      return { items, nextCursor: ids.length > limit ? page[page.length - 1] : null };
    });
  }

  async create(user: StoredUser, change: AdminChange): Promise<boolean> {
    try {
      await this.database.write(async (manager) => {
        await manager.query(
          'INSERT INTO users (id, username, display_name, password_hash, active, person_id, ' +
            `must_change_password, created_at, email) VALUES (${placeholders(this.dialect, 9)})`,
          [
            user.id,
            user.username,
            user.displayName,
            user.passwordHash,
            user.active,
            user.personId,
            user.mustChangePassword,
            user.createdAt,
            user.email ?? null,
          ],
        );
        for (const grant of user.grants) await this.insertGrant(manager, user.id, grant);
        await insertAdminChanges(manager, this.dialect, [change]);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  modify<After extends UserUpdate>(
    id: string,
    decide: (before: StoredUser) => { after: After; change: AdminChange },
  ): Promise<{ before: StoredUser; after: After } | null> {
    const p = (index: number) => param(this.dialect, index);
    return this.database.write(async (manager) => {
      if (this.dialect === 'postgres') {
        await manager.query(`SELECT id FROM users WHERE id = ${p(1)} FOR UPDATE`, [id]);
      }
      const rows: UserGrantRow[] = await manager.query(`${USER_WITH_GRANTS} WHERE u.id = ${p(1)}`, [
        id,
      ]);
      if (!rows.length) return null;
      const before = toStoredUser(rows);
      const { after, change } = decide(before);
      const activeChanged = before.active !== after.active;
      await manager.query(
        `UPDATE users SET display_name = ${p(1)}, active = ${p(2)}, person_id = ${p(3)}, ` +
          `email = ${p(4)}` +
          (activeChanged ? ', token_generation = token_generation + 1' : '') +
          ` WHERE id = ${p(5)}`,
        [after.displayName, after.active, after.personId, after.email ?? null, id],
      );
      if (activeChanged && !after.active) {
        await endSessionsOfUser(manager, this.dialect, id, change.at, 'deactivated', null);
      }
      await insertAdminChanges(manager, this.dialect, [change]);
      return { before, after };
    });
  }

  addGrant(userId: string, grant: StoredGrant, change: AdminChange): Promise<void> {
    return this.database.write(async (manager) => {
      await this.insertGrant(manager, userId, grant);
      await insertAdminChanges(manager, this.dialect, [change]);
    });
  }

  removeGrant(userId: string, grantId: string, change: AdminChange): Promise<boolean> {
    return this.database.write(async (manager) => {
      const removed: unknown[] = await manager.query(
        `DELETE FROM role_grants WHERE id = ${param(this.dialect, 1)} AND user_id = ${param(this.dialect, 2)} RETURNING id`,
        [grantId, userId],
      );
      if (returnedRows(removed) === 0) return false;
      await this.bumpTokenGeneration(manager, userId);
      await endSessionsOfUser(manager, this.dialect, userId, change.at, 'grant_removed', null);
      await insertAdminChanges(manager, this.dialect, [change]);
      return true;
    });
  }

  setPassword(
    userId: string,
    update: PasswordUpdate,
    sessions: SessionsToEnd,
    at: string,
    describe: (sessionsEnded: number) => AdminChange,
  ): Promise<PasswordSet | null> {
    const p = (index: number) => param(this.dialect, index);
    return this.database.write(async (manager) => {
      const conditional = update.replacing !== undefined;
      const updated: unknown = await manager.query(
        `UPDATE users SET password_hash = ${p(1)}, must_change_password = ${p(2)}, ` +
          `token_generation = token_generation + 1 WHERE id = ${p(3)}` +
          (conditional ? ` AND password_hash = ${p(4)}` : '') +
          ' RETURNING token_generation',
        conditional
          ? [update.passwordHash, update.mustChangePassword, userId, update.replacing]
          : [update.passwordHash, update.mustChangePassword, userId],
      );
      const [row] = rowsOf<{ token_generation: number | string }>(updated);
      if (!row) return null;
      const sessionsEnded = await endSessionsOfUser(
        manager,
        this.dialect,
        userId,
        at,
        sessions.reason,
        sessions.keepSessionId,
      );
      await insertAdminChanges(manager, this.dialect, [describe(sessionsEnded)]);
      return { sessionsEnded, tokenGeneration: Number(row.token_generation) };
    });
  }

  rehashPassword(userId: string, previousHash: string, passwordHash: string): Promise<boolean> {
    const p = (index: number) => param(this.dialect, index);
    return this.database.write(async (manager) => {
      const updated: unknown = await manager.query(
        `UPDATE users SET password_hash = ${p(1)} WHERE id = ${p(2)} AND password_hash = ${p(3)} ` +
          'RETURNING id',
        [passwordHash, userId, previousHash],
      );
      return returnedRows(updated) > 0;
    });
  }

  private async bumpTokenGeneration(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE users SET token_generation = token_generation + 1 WHERE id = ${param(this.dialect, 1)}`,
      [userId],
    );
  }

  private async insertGrant(manager: EntityManager, userId: string, grant: StoredGrant) {
    await manager.query(
      `INSERT INTO role_grants (id, user_id, role, unit_id, created_at) VALUES (${placeholders(this.dialect, 5)})`,
      [grant.id, userId, grant.role, grant.unitId, grant.createdAt],
    );
  }

  private findRows(column: 'u.id' | 'u.username', value: string): Promise<UserGrantRow[]> {
    return this.database.read(
      (manager) =>
        manager.query(`${USER_WITH_GRANTS} WHERE ${column} = ${param(this.dialect, 1)}`, [
          value,
        ]) as Promise<UserGrantRow[]>,
    );
  }
}

const UNREACHABLE_SCOPE = '/(unit not found)/';

/** The rows an UPDATE … RETURNING gave back (`[rows, count]` on PostgreSQL, rows on SQLite). */
function rowsOf<Row>(result: unknown): Row[] {
  if (!Array.isArray(result)) return [];
  return (Array.isArray(result[0]) ? result[0] : result) as Row[];
}

function toStoredAccount(rows: UserGrantRow[]): StoredAccount {
  return { ...toStoredUser(rows), tokenGeneration: Number(rows[0].token_generation) };
}

function toStoredUser(rows: UserGrantRow[]): StoredUser {
  const [first] = rows;
  const grants: StoredGrant[] = rows
    .filter((row) => row.grant_id !== null && isRole(row.role))
    .map((row) => ({
      id: row.grant_id!,
      role: row.role as Role,
      unitId: row.unit_id,
      // A grant whose unit cannot be found covers nothing (fail closed, never organisation-wide).
      scope: row.unit_id === null ? null : (row.unit_path ?? UNREACHABLE_SCOPE),
      createdAt: row.granted_at!,
    }));
  return {
    id: first.id,
    username: first.username,
    displayName: first.display_name,
    passwordHash: first.password_hash,
    active: Boolean(first.active),
    personId: first.person_id,
    email: first.email ?? null,
    mustChangePassword: Boolean(first.must_change_password),
    grants,
    roles: [...new Set(grants.map((grant) => grant.role))],
    createdAt: first.created_at,
  };
}
