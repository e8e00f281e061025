import { v7 as uuidv7 } from 'uuid';
import type { Principal } from '../domain/org/principal';
import type { AdminChange } from '../persistence/repositories/organisation.repository';

/** Who did it, as the change log records them; the CLI acts as "cli" with no user. */
export interface ChangeAuthor {
  userId: string | null;
  username: string;
}

export const CLI_AUTHOR: ChangeAuthor = { userId: null, username: 'cli' };

export function authorOf(principal: Principal): ChangeAuthor {
  return { userId: principal.userId, username: principal.username };
}

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
