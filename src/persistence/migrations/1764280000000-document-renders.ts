import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `document_renders`: official documents rendered from a template (issue 17, item 4), keyed by
 * the SHA-256 of the renderer, the template file's hash and the document's data, so a key never
 * names two different PDFs and any app instance may serve a row another one wrote. A cache: the
 * case and the audit log prove what a document says; deleting rows loses nothing. Rows older
 * than a few weeks are removed as new ones are stored (`rendered_at`).
 */
export class DocumentRenders1764280000000 implements MigrationInterface {
  name = 'DocumentRenders1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`
      CREATE TABLE document_renders (
        content_key varchar(64) PRIMARY KEY,
        kind varchar(32) NOT NULL,
        pdf ${postgres ? 'bytea' : 'blob'} NOT NULL,
        sha256 varchar(64) NOT NULL,
        rendered_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX document_renders_age ON document_renders (rendered_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE document_renders`);
  }
}
