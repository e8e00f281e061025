import type { AdminChange } from '../../domain/org/change-log';
import { Database, type Dialect } from '../database';
import { param, placeholders, returnedRows } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  SessionByToken,
  SessionEndReason,
  SessionsRepository,
  StoredSession,
} from './sessions.repository';

interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  client_address: string;
  user_agent: string | null;
  rotated_at?: string | null;
}

const SESSION_COLUMNS =
  's.id, s.user_id, s.created_at, s.last_used_at, s.expires_at, s.revoked_at, s.revoked_reason, ' +
  's.client_address, s.user_agent';

/** Thrown inside a unit of work to undo it: the token was rotated or the session ended meanwhile. */
class LostRace extends Error {}

export class SqlSessionsRepository implements SessionsRepository {
  private readonly dialect: Dialect;

  constructor(private readonly database: Database) {
    this.dialect = database.dialect;
  }

  create(session: StoredSession, tokenHash: string, tokenGeneration: number): Promise<boolean> {
    return this.database.write(async (manager) => {
      // The account as its password was checked, or no session: a password change, reset or
      // deactivation that committed since moved the generation on. On PostgreSQL the row stays
      // share-locked until this commits, so one that has not committed yet waits, then ends this
      // session with the others (on SQLite writes run one at a time anyway).
      const users: { token_generation: number | string }[] = await manager.query(
        `SELECT token_generation FROM users WHERE id = ${param(this.dialect, 1)}` +
          (this.dialect === 'postgres' ? ' FOR SHARE' : ''),
        [session.userId],
      );
      if (users.length === 0 || Number(users[0].token_generation) !== tokenGeneration) return false;
      await manager.query(
        'INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at, ' +
          `revoked_reason, client_address, user_agent) VALUES (${placeholders(this.dialect, 9)})`,
        [
          session.id,
          session.userId,
          session.createdAt,
          session.lastUsedAt,
          session.expiresAt,
          session.revokedAt,
          session.revokedReason,
          session.clientAddress,
          session.userAgent,
        ],
      );
      await manager.query(
        'INSERT INTO session_tokens (token_hash, session_id, issued_at, rotated_at) ' +
          `VALUES (${placeholders(this.dialect, 4)})`,
        [tokenHash, session.id, session.createdAt, null],
      );
      return true;
    });
  }

  findById(id: string): Promise<StoredSession | null> {
    return this.database.read(async (manager) => {
      const rows: SessionRow[] = await manager.query(
        `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ${param(this.dialect, 1)}`,
        [id],
      );
      return rows.length ? toSession(rows[0]) : null;
    });
  }

  findByTokenHash(tokenHash: string): Promise<SessionByToken | null> {
    return this.database.read(async (manager) => {
      const rows: SessionRow[] = await manager.query(
        `SELECT ${SESSION_COLUMNS}, t.rotated_at FROM session_tokens t ` +
          `JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = ${param(this.dialect, 1)}`,
        [tokenHash],
      );
      return rows.length
        ? { session: toSession(rows[0]), rotatedAt: rows[0].rotated_at ?? null }
        : null;
    });
  }

  async rotate(
    sessionId: string,
    currentHash: string,
    nextHash: string,
    use: { at: string; expiresAt: string; clientAddress: string; userAgent: string | null },
  ): Promise<boolean> {
    const p = (index: number) => param(this.dialect, index);
    try {
      await this.database.write(async (manager) => {
        // The session row first: on PostgreSQL its lock orders two refreshes of one session, and
        // the second then finds the token already rotated.
        const touched = await manager.query(
          `UPDATE sessions SET last_used_at = ${p(1)}, expires_at = ${p(2)}, ` +
            `client_address = ${p(3)}, user_agent = ${p(4)} ` +
            `WHERE id = ${p(5)} AND revoked_at IS NULL AND expires_at > ${p(6)} RETURNING id`,
          [use.at, use.expiresAt, use.clientAddress, use.userAgent, sessionId, use.at],
        );
        if (returnedRows(touched) === 0) throw new LostRace();
        const rotated = await manager.query(
          `UPDATE session_tokens SET rotated_at = ${p(1)} ` +
            `WHERE token_hash = ${p(2)} AND session_id = ${p(3)} AND rotated_at IS NULL RETURNING token_hash`,
          [use.at, currentHash, sessionId],
        );
        if (returnedRows(rotated) === 0) throw new LostRace();
        await manager.query(
          'INSERT INTO session_tokens (token_hash, session_id, issued_at, rotated_at) ' +
            `VALUES (${placeholders(this.dialect, 4)})`,
          [nextHash, sessionId, use.at, null],
        );
      });
      return true;
    } catch (error) {
      if (error instanceof LostRace) return false;
      throw error;
    }
  }

  revoke(
    sessionId: string,
    at: string,
    reason: SessionEndReason,
    change: AdminChange | null,
  ): Promise<boolean> {
    const p = (index: number) => param(this.dialect, index);
    return this.database.write(async (manager) => {
      const ended = await manager.query(
        `UPDATE sessions SET revoked_at = ${p(1)}, revoked_reason = ${p(2)} ` +
          `WHERE id = ${p(3)} AND revoked_at IS NULL RETURNING id`,
        [at, reason, sessionId],
      );
      if (returnedRows(ended) === 0) return false;
      if (change) await insertAdminChanges(manager, this.dialect, [change]);
      return true;
    });
  }
}

function toSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason as StoredSession['revokedReason'],
    clientAddress: row.client_address,
    userAgent: row.user_agent,
  };
}
