import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { AppError } from '../common/errors';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import type { Database } from '../persistence/database';
import type { RateLimitCountersRepository } from '../persistence/repositories/rate-limit-counters.repository';
import { SqlRateLimitCountersRepository } from '../persistence/repositories/sql-rate-limit-counters.repository';

/** The public doors that are limited per client address, each with its own counter. */
export const OBJECTIONS_LIMIT = 'objections';
export const CERTIFICATE_CHECKS_LIMIT = 'certificateChecks';

/**
 * Certificate checks a minute from one address. A constant until the configuration has its own
 * setting (PUBLIC_CERTIFICATE_CHECKS_PER_MINUTE): a person checks one certificate, perhaps a few;
 * a script walking codes is what this stops.
 */
export const CERTIFICATE_CHECKS_PER_MINUTE = 30;

const MINUTE_MS = 60_000;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's storage on the database: every app instance counts in the same row, so N
 * instances behind a load balancer allow the limit once, not N times. One upsert per request.
 */
export class SqlThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly counters: RateLimitCountersRepository,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    const counter = await this.counters.hit(`${throttlerName}:${key}`, now, {
      windowMs: ttl,
      limit,
      blockMs: blockDuration,
    });
    const blocked = counter.blockedUntil > now;
    return {
      totalHits: counter.hits,
      timeToExpire: Math.max(0, Math.ceil((counter.windowEndsAt - now) / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((counter.blockedUntil - now) / 1000) : 0,
    };
  }
}

/** The limits of the public doors, counted in the database (see SqlThrottlerStorage). */
export function publicRateLimits(
  config: AppConfig,
  database: Database,
  clock: Clock,
): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: OBJECTIONS_LIMIT, ttl: MINUTE_MS, limit: config.publicObjectionsPerMinute },
      { name: CERTIFICATE_CHECKS_LIMIT, ttl: MINUTE_MS, limit: CERTIFICATE_CHECKS_PER_MINUTE },
    ],
    storage: new SqlThrottlerStorage(new SqlRateLimitCountersRepository(database), clock),
    // Named limits would answer "Retry-After-objections"; the refusal below says Retry-After.
    setHeaders: false,
  };
}

/**
 * The throttler's guard, refusing with the application's own problem: 429 REQUEST.TOO_MANY in
 * Vietnamese and English, with Retry-After.
 */
@Injectable()
export class PublicRateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AppError(
      'REQUEST.TOO_MANY',
      'rate_limited',
      'Too many requests from your connection: wait a minute, then try again.',
      { retryAfterSeconds: Math.max(1, detail.timeToBlockExpire) },
      {
        vi: 'Có quá nhiều yêu cầu từ kết nối của bạn: vui lòng chờ một phút rồi thử lại.',
        en: 'Too many requests from your connection: wait a minute, then try again.',
      },
    );
  }
}
