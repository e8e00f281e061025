import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the exact order of every paged read of the audit trail (issue 18, item 8), so a page
 * is an index range read of its own size instead of a full scan and sort of `case_events` (on
 * PostgreSQL the export took 25k records 3 s, 1M about 10 minutes: each page sorted the table).
 *
 * Those reads sort case ids in byte order (src/persistence/sql.ts byteOrder), which on PostgreSQL
 * is `COLLATE "C"`: an index in the database's default collation (whatever it is, even C.UTF-8)
 * cannot serve it. So, on PostgreSQL:
 * - the export's order, (case_id, seq) in bytes: the primary key is in the default collation;
 * - the history search's order, (occurred_at, case_id, seq) in bytes, replacing the
 *   default-collation index of the same columns (nothing else reads it);
 * - the search by actor, (actor_user_id, occurred_at, case_id, seq), replacing
 *   (actor_user_id, occurred_at), which left each page to sort the actor's records.
 * On SQLite, which compares bytes already, the primary key and the time index serve the first
 * two; only the actor index changes.
 */
export class AuditExportIndexes1764285000000 implements MigrationInterface {
  name = 'AuditExportIndexes1764285000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const bytes = queryRunner.connection.options.type === 'postgres' ? ' COLLATE "C"' : '';
    if (bytes !== '') {
      await queryRunner.query(
        `CREATE INDEX case_events_case_bytes ON case_events (case_id${bytes}, seq)`,
      );
      await queryRunner.query(
        `CREATE INDEX case_events_time_bytes ON case_events (occurred_at, case_id${bytes}, seq)`,
      );
      await queryRunner.query(`DROP INDEX case_events_time`);
    }
    await queryRunner.query(
      `CREATE INDEX case_events_actor_time ON case_events ` +
        `(actor_user_id, occurred_at, case_id${bytes}, seq)`,
    );
    await queryRunner.query(`DROP INDEX case_events_actor`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE INDEX case_events_actor ON case_events (actor_user_id, occurred_at)`,
    );
    await queryRunner.query(`DROP INDEX case_events_actor_time`);
    if (postgres) {
      await queryRunner.query(
        `CREATE INDEX case_events_time ON case_events (occurred_at, case_id, seq)`,
      );
      await queryRunner.query(`DROP INDEX case_events_time_bytes`);
      await queryRunner.query(`DROP INDEX case_events_case_bytes`);
    }
  }
}
