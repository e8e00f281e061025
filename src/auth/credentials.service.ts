import { Inject, Injectable } from '@nestjs/common';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import {
  LOGIN_THROTTLE_REPOSITORY,
  type LoginThrottleRepository,
  type LoginThrottleState,
  type ThrottleKey,
} from '../persistence/repositories/login-throttle.repository';
import {
  USERS_REPOSITORY,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { invalidCredentials, temporarilyLocked, wrongCurrentPassword } from './auth.errors';
import { throttleAddressOf, type ClientContext } from './client-context';
import { UNKNOWN_USER_HASH, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';

/** Who locks an account after too many failures (in the account's change log). */
const LOGIN_AUTHOR = { userId: null, username: 'login' };

/*
 * Lockout: the policy.
 *
 * Failures are counted per (username, client address) — an IPv6 client by its /64 — for known
 * and unknown usernames alike, so a lock reveals nothing. LOGIN_MAX_FAILURES consecutive failures
 * lock that pair for LOGIN_LOCKOUT_SECONDS: even the right password is then refused from that
 * address, while the same user from any other address still gets in, and so does a browser
 * holding a live session of that user (its refresh cookie), with the right password. A known
 * browser that gets the password wrong while the pair is locked loses that session, so a copied
 * cookie buys one guess, not unlimited ones. The KDF runs for every attempt that is not refused by
 * the lock. Locking a real account is written to its change log with the client address; an
 * administrator's unlock (POST /users/{id}/unlock) clears every address at once.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttle: LoginThrottleRepository,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Sign-in (bearer token or browser session): the active user with this username and password.
   * `refreshToken` is the browser's refresh cookie, if it sent one: a live session of that user
   * lets it past a lock.
   */
  async signIn(
    username: string,
    password: string,
    client: ClientContext,
    refreshToken: string | undefined,
  ): Promise<StoredUser> {
    const name = username.trim().toLowerCase();
    const key: ThrottleKey = { username: name, clientAddress: throttleAddressOf(client.address) };
    const now = this.clock.now();
    const throttle = await this.throttle.state(key);
    const user = await this.users.findByUsername(name);
    let knownBrowser: string | null = null;
    if (isLocked(throttle, now)) {
      knownBrowser = user ? await this.sessions.knownBrowserOf(refreshToken, user.id) : null;
      if (knownBrowser === null) throw temporarilyLocked(throttle.lockedUntil!, now);
    }
    // Always run the KDF, so a wrong username and a wrong password take the same time.
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || !user.active) {
      await this.countFailure(key, user, now, client);
      if (knownBrowser !== null) await this.sessions.end(knownBrowser, 'failed_while_locked');
      throw invalidCredentials();
    }
    // A known browser let past a lock leaves it in place for whoever else is at that address.
    if (knownBrowser === null) await this.resetIfCounted(key, throttle);
    return user;
  }

  /**
   * A signed-in user proving it is still them (to change their password): the same count and
   * lock as signing in, with no way past a lock, or a stolen session could guess without end.
   */
  async confirmPassword(user: StoredUser, password: string, client: ClientContext): Promise<void> {
    const key: ThrottleKey = {
      username: user.username,
      clientAddress: throttleAddressOf(client.address),
    };
    const now = this.clock.now();
    const throttle = await this.throttle.state(key);
    if (isLocked(throttle, now)) throw temporarilyLocked(throttle.lockedUntil!, now);
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.countFailure(key, user, now, client);
      throw wrongCurrentPassword();
    }
    await this.resetIfCounted(key, throttle);
  }

  private async countFailure(
    key: ThrottleKey,
    user: StoredUser | null,
    now: Date,
    client: ClientContext,
  ): Promise<void> {
    const { maxFailures, lockoutSeconds } = this.config.auth.login;
    const lockUntil = new Date(now.getTime() + lockoutSeconds * 1000).toISOString();
    const at = now.toISOString();
    const lockChange = user
      ? changeRecord(LOGIN_AUTHOR, at, 'user', user.id, 'login_locked', null, {
          lockedUntil: lockUntil,
          afterFailures: maxFailures,
          clientAddress: client.address,
          lockedAddress: key.clientAddress,
        })
      : null;
    await this.throttle.recordFailure(key, at, maxFailures, lockUntil, lockChange);
  }

  private async resetIfCounted(key: ThrottleKey, throttle: LoginThrottleState): Promise<void> {
    if (throttle.failures > 0 || throttle.lockedUntil !== null) await this.throttle.reset(key);
  }
}

function isLocked(throttle: LoginThrottleState, now: Date): boolean {
  return throttle.lockedUntil !== null && throttle.lockedUntil > now.toISOString();
}
