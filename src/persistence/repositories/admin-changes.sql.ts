import type { EntityManager } from 'typeorm';
import type { AdminChange } from '../../domain/org/change-log';
import type { Dialect } from '../database';
import { placeholders } from '../sql';

const COLUMNS = 9;
const ROWS_PER_STATEMENT = 100;

/**
 * Appends to the change log inside the caller's transaction, so a registry change and its record
 * commit together. Several rows per statement: an import of 10,000 people writes 10,000 records.
 */
export async function insertAdminChanges(
  manager: EntityManager,
  dialect: Dialect,
  changes: AdminChange[],
): Promise<void> {
  for (let start = 0; start < changes.length; start += ROWS_PER_STATEMENT) {
    const batch = changes.slice(start, start + ROWS_PER_STATEMENT);
    const rows = batch.map(
      (_, index) => `(${placeholders(dialect, COLUMNS, index * COLUMNS + 1)})`,
    );
    await manager.query(
      'INSERT INTO admin_changes (id, occurred_at, actor_user_id, actor_username, entity, ' +
        `entity_id, action, before_json, after_json) VALUES ${rows.join(', ')}`,
      batch.flatMap((change) => [
        change.id,
        change.at,
        change.actorUserId,
        change.actorUsername,
        change.entity,
        change.entityId,
        change.action,
        change.before === null ? null : JSON.stringify(change.before),
        change.after === null ? null : JSON.stringify(change.after),
      ]),
    );
  }
}
