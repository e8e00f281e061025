import type { AdminChange } from '../../domain/org/change-log';
import { Database } from '../database';
import { param, placeholders } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type { LoginThrottleRepository, LoginThrottleState } from './login-throttle.repository';

interface ThrottleRow {
  failures: number | string;
  locked_until: string | null;
}

export class SqlLoginThrottleRepository implements LoginThrottleRepository {
  constructor(private readonly database: Database) {}

  state(username: string): Promise<LoginThrottleState> {
    return this.database.read(async (manager) => {
      const rows: ThrottleRow[] = await manager.query(
        `SELECT failures, locked_until FROM login_throttle WHERE username = ${param(this.database.dialect, 1)}`,
        [username],
      );
      return rows.length ? toState(rows[0]) : { failures: 0, lockedUntil: null };
    });
  }

  recordFailure(
    username: string,
    at: string,
    maxFailures: number,
    lockUntil: string,
    lockChange: AdminChange | null,
  ): Promise<LoginThrottleState> {
    const { dialect } = this.database;
    const p = (index: number) => param(dialect, index);
    return this.database.write(async (manager) => {
      // One statement counts the failure whether or not the username was seen before, so two
      // concurrent failures are both counted.
      const rows: ThrottleRow[] = await manager.query(
        `INSERT INTO login_throttle (username, failures, locked_until, updated_at) ` +
          `VALUES (${placeholders(dialect, 4)}) ON CONFLICT (username) DO UPDATE SET ` +
          `failures = login_throttle.failures + 1, updated_at = ${p(5)} RETURNING failures, locked_until`,
        [username, 1, null, at, at],
      );
      const state = toState(rows[0]);
      if (state.failures < maxFailures) return state;
      await manager.query(
        `UPDATE login_throttle SET failures = 0, locked_until = ${p(1)} WHERE username = ${p(2)}`,
        [lockUntil, username],
      );
      if (lockChange) await insertAdminChanges(manager, dialect, [lockChange]);
      return { failures: 0, lockedUntil: lockUntil };
    });
  }

  reset(username: string): Promise<void> {
    return this.database.write(async (manager) => {
      await manager.query(
        `DELETE FROM login_throttle WHERE username = ${param(this.database.dialect, 1)}`,
        [username],
      );
    });
  }
}

function toState(row: ThrottleRow): LoginThrottleState {
  return { failures: Number(row.failures), lockedUntil: row.locked_until };
}
