import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation: a unit tree (materialised path of ids, so subtree tests are prefix matches),
 * the people registry (with a folded name for diacritics-insensitive search), links from users to
 * people, the unit a case belongs to, and an append-only log of administrative changes.
 */
export class Organisation1764060000000 implements MigrationInterface {
  name = 'Organisation1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE units (
        id varchar(36) PRIMARY KEY,
        code varchar(64) NOT NULL UNIQUE,
        name varchar(300) NOT NULL,
        kind varchar(32) NOT NULL,
        parent_id varchar(36) REFERENCES units (id),
        path varchar(2000) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        created_at varchar(24) NOT NULL,
        updated_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX units_path ON units (path)`);
    await queryRunner.query(`CREATE INDEX units_parent ON units (parent_id)`);
    await queryRunner.query(`
      CREATE TABLE people (
        id varchar(36) PRIMARY KEY,
        code varchar(64) NOT NULL UNIQUE,
        full_name varchar(300) NOT NULL,
        search_name text NOT NULL,
        unit_id varchar(36) NOT NULL REFERENCES units (id),
        position varchar(300),
        date_of_birth varchar(10),
        party_member boolean NOT NULL DEFAULT false,
        party_joined_on varchar(10),
        employment_type varchar(32) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        created_at varchar(24) NOT NULL,
        updated_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX people_unit ON people (unit_id, id)`);
    await queryRunner.query(`CREATE INDEX people_search ON people (search_name)`);
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN person_id varchar(36) REFERENCES people (id)`,
    );
    await queryRunner.query(
      `ALTER TABLE cases ADD COLUMN unit_id varchar(36) REFERENCES units (id)`,
    );
    await queryRunner.query(
      `ALTER TABLE cases ADD COLUMN subject_person_id varchar(36) REFERENCES people (id)`,
    );
    await queryRunner.query(`CREATE INDEX cases_unit ON cases (unit_id, id)`);
    await queryRunner.query(`CREATE INDEX cases_subject_person ON cases (subject_person_id)`);
    await queryRunner.query(`
      CREATE TABLE admin_changes (
        id varchar(36) PRIMARY KEY,
        occurred_at varchar(24) NOT NULL,
        actor_user_id varchar(36),
        actor_username varchar(64) NOT NULL,
        entity varchar(32) NOT NULL,
        entity_id varchar(36) NOT NULL,
        action varchar(32) NOT NULL,
        before_json text,
        after_json text
      )`);
    await queryRunner.query(
      `CREATE INDEX admin_changes_entity ON admin_changes (entity, entity_id, id)`,
    );

    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION refuse_rewriting_history() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER admin_changes_no_update_delete BEFORE UPDATE OR DELETE ON admin_changes
        FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_history()`);
      await queryRunner.query(`
        CREATE TRIGGER admin_changes_no_truncate BEFORE TRUNCATE ON admin_changes
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_history()`);
    } else {
      for (const operation of ['UPDATE', 'DELETE']) {
        await queryRunner.query(`
          CREATE TRIGGER admin_changes_no_${operation.toLowerCase()} BEFORE ${operation} ON admin_changes
          BEGIN SELECT RAISE(ABORT, 'admin_changes is append-only: ${operation} refused'); END`);
      }
      await queryRunner.query(`
        CREATE TRIGGER admin_changes_no_replace BEFORE INSERT ON admin_changes
        WHEN EXISTS (SELECT 1 FROM admin_changes WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'admin_changes is append-only: REPLACE refused'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE admin_changes`);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`DROP FUNCTION refuse_rewriting_history()`);
    }
    await queryRunner.query(`DROP INDEX cases_unit`);
    await queryRunner.query(`DROP INDEX cases_subject_person`);
    for (const [table, column] of [
      ['cases', 'subject_person_id'],
      ['cases', 'unit_id'],
      ['users', 'person_id'],
    ]) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
    await queryRunner.query(`DROP TABLE people`);
    await queryRunner.query(`DROP TABLE units`);
  }
}
