import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports run as jobs (issue 12): a row per uploaded file, so that any app instance sharing the
 * database can answer a poll of its progress and report. `heartbeat_at` is renewed by the instance
 * running the job; a job still queued or running whose heartbeat has stopped was interrupted (its
 * instance stopped or died) and is marked failed rather than left running for ever.
 */
export class ImportJobs1764140000000 implements MigrationInterface {
  name = 'ImportJobs1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_jobs (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('units', 'people', 'awards')),
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        status text NOT NULL
          CHECK (status IN ('queued', 'checking', 'applying', 'done', 'failed')),
        skip_invalid boolean NOT NULL,
        started_by_user_id text,
        started_by_username text NOT NULL,
        file_bytes integer NOT NULL CHECK (file_bytes >= 0),
        rows_total integer,
        rows_read integer NOT NULL DEFAULT 0,
        rows_to_write integer,
        rows_written integer NOT NULL DEFAULT 0,
        report_json text,
        problem_json text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        heartbeat_at text NOT NULL,
        finished_at text
      )
    `);
    await queryRunner.query(
      `CREATE INDEX import_jobs_status_heartbeat ON import_jobs (status, heartbeat_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX import_jobs_status_heartbeat`);
    await queryRunner.query(`DROP TABLE import_jobs`);
  }
}
