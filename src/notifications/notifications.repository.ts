import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database, type Dialect } from '../persistence/database';
import type { Page } from '../persistence/repositories/page';
import { param, placeholders, updatedRows } from '../persistence/sql';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-request';

export type EmailStatus = 'off' | 'pending' | 'sent' | 'dead';

export interface StoredNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  caseId: string | null;
  subject: { vi: string; en: string };
  body: { vi: string; en: string };
  createdAt: string;
  readAt: string | null;
  email: {
    status: EmailStatus;
    attempts: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    sentAt: string | null;
  };
}

/** An outbox row as the admin sees it: with whom it is for (never the body: it is theirs). */
export interface OutboxEntry extends StoredNotification {
  username: string;
  address: string | null;
  /** The case the message is about, as far as who may read it depends on (null: none, or gone). */
  about: {
    workflowId: string;
    workflowVersion: number;
    unitPath: string | null;
    subjectPersonId: string | null;
  } | null;
}

/** A pending e-mail claimed for one delivery attempt. */
export interface ClaimedEmail {
  id: string;
  /**
   * The claim's end, as written to the row: it also names the claim. A row is claimed again only
   * once its claim ended, and then until a later time, so no two claims of a row carry the same
   * value, and a row still carrying this one is still this claim's.
   */
  claimedUntil: string;
  address: string | null;
  subject: { vi: string; en: string };
  body: { vi: string; en: string };
  attempts: number;
}

interface Row {
  id: string;
  user_id: string;
  kind: NotificationKind;
  case_id: string | null;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  created_at: string;
  read_at: string | null;
  email_status: EmailStatus;
  email_attempts: number | string;
  email_next_attempt_at: string | null;
  email_last_error: string | null;
  email_sent_at: string | null;
}

const COLUMNS =
  'n.id, n.user_id, n.kind, n.case_id, n.subject_vi, n.subject_en, n.body_vi, n.body_en, ' +
  'n.created_at, n.read_at, n.email_status, n.email_attempts, n.email_next_attempt_at, ' +
  'n.email_last_error, n.email_sent_at';

function toNotification(row: Row): StoredNotification {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    caseId: row.case_id,
    subject: { vi: row.subject_vi, en: row.subject_en },
    body: { vi: row.body_vi, en: row.body_en },
    createdAt: row.created_at,
    readAt: row.read_at,
    email: {
      status: row.email_status,
      attempts: Number(row.email_attempts),
      nextAttemptAt: row.email_next_attempt_at,
      lastError: row.email_last_error,
      sentAt: row.email_sent_at,
    },
  };
}

type OutboxRow = Row & {
  username: string;
  address: string | null;
  case_workflow_id: string | null;
  case_workflow_version: number | string | null;
  case_unit_path: string | null;
  case_subject_person_id: string | null;
};

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/**
 * The inbox, the preferences and the delivery loop's side of the `notifications` table (rows are
 * written by NotificationOutbox, in the transaction of their event).
 */
@Injectable()
export class NotificationsRepository {
  private readonly dialect: Dialect;

  constructor(private readonly database: Database) {
    this.dialect = database.dialect;
  }

  private p(index: number): string {
    return param(this.dialect, index);
  }

