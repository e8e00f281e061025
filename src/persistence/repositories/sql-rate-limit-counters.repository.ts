import { Database } from '../database';
import { param } from '../sql';
import type {
  RateLimitCounter,
  RateLimitCountersRepository,
  RateLimitWindow,
} from './rate-limit-counters.repository';

/** How often one instance clears the counters whose window and block have both ended. */
const SWEEP_EVERY_MS = 60_000;

interface CounterRow {
  hits: number | string;
  window_ends_at: number | string;
  blocked_until: number | string;
}

export class SqlRateLimitCountersRepository implements RateLimitCountersRepository {
  private nextSweepAt = 0;

  constructor(private readonly database: Database) {}

  hit(key: string, now: number, window: RateLimitWindow): Promise<RateLimitCounter> {
    const { sql, values } = upsert(this.database.dialect === 'postgres', key, now, window);
    const sweep = now >= this.nextSweepAt;
    if (sweep) this.nextSweepAt = now + SWEEP_EVERY_MS;
    return this.database.write(async (manager) => {
      const rows: CounterRow[] = await manager.query(sql, values);
      if (sweep) {
        const p = (index: number) => param(this.database.dialect, index);
        await manager.query(
          `DELETE FROM rate_limit_counters WHERE window_ends_at <= ${p(1)} AND blocked_until <= ${p(2)}`,
          [now, now],
        );
      }
      return {
        hits: Number(rows[0].hits),
        windowEndsAt: Number(rows[0].window_ends_at),
        blockedUntil: Number(rows[0].blocked_until),
      };
    });
  }
}

/**
 * One upsert: the row lock (PostgreSQL) or the single writer (SQLite) orders concurrent hits, and
 * every SET expression reads the row as it was, so the new count is spelled out where it is used.
 */
function upsert(
  postgres: boolean,
  key: string,
  now: number,
  { windowMs, limit, blockMs }: RateLimitWindow,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  // SQLite's driver has no numbered parameters: each use is a value of its own.
  const named: Record<string, unknown> = { key, now, windowMs, limit, blockMs };
  const v = (name: keyof typeof named) => {
    values.push(named[name]);
    const placeholder = postgres ? `$${values.length}` : '?';
    return name === 'key' ? placeholder : `CAST(${placeholder} AS bigint)`;
  };
  const row = 'rate_limit_counters';
  const blocked = () => `${row}.blocked_until > ${v('now')}`;
  const windowOver = () => `${row}.window_ends_at <= ${v('now')}`;
  const newHits = () => `CASE WHEN ${windowOver()} THEN 1 ELSE ${row}.hits + 1 END`;
  const sql =
    `INSERT INTO ${row} (counter_key, hits, window_ends_at, blocked_until) ` +
    `VALUES (${v('key')}, 1, ${v('now')} + ${v('windowMs')}, ` +
    `CASE WHEN 1 > ${v('limit')} THEN ${v('now')} + ${v('blockMs')} ELSE 0 END) ` +
    `ON CONFLICT (counter_key) DO UPDATE SET ` +
    `hits = CASE WHEN ${blocked()} THEN ${row}.hits ELSE ${newHits()} END, ` +
    `window_ends_at = CASE WHEN ${blocked()} THEN ${row}.window_ends_at ` +
    `WHEN ${windowOver()} THEN ${v('now')} + ${v('windowMs')} ELSE ${row}.window_ends_at END, ` +
    `blocked_until = CASE WHEN ${blocked()} THEN ${row}.blocked_until ` +
    `WHEN ${newHits()} > ${v('limit')} THEN ${v('now')} + ${v('blockMs')} ELSE 0 END ` +
    `RETURNING hits, window_ends_at, blocked_until`;
  return { sql, values };
}
