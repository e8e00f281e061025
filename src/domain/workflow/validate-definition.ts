import Ajv from 'ajv';
import { InvalidDataFileError } from '../errors';
import { isRole, isWorkflowRole, SUBJECT_ROLE, SYSTEM_ROLE } from '../roles';
import { checkTimers } from './timers';
import schema from './definition.schema.json';
import {
  compilePayloadSchema,
  payloadSchemaProblems,
  schemaAt,
  compileSchema,
} from './payload-schema';
import { isStateTag } from './state-tags';
import { guardNames, transitionsOf, type StateConfig, type WorkflowDefinition } from './definition';
import type { ActionImplementation, GuardImplementation } from './named-implementations';

export class InvalidWorkflowDefinitionError extends InvalidDataFileError {
  readonly code = 'WORKFLOW.INVALID_DEFINITION';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'workflow definition');
  }
}

export interface Implementations {
  guards: Readonly<Record<string, GuardImplementation>>;
  actions: Readonly<Record<string, ActionImplementation>>;
}

const validateShape = new Ajv({ allErrors: true, strict: true }).compile<WorkflowDefinition>(
  schema,
);

/**
 * Checks a parsed workflow file: its shape (JSON Schema), then what a schema cannot say: names that
 * must resolve, states that must be reachable, non-final states that must have a way out. Returns
 * the typed definition or throws with every problem found, so an author fixes a file in one pass.
 */
