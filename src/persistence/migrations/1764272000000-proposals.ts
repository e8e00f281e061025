import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposals to the competent level (issue 17 item 2; workflows/award-proposal.v1.json).
 *
 * - `proposals`: one row per `award_proposal` case, written in its opening transaction: the letter's
 *   number as printed and the sequence it took, the proposing unit, and who it went to (an
 *   authority code of the rule set, and the unit acting as it in this system, or none when the
 *   competent level is outside). The receiving unit's path is kept so "proposals to my units" is a
 *   prefix query, like case scopes. `decided_on` is set in the decision's transaction.
 * - `proposal_sequences`: the letters' own counter per proposing unit and year (not the decision
 *   counter: a tờ trình and a quyết định are numbered apart), incremented in the opening
 *   transaction, never reused.
 */
export class Proposals1764272000000 implements MigrationInterface {
  name = 'Proposals1764272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE proposal_sequences (
        unit_id varchar(36) NOT NULL REFERENCES units (id),
        year integer NOT NULL,
        last_sequence integer NOT NULL CHECK (last_sequence >= 1),
        PRIMARY KEY (unit_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE proposals (
        case_id varchar(36) PRIMARY KEY REFERENCES cases (id),
        number varchar(100) NOT NULL,
        year integer NOT NULL,
        sequence integer NOT NULL CHECK (sequence >= 1),
        format varchar(8) NOT NULL CHECK (format IN ('party', 'state')),
        series varchar(32) NOT NULL,
        proposing_unit_id varchar(36) NOT NULL REFERENCES units (id),
        proposing_unit_path varchar(2000) NOT NULL,
        to_authority varchar(64) NOT NULL,
        to_unit_id varchar(36) REFERENCES units (id),
        to_unit_path varchar(2000),
        nomination_count integer NOT NULL,
        proposed_on varchar(10) NOT NULL,
        proposed_at varchar(24) NOT NULL,
        decided_on varchar(10),
        UNIQUE (proposing_unit_id, year, sequence)
      )`);
    await queryRunner.query(`CREATE INDEX proposals_out ON proposals (proposing_unit_path)`);
    await queryRunner.query(`CREATE INDEX proposals_in ON proposals (to_unit_path)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE proposals`);
    await queryRunner.query(`DROP TABLE proposal_sequences`);
  }
}
