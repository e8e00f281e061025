import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A proposal's two units are found by their place in the tree as it is now, like a case's unit:
 * the paths the proposals table copied when each proposal was opened went stale when a unit moved
 * (the new parent's secretariat did not see the proposals to or from the moved unit, the old
 * parent's still did, and the receiving side's right to record the decision followed the old
 * tree). The copies go; lists and the decision's fact join `units` for the paths, reaching the
 * proposals of a subtree through the units' path index and these two unit indexes.
 */
export class ProposalPathsFromUnits1764310000000 implements MigrationInterface {
  name = 'ProposalPathsFromUnits1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX proposals_out`);
    await queryRunner.query(`DROP INDEX proposals_in`);
    await queryRunner.query(`ALTER TABLE proposals DROP COLUMN proposing_unit_path`);
    await queryRunner.query(`ALTER TABLE proposals DROP COLUMN to_unit_path`);
    await queryRunner.query(`CREATE INDEX proposals_to_unit ON proposals (to_unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX proposals_to_unit`);
    // NOT NULL, as it was. SQLite adds such a column only with a default (for the rows already
    // there, which the UPDATE below fills in) and cannot drop it again without rebuilding the
    // table: there it keeps the default '', which no INSERT of the code before this migration
    // relies on (it always names the column); PostgreSQL drops it.
    await queryRunner.query(
      `ALTER TABLE proposals ADD COLUMN proposing_unit_path varchar(2000) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`ALTER TABLE proposals ADD COLUMN to_unit_path varchar(2000)`);
    await queryRunner.query(
      'UPDATE proposals SET proposing_unit_path = ' +
        '(SELECT path FROM units WHERE units.id = proposals.proposing_unit_id), ' +
        'to_unit_path = (SELECT path FROM units WHERE units.id = proposals.to_unit_id)',
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        `ALTER TABLE proposals ALTER COLUMN proposing_unit_path DROP DEFAULT`,
      );
    }
    await queryRunner.query(`CREATE INDEX proposals_out ON proposals (proposing_unit_path)`);
    await queryRunner.query(`CREATE INDEX proposals_in ON proposals (to_unit_path)`);
  }
}
