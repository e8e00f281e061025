import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Councils of several bodies (issue 14): a violation is voted by a Party cell, a Party committee
 * or a discipline council, each with its own roster and terms, kept like the
 * Emulation-Commendation Council's. Every council so far is an Emulation-Commendation Council.
 *
 * - No CHECK on the code: the list is closed in the domain (council-roster.ts) and checked at the
 *   API; a CHECK would make each body the law adds later a table rebuild on SQLite, where
 *   council_members and the change log point at this table.
 * - One council per (unit, body) for the bodies that vote on violations: the roster a decision is
 *   checked against must not depend on which of two cells was picked. Emulation councils are left
 *   out: units may already hold several (an innovation or science council was set up as one),
 *   and a session names its council by id.
 *
 * Same DDL on both engines (SQLite has partial indexes since 3.8.0).
 */
export class CouncilBodies1764190000000 implements MigrationInterface {
  name = 'CouncilBodies1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE councils ADD COLUMN body varchar(40) NOT NULL DEFAULT 'emulation_council'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX councils_unit_voting_body ON councils (unit_id, body) ` +
        `WHERE body <> 'emulation_council'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX councils_unit_voting_body`);
    await queryRunner.query(`ALTER TABLE councils DROP COLUMN body`);
  }
}
