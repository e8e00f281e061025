import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { v7 as uuidv7 } from 'uuid';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import {
  SESSIONS_REPOSITORY,
  type SessionEndReason,
  type SessionsRepository,
  type StoredSession,
} from '../persistence/repositories/sessions.repository';
import {
  USERS_REPOSITORY,
  type StoredAccount,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { accountChangedDuringSignIn, csrfRefused, sessionEnded } from './auth.errors';
import type { ClientContext } from './client-context';
import { csrfTokenFor, csrfTokenMatches } from './csrf';

/*
 * Browser sessions: the policy.
 *
 * - POST /auth/session checks the password exactly as POST /auth/login does (same lockout) and
 *   starts a session: a row in `sessions` and two HttpOnly, SameSite=Strict cookies.
 * - thidua_access (Path=/api): a JWT of SESSION_ACCESS_TTL_SECONDS (15 min) naming the user, the
 *   session (`sid`) and the user's token generation (`gen`). The guard reads the session row on
 *   every request it authenticates, so ending a session (logout, password change or reset,
 *   deactivation, a grant removed, replayed refresh token) shuts it out at once: one primary-key
 *   read, besides the user's own. The session a password change came from keeps going: the change
 *   answers with a new access cookie of the new generation.
 * - thidua_refresh (Path=/api/v1/auth): 32 random bytes; only its SHA-256 is stored. Each
 *   POST /auth/refresh replaces it (rotation) and moves the session's end to
 *   SESSION_IDLE_TTL_SECONDS (8 h) later, never past SESSION_MAX_TTL_SECONDS (24 h) after the
 *   sign-in. A replaced token presented again ends the whole session (someone copied it), except
 *   within SESSION_REFRESH_GRACE_SECONDS (10 s) of its replacement, when it gets an access token
 *   but no refresh token: two tabs refreshing at once must not sign the user out.
 * - CSRF: a request authenticated by the access cookie with a method other than GET, HEAD or
 *   OPTIONS must carry X-CSRF-Token = HMAC-SHA256(JWT secret, session id), returned by
 *   /auth/session and /auth/refresh. Bearer tokens need none (a browser never adds them by itself).
 */

/** A session's credentials as the controller turns them into cookies and a body. */
export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  accessExpiresIn: number;
  csrfToken: string;
  /** Null for a refresh within the grace window: the browser keeps the newer token it has. */
  refresh: { token: string; expiresInSeconds: number } | null;
}

