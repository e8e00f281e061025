import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets certificates and their public check stay off the request thread (issue 12):
 * - `certificate_renders`: a certificate's PDF, keyed by a hash of everything it is rendered from
 *   (the decision, the entry, the verify URL, the renderer and its libraries). A key never names
 *   two different PDFs, so any app instance may serve a row another one wrote; a case keeps only
 *   its latest render (a renamed unit gives a new key and replaces the old row), and renders older
 *   than a few weeks are removed as new ones are stored (`rendered_at`).
 * - `case_chain_verifications`: the result of the last full hash-chain check of a case, with the
 *   head (seq and hash) it was made at. The public certificate check reads it while the case's
 *   head is unchanged, and re-checks (in a worker thread) only when the head moved; older results
 *   are re-checked in the background (`verified_at`).
 * Both are caches of what the audit log already proves: deleting their rows loses nothing.
 */
export class CertificateVerifications1764150000000 implements MigrationInterface {
  name = 'CertificateVerifications1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`
      CREATE TABLE certificate_renders (
        content_key varchar(64) PRIMARY KEY,
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        pdf ${postgres ? 'bytea' : 'blob'} NOT NULL,
        rendered_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX certificate_renders_case ON certificate_renders (case_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE case_chain_verifications (
        case_id varchar(36) PRIMARY KEY REFERENCES cases (id),
        head_seq integer NOT NULL,
        head_hash varchar(64) NOT NULL,
        intact boolean NOT NULL,
        checked integer NOT NULL,
        first_bad_seq integer,
        problem varchar(32),
        verified_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX case_chain_verifications_age ON case_chain_verifications (verified_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_chain_verifications`);
    await queryRunner.query(`DROP TABLE certificate_renders`);
  }
}
