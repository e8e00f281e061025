import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only';

/**
 * The auditors' side of the audit trail:
 * - `audit_checkpoints` and `audit_checkpoint_heads`: signed Merkle checkpoints over every case's
 *   chain head (see src/domain/audit/checkpoint.ts). The heads carry no foreign key to `cases`:
 *   they must outlive a case deleted behind the engine's back, which is what they are there to
 *   reveal.
 * - `audit_reads`: who looked at what (every auditor search, history read and export).
 * All three are append-only, like `case_events`. Indexes serve the history search by time and
 * actor.
 */
export class AuditTrail1764100000000 implements MigrationInterface {
  name = 'AuditTrail1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_checkpoints (
        seq integer PRIMARY KEY CHECK (seq >= 1),
        at varchar(24) NOT NULL,
        case_count integer NOT NULL,
        event_count bigint NOT NULL,
        root varchar(64) NOT NULL,
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL,
        signature text,
        key_id varchar(16)
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint_heads (
        checkpoint_seq integer NOT NULL REFERENCES audit_checkpoints (seq),
        case_id varchar(36) NOT NULL,
        seq integer NOT NULL,
        hash varchar(64) NOT NULL,
        PRIMARY KEY (checkpoint_seq, case_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_reads (
        id varchar(36) PRIMARY KEY,
        at varchar(24) NOT NULL,
        user_id varchar(36) NOT NULL,
        username varchar(64) NOT NULL,
        action varchar(32) NOT NULL,
        query_json text NOT NULL,
        result_count integer
      )`);
    await queryRunner.query(`CREATE INDEX audit_reads_user ON audit_reads (user_id, at)`);
    await queryRunner.query(
      `CREATE INDEX case_events_time ON case_events (occurred_at, case_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX case_events_actor ON case_events (actor_user_id, occurred_at)`,
    );
    await makeAppendOnly(queryRunner, 'audit_checkpoints', ['seq']);
    await makeAppendOnly(queryRunner, 'audit_checkpoint_heads', ['checkpoint_seq', 'case_id']);
    await makeAppendOnly(queryRunner, 'audit_reads', ['id']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX case_events_actor`);
    await queryRunner.query(`DROP INDEX case_events_time`);
    for (const table of ['audit_reads', 'audit_checkpoint_heads', 'audit_checkpoints']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
