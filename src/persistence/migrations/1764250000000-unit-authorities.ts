import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuing authorities and signers (issue 17, items 1 and 5).
 *
 * - `unit_authorities`: which authority of the rule set a unit acts as (an enterprise's director,
 *   a Party committee's standing committee, a Party cell…) and the number series its decisions
 *   take ("ĐUK" in "12-QĐ/ĐUK"). One row per (unit, authority): ending one sets `active` false and
 *   `ended_at`, recording it again reopens the same row, so a decision's recorded authority always
 *   names a row that still exists. No CHECK on `authority_code`: the codes are the rule set's, which
 *   change by version; the API checks them against the rule set in force.
 * - `signers`: a person (or a name, for a signer outside the registry) signing for one authority of
 *   a unit in a capacity (T/M on behalf of a collective body, KT. for a head, TL. by delegation,
 *   Q. acting, or none: the head in person). Ended, never deleted, for the same reason.
 *
 * Changes of both are written to `admin_changes` on the unit, like the rest of the registry.
 */
export class UnitAuthorities1764250000000 implements MigrationInterface {
  name = 'UnitAuthorities1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit_authorities (
        id varchar(36) PRIMARY KEY,
        unit_id varchar(36) NOT NULL REFERENCES units (id),
        authority_code varchar(64) NOT NULL,
        series_code varchar(32) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at varchar(24) NOT NULL,
        updated_at varchar(24) NOT NULL,
        ended_at varchar(24),
        UNIQUE (unit_id, authority_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE signers (
        id varchar(36) PRIMARY KEY,
        unit_id varchar(36) NOT NULL REFERENCES units (id),
        person_id varchar(36) REFERENCES people (id),
        full_name varchar(300) NOT NULL,
        position_vi varchar(200) NOT NULL,
        position_en varchar(200) NOT NULL,
        authority_code varchar(64) NOT NULL,
        capacity varchar(4) CHECK (capacity IN ('T/M', 'KT.', 'TL.', 'Q.')),
        on_behalf_of varchar(200),
        active boolean NOT NULL DEFAULT true,
        created_at varchar(24) NOT NULL,
        updated_at varchar(24) NOT NULL,
        ended_at varchar(24)
      )`);
    await queryRunner.query(`CREATE INDEX signers_unit ON signers (unit_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE signers`);
    await queryRunner.query(`DROP TABLE unit_authorities`);
  }
}
