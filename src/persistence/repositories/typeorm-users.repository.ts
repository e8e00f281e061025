import { In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isRole, type Role } from '../../domain/roles';
import { Database, isUniqueViolation } from '../database';
import { RoleGrantEntity, UserEntity } from '../entities';
import { param } from '../sql';
import type { Page } from './page';
import type { StoredUser, UsersRepository } from './users.repository';

interface UserRoleRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean | number;
  created_at: string;
  role: string | null;
}

export class TypeOrmUsersRepository implements UsersRepository {
  constructor(private readonly database: Database) {}

  count(): Promise<number> {
    return this.database.read((manager) => manager.count(UserEntity));
  }

  /** On every authenticated request: one join in plain SQL (see ../sql.ts). */
  findById(id: string): Promise<StoredUser | null> {
    const sql =
      'SELECT u.id, u.username, u.display_name, u.password_hash, u.active, u.created_at, g.role ' +
      `FROM users u LEFT JOIN role_grants g ON g.user_id = u.id WHERE u.id = ${param(this.database.dialect, 1)}`;
    return this.database.read(async (manager) => {
      const rows: UserRoleRow[] = await manager.query(sql, [id]);
      if (!rows.length) return null;
      const [first] = rows;
      return {
        id: first.id,
        username: first.username,
        displayName: first.display_name,
        passwordHash: first.password_hash,
        active: Boolean(first.active),
        roles: [...new Set(rows.map((row) => row.role).filter(isRole))],
        createdAt: first.created_at,
      };
    });
  }

  findByUsername(username: string): Promise<StoredUser | null> {
    return this.findOne({ username });
  }

  async create(user: StoredUser): Promise<boolean> {
    try {
      await this.database.write(async (manager) => {
        await manager.insert(UserEntity, {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          passwordHash: user.passwordHash,
          active: user.active,
          createdAt: user.createdAt,
        });
        for (const role of user.roles) {
          await manager.insert(RoleGrantEntity, {
            id: uuidv7(),
            userId: user.id,
            role,
            unitId: null,
            createdAt: user.createdAt,
          });
        }
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  list(cursor: string | undefined, limit: number): Promise<Page<StoredUser>> {
    return this.database.read(async (manager) => {
      const builder = manager.createQueryBuilder(UserEntity, 'u');
      if (cursor) builder.where('u.id > :cursor', { cursor });
      const rows = await builder
        .orderBy('u.id', 'ASC')
        .limit(limit + 1)
        .getMany();
      const page = rows.slice(0, limit);
      const grants = page.length
        ? await manager.findBy(RoleGrantEntity, { userId: In(page.map((u) => u.id)) })
        : [];
      const items = page.map((row) =>
        toStoredUser(
          row,
          grants.filter((g) => g.userId === row.id),
        ),
      );
      return { items, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    });
  }

  private findOne(where: { username: string }): Promise<StoredUser | null> {
    return this.database.read(async (manager) => {
      const row = await manager.findOneBy(UserEntity, where);
      if (!row) return null;
      const grants = await manager.findBy(RoleGrantEntity, { userId: row.id });
      return toStoredUser(row, grants);
    });
  }
}

function toStoredUser(row: UserEntity, grants: RoleGrantEntity[]): StoredUser {
  const roles = [...new Set(grants.map((g) => g.role).filter(isRole))] as Role[];
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    active: Boolean(row.active),
    roles,
    createdAt: row.createdAt,
  };
}
