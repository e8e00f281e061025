import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and browser sessions:
 * - `login_throttle` is keyed by (username, client address) instead of the username alone, so
 *   failures from one address lock only that pair and nobody can keep a known user out from
 *   elsewhere. The counters are short-lived, so the old table is dropped rather than converted
 *   (SQLite cannot change a primary key in place): an upgrade forgets the locks in force.
 * - `users.must_change_password`: set on accounts an administrator created or reset.
 * - `sessions`: one row per browser sign-in (the access token names it, so revoking it takes
 *   effect at once); `session_tokens`: the SHA-256 of every refresh token it was given, the
 *   current one with `rotated_at` null, so a replayed old token is recognised and ends the session.
 */
export class AccountsAndSessions1764110000000 implements MigrationInterface {
  name = 'AccountsAndSessions1764110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        username varchar(64) NOT NULL,
        client_address varchar(64) NOT NULL,
        failures integer NOT NULL,
        locked_until varchar(24),
        updated_at varchar(24) NOT NULL,
        PRIMARY KEY (username, client_address)
      )`);
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`
      CREATE TABLE sessions (
        id varchar(36) PRIMARY KEY,
        user_id varchar(36) NOT NULL REFERENCES users (id),
        created_at varchar(24) NOT NULL,
        last_used_at varchar(24) NOT NULL,
        expires_at varchar(24) NOT NULL,
        revoked_at varchar(24),
        revoked_reason varchar(32),
        client_address varchar(64) NOT NULL,
        user_agent varchar(512)
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE session_tokens (
        token_hash varchar(64) PRIMARY KEY,
        session_id varchar(36) NOT NULL REFERENCES sessions (id),
        issued_at varchar(24) NOT NULL,
        rotated_at varchar(24)
      )`);
    await queryRunner.query(`CREATE INDEX session_tokens_session ON session_tokens (session_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session_tokens`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN must_change_password`);
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        username varchar(64) PRIMARY KEY,
        failures integer NOT NULL,
        locked_until varchar(24),
        updated_at varchar(24) NOT NULL
      )`);
  }
}
