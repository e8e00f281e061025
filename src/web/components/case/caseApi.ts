import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AuditRecord as HistoryRecord,
  CaseSubject,
  CaseView,
  EligibilityOutcome,
  LineOutcome,
} from '../../api/cases';
import {
  cachedGet,
  loadWorkflow,
  loadWorkflows,
  type WorkflowDetail,
  type WorkflowSummary,
} from '../../api/workflows';
import type { Localized } from '../../i18n/language';

export type {
  AllowedEvent,
  AuditRecord as HistoryRecord,
  CaseSubject,
  CaseView,
  EligibilityOutcome,
  LineOutcome,
} from '../../api/cases';
export type { Page } from '../../api/page';
export {
  cachedGet,
  loadWorkflow,
  loadWorkflows,
  workflowPath,
  type JsonSchema,
  type LegalDateRule,
  type WorkflowDetail,
  type WorkflowEvent,
  type WorkflowState,
  type WorkflowSummary,
} from '../../api/workflows';
export type { Person as PersonSummary, Unit as UnitSummary } from '../../api/registry';

/*
 * What the case routes answer (src/cases/case-view.ts, src/workflows/workflow-views.ts,
 * src/catalogue/catalogue-views.ts), as far as the case screens read it. Fields the list is
 * gaining (unit name, award, year) are optional so an older server still renders.
 */

/**
 * A need-to-know case whose reader may only know that it exists (GET /cases/:id answers this to
 * the workflow's existence readers): its state and unit, nothing about whom it concerns.
 */
export interface CaseExistenceView {
  id: string;
  type: string;
  existenceOnly: true;
  state: string;
  stateLabel: Localized;
  workflow: { id: string; version: number };
  unitId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const isExistenceOnly = (view: object): view is CaseExistenceView =>
  (view as { existenceOnly?: unknown }).existenceOnly === true;

/**
 * A case as GET /cases lists it: the case plus what a list shows about it. An existence-only item
 * (`existenceOnly`) carries no subject, data or allowed events: check it before reading them.
 */
export interface CaseListItem extends Partial<Omit<CaseView, 'id' | 'subject' | 'state'>> {
  id: string;
  type: string;
  existenceOnly?: true;
  subject: CaseSubject;
  state: string;
  stateLabel?: Localized;
  unitId?: string | null;
  unitName?: string | null;
  unit?: { id: string; name: string } | null;
  award?: { code: string; name: Localized | null } | null;
  year?: number | null;
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

export interface SourceRef {
  text: string;
  provision?: string;
  refs?: number[];
  /** GET /cases/:id/eligibility resolves the source's citation itself. */
  citation?: string | null;
  title?: Localized | null;
}

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

/** GET /cases/:id/eligibility/recorded: the last check's full report, from its audit record. */
export interface RecordedEligibility {
  caseId: string;
  recorded:
    | (EligibilityResult & {
        seq: number;
        eventType: string;
        recordedAt: string;
        asOf: string;
      })
    | null;
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
  /** Law 06/2022 Art 8 types (rule set v4 and later). */
  commendationTypes?: { code: string; name: Localized }[];
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
