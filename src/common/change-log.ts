import { v7 as uuidv7 } from 'uuid';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';

/** A change-log record by `author`, with a fresh id (the id generator is why this is not pure). */
export function changeRecord(
  author: ChangeAuthor,
  at: string,
  entity: AdminChange['entity'],
  entityId: string,
  action: string,
  before: unknown,
  after: unknown,
): AdminChange {
  return {
    id: uuidv7(),
    at,
    actorUserId: author.userId,
    actorUsername: author.username,
    entity,
    entityId,
    action,
    before: before ?? null,
    after: after ?? null,
  };
}

/**
 * The records of the units below a moved unit: their place in the tree changed with it, and each
 * unit's own log says so (its path is what scopes and grants are matched on).
 */
export function movedWithAncestorRecords(
  author: ChangeAuthor,
  at: string,
  moved: readonly { before: { id: string }; after: { id: string } }[],
): AdminChange[] {
  return moved.map(({ before, after }) =>
    changeRecord(author, at, 'unit', after.id, 'move_with_ancestor', before, after),
  );
}
