/** The roles a user can be granted. Which role may send which event is data (workflows/), not code. */
export const ROLES = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The role of anyone at all, acting through a public, unauthenticated door (filing an objection
 * to a public notice). Workflows may name it; it is never granted to a user.
 */
export const PUBLIC_ROLE = 'public';

/**
 * The role of the engine itself, for events no person sends: a deadline firing, a council's tally,
 * a hold one case puts on another. Workflows name it as the only role of such events; no grant can
 * give it, so no HTTP caller can send them.
 */
export const SYSTEM_ROLE = 'system';

/**
 * The person a case is about, acting on it themselves (giving their own explanation). It is the
 * one exception to "nobody acts on a case about themselves": no grant gives it; the engine gives it
 * to the signed-in user linked to the case's subject, for the events that name it, and to no one
 * else.
 */
export const SUBJECT_ROLE = 'subject';

export type WorkflowRole = Role | typeof PUBLIC_ROLE | typeof SYSTEM_ROLE | typeof SUBJECT_ROLE;

export function isWorkflowRole(value: unknown): value is WorkflowRole {
  return value === PUBLIC_ROLE || value === SYSTEM_ROLE || value === SUBJECT_ROLE || isRole(value);
}

/** Who is acting, as the application layer has established it. The domain never looks this up. */
export interface ActorFacts {
  userId: string;
  username: string;
  roles: readonly WorkflowRole[];
}
