import type { AdminChange } from '../../domain/org/change-log';

export const LOGIN_THROTTLE_REPOSITORY = Symbol('LoginThrottleRepository');

/**
 * Sign-in attempts are counted per username *and* client address: attempts from one address lock
 * only that pair, so nobody can keep a known user out by guessing from elsewhere.
 */
export interface ThrottleKey {
  /** Normalised (trimmed, lower case); known or not, so a lock reveals nothing. */
  username: string;
  clientAddress: string;
}

export interface LoginThrottleState {
  /** Attempts begun since the pair's last success (or since its last lock ran out). */
  failures: number;
  lockedUntil: string | null;
}

/** One (username, address) pair's counter, as an unlock clears it. */
export interface ThrottledAddress extends LoginThrottleState {
  clientAddress: string;
}

/** An attempt as counted, before its password is checked. */
export interface CountedAttempt {
  /** Its number since the pair's last success: 1 for the first. */
  number: number;
  /** The pair's lock, if any, including one this attempt just set (see countAttempt). */
  lockedUntil: string | null;
}

export interface LoginThrottleRepository {
  state(key: ThrottleKey): Promise<LoginThrottleState>;
  /**
   * Counts one more attempt of the pair, in one statement, before anyone checks its password, so
   * concurrent attempts (on any app instance) each get their own number. A lock that has run out
   * starts the count again at 1. The attempt numbered `maxAttempts` sets the lock until
   * `lockUntil` already: it is the last one allowed, and whatever comes after it waits, whether
   * it then succeeds (the lock is lifted with the count, see reset) or fails (the lock stands).
   */
  countAttempt(
    key: ThrottleKey,
    at: string,
    maxAttempts: number,
    lockUntil: string,
  ): Promise<CountedAttempt>;
  /** The attempt that set the lock failed: the lock stands, and is written to the change log. */
  recordLock(change: AdminChange): Promise<void>;
  /** A successful sign-in starts the pair's count again and lifts a lock its attempt set. */
  reset(key: ThrottleKey): Promise<void>;
  /**
   * Clears every counter and lock of `username` (all addresses) and writes the change record
   * `describe` makes of what was cleared, in one transaction.
   */
  clearAll(
    username: string,
    describe: (cleared: ThrottledAddress[]) => AdminChange,
  ): Promise<ThrottledAddress[]>;
}
