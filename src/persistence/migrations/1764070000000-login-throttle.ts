import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins per username (known or not, so a lockout does not reveal which usernames exist),
 * kept in the database so every app instance sees the same count.
 */
export class LoginThrottle1764070000000 implements MigrationInterface {
  name = 'LoginThrottle1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        username varchar(64) PRIMARY KEY,
        failures integer NOT NULL,
        locked_until varchar(24),
        updated_at varchar(24) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
  }
}
