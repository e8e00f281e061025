import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { Database, type Dialect } from '../persistence/database';
import { writeWithNext } from '../persistence/fewer-round-trips';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import type { CaseTransaction } from '../persistence/repositories/cases.repository';
import { param, placeholders } from '../persistence/sql';
import { NotificationSettings } from './notification-settings';
import type { NotificationRecipients, NotificationRequest } from './notification-request';

/** The columns a notification row is inserted with (see enqueueWith). */
const INSERT_COLUMNS = [
  'id',
  'user_id',
  'kind',
  'case_id',
  'subject_vi',
  'subject_en',
  'body_vi',
  'body_en',
  'created_at',
  'email_status',
  'email_attempts',
  'email_next_attempt_at',
] as const;

/**
 * How much of a UUIDv7 a batch of rows shares: the time and the generator's counter (RFC 9562
 * §6.2 method 1: the uuid package keeps a 32-bit counter in bytes 6-10, which these 26
 * characters end with); the last 10 hex digits (bytes 11-15, random in a single id) become the
 * row's number in the batch. The batch's ids thus sort after every id the process made before
 * and before every id it makes after (a later id has a later time or a higher counter), in the
 * order of the rows, as ids made one by one would.
 */
const BATCH_ID_PREFIX = 26;

/**
 * Writes notifications into the outbox inside the transaction of the event that causes them: one
 * row per recipient, which is at once the in-app message and, when e-mail applies, the pending
 * mail the delivery loop sends after the commit. A refused or rolled-back event leaves no row.
 *
 * Whether a row carries an e-mail is decided here, once: e-mail is configured (SMTP), the
 * recipient has an address, and has not switched e-mail off for this kind. Otherwise 'off'.
 */
@Injectable()
export class NotificationOutbox {
  private readonly dialect: Dialect;

  constructor(
    database: Database,
    private readonly clock: Clock,
    private readonly settings: NotificationSettings,
  ) {
    this.dialect = database.dialect;
  }

  async enqueueIn(tx: CaseTransaction, requests: NotificationRequest[]): Promise<void> {
    if (requests.length === 0) return;
    await this.enqueueWith(sqlManagerOf(tx), requests);
  }

  /** The same, on a manager the caller already holds a transaction on (a scheduler's firing). */
  async enqueueWith(manager: EntityManager, requests: NotificationRequest[]): Promise<void> {
    const now = this.clock.nowIso();
    for (const request of requests) {
      // Placeholders in the order they stand in the text (SQLite's `?` are positional): the row's
      // own values, then the recipients' conditions.
      const p = (index: number) => param(this.dialect, index);
      const values = [
        uuidv7(),
        request.kind,
        request.caseId,
        request.subject.vi,
        request.subject.en,
        request.body.vi,
        request.body.en,
        now,
        // A pending e-mail is due at once.
        now,
      ];
      const recipients = this.recipientRows(request.recipients, request.kind, values.length + 1);
      if (recipients === null) continue;
      const rowNumber = 'row_number() OVER (ORDER BY u.id)';
      const id =
        this.dialect === 'postgres'
          ? `substr(${p(1)}, 1, ${BATCH_ID_PREFIX}) || lpad(to_hex(${rowNumber}), 10, '0')`
          : `substr(${p(1)}, 1, ${BATCH_ID_PREFIX}) || printf('%010x', ${rowNumber})`;
      const wantsEmail = this.wantsEmail();
      // The recipients' rows straight from the query that finds them: one statement however many
      // people it tells. Nothing reads its answer: on PostgreSQL it goes with the transaction's
      // next statement (its COMMIT, after a transition), no round trip of its own.
      await writeWithNext(manager, {
        sql:
          `INSERT INTO notifications (${INSERT_COLUMNS.join(', ')}) ` +
          `SELECT ${id}, u.id, ${placeholders(this.dialect, 7, 2)}, ` +
          `CASE WHEN ${wantsEmail} THEN 'pending' ELSE 'off' END, 0, ` +
          `CASE WHEN ${wantsEmail} THEN ${p(9)} ELSE NULL END ` +
          `FROM ${recipients.from} ORDER BY u.id`,
        values: [...values, ...recipients.values],
      });
    }
  }

