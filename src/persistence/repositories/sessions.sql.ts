import type { EntityManager } from 'typeorm';
import type { Dialect } from '../database';
import { param, returnedRows } from '../sql';
import type { SessionEndReason } from './sessions.repository';

/**
 * Ends every open session of a user but `keepSessionId`, inside the caller's transaction (a
 * password change and the end of the sessions it invalidates commit together). Returns how many.
 */
export async function endSessionsOfUser(
  manager: EntityManager,
  dialect: Dialect,
  userId: string,
  at: string,
  reason: SessionEndReason,
  keepSessionId: string | null,
): Promise<number> {
  const p = (index: number) => param(dialect, index);
  const result: unknown = await manager.query(
    `UPDATE sessions SET revoked_at = ${p(1)}, revoked_reason = ${p(2)} ` +
      `WHERE user_id = ${p(3)} AND revoked_at IS NULL AND expires_at > ${p(4)}` +
      (keepSessionId === null ? '' : ` AND id <> ${p(5)}`) +
      ' RETURNING id',
    keepSessionId === null ? [at, reason, userId, at] : [at, reason, userId, at, keepSessionId],
  );
  return returnedRows(result);
}
