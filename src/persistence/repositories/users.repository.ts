import type { Role } from '../../domain/roles';
import type { Page } from './page';

export const USERS_REPOSITORY = Symbol('UsersRepository');

export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  active: boolean;
  roles: Role[];
  createdAt: string;
}

export interface UsersRepository {
  count(): Promise<number>;
  findById(id: string): Promise<StoredUser | null>;
  findByUsername(username: string): Promise<StoredUser | null>;
  /** Inserts the user and their role grants together; false if the username is taken. */
  create(user: StoredUser): Promise<boolean>;
  list(cursor: string | undefined, limit: number): Promise<Page<StoredUser>>;
}
