import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch } from '../../domain/text/fold';

/** Rows folded per UPDATE batch, so a large office's cases do not load into memory at once. */
const BATCH = 500;

/**
 * What the case lists ("my work", the filters of the case screens) need:
 * - `cases.subject_search_name`: the subject's name folded (no tone marks, lower case, đ → d), so
 *   "nguyen van an" finds "Nguyễn Văn An" on SQLite too, which has no unaccent(). Written with the
 *   case; the subject is a snapshot taken at opening and never changes, so it never goes stale.
 *   Filled here for the cases already opened. The default keeps raw inserts (benchmarks) valid.
 * - an index on (workflow, version, state, id): "cases I can act on" asks for a set of states of
 *   given workflow versions, newest first.
 */
export class CaseLists1764120000000 implements MigrationInterface {
  name = 'CaseLists1764120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const p = (index: number) => (postgres ? `$${index}` : '?');
    await queryRunner.query(
      `ALTER TABLE cases ADD COLUMN subject_search_name text NOT NULL DEFAULT ''`,
    );
    let after = '';
    for (;;) {
      const rows: { id: string; subject_json: string }[] = await queryRunner.query(
        `SELECT id, subject_json FROM cases WHERE id > ${p(1)} ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const name = (JSON.parse(row.subject_json) as { name?: unknown }).name;
        await queryRunner.query(
          `UPDATE cases SET subject_search_name = ${p(1)} WHERE id = ${p(2)}`,
          [typeof name === 'string' ? foldForSearch(name) : '', row.id],
        );
      }
      after = rows[rows.length - 1].id;
    }
    await queryRunner.query(
      `CREATE INDEX cases_workflow_state_id ON cases (workflow_id, workflow_version, state, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_workflow_state_id`);
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN subject_search_name`);
  }
}
