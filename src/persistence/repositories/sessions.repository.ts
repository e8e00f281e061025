import type { AdminChange } from '../../domain/org/change-log';

export const SESSIONS_REPOSITORY = Symbol('SessionsRepository');

/** Why a session ended before it expired (stored, for whoever reads the table). */
export type SessionEndReason =
  | 'logout'
  | 'refresh_token_reuse'
  | 'password_changed'
  | 'password_reset'
  /** Before issue 12: a known browser that got the password wrong while its address was locked. */
  | 'failed_while_locked'
  /** Its refresh cookie let one sign-in attempt past a lock, and was spent on it. */
  | 'used_past_lock'
  | 'signed_in_again'
  | 'deactivated'
  | 'grant_removed';

/** A browser sign-in. Its refresh tokens are stored apart, as SHA-256 hashes only. */
export interface StoredSession {
  id: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string;
  /** When it ends unless refreshed first (sliding, never past the absolute limit). */
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: SessionEndReason | null;
  clientAddress: string;
  userAgent: string | null;
}

/** A refresh token's session, and when the token was replaced by a newer one (null: current). */
export interface SessionByToken {
  session: StoredSession;
  rotatedAt: string | null;
}

export interface SessionsRepository {
  /**
   * A new session with its first refresh token, only if the user's token generation is still
   * `tokenGeneration` (the one read with the password the sign-in checked); false, and nothing
   * written, if it moved on. A change of password committing meanwhile either comes first (false)
   * or waits for this to commit and then ends the new session with the others.
   */
  create(session: StoredSession, tokenHash: string, tokenGeneration: number): Promise<boolean>;
  findById(id: string): Promise<StoredSession | null>;
  findByTokenHash(tokenHash: string): Promise<SessionByToken | null>;
  /**
   * Replaces the current refresh token `currentHash` with `nextHash` and records the use. False
   * (nothing written) if `currentHash` is no longer the session's current token or the session has
   * ended meanwhile: a concurrent refresh won.
   */
  rotate(
    sessionId: string,
    currentHash: string,
    nextHash: string,
    use: { at: string; expiresAt: string; clientAddress: string; userAgent: string | null },
  ): Promise<boolean>;
  /** Ends the session (if not ended already), with the change record that explains it, if any. */
  revoke(
    sessionId: string,
    at: string,
    reason: SessionEndReason,
    change: AdminChange | null,
  ): Promise<boolean>;
}
