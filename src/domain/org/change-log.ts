import type { Principal } from './principal';

/** Who changed what in the registry (units, people, users, grants), with before and after. */
export interface AdminChange {
  id: string;
  at: string;
  actorUserId: string | null;
  actorUsername: string;
  /**
   * Grants are recorded on their user (actions 'grant' and 'revoke'); a council's roster changes on
   * the council.
   */
  entity: 'unit' | 'person' | 'user' | 'council' | 'notification';
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** Who did it, as the change log records them; the CLI acts as "cli" with no user. */
export interface ChangeAuthor {
  userId: string | null;
  username: string;
}

export const CLI_AUTHOR: ChangeAuthor = { userId: null, username: 'cli' };

export function authorOf(principal: Principal): ChangeAuthor {
  return { userId: principal.userId, username: principal.username };
}