  /**
   * Active accounts only, each once, as `users u` joined to their e-mail preference for `kind`
   * (`np`) and filtered, its placeholders numbered from `firstParam`. Null when no one can match.
   */
  private recipientRows(
    recipients: NotificationRecipients,
    kind: string,
    firstParam: number,
  ): { from: string; values: unknown[] } | null {
    const p = (index: number) => param(this.dialect, firstParam - 1 + index);
    const active = `u.active = ${this.dialect === 'postgres' ? 'true' : '1'}`;
    const preference =
      'users u LEFT JOIN notification_preferences np ' +
      `ON np.user_id = u.id AND np.kind = ${p(1)} WHERE ${active}`;
    if (recipients.kind === 'users') {
      const ids = [...new Set(recipients.userIds)];
      if (ids.length === 0) return null;
      return {
        from: `${preference} AND u.id IN (${placeholders(this.dialect, ids.length, firstParam + 1)})`,
        values: [kind, ...ids],
      };
    }
    if (recipients.kind === 'person') {
      return {
        from: `${preference} AND u.person_id = ${p(2)}`,
        values: [kind, recipients.personId],
      };
    }
    if (recipients.roles.length === 0) return null;
    // A grant covers the unit when it is organisation-wide or its unit's path is a prefix of the
    // unit's path (the subtree test of src/domain/org/scope.ts). Such a unit is on the unit's
    // chain of parents, so the grants are looked up by index (role_grants_unit_role) with no unit
    // and at each unit of the chain, the path test then applied to those few: reading every
    // account's grants took 79 ms a notification at 50,000 accounts (SQLite). UNION, not UNION ALL:
    // a parent cycle, which the registry never writes, would end the chain instead of looping.
    const roleCount = recipients.roles.length;
    const roles = (first: number) => placeholders(this.dialect, roleCount, firstParam + first);
    // PostgreSQL plans `IN (subquery)` for the average number of grants a unit has (at 50,000
    // accounts it expected 500 recipients and hashed every account: 15 ms); ANY(ARRAY(…)) finds
    // the recipients first and reads just their accounts, by primary key.
    const [among, amongEnd] = this.dialect === 'postgres' ? ['= ANY (ARRAY(', '))'] : ['IN (', ')'];
    return {
      from:
        `${preference} AND u.id ${among}` +
        'WITH RECURSIVE chain (id, parent_id, path, unit_path) AS (' +
        `SELECT id, parent_id, path, path FROM units WHERE id = ${p(2)} ` +
        'UNION SELECT parent.id, parent.parent_id, parent.path, chain.unit_path FROM chain ' +
        'JOIN units parent ON parent.id = chain.parent_id) ' +
        `SELECT g.user_id FROM role_grants g WHERE g.unit_id IS NULL AND g.role IN (${roles(2)}) ` +
        // CROSS JOIN: SQLite keeps the chain (a few units) outside, whatever it guesses its size.
        'UNION ALL SELECT g.user_id FROM chain CROSS JOIN role_grants g ' +
        `WHERE g.unit_id = chain.id AND g.role IN (${roles(2 + roleCount)}) ` +
        `AND substr(chain.unit_path, 1, length(chain.path)) = chain.path${amongEnd}`,
      values: [kind, recipients.unitId, ...recipients.roles, ...recipients.roles],
    };
  }

  /**
   * Whether a row carries an e-mail: e-mail is configured (SMTP), the recipient has an address,
   * and has not switched e-mail off for this kind (no preference: on).
   */
  private wantsEmail(): string {
    if (!this.settings.emailEnabled) return '1 = 0';
    const off = this.dialect === 'postgres' ? 'false' : '0';
    return `u.email IS NOT NULL AND u.email <> '' AND (np.email IS NULL OR np.email <> ${off})`;
  }
}
