import type { QueryRunner } from 'typeorm';

/**
 * Makes a table append-only on both engines: UPDATE and DELETE refused (and TRUNCATE on
 * PostgreSQL), and on SQLite an INSERT over an existing key too, because INSERT OR REPLACE deletes
 * the old row without firing DELETE triggers. `key` names the primary-key columns.
 */
export async function makeAppendOnly(
  queryRunner: QueryRunner,
  table: string,
  key: readonly string[],
): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION refuse_change_to_append_only_table() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    return;
  }
  for (const operation of ['UPDATE', 'DELETE']) {
    await queryRunner.query(`
      CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: ${operation} refused'); END`);
  }
  const sameKey = key.map((column) => `${column} = NEW.${column}`).join(' AND ');
  await queryRunner.query(`
    CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
    WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${sameKey})
    BEGIN SELECT RAISE(ABORT, '${table} is append-only: REPLACE refused'); END`);
}
