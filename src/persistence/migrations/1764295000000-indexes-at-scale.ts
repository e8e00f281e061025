import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for an organisation of tens of thousands of accounts and hundreds of thousands of cases.
 *
 * A notification finds its recipients without reading every account
 * (src/notifications/notification-outbox.ts). The statement read every active user and, for each,
 * their grants: with 50,000 accounts a notification to three people took 79 ms on SQLite (on the
 * event loop, inside the write gate) and 41 ms on PostgreSQL, against 0.9 and 1.1 ms with ten
 * (`BENCH_ONLY=recipients`).
 * - `role_grants_unit_role`: the grants of a role at one unit (each unit on the case's unit's
 *   chain) or organisation-wide (unit NULL);
 * - `users_person`: a case subject's own accounts.
 *
 * A search of the case list by name (`LIKE '%…%'`, which no index can seek) reads the names
 * alone, not whole rows (typeorm-cases.repository.ts list):
 * - `cases_search`: the folded subject names with their case ids.
 *
 * "My work" (the cases the reader may act on now) looks only among open cases, newest first:
 * - `cases_open`: open or closed, then the id.
 */
export class IndexesAtScale1764295000000 implements MigrationInterface {
  name = 'IndexesAtScale1764295000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX role_grants_unit_role ON role_grants (unit_id, role)`);
    await queryRunner.query(`CREATE INDEX users_person ON users (person_id)`);
    await queryRunner.query(`CREATE INDEX cases_search ON cases (subject_search_name, id)`);
    await queryRunner.query(`CREATE INDEX cases_open ON cases (closed, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_open`);
    await queryRunner.query(`DROP INDEX cases_search`);
    await queryRunner.query(`DROP INDEX users_person`);
    await queryRunner.query(`DROP INDEX role_grants_unit_role`);
  }
}
