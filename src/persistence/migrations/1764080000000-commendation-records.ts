import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only';

/**
 * What the commendation workflow needs beside cases and their events:
 * - `case_events.facts_json`: the facts an event was accepted on (eligibility, allocated decision
 *   number…), covered by the record's hash. NULL for records written before facts existed.
 * - `decision_sequences`: the last decision number issued per issuing unit and year; taken and
 *   advanced in the transaction that records the decision, so numbers are unique and gapless.
 * - `case_documents`: uploaded dossier files. Append-only like the events that describe them.
 * - `award_certificates`: the verification code printed on a certificate, resolving to the case
 *   and the audit record of its decision.
 */
export class CommendationRecords1764080000000 implements MigrationInterface {
  name = 'CommendationRecords1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`ALTER TABLE case_events ADD COLUMN facts_json text`);
    await queryRunner.query(`
      CREATE TABLE decision_sequences (
        issuing_unit_id varchar(36) NOT NULL REFERENCES units (id),
        year integer NOT NULL,
        last_sequence integer NOT NULL CHECK (last_sequence >= 1),
        PRIMARY KEY (issuing_unit_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE case_documents (
        id varchar(36) PRIMARY KEY,
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        code varchar(64) NOT NULL,
        file_name varchar(255) NOT NULL,
        media_type varchar(100) NOT NULL,
        size integer NOT NULL,
        sha256 varchar(64) NOT NULL,
        content ${postgres ? 'bytea' : 'blob'} NOT NULL,
        uploaded_by varchar(36) NOT NULL,
        uploaded_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX case_documents_case ON case_documents (case_id)`);
    await queryRunner.query(`
      CREATE TABLE award_certificates (
        verification_code varchar(32) PRIMARY KEY,
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        record_hash varchar(64) NOT NULL,
        issuing_unit_id varchar(36) NOT NULL REFERENCES units (id),
        decision_number varchar(100) NOT NULL,
        issued_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX award_certificates_case ON award_certificates (case_id)`);
    await queryRunner.query(
      `CREATE INDEX award_certificates_decision ON award_certificates (issuing_unit_id, decision_number)`,
    );
    await makeAppendOnly(queryRunner, 'case_documents', ['id']);
    await makeAppendOnly(queryRunner, 'award_certificates', ['verification_code']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['award_certificates', 'case_documents', 'decision_sequences']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE case_events DROP COLUMN facts_json`);
  }
}
