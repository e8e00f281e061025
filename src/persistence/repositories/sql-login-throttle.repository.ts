import type { AdminChange } from '../../domain/org/change-log';
import { Database } from '../database';
import { byteOrder, param, placeholders } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  LoginThrottleRepository,
  LoginThrottleState,
  ThrottledAddress,
  ThrottleKey,
} from './login-throttle.repository';

interface ThrottleRow {
  client_address?: string;
  failures: number | string;
  locked_until: string | null;
}

export class SqlLoginThrottleRepository implements LoginThrottleRepository {
  constructor(private readonly database: Database) {}

  state(key: ThrottleKey): Promise<LoginThrottleState> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.read(async (manager) => {
      const rows: ThrottleRow[] = await manager.query(
        `SELECT failures, locked_until FROM login_throttle ` +
          `WHERE username = ${p(1)} AND client_address = ${p(2)}`,
        [key.username, key.clientAddress],
      );
      return rows.length ? toState(rows[0]) : { failures: 0, lockedUntil: null };
    });
  }

  recordFailure(
    key: ThrottleKey,
    at: string,
    maxFailures: number,
    lockUntil: string,
    lockChange: AdminChange | null,
  ): Promise<LoginThrottleState> {
    const { dialect } = this.database;
    const p = (index: number) => param(dialect, index);
    return this.database.write(async (manager) => {
      // One statement counts the failure whether or not the pair was seen before, so two
      // concurrent failures are both counted.
      const rows: ThrottleRow[] = await manager.query(
        `INSERT INTO login_throttle (username, client_address, failures, locked_until, updated_at) ` +
          `VALUES (${placeholders(dialect, 5)}) ON CONFLICT (username, client_address) DO UPDATE SET ` +
          `failures = login_throttle.failures + 1, updated_at = ${p(6)} RETURNING failures, locked_until`,
        [key.username, key.clientAddress, 1, null, at, at],
      );
      const state = toState(rows[0]);
      if (state.failures < maxFailures) return state;
      await manager.query(
        `UPDATE login_throttle SET failures = 0, locked_until = ${p(1)} ` +
          `WHERE username = ${p(2)} AND client_address = ${p(3)}`,
        [lockUntil, key.username, key.clientAddress],
      );
      if (lockChange) await insertAdminChanges(manager, dialect, [lockChange]);
      return { failures: 0, lockedUntil: lockUntil };
    });
  }

  reset(key: ThrottleKey): Promise<void> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.write(async (manager) => {
      await manager.query(
        `DELETE FROM login_throttle WHERE username = ${p(1)} AND client_address = ${p(2)}`,
        [key.username, key.clientAddress],
      );
    });
  }

  clearAll(
    username: string,
    describe: (cleared: ThrottledAddress[]) => AdminChange,
  ): Promise<ThrottledAddress[]> {
    const { dialect } = this.database;
    return this.database.write(async (manager) => {
      const rows: ThrottleRow[] = await manager.query(
        `SELECT client_address, failures, locked_until FROM login_throttle ` +
          `WHERE username = ${param(dialect, 1)} ORDER BY client_address${byteOrder(dialect)}`,
        [username],
      );
      await manager.query(`DELETE FROM login_throttle WHERE username = ${param(dialect, 1)}`, [
        username,
      ]);
      const cleared = rows.map((row) => ({ clientAddress: row.client_address!, ...toState(row) }));
      await insertAdminChanges(manager, dialect, [describe(cleared)]);
      return cleared;
    });
  }
}

function toState(row: ThrottleRow): LoginThrottleState {
  return { failures: Number(row.failures), lockedUntil: row.locked_until };
}
