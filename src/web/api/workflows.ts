import type { Localized } from '../i18n/language';
import type { Role } from '../session/session';
import { api } from './client';

/* Workflow definitions as GET /workflows answers them (src/workflows/workflow-views.ts). */

/** A JSON Schema node, as much of draft-07 as event payloads use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  default?: unknown;
  [extension: string]: unknown;
}

export interface LegalDateRule {
  label: Localized;
  notBefore?: { path: string; label: Localized }[];
  after?: { path: string; label: Localized }[];
}

export interface WorkflowEvent {
  type: string;
  label: Localized;
  roles: string[];
  description: string | null;
  facts: string[];
  payloadSchema: JsonSchema | null;
  legalDates: Record<string, LegalDateRule>;
}

export interface WorkflowState {
  name: string;
  label: Localized;
  final: boolean;
  tags: string[];
  deadline: unknown;
  transitions: {
    event: string;
    target: string;
    guards: { name: string; description: Localized }[];
  }[];
}

export interface WorkflowSummary {
  id: string;
  version: number;
  caseType: string;
  title: Localized;
  hash: string;
}

export interface WorkflowDetail extends WorkflowSummary {
  sources: string[];
  openRoles: Role[];
  initialState: string;
  events: WorkflowEvent[];
  states: WorkflowState[];
}

/*
 * Reference data (workflow definitions, rule sets, the award catalogue) changes only with a
 * deployment: one request per page load, shared by every screen that asks.
 */
const cache = new Map<string, Promise<unknown>>();

export function cachedGet<T>(path: string): Promise<T> {
  let found = cache.get(path) as Promise<T> | undefined;
  if (!found) {
    found = api.get<T>(path);
    cache.set(path, found);
    // A failure is not remembered: the next screen asks again.
    found.catch(() => cache.delete(path));
  }
  return found;
}

export function workflowPath(id: string, version: number): string {
  return `/workflows/${encodeURIComponent(id)}/versions/${version}`;
}

export const loadWorkflow = (id: string, version: number) =>
  cachedGet<WorkflowDetail>(workflowPath(id, version));
export const loadWorkflows = () => cachedGet<{ items: WorkflowSummary[] }>('/workflows');
