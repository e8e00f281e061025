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
