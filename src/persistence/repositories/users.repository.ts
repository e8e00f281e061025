import type { AdminChange } from '../../domain/org/change-log';
import type { ScopedGrant } from '../../domain/org/scope';
import type { Role } from '../../domain/roles';
import type { Page } from './page';

export const USERS_REPOSITORY = Symbol('UsersRepository');

/** A role over a unit subtree (`unitId` null: the whole organisation), with that unit's path. */
export interface StoredGrant extends ScopedGrant {
  id: string;
  createdAt: string;
}

export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  active: boolean;
  /** The person this user is in the registry: they may never act on a case about themselves. */
  personId: string | null;
  /** Where e-mail notifications go; null or absent: none are sent (the inbox still gets them). */
  email?: string | null;
  grants: StoredGrant[];
  /** Every role held anywhere (derived from grants). */
  roles: Role[];
  /**
   * Set when an administrator chose the password (a new account, a reset): until the user picks
   * their own, they may do nothing but change it.
   */
  mustChangePassword: boolean;
  createdAt: string;
}

/**
 * A user as sign-in and the guard need them: with the generation their access tokens must carry.
 * It goes up whenever tokens issued before must stop working (see the token-generations
 * migration), so a token naming an older one is refused.
 */
export interface StoredAccount extends StoredUser {
  tokenGeneration: number;
}

/** A new password (its hash) and whether its owner must replace it at the next sign-in. */
export interface PasswordUpdate {
  passwordHash: string;
  mustChangePassword: boolean;
  /**
   * Written only if the stored hash is still this one: the one the user's current password was
   * checked against (their own change), so a reset or another change committed since is never
   * overwritten. Absent: written whatever is stored (an administrator's reset).
   */
  replacing?: string;
}

/** The sessions a password change ends: all of the user's, or all but the one it came from. */
export interface SessionsToEnd {
  reason: 'password_changed' | 'password_reset';
  keepSessionId: string | null;
}

/** What a password change did: sessions ended, and the generation new tokens must carry. */
export interface PasswordSet {
  sessionsEnded: number;
  tokenGeneration: number;
}

export type UserUpdate = Pick<StoredUser, 'id' | 'displayName' | 'active' | 'personId' | 'email'>;

/** Every write takes the change-log record that explains it and commits both together. */
export interface UsersRepository {
  count(): Promise<number>;
  findById(id: string): Promise<StoredUser | null>;
  findByUsername(username: string): Promise<StoredUser | null>;
  /** The same user, with their current token generation (for signing in and the guard). */
  findAccountById(id: string): Promise<StoredAccount | null>;
  findAccountByUsername(username: string): Promise<StoredAccount | null>;
  list(cursor: string | undefined, limit: number): Promise<Page<StoredUser>>;
  /** False (and nothing written) if the username is taken. */
  create(user: StoredUser, change: AdminChange): Promise<boolean>;
  /**
   * Reads the user and writes what `decide` returns in one unit of work (the row locked on
   * PostgreSQL), so concurrent edits cannot undo each other. Null if there is no such user.
   * A change of `active` either way moves the token generation on (old tokens stop working), and
   * a deactivation ends every browser session of the user, so a later reactivation cannot revive
   * them.
   */
  modify<After extends UserUpdate>(
    id: string,
    decide: (before: StoredUser) => { after: After; change: AdminChange },
  ): Promise<{ before: StoredUser; after: After } | null>;
  addGrant(userId: string, grant: StoredGrant, change: AdminChange): Promise<void>;
  /**
   * False if the user has no such grant. Otherwise the token generation moves on and every
   * browser session of the user ends, in the same transaction: they sign in again with what they
   * still hold.
   */
  removeGrant(userId: string, grantId: string, change: AdminChange): Promise<boolean>;
  /**
   * Stores a new password, moves the token generation on and ends the user's sessions it
   * invalidates, with the change record, in one transaction; `describe` is told how many sessions
   * ended. Null (nothing written) if there is no such user, or if `update.replacing` is no longer
   * the stored hash.
   */
  setPassword(
    userId: string,
    update: PasswordUpdate,
    sessions: SessionsToEnd,
    at: string,
    describe: (sessionsEnded: number) => AdminChange,
  ): Promise<PasswordSet | null>;
  /**
   * The same password stored again under the current hashing parameters (after a successful
   * sign-in, the only moment the password is known). Written only if the stored hash is still
   * `previousHash`, so a password changed meanwhile is never overwritten; no token generation or
   * session changes: it is the same password.
   */
  rehashPassword(userId: string, previousHash: string, passwordHash: string): Promise<boolean>;
}
