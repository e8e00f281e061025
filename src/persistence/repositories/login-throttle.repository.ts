import type { AdminChange } from '../../domain/org/change-log';

export const LOGIN_THROTTLE_REPOSITORY = Symbol('LoginThrottleRepository');

export interface LoginThrottleState {
  failures: number;
  lockedUntil: string | null;
}

export interface LoginThrottleRepository {
  state(username: string): Promise<LoginThrottleState>;
  /**
   * Counts one more failure; at `maxFailures` the username is locked until `lockUntil` and
   * `lockChange` (if given: the user exists) is written to the change log with it.
   */
  recordFailure(
    username: string,
    at: string,
    maxFailures: number,
    lockUntil: string,
    lockChange: AdminChange | null,
  ): Promise<LoginThrottleState>;
  /** A successful login starts the count again. */
  reset(username: string): Promise<void>;
}
