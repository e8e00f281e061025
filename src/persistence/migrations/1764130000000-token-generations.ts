import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user token generations (issue 12):
 * - `users.token_generation`: every access token (bearer or session cookie) carries the value it
 *   was issued under, and the guard refuses one whose value is not the user's current one. It
 *   goes up when the account is deactivated or reactivated, its password is changed or reset, or
 *   a grant is removed, so tokens issued before stop working at once. Tokens issued before this
 *   migration carry none and count as generation 0, the value every account starts from.
 * - The browser sessions of accounts already deactivated are ended here, as deactivation now
 *   does: otherwise a reactivation would let their refresh cookies back in.
 *
 * The login throttle keeps its table: its `failures` column now counts the attempts begun since
 * the last success (counted before the password is checked), with no change of shape.
 */
export class TokenGenerations1764130000000 implements MigrationInterface {
  name = 'TokenGenerations1764130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `UPDATE sessions SET revoked_at = ${postgres ? '$1' : '?'}, revoked_reason = 'deactivated' ` +
        'WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE active = false)',
      [new Date().toISOString()],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN token_generation`);
  }
}
