import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only';

/**
 * Councils, their rosters, and secret ballots (issue 13).
 *
 * - `councils`, `council_members`: a unit's council and the terms of its members. Changes to them
 *   go to the append-only `admin_changes` log (entity 'council'), not here.
 * - `ballot_participation`: who took part in the vote on which item. It says nothing about what
 *   they chose.
 * - `sealed_ballots`: while the voting is open, a secret ballot's content (choice and receipt hash)
 *   encrypted with AES-256-GCM; deleted at the close once its content is published.
 * - `ballot_contents`: the published secret ballots: no voter, no time, no sequence. Written only
 *   at the close, all in one transaction, in a shuffled order, so neither their physical order
 *   (PostgreSQL's ctid) nor their transaction (xmin) says who cast them or when.
 * - `open_ballots`: ballots on items the rule set puts to an open vote, with the voter by design.
 *
 * On SQLite the ballot tables are WITHOUT ROWID: a rowid is a counter of insertions, which would
 * number the ballots in the order they were cast. Without it, rows are stored in key order (a
 * random id, a random receipt hash, or the voter's registry id), never in order of arrival.
 */
export class Councils1764180000000 implements MigrationInterface {
  name = 'Councils1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const withoutRowid = queryRunner.connection.options.type === 'postgres' ? '' : ' WITHOUT ROWID';
    await queryRunner.query(`
      CREATE TABLE councils (
        id varchar(36) PRIMARY KEY,
        unit_id varchar(36) NOT NULL REFERENCES units (id),
        name varchar(300) NOT NULL,
        created_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX councils_unit ON councils (unit_id)`);
    await queryRunner.query(`
      CREATE TABLE council_members (
        id varchar(36) PRIMARY KEY,
        council_id varchar(36) NOT NULL REFERENCES councils (id),
        person_id varchar(36) NOT NULL REFERENCES people (id),
        role varchar(16) NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'secretary')),
        term_from varchar(10) NOT NULL,
        term_to varchar(10) CHECK (term_to IS NULL OR term_to >= term_from),
        created_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX council_members_council ON council_members (council_id)`);

    await queryRunner.query(`
      CREATE TABLE ballot_participation (
        session_id varchar(36) NOT NULL REFERENCES cases (id),
        item_case_id varchar(36) NOT NULL REFERENCES cases (id),
        person_id varchar(36) NOT NULL REFERENCES people (id),
        PRIMARY KEY (session_id, item_case_id, person_id)
      )${withoutRowid}`);
    await makeAppendOnly(queryRunner, 'ballot_participation', [
      'session_id',
      'item_case_id',
      'person_id',
    ]);
    await queryRunner.query(`
      CREATE TABLE sealed_ballots (
        id varchar(36) PRIMARY KEY,
        session_id varchar(36) NOT NULL REFERENCES cases (id),
        item_case_id varchar(36) NOT NULL REFERENCES cases (id),
        sealed text NOT NULL
      )${withoutRowid}`);
    await queryRunner.query(`CREATE INDEX sealed_ballots_session ON sealed_ballots (session_id)`);
    await queryRunner.query(`
      CREATE TABLE ballot_contents (
        session_id varchar(36) NOT NULL REFERENCES cases (id),
        item_case_id varchar(36) NOT NULL REFERENCES cases (id),
        receipt_hash varchar(64) NOT NULL,
        choice varchar(8) NOT NULL CHECK (choice IN ('approve', 'reject', 'abstain')),
        PRIMARY KEY (session_id, item_case_id, receipt_hash)
      )${withoutRowid}`);
    await makeAppendOnly(queryRunner, 'ballot_contents', [
      'session_id',
      'item_case_id',
      'receipt_hash',
    ]);
    await queryRunner.query(`
      CREATE TABLE open_ballots (
        session_id varchar(36) NOT NULL REFERENCES cases (id),
        item_case_id varchar(36) NOT NULL REFERENCES cases (id),
        person_id varchar(36) NOT NULL REFERENCES people (id),
        choice varchar(8) NOT NULL CHECK (choice IN ('approve', 'reject', 'abstain')),
        receipt_hash varchar(64) NOT NULL,
        PRIMARY KEY (session_id, item_case_id, person_id)
      )${withoutRowid}`);
    await makeAppendOnly(queryRunner, 'open_ballots', ['session_id', 'item_case_id', 'person_id']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'open_ballots',
      'ballot_contents',
      'sealed_ballots',
      'ballot_participation',
      'council_members',
      'councils',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
