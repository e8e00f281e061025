import { guardNames, transitionsOf } from '../domain/workflow/definition';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';

export function workflowSummary({ definition, hash }: CompiledWorkflow) {
  return {
    id: definition.id,
    version: definition.version,
    caseType: definition.caseType,
    title: definition.title,
    hash,
  };
}

/** Everything a client needs to render the workflow: states, events, labels, roles, guards. */
export function workflowDetail(workflow: CompiledWorkflow) {
  const { definition, implementations } = workflow;
  return {
    ...workflowSummary(workflow),
    sources: definition.sources,
    openRoles: definition.openRoles,
    initialState: definition.machine.initial,
    events: Object.entries(definition.events).map(([type, spec]) => ({
      type,
      label: spec.label,
      roles: spec.roles,
      description: spec.description ?? null,
      facts: spec.facts ?? [],
      // A client builds the event's form from these (null: a version before payload schemas).
      payloadSchema: spec.payloadSchema ?? null,
      legalDates: spec.legalDates ?? {},
    })),
    states: Object.entries(definition.machine.states).map(([name, state]) => ({
      name,
      label: state.meta.label,
      final: state.type === 'final',
      tags: workflow.tagsOf(name),
      deadline: state.meta.deadline ?? null,
      transitions: Object.keys(state.on ?? {}).flatMap((event) =>
        transitionsOf(state, event).map((transition) => ({
          event,
          target: transition.target,
          guards: guardNames(transition).map((name) => ({
            name,
            description: implementations.guards[name].description,
          })),
        })),
      ),
    })),
  };
}
