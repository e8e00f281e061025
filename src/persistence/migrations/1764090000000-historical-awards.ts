import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards a person or a collective received outside this server's cases (before it was in use, or
 * decided elsewhere), imported from the registers commendation offices keep. Prerequisites such
 * as "three consecutive years of Chiến sĩ thi đua cơ sở" count them alongside awards decided in
 * cases; a revoked one (Law 06/2022 Art 93) counts for nothing, so revocation is a status, never a
 * delete.
 *
 * One award per subject, award and year: a later file naming the same three updates the row. The
 * subject is a person or a unit, each with its own foreign key; a unique index over both nullable
 * columns would let duplicates through (NULLs differ), so each kind has its own partial unique
 * index, which also serves lookups by person or by unit. Partial indexes and CHECK constraints are
 * written identically on SQLite and PostgreSQL.
 */
export class HistoricalAwards1764090000000 implements MigrationInterface {
  name = 'HistoricalAwards1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE historical_awards (
        id varchar(36) PRIMARY KEY,
        subject_kind varchar(8) NOT NULL CHECK (subject_kind IN ('person', 'unit')),
        person_id varchar(36) REFERENCES people (id),
        unit_id varchar(36) REFERENCES units (id),
        award_code varchar(64) NOT NULL,
        year integer NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('granted', 'revoked')),
        decision_number varchar(100),
        decided_on varchar(10),
        revoked_on varchar(10),
        note varchar(1000),
        imported_at varchar(24) NOT NULL,
        imported_by varchar(64) NOT NULL,
        demo boolean NOT NULL DEFAULT false,
        CHECK (
          (subject_kind = 'person' AND person_id IS NOT NULL AND unit_id IS NULL) OR
          (subject_kind = 'unit' AND unit_id IS NOT NULL AND person_id IS NULL)
        ),
        CHECK (revoked_on IS NULL OR status = 'revoked')
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX historical_awards_person
      ON historical_awards (person_id, award_code, year) WHERE person_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX historical_awards_unit
      ON historical_awards (unit_id, award_code, year) WHERE unit_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE historical_awards`);
  }
}