/** Who ends a session because a replayed refresh token was seen (in the user's change log). */
const SESSION_AUTHOR = { userId: null, username: 'session' };

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class SessionsService {
  private readonly policy: AppConfig['auth']['session'];
  private readonly secret: string;

  constructor(
    @Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly jwt: JwtService,
    config: AppConfig,
  ) {
    this.policy = config.auth.session;
    this.secret = config.auth.jwtSecret;
  }

  async start(user: StoredAccount, client: ClientContext): Promise<IssuedSession> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const session: StoredSession = {
      id: uuidv7(),
      userId: user.id,
      createdAt: now.toISOString(),
      lastUsedAt: now.toISOString(),
      expiresAt: this.endAfterUse(now, now),
      revokedAt: null,
      revokedReason: null,
      clientAddress: client.address,
      userAgent: client.userAgent,
    };
    // The password was checked against the account as read before the KDF ran (a few hundred
    // milliseconds): a change of password, reset or deactivation meanwhile refuses the session.
    if (!(await this.sessions.create(session, sha256(refreshToken), user.tokenGeneration))) {
      throw accountChangedDuringSignIn();
    }
    return this.issue(session, user.tokenGeneration, now, refreshToken);
  }

  /** Rotates the refresh token (see the policy above); refuses with AUTH.SESSION_ENDED. */
  async refresh(
    refreshToken: string | undefined,
    client: ClientContext,
  ): Promise<{ user: StoredAccount; issued: IssuedSession }> {
    if (!refreshToken) throw sessionEnded();
    const tokenHash = sha256(refreshToken);
    // Twice at most: losing the race to a concurrent refresh of the same token makes it a
    // replaced token, which the second pass judges as such.
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = this.clock.now();
      const found = await this.sessions.findByTokenHash(tokenHash);
      if (!found || !this.isLive(found.session, now)) throw sessionEnded();
      const { session, rotatedAt } = found;
      const user = await this.users.findAccountById(session.userId);
      if (!user || !user.active) throw sessionEnded();
      const generation = user.tokenGeneration;

      if (rotatedAt !== null) {
        const graceEnds = Date.parse(rotatedAt) + this.policy.refreshGraceSeconds * 1000;
        if (now.getTime() < graceEnds)
          return { user, issued: await this.issue(session, generation, now, null) };
        await this.endReplayed(session, now, client);
        throw sessionEnded();
      }

      const nextToken = randomBytes(32).toString('base64url');
      const expiresAt = this.endAfterUse(new Date(session.createdAt), now);
      const rotated = await this.sessions.rotate(session.id, tokenHash, sha256(nextToken), {
        at: now.toISOString(),
        expiresAt,
        clientAddress: client.address,
        userAgent: client.userAgent,
      });
      if (rotated) {
        const renewed = { ...session, expiresAt };
        return { user, issued: await this.issue(renewed, generation, now, nextToken) };
      }
    }
    throw sessionEnded();
  }

  /**
   * Ends the session the refresh cookie belongs to. The cookie alone is not enough: the request
   * must carry the session's CSRF token, or another site could sign the user out.
   */
  async logout(refreshToken: string | undefined, csrfToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const found = await this.sessions.findByTokenHash(sha256(refreshToken));
    if (!found || found.session.revokedAt !== null) return;
    if (!csrfTokenMatches(csrfToken, found.session.id, this.secret)) throw csrfRefused();
    await this.sessions.revoke(found.session.id, this.clock.nowIso(), 'logout', null);
  }

  /**
   * A browser past a sign-in lock: true if its refresh cookie is the current one of a live session
   * of `userId`, which then ends, spent on this one attempt. Ending it is the test: of several
   * simultaneous attempts with the same cookie, only one ends the session and gets through.
   */
  async spendKnownBrowser(refreshToken: string | undefined, userId: string): Promise<boolean> {
    const session = await this.liveSessionOf(refreshToken);
    if (session?.userId !== userId) return false;
    return this.sessions.revoke(session.id, this.clock.nowIso(), 'used_past_lock', null);
  }

  /**
   * A new access token for a session that stays open while its user's token generation moved on
   * (the password change it made): no new refresh token, the browser keeps its own.
   */
  async reissueAccess(sessionId: string, user: StoredAccount): Promise<IssuedSession | null> {
    const session = await this.sessions.findById(sessionId);
    const now = this.clock.now();
    if (!session || session.userId !== user.id || !this.isLive(session, now)) return null;
    return this.issue(session, user.tokenGeneration, now, null);
  }

  /** The browser signs in anew: the live session of its current refresh token, if any, ends. */
  async replace(refreshToken: string | undefined): Promise<void> {
    const session = await this.liveSessionOf(refreshToken);
    if (session) await this.end(session.id, 'signed_in_again');
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.revoke(sessionId, this.clock.nowIso(), reason, null);
  }

  /** For the guard: the access token's session is still open and is this user's. */
  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.sessions.findById(sessionId);
    return session !== null && session.userId === userId && this.isLive(session, this.clock.now());
  }

  private async liveSessionOf(refreshToken: string | undefined): Promise<StoredSession | null> {
    if (!refreshToken) return null;
    const found = await this.sessions.findByTokenHash(sha256(refreshToken));
    if (!found || found.rotatedAt !== null || !this.isLive(found.session, this.clock.now())) {
      return null;
    }
    return found.session;
  }

  private async endReplayed(session: StoredSession, now: Date, client: ClientContext) {
    const at = now.toISOString();
    const change = changeRecord(SESSION_AUTHOR, at, 'user', session.userId, 'session_ended', null, {
      sessionId: session.id,
      reason: 'refresh_token_reuse',
      clientAddress: client.address,
    });
    await this.sessions.revoke(session.id, at, 'refresh_token_reuse', change);
  }

  private isLive(session: StoredSession, now: Date): boolean {
    return session.revokedAt === null && session.expiresAt > now.toISOString();
  }

  /** Idle limit from now, capped by the absolute limit from the sign-in. */
  private endAfterUse(createdAt: Date, now: Date): string {
    const idleEnd = now.getTime() + this.policy.idleTtlSeconds * 1000;
    const absoluteEnd = createdAt.getTime() + this.policy.maxTtlSeconds * 1000;
    return new Date(Math.min(idleEnd, absoluteEnd)).toISOString();
  }

  private async issue(
    session: StoredSession,
    tokenGeneration: number,
    now: Date,
    refreshToken: string | null,
  ): Promise<IssuedSession> {
    const remainingSeconds = Math.floor((Date.parse(session.expiresAt) - now.getTime()) / 1000);
    // An access token never outlives its session.
    const accessExpiresIn = Math.max(1, Math.min(this.policy.accessTtlSeconds, remainingSeconds));
    const accessToken = await this.jwt.signAsync(
      { sub: session.userId, sid: session.id, gen: tokenGeneration },
      { expiresIn: accessExpiresIn },
    );
    return {
      sessionId: session.id,
      accessToken,
      accessExpiresIn,
      csrfToken: csrfTokenFor(session.id, this.secret),
      refresh: refreshToken ? { token: refreshToken, expiresInSeconds: remainingSeconds } : null,
    };
  }
}
