import { useEffect, useState } from 'react';
import type { Localized } from '../../api/client';
import { loadWorkflow, loadWorkflows, type WorkflowDetail } from '../../api/workflows';

/** The labels of every workflow version's events and states, as the server names them. */
export interface WorkflowLabels {
  /** `${workflowId}@${version}` → event type → label. */
  events: Map<string, Map<string, Localized>>;
  states: Map<string, Map<string, Localized>>;
  /** Every event type and state name any version knows, for the filters (latest label wins). */
  eventOptions: { value: string; labels: Localized[] }[];
  stateOptions: { value: string; labels: Localized[] }[];
}

let cached: Promise<WorkflowLabels> | null = null;

async function loadLabels(): Promise<WorkflowLabels> {
  const { items } = await loadWorkflows();
  const details: WorkflowDetail[] = await Promise.all(
    items.map((item) => loadWorkflow(item.id, item.version)),
  );
  const events = new Map<string, Map<string, Localized>>();
  const states = new Map<string, Map<string, Localized>>();
  // Newest version last, so its label is the one a filter option shows first.
  const ordered = [...details].sort((a, b) => a.version - b.version);
  const eventLabels = new Map<string, Map<string, Localized>>();
  const stateLabels = new Map<string, Map<string, Localized>>();
  for (const detail of ordered) {
    const key = `${detail.id}@${detail.version}`;
    events.set(key, new Map(detail.events.map((event) => [event.type, event.label])));
    states.set(key, new Map(detail.states.map((state) => [state.name, state.label])));
    for (const event of detail.events) {
      const byWorkflow = eventLabels.get(event.type) ?? new Map<string, Localized>();
      byWorkflow.set(detail.id, event.label);
      eventLabels.set(event.type, byWorkflow);
    }
    for (const state of detail.states) {
      const byWorkflow = stateLabels.get(state.name) ?? new Map<string, Localized>();
      byWorkflow.set(detail.id, state.label);
      stateLabels.set(state.name, byWorkflow);
    }
  }
  const options = (labels: Map<string, Map<string, Localized>>) =>
    [...labels.entries()].map(([value, byWorkflow]) => ({
      value,
      labels: distinct([...byWorkflow.values()]),
    }));
  return {
    events,
    states,
    eventOptions: options(eventLabels),
    stateOptions: options(stateLabels),
  };
}

function distinct(labels: Localized[]): Localized[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = `${label.vi}\u0000${label.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Loads the labels once per page load; null until they arrive (codes are shown meanwhile). */
export function useWorkflowLabels(): WorkflowLabels | null {
  const [labels, setLabels] = useState<WorkflowLabels | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= loadLabels().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    cached.then(
      (loaded) => {
        if (live) setLabels(loaded);
      },
      () => {
        // Without labels the codes themselves are shown: nothing to report to the reader.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return labels;
}
