import { CASE_OPENED, seal, type AuditRecord } from '../audit/audit-record';
import type { Localized } from '../localized';
import type { ActorFacts, WorkflowRole } from '../roles';
import type { CaseContext, CaseEvent, CaseSnapshot, EventFacts } from './case-event';
import type { CompiledWorkflow } from './compile-workflow';
import { guardNames, transitionsOf } from './definition';
import { settleLegalDates, type LegalDateLimits } from './legal-dates';

/** Where the next audit record goes in the case's chain, and when it happens. */
export interface ChainPosition {
  caseId: string;
  seq: number;
  prevHash: string;
  at: string;
}

export type RefusalReason =
  | 'EVENT_UNKNOWN'
  | 'EVENT_NOT_ALLOWED_IN_STATE'
  | 'ROLE_NOT_ALLOWED'
  | 'GUARD_FAILED'
  | 'PAYLOAD_INVALID'
  | 'CASE_CLOSED';

export interface Refusal {
  reason: RefusalReason;
  message: Localized;
  eventType: string;
  state: string | null;
  /** Roles that could send this event (ROLE_NOT_ALLOWED). */
  allowedRoles?: WorkflowRole[];
  /** Guards that refused (GUARD_FAILED), with what they ask for. */
  failedGuards?: { name: string; message: Localized }[];
  /** Fields of the payload that are wrong (PAYLOAD_INVALID), each named. */
  payloadProblems?: { field: string; message: Localized }[];
}

export type StepOutcome =
  | { accepted: true; snapshot: CaseSnapshot; final: boolean; record: AuditRecord }
  | { accepted: false; refusal: Refusal };

export interface AllowedEvent {
  type: string;
  label: Localized;
}

/**
 * Opens a case: the role check for opening comes from the workflow (`openRoles`), and the opening
 * itself is the first record of the case's chain (it carries the subject and data, so they are
 * covered by the hashes too).
 */
export function openCase(
  workflow: CompiledWorkflow,
  actor: ActorFacts,
  payload: Record<string, unknown>,
  position: ChainPosition,
): StepOutcome {
  const { definition } = workflow;
  const role = firstMatchingRole(actor, definition.openRoles);
  if (role === undefined) {
    return refuse('ROLE_NOT_ALLOWED', CASE_OPENED, null, {
      allowedRoles: definition.openRoles,
      message: {
        vi: `Vai trò của bạn không được mở hồ sơ loại "${definition.caseType}".`,
        en: `Your roles may not open a "${definition.caseType}" case.`,
      },
    });
  }
  const initial = workflow.machine.getInitialSnapshot(workflow.scope);
  return accept(
    workflow,
    initial,
    { actor, role, eventType: CASE_OPENED, payload, facts: {}, fromState: null },
    position,
  );
}

/**
 * One pure transition: (workflow, snapshot, event, actor) → the next snapshot and its sealed audit
 * record, or a refusal that says why. No clock, no I/O, no live actor: the snapshot is rebuilt from
 * its persisted state and context every time.
 */
export function step(
  workflow: CompiledWorkflow,
  current: CaseSnapshot,
  eventType: string,
  entered: Record<string, unknown>,
  actor: ActorFacts,
  position: ChainPosition,
  facts: EventFacts = {},
  /**
   * When the event is entered now: settle its legal dates against these limits (absent dates
   * become today). A replay passes none: the recorded payload already carries the settled dates.
   */
  legalDateLimits?: LegalDateLimits & { data: Record<string, unknown> },
): StepOutcome {
  const { definition, machine } = workflow;
  // What the record keeps: the payload as entered, with its legal dates settled.
  let payload = entered;
  // Own properties only: an event named "toString" must be unknown, not Object.prototype's.
  const spec = Object.hasOwn(definition.events, eventType)
    ? definition.events[eventType]
    : undefined;
  const stateConfig = stateOf(workflow, current.state);
  if (spec === undefined) {
    return refuse('EVENT_UNKNOWN', eventType, current.state, {
      message: {
        vi: `Quy trình "${definition.id}" không có thao tác "${eventType}".`,
        en: `Workflow "${definition.id}" has no event "${eventType}".`,
      },
    });
  }
  if (stateConfig.type === 'final') {
    return refuse('CASE_CLOSED', eventType, current.state, {
      message: {
        vi: `Hồ sơ đã kết thúc ở bước "${stateConfig.meta.label.vi}".`,
        en: `The case is closed in state "${stateConfig.meta.label.en}".`,
      },
    });
  }
  const candidates = transitionsOf(stateConfig, eventType);
  if (candidates.length === 0) {
    return refuse('EVENT_NOT_ALLOWED_IN_STATE', eventType, current.state, {
      message: {
        vi: `Không thể "${spec.label.vi}" khi hồ sơ ở bước "${stateConfig.meta.label.vi}".`,
        en: `"${spec.label.en}" is not possible in state "${stateConfig.meta.label.en}".`,
      },
    });
  }
  const role = firstMatchingRole(actor, spec.roles);
  if (role === undefined) {
    return refuse('ROLE_NOT_ALLOWED', eventType, current.state, {
      allowedRoles: spec.roles,
      message: {
        vi: `Chỉ ${spec.roles.join(', ')} được "${spec.label.vi}".`,
        en: `Only ${spec.roles.join(', ')} may "${spec.label.en}".`,
      },
    });
  }

  // Every problem with the payload at once, so a form can mark all its wrong fields in one pass.
  const problems: { field: string; message: Localized }[] = [];
  if (legalDateLimits !== undefined) {
    const settled = settleLegalDates(
      spec,
      payload,
      { context: current.context, data: legalDateLimits.data },
      legalDateLimits,
    );
    problems.push(...settled.problems);
    payload = settled.payload;
  }
  for (const { field, message } of workflow.payloadProblems(eventType, payload)) {
    problems.push({
      field,
      message: { vi: `${field}: ${message.vi}`, en: `${field} ${message.en}` },
    });
  }
  if (problems.length > 0) return payloadRefused(eventType, current.state, problems);

  // Only the facts the event declares reach the guards and the record.
  const declared = new Set<string>(spec.facts ?? []);
  const relevantFacts = Object.fromEntries(
    Object.entries(facts).filter(([name]) => declared.has(name)),
  );
  const event: CaseEvent = { type: eventType, payload, actor, facts: relevantFacts };
  const snapshot = machine.resolveState({ value: current.state, context: current.context });
  if (!snapshot.can(event)) {
    const failedGuards = candidates
      .flatMap(guardNames)
      .filter(
        (name) => !workflow.implementations.guards[name].check({ context: current.context, event }),
      )
      .map((name) => {
        const guard = workflow.implementations.guards[name];
        return {
          name,
          message: guard.refusalFor?.({ context: current.context, event }) ?? guard.refusal,
        };
      });
    return refuse('GUARD_FAILED', eventType, current.state, {
      failedGuards,
      message: {
        vi: failedGuards.map((g) => g.message.vi).join(' ') || 'Điều kiện chưa được đáp ứng.',
        en: failedGuards.map((g) => g.message.en).join(' ') || 'A condition is not met.',
      },
    });
  }

  const next = machine.transition(snapshot, event, workflow.scope);
  return accept(
    workflow,
    next,
    { actor, role, eventType, payload, facts: relevantFacts, fromState: current.state },
    position,
  );
}

