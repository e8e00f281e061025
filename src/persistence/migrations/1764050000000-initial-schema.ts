import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, role grants, cases, the audit log and idempotency keys. The DDL is written to run
 * unchanged on SQLite and PostgreSQL; only the append-only triggers differ by dialect.
 * Times are ISO-8601 UTC strings (fixed width, so they sort and compare as text on both).
 */
export class InitialSchema1764050000000 implements MigrationInterface {
  name = 'InitialSchema1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id varchar(36) PRIMARY KEY,
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(200) NOT NULL,
        password_hash varchar(255) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE role_grants (
        id varchar(36) PRIMARY KEY,
        user_id varchar(36) NOT NULL REFERENCES users (id),
        role varchar(32) NOT NULL,
        unit_id varchar(36),
        created_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX role_grants_user ON role_grants (user_id)`);
    await queryRunner.query(`
      CREATE TABLE cases (
        id varchar(36) PRIMARY KEY,
        case_type varchar(64) NOT NULL,
        workflow_id varchar(64) NOT NULL,
        workflow_version integer NOT NULL,
        workflow_hash varchar(64) NOT NULL,
        state varchar(64) NOT NULL,
        closed boolean NOT NULL,
        context_json text NOT NULL,
        subject_json text NOT NULL,
        data_json text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        head_hash varchar(64) NOT NULL,
        created_by varchar(36) NOT NULL REFERENCES users (id),
        created_at varchar(24) NOT NULL,
        updated_at varchar(24) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX cases_type_state_id ON cases (case_type, state, id)`);
    await queryRunner.query(`CREATE INDEX cases_state_id ON cases (state, id)`);
    await queryRunner.query(`
      CREATE TABLE case_events (
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        seq integer NOT NULL CHECK (seq >= 1),
        occurred_at varchar(24) NOT NULL,
        actor_user_id varchar(36) NOT NULL,
        actor_username varchar(64) NOT NULL,
        actor_role varchar(32) NOT NULL,
        event_type varchar(64) NOT NULL,
        payload_json text NOT NULL,
        from_state varchar(64),
        to_state varchar(64) NOT NULL,
        workflow_id varchar(64) NOT NULL,
        workflow_version integer NOT NULL,
        workflow_hash varchar(64) NOT NULL,
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id varchar(36) NOT NULL,
        idempotency_key varchar(128) NOT NULL,
        request_hash varchar(64) NOT NULL,
        response_status integer NOT NULL,
        response_json text NOT NULL,
        created_at varchar(24) NOT NULL,
        PRIMARY KEY (user_id, idempotency_key)
      )`);

    // History must not be rewritable even by a bug or a hand-typed SQL statement.
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events
        FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
      await queryRunner.query(`
        CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
        FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`);
    } else {
      for (const operation of ['UPDATE', 'DELETE']) {
        await queryRunner.query(`
          CREATE TRIGGER case_events_no_${operation.toLowerCase()} BEFORE ${operation} ON case_events
          BEGIN SELECT RAISE(ABORT, 'case_events is append-only: ${operation} refused'); END`);
      }
      // INSERT OR REPLACE deletes the old row without firing DELETE triggers (recursive_triggers
      // is off by default), so an insert over an existing (case_id, seq) is refused explicitly.
      await queryRunner.query(`
        CREATE TRIGGER case_events_no_replace BEFORE INSERT ON case_events
        WHEN EXISTS (SELECT 1 FROM case_events WHERE case_id = NEW.case_id AND seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only: REPLACE refused'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'case_events', 'cases', 'role_grants', 'users']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`DROP FUNCTION case_events_append_only()`);
    }
  }
}
