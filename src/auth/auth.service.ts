import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import {
  LOGIN_THROTTLE_REPOSITORY,
  type LoginThrottleRepository,
} from '../persistence/repositories/login-throttle.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { UNKNOWN_USER_HASH, verifyPassword } from './password-hasher';
import type { TokenDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password with a memory-hard KDF, and locks a username (known or not, so a lockout
   * reveals nothing) for a while after too many consecutive failures; locking a real account is
   * written to its change log.
   */
  async login(username: string, password: string): Promise<TokenDto> {
    const name = username.trim().toLowerCase();
    const now = this.clock.now();
    const throttle = await this.throttle.state(name);
    if (throttle.lockedUntil !== null && throttle.lockedUntil > now.toISOString()) {
      throw temporarilyLocked(throttle.lockedUntil, now);
    }
    const user = await this.users.findByUsername(name);
    // Always run the KDF, so a wrong username and a wrong password take the same time.
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || !user.active) {
      const { maxFailures, lockoutSeconds } = this.config.auth.login;
      const lockUntil = new Date(now.getTime() + lockoutSeconds * 1000).toISOString();
      const at = now.toISOString();
      const lockChange = user
        ? changeRecord(LOGIN_AUTHOR, at, 'user', user.id, 'login_locked', null, {
            lockedUntil: lockUntil,
            afterFailures: maxFailures,
          })
        : null;
      await this.throttle.recordFailure(name, at, maxFailures, lockUntil, lockChange);
      throw new AppError(
        'AUTH.INVALID_CREDENTIALS',
        'unauthenticated',
        'Wrong username or password.',
        {},
        { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
      );
    }
    if (throttle.failures > 0 || throttle.lockedUntil !== null) await this.throttle.reset(name);
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }
}

const LOGIN_AUTHOR = { userId: null, username: 'login' };

function temporarilyLocked(lockedUntil: string, now: Date): AppError {
  const retryAfterSeconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
  return new AppError(
    'AUTH.TEMPORARILY_LOCKED',
    'rate_limited',
    `Too many failed logins: try again after ${lockedUntil}.`,
    { retryAfterSeconds, lockedUntil },
    {
      vi: `Đăng nhập sai quá nhiều lần: vui lòng thử lại sau ${retryAfterSeconds} giây.`,
      en: `Too many failed logins: try again in ${retryAfterSeconds} seconds.`,
    },
  );
}
