import { and, assign, setup, type AnyStateMachine } from 'xstate';
import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import type { CaseContext, CaseEvent } from './case-event';
import { guardNames, transitionsOf, type WorkflowDefinition } from './definition';
import { ACTIONS, GUARDS } from './named-implementations';
import { compileDataSchema, type Implementations } from './validate-definition';

export const DEFAULT_IMPLEMENTATIONS: Implementations = { guards: GUARDS, actions: ACTIONS };

/** A validated definition ready to run: its XState machine and the content hash cases pin. */
export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  /** SHA-256 of the definition's canonical JSON: formatting changes do not alter it. */
  hash: string;
  machine: AnyStateMachine;
  implementations: Implementations;
  /** What is wrong with the data a case is opened with (empty: acceptable). */
  dataProblems(data: unknown): string[];
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
  return { definition, hash: workflowHash(definition), machine, implementations, dataProblems };
}
