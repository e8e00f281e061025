import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual ratings register (xếp loại chất lượng, issue 15 item 6): each person's and unit's
 * rating for a year, with the decision or minutes it rests on.
 *
 * - A change keeps the row it replaces: the old row gets `superseded_at` and who superseded it,
 *   the new row is inserted. One current row per (subject, year) is the partial unique index;
 *   every earlier rating stays readable with who entered it, when and on what basis. A rating
 *   withdrawn is superseded by nothing. Kept here rather than in `admin_changes` because the
 *   history of a rating is what a reviewer asks about ("rated good by whom, on which minutes,
 *   before it was changed?") and it is read per subject and year, which this table's index
 *   answers directly.
 * - No foreign key on `subject_id`: it names a person or a unit by `subject_kind`, and registry
 *   rows are never deleted (they are deactivated), so the API's check that the subject exists is
 *   enough. No CHECK on `rating`: the codes are the rule set's, which change by version.
 *
 * Same DDL on both engines (SQLite has partial indexes since 3.8.0).
 */
export class AnnualRatings1764220000000 implements MigrationInterface {
  name = 'AnnualRatings1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE annual_ratings (
        id varchar(36) PRIMARY KEY,
        subject_kind varchar(8) NOT NULL CHECK (subject_kind IN ('person', 'unit')),
        subject_id varchar(36) NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
        rating varchar(64) NOT NULL,
        basis varchar(500) NOT NULL,
        entered_by_user_id varchar(36),
        entered_by varchar(64) NOT NULL,
        entered_at varchar(24) NOT NULL,
        superseded_at varchar(24),
        superseded_by_user_id varchar(36),
        superseded_by varchar(64),
        CHECK ((superseded_at IS NULL) = (superseded_by IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX annual_ratings_current ON annual_ratings ` +
        `(subject_kind, subject_id, year) WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX annual_ratings_history ON annual_ratings ` +
        `(subject_kind, subject_id, year, entered_at)`,
    );
    await queryRunner.query(`CREATE INDEX annual_ratings_year ON annual_ratings (year)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE annual_ratings`);
  }
}
