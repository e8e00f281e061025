import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 16): the outbox, which is also the in-app inbox, and each person's e-mail
 * preferences.
 *
 * - `users.email`: where e-mail notifications go; null: none are sent (the inbox still gets them).
 * - `notifications`: one row per recipient, written in the transaction of the event that causes
 *   it. The row is the in-app message (`read_at`), and, when `email_status` is 'pending', a mail
 *   the delivery loop sends after the commit: claimed by setting `claimed_until` (PostgreSQL: with
 *   FOR UPDATE SKIP LOCKED, so two instances never claim the same row), then 'sent', or retried
 *   at `email_next_attempt_at` with back-off until 'dead' (an admin may put it back to 'pending').
 *   'off': no mail (e-mail not configured, no address, or switched off for this kind).
 *   The texts are copied in, not rendered on read: a message says what it said when it was sent.
 * - `notification_preferences`: one row per person and kind they have set; no row: e-mail on.
 *
 * Ids are time-ordered (UUIDv7), so "newest first" is the id order. Indexes: the inbox (user,
 * newest first; unread), the delivery loop (pending by due time) and the
 * admin's outbox (status, newest first).
 */
export class Notifications1764230000000 implements MigrationInterface {
  name = 'Notifications1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN email varchar(254)`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        id varchar(36) PRIMARY KEY,
        user_id varchar(36) NOT NULL REFERENCES users (id),
        kind varchar(32) NOT NULL,
        case_id varchar(36) REFERENCES cases (id),
        subject_vi varchar(500) NOT NULL,
        subject_en varchar(500) NOT NULL,
        body_vi text NOT NULL,
        body_en text NOT NULL,
        created_at varchar(24) NOT NULL,
        read_at varchar(24),
        email_status varchar(8) NOT NULL
          CHECK (email_status IN ('off', 'pending', 'sent', 'dead')),
        email_attempts integer NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
        email_next_attempt_at varchar(24),
        email_last_error varchar(1000),
        email_sent_at varchar(24),
        claimed_until varchar(24)
      )`);
    await queryRunner.query(`CREATE INDEX notifications_inbox ON notifications (user_id, id)`);
    await queryRunner.query(
      `CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_due ON notifications (email_next_attempt_at, id) ` +
        `WHERE email_status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_outbox ON notifications (email_status, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        user_id varchar(36) NOT NULL REFERENCES users (id),
        kind varchar(32) NOT NULL,
        email boolean NOT NULL,
        updated_at varchar(24) NOT NULL,
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_preferences`);
    await queryRunner.query(`DROP TABLE notifications`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