/** The events this actor may send in this state, by role; guards may still ask for more payload. */
export function allowedEvents(
  workflow: CompiledWorkflow,
  state: string,
  actor: ActorFacts,
): AllowedEvent[] {
  const { definition } = workflow;
  const stateConfig = stateOf(workflow, state);
  return Object.keys(stateConfig.on ?? {})
    .filter((type) => firstMatchingRole(actor, definition.events[type].roles) !== undefined)
    .map((type) => ({ type, label: definition.events[type].label }));
}

/**
 * The states in which this actor may send at least one event: exactly those where `allowedEvents`
 * offers something, so a list of "cases I can act on" and each case's own answer never disagree.
 */
export function actionableStates(workflow: CompiledWorkflow, actor: ActorFacts): string[] {
  return Object.keys(workflow.definition.machine.states).filter(
    (state) => allowedEvents(workflow, state, actor).length > 0,
  );
}

/** A stored state the pinned definition does not have means corrupted data, not a user error. */
function stateOf(workflow: CompiledWorkflow, state: string) {
  const { states } = workflow.definition.machine;
  if (!Object.hasOwn(states, state)) {
    throw new Error(`Case state "${state}" does not exist in workflow ${workflow.definition.id}`);
  }
  return states[state];
}

/** The snapshot XState computed, and the sealed record that explains how the case got there. */
function accept(
  workflow: CompiledWorkflow,
  next: { value: unknown; context: unknown; status: string },
  cause: {
    actor: ActorFacts;
    role: WorkflowRole;
    eventType: string;
    payload: Record<string, unknown>;
    facts: EventFacts;
    fromState: string | null;
  },
  position: ChainPosition,
): StepOutcome {
  const toState = String(next.value);
  const { actor } = cause;
  return {
    accepted: true,
    snapshot: { state: toState, context: next.context as CaseContext },
    final: next.status === 'done',
    record: seal({
      caseId: position.caseId,
      seq: position.seq,
      at: position.at,
      actor: { userId: actor.userId, username: actor.username, role: cause.role },
      eventType: cause.eventType,
      payload: cause.payload,
      ...(Object.keys(cause.facts).length > 0 ? { facts: cause.facts } : {}),
      fromState: cause.fromState,
      toState,
      workflow: pin(workflow),
      prevHash: position.prevHash,
    }),
  };
}

function firstMatchingRole(
  actor: ActorFacts,
  allowed: readonly WorkflowRole[],
): WorkflowRole | undefined {
  return actor.roles.find((role) => allowed.includes(role));
}

function pin(workflow: CompiledWorkflow): AuditRecord['workflow'] {
  return { id: workflow.definition.id, version: workflow.definition.version, hash: workflow.hash };
}

function payloadRefused(
  eventType: string,
  state: string,
  problems: { field: string; message: Localized }[],
): StepOutcome {
  return refuse('PAYLOAD_INVALID', eventType, state, {
    payloadProblems: problems,
    message: {
      vi: `Dữ liệu của thao tác không hợp lệ: ${problems.map((p) => p.message.vi).join(' ')}`,
      en: `The event's payload is not valid: ${problems.map((p) => p.message.en).join(' ')}`,
    },
  });
}

function refuse(
  reason: RefusalReason,
  eventType: string,
  state: string | null,
  details: Omit<Refusal, 'reason' | 'eventType' | 'state'>,
): StepOutcome {
  return { accepted: false, refusal: { reason, eventType, state, ...details } };
}
