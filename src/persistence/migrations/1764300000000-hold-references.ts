import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only';

/**
 * `hold_references`: which violation case a nomination's hold is about. A HOLD (and its RELEASE)
 * names its case by a reference, a commitment to the pair (violation case, nomination) with the
 * random nonce kept here, so that the nomination's readers (its unit's leader, the council's
 * members) learn from its history that a matter holds it, never which case it is (violation cases
 * are need-to-know); a reader who may read the violation case is shown the pair and its nonce,
 * and checks them against the reference the record carries. Append-only like the records it
 * completes.
 */
export class HoldReferences1764300000000 implements MigrationInterface {
  name = 'HoldReferences1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hold_references (
        reference varchar(36) PRIMARY KEY,
        nomination_case_id varchar(36) NOT NULL REFERENCES cases (id),
        violation_case_id varchar(36) NOT NULL REFERENCES cases (id),
        nonce varchar(64) NOT NULL,
        created_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX hold_references_violation ON hold_references (violation_case_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX hold_references_nomination ON hold_references (nomination_case_id)`,
    );
    await makeAppendOnly(queryRunner, 'hold_references', ['reference']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE hold_references`);
  }
}
