import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Localized } from '../../i18n/language';

/*
 * What the case routes answer (src/cases/case-view.ts, src/workflows/workflow-views.ts,
 * src/catalogue/catalogue-views.ts), as far as the case screens read it. Fields the list is
 * gaining (unit name, award, year) are optional so an older server still renders.
 */

export type CaseSubject =
  | { kind: 'person'; id: string; code: string; name: string; unitId: string }
  | { kind: 'unit'; id: string; code: string; name: string };

export interface AllowedEvent {
  type: string;
  label: Localized;
}

export interface CaseView {
  id: string;
  type: string;
  subject: CaseSubject;
  data: Record<string, unknown>;
  state: string;
  stateLabel: Localized;
  closed: boolean;
  version: number;
  workflow: { id: string; version: number; hash: string };
  context: Record<string, unknown>;
  allowedEvents: AllowedEvent[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A case as GET /cases lists it: the case plus what a list shows about it. */
export interface CaseListItem extends Partial<Omit<CaseView, 'id' | 'subject' | 'state'>> {
  id: string;
  type: string;
  subject: CaseSubject;
  state: string;
  stateLabel?: Localized;
  unitId?: string | null;
  unitName?: string | null;
  unit?: { id: string; name: string } | null;
  award?: { code: string; name: Localized | null } | null;
  year?: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The filters GET /cases takes. */
export interface CaseListQuery {
  actionable?: boolean;
  type?: string;
  state?: string;
  unitId?: string;
  award?: string;
  year?: number;
  q?: string;
}

/** One sealed audit record of a case (src/domain/audit/audit-record.ts). */
export interface HistoryRecord {
  caseId: string;
  seq: number;
  at: string;
  actor: { userId: string; username: string; role: string };
  eventType: string;
  payload: Record<string, unknown>;
  facts?: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  workflow: { id: string; version: number; hash: string };
  prevHash: string;
  hash: string;
}

export interface HistoryPage {
  items: HistoryRecord[];
  nextAfterSeq: number | null;
}

export interface Verification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | Localized | null;
}

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
  openRoles: string[];
  initialState: string;
  events: WorkflowEvent[];
  states: WorkflowState[];
}

export interface SourceRef {
  text: string;
  provision?: string;
  refs?: number[];
  /** GET /cases/:id/eligibility resolves the source's citation itself. */
  citation?: string | null;
  title?: Localized | null;
}

export type LineOutcome = 'pass' | 'fail' | 'needs_review' | 'on_hold';
export type EligibilityOutcome = 'eligible' | 'ineligible' | 'on_hold' | 'needs_review';

export interface EligibilityLine {
  rule: string;
  outcome: LineOutcome;
  reason: Localized;
  source: SourceRef[];
  details?: Record<string, unknown>;
}

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  lines: EligibilityLine[];
  ruleSet: { id: string; version: number; hash: string };
  asOf?: string;
}

export interface AwardItem {
  code: string;
  name: Localized;
  kind: string;
  subjects: string[];
  /** The dossier documents the award requires (every nomination), and those needed sometimes. */
  dossier?: {
    documents: ({ code: string; name: Localized } | string)[];
    conditional?: { code: string; name: Localized; when: Localized }[];
  };
  publicNotice?: { required: boolean; workingDays: number | null };
}

export interface AwardCatalogue {
  ruleSet: { id: string; version: number; hash: string; validFrom: string; title: Localized };
  items: AwardItem[];
}

/** The parts of a rule set (GET /rulesets/:id/versions/:v) the case screens read. */
export interface RuleSetDetail {
  id: string;
  version: number;
  sources: { id: string; citation: string; title: Localized }[];
  documents: { code: string; name: Localized }[];
  awards: { code: string; name: Localized; dossier?: { documents: string[] } }[];
  discipline?: {
    forms: { code: string; name: Localized; abolishedFrom?: string }[];
    subjects: { code: string; name: Localized; forms: { form: string }[] }[];
  };
}

/** A dossier document as the case context records it (DocumentFact). */
export interface DossierDocument {
  id: string;
  code: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
}

export interface UnitSummary {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  path?: string;
  active?: boolean;
}

export interface PersonSummary {
  id: string;
  code: string;
  fullName: string;
  unitId: string;
  position: string | null;
  partyMember?: boolean;
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
export const loadAwards = () => cachedGet<AwardCatalogue>('/awards');
export const loadRuleSet = (id: string, version: number) =>
  cachedGet<RuleSetDetail>(`/rulesets/${encodeURIComponent(id)}/versions/${version}`);

/** The latest version of each case type's workflow (what new cases open on). */
export async function loadLatestWorkflows(): Promise<WorkflowDetail[]> {
  const { items } = await loadWorkflows();
  const latest = new Map<string, WorkflowSummary>();
  for (const item of items) {
    const known = latest.get(item.caseType);
    if (!known || known.version < item.version) latest.set(item.caseType, item);
  }
  return Promise.all([...latest.values()].map((item) => loadWorkflow(item.id, item.version)));
}

/** The rule set in force today, in full (sources, documents, discipline forms). */
export async function loadRuleSetInForce(): Promise<RuleSetDetail> {
  const { ruleSet } = await loadAwards();
  return loadRuleSet(ruleSet.id, ruleSet.version);
}

export type Loaded<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'done'; data: T; error?: undefined }
  | { status: 'failed'; data?: undefined; error: unknown };

/**
 * Runs a loader when its key changes and keeps the latest answer; an answer to an older key is
 * dropped. `reload` asks again and keeps showing the previous answer until the new one arrives.
 * A null key loads nothing.
 */
export function useLoaded<T>(
  key: string | null,
  load: () => Promise<T>,
): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<{ key: string | null; value: Loaded<T> }>({
    key,
    value: { status: 'loading' },
  });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  // A new key shows "loading" at once rather than the previous key's answer.
  const current: Loaded<T> = state.key === key ? state.value : { status: 'loading' };

  useEffect(() => {
    if (key === null) return;
    let live = true;
    loader.current().then(
      (data) => live && setState({ key, value: { status: 'done', data } }),
      (error: unknown) => live && setState({ key, value: { status: 'failed', error } }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...current, reload };
}

/** The value at a dotted path (`decision.date`) of a plain object. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const name of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return node;
}
