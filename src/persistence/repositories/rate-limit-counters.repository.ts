export const RATE_LIMIT_COUNTERS_REPOSITORY = Symbol('RateLimitCountersRepository');

/** One client's requests to one limited route, in the current window (times in epoch ms). */
export interface RateLimitCounter {
  hits: number;
  windowEndsAt: number;
  /** After the limit was passed: until when every request is refused (0: not blocked). */
  blockedUntil: number;
}

/** A fixed window of `windowMs` allowing `limit` requests; one more blocks for `blockMs`. */
export interface RateLimitWindow {
  windowMs: number;
  limit: number;
  blockMs: number;
}

/**
 * Request counters shared by every app instance on the database, so that N instances do not allow
 * N times the limit.
 */
export interface RateLimitCountersRepository {
  /**
   * Counts one request, atomically (one statement): a new window when the last one ended, and a
   * block once the limit is passed; a request while blocked is not counted.
   */
  hit(key: string, now: number, window: RateLimitWindow): Promise<RateLimitCounter>;
}
