import { and, assign, createActor, setup, type AnyActorScope, type AnyStateMachine } from 'xstate';
import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import type { CaseContext, CaseEvent } from './case-event';
import { guardNames, transitionsOf, type WorkflowDefinition } from './definition';
import { ACTIONS, GUARDS } from './named-implementations';
import { compilePayloadSchema, type PayloadProblem } from './payload-schema';
import type { StateTag } from './state-tags';
import { compileDataSchema, type Implementations } from './validate-definition';

export const DEFAULT_IMPLEMENTATIONS: Implementations = { guards: GUARDS, actions: ACTIONS };

/** A validated definition ready to run: its XState machine and the content hash cases pin. */
export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  /** SHA-256 of the definition's canonical JSON: formatting changes do not alter it. */
  hash: string;
  machine: AnyStateMachine;
  /**
   * The scope the machine's pure steps run in (`machine.transition(snapshot, event, scope)`),
   * made once: see inertScope.
   */
  scope: AnyActorScope;
  implementations: Implementations;
  /** What is wrong with the data a case is opened with (empty: acceptable). */
  dataProblems(data: unknown): string[];
  /**
   * What is wrong with an event's payload (empty: acceptable, or a version published before
   * payload schemas, which accepts any payload).
   */
  payloadProblems(eventType: string, payload: unknown): PayloadProblem[];
  /** What a state means to readers outside the workflow (its tags). */
  tagsOf(state: string): readonly StateTag[];
}

export function workflowHash(definition: WorkflowDefinition): string {
  return sha256Hex(canonicalJson(definition));
}

export function compileWorkflow(
  definition: WorkflowDefinition,
  implementations: Implementations = DEFAULT_IMPLEMENTATIONS,
): CompiledWorkflow {
  type Args = { context: CaseContext; event: CaseEvent };
  const guards = Object.fromEntries(
    Object.entries(implementations.guards).map(([name, guard]) => [
      name,
      ({ context, event }: Args) => guard.check({ context, event }),
    ]),
  );
  const actions = Object.fromEntries(
    Object.entries(implementations.actions).map(([name, action]) => [
      name,
      assign(({ context, event }: Args) => action.assign({ context, event })),
    ]),
  );

  const states = Object.fromEntries(
    Object.entries(definition.machine.states).map(([name, state]) => {
      const on = Object.fromEntries(
        Object.keys(state.on ?? {}).map((eventType) => [
          eventType,
          transitionsOf(state, eventType).map((transition) => {
            const names = guardNames(transition);
            return {
              target: transition.target,
              guard: names.length > 1 ? and(names) : names[0],
              actions: transition.actions ?? [],
            };
          }),
        ]),
      );
      return [name, { type: state.type, meta: state.meta, on }];
    }),
  );

  // The config is built from validated data, so XState's static typing of names cannot help here;
  // the validator has already checked every name against the registry.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const machine = setup({
    types: {} as { context: CaseContext; events: CaseEvent },
    guards: guards as any,
    actions: actions as any,
  }).createMachine({
    id: definition.id,
    initial: definition.machine.initial,
    context: {},
    states: states as any,
  });
  /* eslint-enable @typescript-eslint/no-explicit-any */

  const dataProblems =
    definition.dataSchema === undefined ? () => [] : compileDataSchema(definition.dataSchema);
  const payloadValidators = new Map(
    Object.entries(definition.events)
      .filter(([, spec]) => spec.payloadSchema !== undefined)
      .map(([type, spec]) => [type, compilePayloadSchema(spec.payloadSchema!)]),
  );
  const tags = new Map(
    Object.entries(definition.machine.states).map(([name, state]) => [name, state.meta.tags ?? []]),
  );
  return {
    definition,
    hash: workflowHash(definition),
    machine,
    scope: inertScope(machine),
    implementations,
    dataProblems,
    payloadProblems: (eventType, payload) => payloadValidators.get(eventType)?.(payload) ?? [],
    tagsOf: (state) => tags.get(state) ?? [],
  };
}

/** The same compiled workflow reading its state meanings from `tags` (a file's own, or an overlay). */
export function withStateTags(
  workflow: CompiledWorkflow,
  tags: ReadonlyMap<string, readonly StateTag[]>,
): CompiledWorkflow {
  return { ...workflow, tagsOf: (state) => tags.get(state) ?? [] };
}

/**
 * The scope xstate's pure transition() builds on every call: an actor (whose construction
 * computes the machine's initial state) and its system, 4% of a light transition's server time
 * (profiled). One per compiled machine serves every step and replay: like transition()'s, it runs
 * no action and keeps nothing between calls (the machines do no I/O and spawn nothing:
 * architecture.md), while assign still updates the context of the snapshot it returns.
 */
function inertScope(machine: AnyStateMachine): AnyActorScope {
  const self = createActor(machine);
  const nothing = () => undefined;
  return {
    self,
    id: '',
    sessionId: '',
    logger: nothing,
    defer: nothing,
    emit: nothing,
    system: self.system,
    stopChild: nothing,
    actionExecutor: nothing,
  };
}
