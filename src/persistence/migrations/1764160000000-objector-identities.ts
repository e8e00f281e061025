import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only';

/**
 * Personal data by need, and public rate limits shared by every app instance (issue 12):
 * - `objector_identities`: who filed an objection (name, contact), readable by the secretariat and
 *   auditors only. The audit record keeps a commitment (SHA-256 of the identity with the random
 *   nonce kept here), so the chain proves the identity without letting anyone confirm a guessed
 *   name. Not append-only on purpose: erasing a person's identity on request leaves the chain
 *   valid (the commitment says nothing without the row).
 * - `sealed_eligibility_lines`: eligibility lines that describe a violation case some readers of
 *   the nomination may not read, as they were before the record replaced them with a commitment.
 *   Append-only like the records they complete.
 * - `rate_limit_counters`: one fixed-window counter per client and public route, counted by one
 *   upsert per request (a hash of the address, never the address itself).
 */
export class ObjectorIdentities1764160000000 implements MigrationInterface {
  name = 'ObjectorIdentities1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE objector_identities (
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        name varchar(200),
        contact varchar(200),
        nonce varchar(64) NOT NULL,
        commitment varchar(64) NOT NULL,
        in_record boolean NOT NULL,
        filed_at varchar(24) NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE sealed_eligibility_lines (
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        line_index integer NOT NULL,
        rule varchar(200) NOT NULL,
        commitment varchar(64) NOT NULL,
        nonce varchar(64) NOT NULL,
        line_json text NOT NULL,
        source_case_ids_json text NOT NULL,
        PRIMARY KEY (case_id, seq, line_index)
      )`);
    await makeAppendOnly(queryRunner, 'sealed_eligibility_lines', ['case_id', 'seq', 'line_index']);
    await queryRunner.query(`
      CREATE TABLE rate_limit_counters (
        counter_key varchar(128) PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at bigint NOT NULL,
        blocked_until bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_ends_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_counters`);
    await queryRunner.query(`DROP TABLE sealed_eligibility_lines`);
    await queryRunner.query(`DROP TABLE objector_identities`);
  }
}