export function validateDefinition(
  raw: unknown,
  source: string,
  implementations: Implementations,
): WorkflowDefinition {
  if (!validateShape(raw)) {
    const problems = (validateShape.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      const what = extra === undefined ? '' : ` (unsupported key "${extra}")`;
      return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${what}`;
    });
    throw new InvalidWorkflowDefinitionError(source, problems);
  }
  const definition = raw;
  const problems = [
    ...checkRoles(definition),
    ...checkAccess(definition),
    ...checkStatesAndTransitions(definition, implementations),
    ...checkReachability(definition),
    ...checkDataSchema(definition),
    ...checkTags(definition),
    ...checkPayloads(definition),
  ];
  if (problems.length > 0) throw new InvalidWorkflowDefinitionError(source, problems);
  return definition;
}

function checkDataSchema(definition: WorkflowDefinition): string[] {
  if (definition.dataSchema === undefined) return [];
  try {
    compileDataSchema(definition.dataSchema);
    return [];
  } catch (error) {
    return [`dataSchema: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** Checks case data against a workflow's `dataSchema`: every problem, as "/path message". */
export function compileDataSchema(
  dataSchema: Record<string, unknown>,
): (data: unknown) => string[] {
  const validate = compileSchema(dataSchema);
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((error) => {
          const extra = (error.params as { additionalProperty?: string }).additionalProperty;
          const what = extra === undefined ? '' : ` (unsupported key "${extra}")`;
          return `data${error.instancePath} ${error.message ?? 'is invalid'}${what}`;
        });
}

function checkRoles(definition: WorkflowDefinition): string[] {
  const problems: string[] = [];
  for (const role of definition.openRoles) {
    if (!isRole(role)) problems.push(`openRoles: unknown role "${role}"`);
  }
  for (const [eventType, spec] of Object.entries(definition.events)) {
    for (const role of spec.roles) {
      if (!isWorkflowRole(role)) problems.push(`events.${eventType}.roles: unknown role "${role}"`);
    }
    // An event is either the engine's or people's: a person must never be able to send a tally.
    if (spec.roles.includes(SYSTEM_ROLE) && spec.roles.length > 1) {
      problems.push(`events.${eventType}.roles: "${SYSTEM_ROLE}" must be the event's only role`);
    }
  }
  return problems;
}

/**
 * The access block names grantable roles, each either a reader or an existence reader; an event the
 * subject may send needs `subjectReads` (nobody acts on a case they may not read).
 */
export function checkAccess(definition: WorkflowDefinition): string[] {
  const { access } = definition;
  const problems: string[] = [];
  for (const [list, roles] of [
    ['readers', access?.readers ?? []],
    ['existenceReaders', access?.existenceReaders ?? []],
  ] as const) {
    for (const role of roles) {
      if (!isRole(role)) problems.push(`access.${list}: "${role}" is not a role a user can hold`);
    }
  }
  for (const role of access?.existenceReaders ?? []) {
    if (access?.readers.includes(role)) {
      problems.push(`access.existenceReaders: "${role}" already reads the case in full (readers)`);
    }
  }
  if (access?.subjectReads !== true) {
    for (const [eventType, spec] of Object.entries(definition.events)) {
      if (spec.roles.includes(SUBJECT_ROLE)) {
        problems.push(
          `events.${eventType}.roles: "${SUBJECT_ROLE}" needs "access": { "subjectReads": true }`,
        );
      }
    }
  }
  return problems;
}

function checkTags(definition: WorkflowDefinition): string[] {
  return Object.entries(definition.machine.states).flatMap(([name, state]) =>
    (state.meta.tags ?? [])
      .filter((tag) => !isStateTag(tag))
      .map((tag) => `machine.states.${name}.meta.tags: unknown tag "${tag}"`),
  );
}

/**
 * Payload schemas: all events or none (a version that declares them must leave no event open to
 * silently ignored fields), each a valid schema that refuses unknown keys, and every legal date a
 * string property of it.
 */
function checkPayloads(definition: WorkflowDefinition): string[] {
  const events = Object.entries(definition.events);
  const withSchema = events.filter(([, spec]) => spec.payloadSchema !== undefined);
  const problems: string[] = [];
  if (withSchema.length > 0 && withSchema.length < events.length) {
    for (const [eventType, spec] of events) {
      if (spec.payloadSchema === undefined) {
        problems.push(`events.${eventType}: payloadSchema is missing (other events declare one)`);
      }
    }
  }
  for (const [eventType, spec] of events) {
    const where = `events.${eventType}`;
    if (spec.payloadSchema !== undefined) {
      problems.push(
        ...payloadSchemaProblems(spec.payloadSchema).map((p) => `${where}.payloadSchema${p}`),
      );
      try {
        compilePayloadSchema(spec.payloadSchema);
      } catch (error) {
        problems.push(`${where}.payloadSchema: ${(error as Error).message}`);
      }
    }
    for (const path of Object.keys(spec.legalDates ?? {})) {
      const property =
        spec.payloadSchema === undefined ? undefined : schemaAt(spec.payloadSchema, path);
      // A date in another shape would slip past every legal-date check.
      if (property?.type !== 'string' || property.format !== 'date') {
        problems.push(
          `${where}.legalDates.${path}: not a "format": "date" string property of the payloadSchema`,
        );
      }
    }
  }
  return problems;
}

function checkStatesAndTransitions(
  definition: WorkflowDefinition,
  implementations: Implementations,
): string[] {
  const problems: string[] = [];
  const { states, initial } = definition.machine;
  const usedEvents = new Set<string>();
  if (!Object.hasOwn(states, initial))
    problems.push(`machine.initial: no state named "${initial}"`);

  for (const [stateName, state] of Object.entries(states)) {
    const where = `machine.states.${stateName}`;
    const eventTypes = Object.keys(state.on ?? {});
    if (state.type === 'final' && eventTypes.length > 0) {
      problems.push(`${where}: a final state cannot handle events`);
    }
    if (state.type !== 'final' && eventTypes.length === 0) {
      problems.push(`${where}: dead end (not final and handles no event)`);
    }
    for (const eventType of eventTypes) {
      usedEvents.add(eventType);
      if (!Object.hasOwn(definition.events, eventType)) {
        problems.push(`${where}.on.${eventType}: event is not declared in "events" (no roles)`);
      }
      for (const transition of transitionsOf(state, eventType)) {
        if (!Object.hasOwn(states, transition.target)) {
          problems.push(`${where}.on.${eventType}: target "${transition.target}" is not a state`);
        }
        for (const guard of guardNames(transition)) {
          if (!Object.hasOwn(implementations.guards, guard)) {
            problems.push(`${where}.on.${eventType}: unknown guard "${guard}"`);
          }
        }
        for (const action of transition.actions ?? []) {
          if (!Object.hasOwn(implementations.actions, action)) {
            problems.push(`${where}.on.${eventType}: unknown action "${action}"`);
          }
        }
      }
    }
    problems.push(...checkDeadline(where, state));
    problems.push(...checkTimers(where, state, definition));
  }
  for (const eventType of Object.keys(definition.events)) {
    if (!usedEvents.has(eventType)) {
      problems.push(`events.${eventType}: declared but no state handles it`);
    }
  }
  return problems;
}

function checkDeadline(where: string, state: StateConfig): string[] {
  const event = state.meta.deadline?.event;
  if (event === undefined || transitionsOf(state, event).length > 0) return [];
  return [`${where}.meta.deadline.event: "${event}" is not handled in this state`];
}

function checkReachability(definition: WorkflowDefinition): string[] {
  const { states, initial } = definition.machine;
  if (!Object.hasOwn(states, initial)) return [];
  const reached = new Set<string>([initial]);
  const queue = [initial];
  while (queue.length > 0) {
    const state = states[queue.shift()!];
    for (const eventType of Object.keys(state.on ?? {})) {
      for (const { target } of transitionsOf(state, eventType)) {
        if (Object.hasOwn(states, target) && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
  }
  return Object.keys(states)
    .filter((name) => !reached.has(name))
    .map((name) => `machine.states.${name}: unreachable from "${initial}"`);
}
