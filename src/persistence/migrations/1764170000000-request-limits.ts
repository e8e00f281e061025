import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The upload quota (src/uploads/) sums the sizes of the dossier documents one user uploaded in
 * the last 24 hours on every upload: an index on (uploaded_by, uploaded_at) keeps that sum to
 * the user's recent rows. The per-case sum uses case_documents_case. Same DDL on both engines.
 */
export class RequestLimits1764170000000 implements MigrationInterface {
  name = 'RequestLimits1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_documents_uploader ON case_documents (uploaded_by, uploaded_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX case_documents_uploader`);
  }
}
