import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { Database, type Dialect } from '../persistence/database';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import type { CaseTransaction } from '../persistence/repositories/cases.repository';
import { param, placeholders, valueRows } from '../persistence/sql';
import { NotificationSettings } from './notification-settings';
import type { NotificationRecipients, NotificationRequest } from './notification-request';

interface RecipientRow {
  id: string;
  email: string | null;
  email_wanted: unknown;
}

/** Statement parameters of one notification row (see INSERT_COLUMNS). */
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

/** 500 rows of 12 parameters: under SQLite's 32,766 and PostgreSQL's 65,535 a statement. */
const ROWS_PER_INSERT = 500;

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
      const recipients = await this.resolve(manager, request.recipients, request.kind);
      if (recipients.length === 0) continue;
      const rows = recipients.map((recipient) => {
        const wantsEmail =
          this.settings.emailEnabled &&
          recipient.email !== null &&
          recipient.email !== '' &&
          recipient.email_wanted !== false &&
          recipient.email_wanted !== 0;
        return [
          uuidv7(),
          recipient.id,
          request.kind,
          request.caseId,
          request.subject.vi,
          request.subject.en,
          request.body.vi,
          request.body.en,
          now,
          wantsEmail ? 'pending' : 'off',
          0,
          wantsEmail ? now : null,
        ];
      });
      // Every recipient's row in one statement (one round trip on PostgreSQL), in batches that
      // keep under SQLite's and PostgreSQL's limits on a statement's parameters.
      for (let first = 0; first < rows.length; first += ROWS_PER_INSERT) {
        const batch = rows.slice(first, first + ROWS_PER_INSERT);
        await manager.query(
          `INSERT INTO notifications (${INSERT_COLUMNS.join(', ')}) ` +
            `VALUES ${valueRows(this.dialect, batch.length, INSERT_COLUMNS.length)}`,
          batch.flat(),
        );
      }
    }
  }

  /** The accounts linked to a registry person (a case's subject), read in the transaction. */
  async accountsOfPersonIn(tx: CaseTransaction, personId: string): Promise<string[]> {
    const rows: { id: string }[] = await sqlManagerOf(tx).query(
      `SELECT id FROM users WHERE person_id = ${param(this.dialect, 1)} ORDER BY id`,
      [personId],
    );
    return rows.map((row) => row.id);
  }

  /** Active accounts only, each once, with their address and their e-mail preference for `kind`. */
  private async resolve(
    manager: EntityManager,
    recipients: NotificationRecipients,
    kind: string,
  ): Promise<RecipientRow[]> {
    const p = (index: number) => param(this.dialect, index);
    const preference =
      'SELECT u.id, u.email, np.email AS email_wanted FROM users u ' +
      `LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind = ${p(1)} `;
    if (recipients.kind === 'users') {
      const ids = [...new Set(recipients.userIds)];
      if (ids.length === 0) return [];
      return manager.query(
        preference +
          `WHERE u.active = ${this.dialect === 'postgres' ? 'true' : '1'} ` +
          `AND u.id IN (${placeholders(this.dialect, ids.length, 2)}) ORDER BY u.id`,
        [kind, ...ids],
      );
    }
    if (recipients.roles.length === 0) return [];
    // A grant covers the unit when it is organisation-wide or its unit's path is a prefix of the
    // unit's path (the subtree test of src/domain/org/scope.ts, in SQL).
    return manager.query(
      preference +
        `WHERE u.active = ${this.dialect === 'postgres' ? 'true' : '1'} AND EXISTS (` +
        'SELECT 1 FROM role_grants g LEFT JOIN units gu ON gu.id = g.unit_id ' +
        `JOIN units tu ON tu.id = ${p(2)} ` +
        `WHERE g.user_id = u.id AND g.role IN (${placeholders(this.dialect, recipients.roles.length, 3)}) ` +
        'AND (g.unit_id IS NULL OR substr(tu.path, 1, length(gu.path)) = gu.path)' +
        ') ORDER BY u.id',
      [kind, recipients.unitId, ...recipients.roles],
    );
  }
}
