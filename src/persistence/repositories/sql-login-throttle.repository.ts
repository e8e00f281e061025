import type { AdminChange } from '../../domain/org/change-log';
import { Database } from '../database';
import { byteOrder, param } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  CountedAttempt,
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

  countAttempt(
    key: ThrottleKey,
    at: string,
    maxAttempts: number,
    lockUntil: string,
  ): Promise<CountedAttempt> {
    const { dialect } = this.database;
    const values: unknown[] = [];
    // A fresh placeholder for every use of a value, in the order of the text: SQLite's `?` are
    // taken in order.
    const v = (value: unknown) => {
      values.push(value);
      return param(dialect, values.length);
    };
    const old = 'login_throttle';
    // While a lock is in force every attempt is numbered just past the limit (so the number stays
    // bounded); a lock that ran out starts the count again; the attempt that reaches the limit
    // sets the lock.
    const sql =
      'INSERT INTO login_throttle (username, client_address, failures, locked_until, updated_at) ' +
      `VALUES (${v(key.username)}, ${v(key.clientAddress)}, 1, ` +
      `${v(1 >= maxAttempts ? lockUntil : null)}, ${v(at)}) ` +
      'ON CONFLICT (username, client_address) DO UPDATE SET failures = CASE ' +
      `WHEN ${old}.locked_until > ${v(at)} THEN CAST(${v(maxAttempts)} AS integer) + 1 ` +
      `WHEN ${old}.locked_until IS NOT NULL THEN 1 ` +
      `ELSE ${old}.failures + 1 END, locked_until = CASE ` +
      `WHEN ${old}.locked_until > ${v(at)} THEN ${old}.locked_until ` +
      `WHEN ${old}.locked_until IS NULL AND ${old}.failures + 1 >= ${v(maxAttempts)} ` +
      `THEN ${v(lockUntil)} ` +
      `WHEN ${old}.locked_until IS NOT NULL AND 1 >= ${v(maxAttempts)} THEN ${v(lockUntil)} ` +
      `ELSE NULL END, updated_at = ${v(at)} RETURNING failures, locked_until`;
    return this.database.write(async (manager) => {
      const rows: ThrottleRow[] = await manager.query(sql, values);
      const state = toState(rows[0]);
      return { number: state.failures, lockedUntil: state.lockedUntil };
    });
  }

  recordLock(change: AdminChange): Promise<void> {
    return this.database.write((manager) =>
      insertAdminChanges(manager, this.database.dialect, [change]),
    );
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
