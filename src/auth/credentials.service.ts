import { Inject, Injectable, Logger } from '@nestjs/common';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import {
  LOGIN_THROTTLE_REPOSITORY,
  type CountedAttempt,
  type LoginThrottleRepository,
  type ThrottleKey,
} from '../persistence/repositories/login-throttle.repository';
import {
  USERS_REPOSITORY,
  type StoredAccount,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { invalidCredentials, temporarilyLocked, wrongCurrentPassword } from './auth.errors';
import { throttleAddressOf, type ClientContext } from './client-context';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/** Who locks an account after too many failures (in the account's change log). */
const LOGIN_AUTHOR = { userId: null, username: 'login' };

/*
 * Lockout: the policy.
 *
 * Attempts are counted per (username, client address) — an IPv6 client by its /64 — for known
 * and unknown usernames alike, so a lock reveals nothing. Each attempt is counted, in one SQL
 * statement, *before* its password is checked, so a burst of simultaneous guesses (on any number
 * of app instances) gets at most LOGIN_MAX_FAILURES password checks: the attempt numbered
 * LOGIN_MAX_FAILURES is the last one checked, and locks the pair for LOGIN_LOCKOUT_SECONDS unless
 * it succeeds; every attempt after it is refused without running the KDF. A success clears the
 * pair's count. So the right password still works within the limit, and consecutive failures
 * lock the pair as before.
 *
 * A locked pair refuses even the right password from that address, while the same user from any
 * other address still gets in, and so does a browser holding a live session of that user (its
 * refresh cookie), with the right password. That session is spent on the attempt (it ends, right
 * or wrong; a right password starts a new one), atomically, so a copied cookie buys one guess,
 * not one per simultaneous request. Locking a real account is written to its change log with the
 * client address; an administrator's unlock (POST /users/{id}/unlock) clears every address at once.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttle: LoginThrottleRepository,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Sign-in (bearer token or browser session): the active user with this username and password.
   * `refreshToken` is the browser's refresh cookie, if it sent one: a live session of that user
   * lets it past a lock, once.
   */
  async signIn(
    username: string,
    password: string,
    client: ClientContext,
    refreshToken: string | undefined,
  ): Promise<StoredAccount> {
    const name = username.trim().toLowerCase();
    const key = this.keyOf(name, client);
    const now = this.clock.now();
    const attempt = await this.count(key, now);
    const user = await this.users.findAccountByUsername(name);
    const pastLock = !this.allowed(attempt);
    if (pastLock) {
      const spent = user ? await this.sessions.spendKnownBrowser(refreshToken, user.id) : false;
      if (!spent) throw this.locked(attempt, now);
    }
    // Always run the KDF, so a wrong username and a wrong password take the same time.
    const check = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !check.matches || !user.active) {
      if (!pastLock) await this.lockIfLast(attempt, key, user, now, client);
      throw invalidCredentials();
    }
    // A known browser let past a lock leaves it in place for whoever else is at that address.
    if (!pastLock) await this.throttle.reset(key);
    if (check.outdated) await this.rehash(user, password);
    return user;
  }

  /**
   * A signed-in user proving it is still them (to change their password): the same count and
   * lock as signing in, with no way past a lock, or a stolen session could guess without end.
   */
  async confirmPassword(user: StoredUser, password: string, client: ClientContext): Promise<void> {
    const key = this.keyOf(user.username, client);
    const now = this.clock.now();
    const attempt = await this.count(key, now);
    if (!this.allowed(attempt)) throw this.locked(attempt, now);
    if (!(await this.hasher.verify(password, user.passwordHash)).matches) {
      await this.lockIfLast(attempt, key, user, now, client);
      throw wrongCurrentPassword();
    }
    await this.throttle.reset(key);
  }

  private keyOf(username: string, client: ClientContext): ThrottleKey {
    return { username, clientAddress: throttleAddressOf(client.address) };
  }

  private count(key: ThrottleKey, now: Date): Promise<CountedAttempt> {
    const { maxFailures, lockoutSeconds } = this.config.auth.login;
    const lockUntil = new Date(now.getTime() + lockoutSeconds * 1000).toISOString();
    return this.throttle.countAttempt(key, now.toISOString(), maxFailures, lockUntil);
  }

  private allowed(attempt: CountedAttempt): boolean {
    return attempt.number <= this.config.auth.login.maxFailures;
  }

  private locked(attempt: CountedAttempt, now: Date) {
    const lockedUntil =
      attempt.lockedUntil ??
      new Date(now.getTime() + this.config.auth.login.lockoutSeconds * 1000).toISOString();
    return temporarilyLocked(lockedUntil, now);
  }

  /**
   * The last attempt allowed failed: the lock it set stands, and locking a real account goes to
   * its change log.
   */
  private async lockIfLast(
    attempt: CountedAttempt,
    key: ThrottleKey,
    user: StoredUser | null,
    now: Date,
    client: ClientContext,
  ): Promise<void> {
    const { maxFailures } = this.config.auth.login;
    if (attempt.number !== maxFailures || !user || attempt.lockedUntil === null) return;
    await this.throttle.recordLock(
      changeRecord(LOGIN_AUTHOR, now.toISOString(), 'user', user.id, 'login_locked', null, {
        lockedUntil: attempt.lockedUntil,
        afterFailures: maxFailures,
        clientAddress: client.address,
        lockedAddress: key.clientAddress,
      }),
    );
  }

  /**
   * The password was stored under older hashing parameters: store it again under the current
   * ones, now that it is known. A failure here must not refuse a correct sign-in.
   */
  private async rehash(user: StoredUser, password: string): Promise<void> {
    try {
      await this.users.rehashPassword(user.id, user.passwordHash, await this.hasher.hash(password));
    } catch (error) {
      this.logger.warn(`Could not rehash the password of ${user.id}: ${String(error)}`);
    }
  }
}
