import { actingAt, scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { StoredCase } from '../domain/cases/stored-case';
import {
  PUBLIC_ROLE,
  SUBJECT_ROLE,
  SYSTEM_ROLE,
  type ActorFacts,
  type Role,
} from '../domain/roles';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import type { CaseAccessSpec, WorkflowDefinition } from '../domain/workflow/definition';
import { actionableStates } from '../domain/workflow/step';
import type {
  ReadableFilter,
  WorkClause,
  WorkFilter,
} from '../persistence/repositories/cases.repository';
import { caseNotFound, selfAction } from './case-errors';

/** Roles that read cases in their scope; admin manages accounts and the registry, not cases. */
export const CASE_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

/**
 * What a caller may know of a case: all of it (`full`), only that it exists and its state
 * (`existence`), or nothing (null: answered exactly like a missing case).
 */
export type CaseReading = 'full' | 'existence';

/**
 * The rule of the case's pinned version: with no `access` block, every case-reading role in scope
 * reads in full; with one, only its readers in scope, the subject when `subjectReads`, and its
 * existence readers in scope, who learn that the case exists and nothing more.
 */
export function readingOf(
  principal: Principal,
  stored: Pick<StoredCase, 'unitPath' | 'subjectPersonId'>,
  access: CaseAccessSpec | undefined,
): CaseReading | null {
  const roles = rolesAt(principal.grants, stored.unitPath);
  if (access === undefined)
    return roles.some((role) => CASE_READERS.includes(role)) ? 'full' : null;
  if (roles.some((role) => access.readers.includes(role))) return 'full';
  if (access.subjectReads === true && isAbout(principal, stored)) return 'full';
  if (roles.some((role) => access.existenceReaders?.includes(role))) return 'existence';
  return null;
}

/**
 * Whether the caller reads the case in full. `access` is the block of the case's pinned version;
 * leaving it out applies the rule of versions without one (callers that only read such cases).
 */
export function canRead(
  principal: Principal,
  stored: Pick<StoredCase, 'unitPath' | 'subjectPersonId'>,
  access?: CaseAccessSpec,
): boolean {
  return readingOf(principal, stored, access) === 'full';
}

/**
 * The cases a caller may find in a list, as the database can answer it for a whole page (see
 * readingOf): per workflow version with an access block, the subtrees its readers and existence
 * readers cover; every other version by the case-reading roles' subtrees.
 */
export function readableFilter(
  principal: Principal,
  workflows: readonly CompiledWorkflow[],
): ReadableFilter {
  return {
    defaultScopes: scopesFor(principal, CASE_READERS),
    pinned: workflows.flatMap(({ definition }) =>
      definition.access === undefined
        ? []
        : [
            {
              workflowId: definition.id,
              version: definition.version,
              fullScopes: scopesFor(principal, definition.access.readers),
              subjectPersonId: definition.access.subjectReads === true ? principal.personId : null,
              existenceScopes: scopesFor(principal, definition.access.existenceReaders ?? []),
            },
          ],
    ),
  };
}

/**
 * The roles the caller acts with on a case they read in full: none on a case about themselves but
 * the subject's own role; under an access block, only its readers' roles (a role that may not read
 * a case may not act on it either).
 */
export function actingRoles(
  principal: Principal,
  stored: StoredCase,
  definition: WorkflowDefinition,
): ActorFacts['roles'] {
  if (isAbout(principal, stored)) {
    return definition.access?.subjectReads === true ? [SUBJECT_ROLE] : [];
  }
  const roles = actingAt(principal, stored.unitPath).roles;
  const { access } = definition;
  return access === undefined ? roles : roles.filter((role) => access.readers.includes(role));
}

/** A person never acts on a case about themselves (no self-nomination, no verifying one's own). */
export function isAbout(
  principal: Principal,
  stored: Pick<StoredCase, 'subjectPersonId'>,
): boolean {
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
  const mayAct = (workflow: CompiledWorkflow, role: Role) =>
    workflow.definition.access?.readers.includes(role) ?? true;
  const clauses: WorkClause[] = roles
    .map((role) => ({
      scopes: scopesFor(principal, [role]),
      states: workflows.map((workflow) => ({
        workflowId: workflow.definition.id,
        version: workflow.definition.version,
        states: mayAct(workflow, role)
          ? actionableStates(workflow, { ...principal, roles: [role] })
          : [],
      })),
    }))
    .map((clause) => ({ ...clause, states: clause.states.filter((pin) => pin.states.length > 0) }))
    .filter((clause) => clause.states.length > 0);
  const subjectStates = workflows
    .filter((workflow) => workflow.definition.access?.subjectReads === true)
    .map((workflow) => ({
      workflowId: workflow.definition.id,
      version: workflow.definition.version,
      states: actionableStates(workflow, { ...principal, roles: [SUBJECT_ROLE] }),
    }))
    .filter((pin) => pin.states.length > 0);
  return { clauses, notAboutPersonId: principal.personId, subjectStates, wanted };
}

/** Who is sending an event, and what they may see and do. */
export interface EventAccess {
  /** null: not a signed-in user (a public door, or the engine itself). */
  principal: Principal | null;
  /**
   * Whether the caller reads the case in full (only then may they act on it). The engine passes the
   * case's pinned definition; a caller that leaves it out gets the rule of versions without an
   * access block.
   */
  canSee(stored: StoredCase, definition?: WorkflowDefinition): boolean;
  /** Throws when the caller may see the case but not send this event on it. */
  assertMayAct(stored: StoredCase, definition?: WorkflowDefinition, eventType?: string): void;
  actorFor(stored: StoredCase, definition?: WorkflowDefinition): ActorFacts;
  notFound(caseId: string): Error;
}

/**
 * A signed-in user acting on a case they read in full, never on one about themselves except
 * through the events the workflow gives the `subject` role (their own explanation).
 */
export function memberAccess(principal: Principal): EventAccess {
  return {
    principal,
    canSee: (stored, definition) => canRead(principal, stored, definition?.access),
    assertMayAct: (stored, definition, eventType) => {
      if (!isAbout(principal, stored)) return;
      const spec =
        definition !== undefined &&
        eventType !== undefined &&
        Object.hasOwn(definition.events, eventType)
          ? definition.events[eventType]
          : undefined;
      if (definition?.access?.subjectReads !== true || !spec?.roles.includes(SUBJECT_ROLE)) {
        throw selfAction();
      }
    },
    actorFor: (stored, definition) => ({
      userId: principal.userId,
      username: principal.username,
      roles:
        definition === undefined
          ? actingAt(principal, stored.unitPath).roles
          : actingRoles(principal, stored, definition),
    }),
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