  /** Newest first; keyset on the time-ordered id. */
  inbox(
    userId: string,
    query: { unreadOnly: boolean; cursor?: string; limit: number },
  ): Promise<Page<StoredNotification>> {
    const values: unknown[] = [userId];
    const conditions = [`n.user_id = ${this.p(1)}`];
    if (query.unreadOnly) conditions.push('n.read_at IS NULL');
    if (query.cursor !== undefined) {
      values.push(query.cursor);
      conditions.push(`n.id < ${this.p(values.length)}`);
    }
    values.push(query.limit + 1);
    const sql =
      `SELECT ${COLUMNS} FROM notifications n WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY n.id DESC LIMIT ${this.p(values.length)}`;
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(sql, values);
      const items = rows.slice(0, query.limit).map(toNotification);
      return {
        items,
        nextCursor: rows.length > query.limit ? items[items.length - 1].id : null,
      };
    });
  }

  unreadCount(userId: string): Promise<number> {
    return this.database.read(async (manager) => {
      const rows: { count: number | string }[] = await manager.query(
        `SELECT COUNT(*) AS count FROM notifications WHERE user_id = ${this.p(1)} ` +
          'AND read_at IS NULL',
        [userId],
      );
      return Number(rows[0].count);
    });
  }

  /** Null if the user has no such notification; reading it twice keeps the first time. */
  markRead(userId: string, id: string, at: string): Promise<StoredNotification | null> {
    return this.database.write(async (manager) => {
      await manager.query(
        `UPDATE notifications SET read_at = ${this.p(1)} WHERE id = ${this.p(2)} ` +
          `AND user_id = ${this.p(3)} AND read_at IS NULL`,
        [at, id, userId],
      );
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM notifications n WHERE n.id = ${this.p(1)} ` +
          `AND n.user_id = ${this.p(2)}`,
        [id, userId],
      );
      return rows.length === 0 ? null : toNotification(rows[0]);
    });
  }

  /** How many were unread. */
  markAllRead(userId: string, at: string): Promise<number> {
    return this.database.write(async (manager) => {
      const counted: { count: number | string }[] = await manager.query(
        `SELECT COUNT(*) AS count FROM notifications WHERE user_id = ${this.p(1)} ` +
          'AND read_at IS NULL',
        [userId],
      );
      await manager.query(
        `UPDATE notifications SET read_at = ${this.p(1)} WHERE user_id = ${this.p(2)} ` +
          'AND read_at IS NULL',
        [at, userId],
      );
      return Number(counted[0].count);
    });
  }

  /** Every kind, e-mail on unless the user switched it off. */
  preferences(userId: string): Promise<Record<NotificationKind, boolean>> {
    return this.database.read(async (manager) => {
      const rows: { kind: string; email: unknown }[] = await manager.query(
        `SELECT kind, email FROM notification_preferences WHERE user_id = ${this.p(1)}`,
        [userId],
      );
      const stored = new Map(rows.map((row) => [row.kind, truthy(row.email)]));
      return Object.fromEntries(
        NOTIFICATION_KINDS.map((kind) => [kind, stored.get(kind) ?? true]),
      ) as Record<NotificationKind, boolean>;
    });
  }

  setPreferences(
    userId: string,
    email: Partial<Record<NotificationKind, boolean>>,
    at: string,
  ): Promise<void> {
    return this.database.write(async (manager) => {
      for (const [kind, wanted] of Object.entries(email)) {
        await manager.query(
          'INSERT INTO notification_preferences (user_id, kind, email, updated_at) ' +
            `VALUES (${placeholders(this.dialect, 4)}) ` +
            'ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email, ' +
            'updated_at = excluded.updated_at',
          [userId, kind, this.dialect === 'postgres' ? wanted : wanted ? 1 : 0, at],
        );
      }
    });
  }

  /** The admin's outbox, newest first, of one e-mail status (or all but 'off'). */
  outbox(query: {
    status?: Exclude<EmailStatus, 'off'>;
    cursor?: string;
    limit: number;
  }): Promise<Page<OutboxEntry>> {
    const values: unknown[] = [];
    const conditions: string[] = [];
    if (query.status !== undefined) {
      values.push(query.status);
      conditions.push(`n.email_status = ${this.p(values.length)}`);
    } else {
      conditions.push("n.email_status <> 'off'");
    }
    if (query.cursor !== undefined) {
      values.push(query.cursor);
      conditions.push(`n.id < ${this.p(values.length)}`);
    }
    values.push(query.limit + 1);
    const sql =
      `SELECT ${COLUMNS}, u.username, u.email AS address, c.workflow_id AS case_workflow_id, ` +
      'c.workflow_version AS case_workflow_version, cu.path AS case_unit_path, ' +
      'c.subject_person_id AS case_subject_person_id FROM notifications n ' +
      'JOIN users u ON u.id = n.user_id LEFT JOIN cases c ON c.id = n.case_id ' +
      `LEFT JOIN units cu ON cu.id = c.unit_id WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY n.id DESC LIMIT ${this.p(values.length)}`;
    return this.database.read(async (manager) => {
      const rows: OutboxRow[] = await manager.query(sql, values);
      const items = rows.slice(0, query.limit).map((row) => ({
        ...toNotification(row),
        username: row.username,
        address: row.address,
        about:
          row.case_workflow_id === null
            ? null
            : {
                workflowId: row.case_workflow_id,
                workflowVersion: Number(row.case_workflow_version),
                unitPath: row.case_unit_path,
                subjectPersonId: row.case_subject_person_id,
              },
      }));
      return {
        items,
        nextCursor: rows.length > query.limit ? items[items.length - 1].id : null,
      };
    });
  }

  findOutboxEntry(id: string): Promise<StoredNotification | null> {
    return this.database.read(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM notifications n WHERE n.id = ${this.p(1)}`,
        [id],
      );
      return rows.length === 0 ? null : toNotification(rows[0]);
    });
  }

  /**
   * A dead e-mail back to pending, due now, attempts reset; in the same transaction `record`
   * writes the admin change log. 'not_found' / 'not_dead' (and nothing written) otherwise.
   */
  retry(
    id: string,
    at: string,
    record: (manager: EntityManager, before: StoredNotification) => Promise<void>,
  ): Promise<'retried' | 'not_found' | 'not_dead'> {
    return this.database.write(async (manager) => {
      const lock = this.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM notifications n WHERE n.id = ${this.p(1)}${lock}`,
        [id],
      );
      if (rows.length === 0) return 'not_found';
      const before = toNotification(rows[0]);
      if (before.email.status !== 'dead') return 'not_dead';
      await manager.query(
        "UPDATE notifications SET email_status = 'pending', email_attempts = 0, " +
          `email_next_attempt_at = ${this.p(1)}, claimed_until = NULL WHERE id = ${this.p(2)}`,
        [at, id],
      );
      await record(manager, before);
      return 'retried';
    });
  }

  /**
   * Claims up to `limit` pending e-mails due at `now` that no one holds, until `claimUntil`, and
   * commits the claim: on PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so two instances
   * racing never claim the same one; on SQLite the single writer serialises the claims.
   */
  claimDue(now: string, claimUntil: string, limit: number): Promise<ClaimedEmail[]> {
    const skipLocked = this.dialect === 'postgres' ? ' FOR UPDATE OF n SKIP LOCKED' : '';
    return this.database.write(async (manager) => {
      const rows: (Row & { address: string | null })[] = await manager.query(
        `SELECT ${COLUMNS}, u.email AS address FROM notifications n ` +
          'JOIN users u ON u.id = n.user_id ' +
          `WHERE n.email_status = 'pending' AND n.email_next_attempt_at <= ${this.p(1)} ` +
          `AND (n.claimed_until IS NULL OR n.claimed_until <= ${this.p(2)}) ` +
          `ORDER BY n.email_next_attempt_at, n.id LIMIT ${this.p(3)}${skipLocked}`,
        [now, now, limit],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.id);
      await manager.query(
        `UPDATE notifications SET claimed_until = ${this.p(1)} ` +
          `WHERE id IN (${placeholders(this.dialect, ids.length, 2)})`,
        [claimUntil, ...ids],
      );
      return rows.map((row) => ({
        id: row.id,
        address: row.address,
        subject: { vi: row.subject_vi, en: row.subject_en },
        body: { vi: row.body_vi, en: row.body_en },
        attempts: Number(row.email_attempts),
        claimedUntil: claimUntil,
      }));
    });
  }

  /**
   * Sent, if the row still carries `email`'s claim (false, and nothing written, if the claim ran
   * out and the row was claimed again meanwhile: the newer claim is left as it is).
   */
  markSent(email: Pick<ClaimedEmail, 'id' | 'claimedUntil'>, at: string): Promise<boolean> {
    return this.updateClaimed(
      "email_status = 'sent', email_sent_at = ?, email_attempts = email_attempts + 1, " +
        'email_last_error = NULL, email_next_attempt_at = NULL',
      [at],
      email,
    );
  }

  /**
   * A failed attempt: due again at `nextAttemptAt`, or dead when that is null; only if the row
   * still carries `email`'s claim, as markSent.
   */
  markFailed(
    email: Pick<ClaimedEmail, 'id' | 'claimedUntil'>,
    error: string,
    nextAttemptAt: string | null,
  ): Promise<boolean> {
    return this.updateClaimed(
      'email_status = ?, email_attempts = email_attempts + 1, email_last_error = ?, ' +
        'email_next_attempt_at = ?',
      [nextAttemptAt === null ? 'dead' : 'pending', error.slice(0, 1000), nextAttemptAt],
      email,
    );
  }

  /** Gives up `email`'s claim unattempted (if the row still carries it): due to anyone again. */
  releaseClaim(email: Pick<ClaimedEmail, 'id' | 'claimedUntil'>): Promise<boolean> {
    return this.updateClaimed('', [], email);
  }

  /** `assignments` (with ? for its values) and the claim cleared, on the row `email` still holds. */
  private updateClaimed(
    assignments: string,
    values: unknown[],
    email: Pick<ClaimedEmail, 'id' | 'claimedUntil'>,
  ): Promise<boolean> {
    let index = 0;
    const set = assignments.replace(/\?/g, () => this.p(++index));
    const sql =
      `UPDATE notifications SET ${set === '' ? '' : `${set}, `}claimed_until = NULL ` +
      `WHERE id = ${this.p(index + 1)} AND email_status = 'pending' ` +
      `AND claimed_until = ${this.p(index + 2)} RETURNING id`;
    return this.database.write(
      async (manager) =>
        (await updatedRows(manager, sql, [...values, email.id, email.claimedUntil])).length > 0,
    );
  }
}
