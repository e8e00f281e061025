import { actingAt, scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { StoredCase } from '../domain/cases/stored-case';
import { PUBLIC_ROLE, SYSTEM_ROLE, type ActorFacts, type Role } from '../domain/roles';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { actionableStates } from '../domain/workflow/step';
import type { WorkClause, WorkFilter } from '../persistence/repositories/cases.repository';
import { caseNotFound, selfAction } from './case-errors';

/** Roles that read cases in their scope; admin manages accounts and the registry, not cases. */
export const CASE_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

export function canRead(principal: Principal, stored: StoredCase): boolean {
  return rolesAt(principal.grants, stored.unitPath).some((role) => CASE_READERS.includes(role));
}

/** A person never acts on a case about themselves (no self-nomination, no verifying one's own). */
export function isAbout(principal: Principal, stored: StoredCase): boolean {
  return principal.personId !== null && stored.subjectPersonId === principal.personId;
}

/**
 * Where this caller may act now, as a question the database can answer for a whole list: per role
 * they hold, the subtrees the role covers and, per workflow version, the states in which the role
 * may send an event (`actionableStates`, i.e. `allowedEvents`). The roles over a case are those of
 * the grants covering its unit, and `allowedEvents` offers something exactly when one of them has
 * an event in the case's state; so a case matches exactly when its own `allowedEvents` (see
 * caseViewFor) is not empty, never about the caller themselves.
 */
export function workFilter(
  principal: Principal,
  workflows: readonly CompiledWorkflow[],
  wanted: boolean,
): WorkFilter {
  const roles = [...new Set(principal.grants.map((grant) => grant.role))];
  const clauses: WorkClause[] = roles
    .map((role) => ({
      scopes: scopesFor(principal, [role]),
      states: workflows.map((workflow) => ({
        workflowId: workflow.definition.id,
        version: workflow.definition.version,
        states: actionableStates(workflow, { ...principal, roles: [role] }),
      })),
    }))
    .map((clause) => ({ ...clause, states: clause.states.filter((pin) => pin.states.length > 0) }))
    .filter((clause) => clause.states.length > 0);
  return { clauses, notAboutPersonId: principal.personId, wanted };
}

/** Who is sending an event, and what they may see and do. */
export interface EventAccess {
  /** null: not a signed-in user (a public door, or the engine itself). */
  principal: Principal | null;
  canSee(stored: StoredCase): boolean;
  /** Throws when the caller may see the case but not act on it. */
  assertMayAct(stored: StoredCase): void;
  actorFor(stored: StoredCase): ActorFacts;
  notFound(caseId: string): Error;
}

/** A signed-in user acting on a case in their scope, never on one about themselves. */
export function memberAccess(principal: Principal): EventAccess {
  return {
    principal,
    canSee: (stored) => canRead(principal, stored),
    assertMayAct: (stored) => {
      if (isAbout(principal, stored)) throw selfAction();
    },
    actorFor: (stored) => actingAt(principal, stored.unitPath),
    notFound: caseNotFound,
  };
}

/** The actor of the public doors (objections): anyone, recorded as such. */
export const PUBLIC_ACTOR: ActorFacts = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'public',
  roles: [PUBLIC_ROLE],
};

/**
 * The engine itself: deadline firings, council tallies, holds one case puts on another. Its role is
 * never granted (grants hold only `ROLES`), so no HTTP caller can act as it; its audit records say
 * `system`.
 */
export const SYSTEM_ACTOR: ActorFacts = {
  userId: '00000000-0000-0000-0000-000000000001',
  username: 'system',
  roles: [SYSTEM_ROLE],
};

/** The engine acting on any case: it sees every case and is never the subject of one. */
export const SYSTEM_ACCESS: EventAccess = {
  principal: null,
  canSee: () => true,
  assertMayAct: () => undefined,
  actorFor: () => SYSTEM_ACTOR,
  notFound: caseNotFound,
};

/** Whom a case view is rendered for when no one is signed in: no role, so no allowed events. */
export const NOBODY: Principal = {
  userId: PUBLIC_ACTOR.userId,
  username: PUBLIC_ACTOR.username,
  roles: [],
  personId: null,
  grants: [],
};
