import type { AdminChange } from '../../domain/org/change-log';

export const LOGIN_THROTTLE_REPOSITORY = Symbol('LoginThrottleRepository');

/**
 * Failed logins are counted per username *and* client address: failures from one address lock
 * only that pair, so nobody can keep a known user out by guessing from elsewhere.
 */
export interface ThrottleKey {
  /** Normalised (trimmed, lower case); known or not, so a lock reveals nothing. */
  username: string;
  clientAddress: string;
}

export interface LoginThrottleState {
  failures: number;
  lockedUntil: string | null;
}

/** One (username, address) pair's counter, as an unlock clears it. */
export interface ThrottledAddress extends LoginThrottleState {
  clientAddress: string;
}

export interface LoginThrottleRepository {
  state(key: ThrottleKey): Promise<LoginThrottleState>;
  /**
   * Counts one more failure; at `maxFailures` the pair is locked until `lockUntil` and
   * `lockChange` (if given: the user exists) is written to the change log with it.
   */
  recordFailure(
    key: ThrottleKey,
    at: string,
    maxFailures: number,
    lockUntil: string,
    lockChange: AdminChange | null,
  ): Promise<LoginThrottleState>;
  /** A successful login starts the pair's count again. */
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
