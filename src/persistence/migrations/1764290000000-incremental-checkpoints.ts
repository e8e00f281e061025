import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 2 checkpoints (src/domain/audit/checkpoint.ts), which fold only the chain heads that
 * changed since the previous checkpoint into a Merkle tree kept on disk, instead of reading every
 * head of the log and writing one row per case per checkpoint:
 *
 * - `checkpoint_pending_heads`: the cases whose head changed since it was last folded, kept by
 *   triggers on `cases` in the transition's own transaction (insert, a new `head_hash`, or the
 *   case deleted: hash NULL). The checkpoint removes a row only where the hash is still the one it
 *   folded, so a transition committing meanwhile (in any order, on PostgreSQL) stays pending.
 *   Backfilled with every case: the first version 2 checkpoint folds them all.
 * - `checkpoint_head_changes`: what each version 2 checkpoint changed (leaf, case, head): the
 *   authority its tree is recomputed from. Append-only once its checkpoint exists; the rows of an
 *   attempt that never wrote its checkpoint may be removed.
 * - `checkpoint_leaves` and `checkpoint_tree_nodes`: the tree as of the last checkpoint (the
 *   leaves' heads, and the hash of every complete subtree above them), a cache of the changes
 *   that the builder rewrites; `checkpoint_tree_state` says which checkpoint it reflects, whether
 *   a builder died half-way through updating it (`dirty`), and who builds now (a lease, so two
 *   app instances never build at once).
 * - `audit_checkpoints.version`: NULL for version 1.
 */
export class IncrementalCheckpoints1764290000000 implements MigrationInterface {
  name = 'IncrementalCheckpoints1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`ALTER TABLE audit_checkpoints ADD COLUMN version integer`);
    await queryRunner.query(`
      CREATE TABLE checkpoint_pending_heads (
        case_id varchar(36) PRIMARY KEY,
        hash varchar(64)
      )`);
    await queryRunner.query(`
      CREATE TABLE checkpoint_head_changes (
        checkpoint_seq integer NOT NULL,
        leaf_index bigint NOT NULL,
        case_id varchar(36) NOT NULL,
        seq integer NOT NULL,
        hash varchar(64) NOT NULL,
        PRIMARY KEY (checkpoint_seq, leaf_index)
      )`);
    await queryRunner.query(
      `CREATE INDEX checkpoint_head_changes_leaf ON checkpoint_head_changes (leaf_index, checkpoint_seq)`,
    );
    await queryRunner.query(`
      CREATE TABLE checkpoint_leaves (
        leaf_index bigint PRIMARY KEY,
        case_id varchar(36) NOT NULL UNIQUE,
        seq integer NOT NULL,
        hash varchar(64) NOT NULL,
        checkpoint_seq integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE checkpoint_tree_nodes (
        level integer NOT NULL,
        node_index bigint NOT NULL,
        hash varchar(64) NOT NULL,
        PRIMARY KEY (level, node_index)
      )`);
    await queryRunner.query(`
      CREATE TABLE checkpoint_tree_state (
        id integer PRIMARY KEY CHECK (id = 1),
        checkpoint_seq integer NOT NULL,
        leaf_count bigint NOT NULL,
        event_count bigint NOT NULL,
        dirty integer NOT NULL,
        builder varchar(36),
        lease_until varchar(24)
      )`);
    await queryRunner.query(
      `INSERT INTO checkpoint_tree_state (id, checkpoint_seq, leaf_count, event_count, dirty) ` +
        `VALUES (1, 0, 0, 0, 0)`,
    );
    await queryRunner.query(
      `INSERT INTO checkpoint_pending_heads (case_id, hash) SELECT id, head_hash FROM cases`,
    );
    if (postgres) await this.postgresTriggers(queryRunner);
    else await this.sqliteTriggers(queryRunner);
  }

  private async sqliteTriggers(queryRunner: QueryRunner): Promise<void> {
    const mark = (row: 'NEW' | 'OLD', hash: string) => `
      INSERT INTO checkpoint_pending_heads (case_id, hash) VALUES (${row}.id, ${hash})
      ON CONFLICT (case_id) DO UPDATE SET hash = excluded.hash;`;
    await queryRunner.query(`
      CREATE TRIGGER cases_head_pending_insert AFTER INSERT ON cases
      BEGIN ${mark('NEW', 'NEW.head_hash')} END`);
    await queryRunner.query(`
      CREATE TRIGGER cases_head_pending_update AFTER UPDATE OF head_hash ON cases
      BEGIN ${mark('NEW', 'NEW.head_hash')} END`);
    await queryRunner.query(`
      CREATE TRIGGER cases_head_pending_delete AFTER DELETE ON cases
      BEGIN ${mark('OLD', 'NULL')} END`);
    // Named like makeAppendOnly's, so the tamper tests switch them off the same way.
    const table = 'checkpoint_head_changes';
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: UPDATE refused'); END`);
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      WHEN EXISTS (SELECT 1 FROM audit_checkpoints WHERE seq = OLD.checkpoint_seq)
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: DELETE refused'); END`);
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
      WHEN EXISTS (SELECT 1 FROM ${table}
        WHERE checkpoint_seq = NEW.checkpoint_seq AND leaf_index = NEW.leaf_index)
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: REPLACE refused'); END`);
  }

  private async postgresTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION cases_mark_head_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO checkpoint_pending_heads (case_id, hash) VALUES (OLD.id, NULL)
            ON CONFLICT (case_id) DO UPDATE SET hash = NULL;
          RETURN OLD;
        END IF;
        INSERT INTO checkpoint_pending_heads (case_id, hash) VALUES (NEW.id, NEW.head_hash)
          ON CONFLICT (case_id) DO UPDATE SET hash = EXCLUDED.hash;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER cases_head_pending AFTER INSERT OR DELETE OR UPDATE OF head_hash ON cases
      FOR EACH ROW EXECUTE FUNCTION cases_mark_head_pending()`);
    await queryRunner.query(`
      CREATE FUNCTION checkpoint_head_changes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE'
          AND NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE seq = OLD.checkpoint_seq) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'checkpoint_head_changes is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER checkpoint_head_changes_no_update_delete
      BEFORE UPDATE OR DELETE ON checkpoint_head_changes
      FOR EACH ROW EXECUTE FUNCTION checkpoint_head_changes_guard()`);
    await queryRunner.query(`
      CREATE TRIGGER checkpoint_head_changes_no_truncate BEFORE TRUNCATE ON checkpoint_head_changes
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    if (postgres) {
      await queryRunner.query(`DROP TRIGGER cases_head_pending ON cases`);
      await queryRunner.query(`DROP FUNCTION cases_mark_head_pending()`);
    } else {
      for (const operation of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER cases_head_pending_${operation}`);
      }
    }
    for (const table of [
      'checkpoint_tree_state',
      'checkpoint_tree_nodes',
      'checkpoint_leaves',
      'checkpoint_head_changes',
      'checkpoint_pending_heads',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    if (postgres) await queryRunner.query(`DROP FUNCTION checkpoint_head_changes_guard()`);
    await queryRunner.query(`ALTER TABLE audit_checkpoints DROP COLUMN version`);
  }
}
