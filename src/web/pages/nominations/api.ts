import type { CaseView, EligibilityOutcome, LineOutcome } from '../../api/cases';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/page';
import { loadWorkflow, loadWorkflows, type WorkflowDetail } from '../../api/workflows';
import type { Localized } from '../../i18n/language';

/** The shapes this feature reads and sends; the server's DTOs are the reference. */

export type { CaseView, EligibilityOutcome, LineOutcome } from '../../api/cases';
export type { Page } from '../../api/page';
export type { WorkflowDetail } from '../../api/workflows';
export type { Person, Unit } from '../../api/registry';

export type SubjectKind = 'person' | 'unit';
export type AwardSubject = 'individual' | 'collective';

/** GET /awards: the catalogue of the rule set in force today. */
export interface AwardCatalogue {
  ruleSet: { id: string; version: number; hash: string; validFrom: string; title: Localized };
  items: CatalogueAward[];
}

export interface CatalogueAward {
  code: string;
  name: Localized;
  alsoCalled: Localized[];
  kind: 'title' | 'form';
  subjects: AwardSubject[];
  grantor: { level: string; authorities: { code: string; name: Localized }[] };
}

/** The parts of GET /rulesets/:id/versions/:version this feature reads. */
export interface RuleSetDetail {
  id: string;
  version: number;
  sources: { id: string; citation: string; title: Localized }[];
  documents: { code: string; name: Localized }[];
  awards: RuleSetAward[];
  discipline: { barScope?: { value: 'evaluation_year' | 'achievement_period' } };
  /** Rule set v4 on: the types of commendation a nomination names (Law 06/2022 Art 8). */
  commendationTypes?: CommendationType[];
}

export interface CommendationType {
  code: string;
  name: Localized;
  /** false: an award of this type does not count toward consecutive-year chains. */
  countsTowardChains: boolean;
}

/** A movement a nomination may come from (GET /movements, or a movement case as a fallback). */
export interface MovementChoice {
  id: string;
  code: string | null;
  title: string;
  stateLabel: Localized | null;
}

export interface RuleSetAward {
  code: string;
  dossier: {
    documents: string[];
    conditional?: { document: string; when: Localized }[];
    note?: Localized;
  };
  publicNotice?: { required: boolean; workingDays?: number };
  routes?: { code: string; name: Localized }[];
}

/** A case as GET /cases lists it: with its unit, and for nominations its award and year. */
export interface CaseListItem extends CaseView {
  unit: { id: string; name: string | null } | null;
  award: { code: string; name: Localized | null } | null;
  year: number | null;
}

export interface CaseListQuery {
  type: string;
  state?: string;
  unitId?: string;
  award?: string;
  year?: number;
  q?: string;
  actionable?: boolean;
  cursor?: string;
  limit?: number;
}

/** GET /cases/:id/eligibility: the rule set's verdict, one line per rule. */
export interface EligibilityReport {
  outcome: EligibilityOutcome;
  lines: {
    rule: string;
    outcome: LineOutcome;
    reason: Localized;
    source?: { text: string; provision?: string; citation?: string }[];
  }[];
  ruleSet?: { id: string; version: number };
  asOf?: string;
}

/** POST /decisions: one award decision (the system allocates its number) for many nominations. */
export interface DecisionRequest {
  caseIds: string[];
  decision: { date: string; signer: string };
}

export interface AnnouncedDecision {
  decision: {
    number: string;
    sequence: number;
    year: number;
    issuingUnit: { id: string; code: string; name: string };
    date: string;
    signer: string;
  };
  cases: CaseView[];
}

/** Every page of a keyset-paged list, up to a bound (registry lists of one scope are small). */
export async function allPages<T>(
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  signal?: AbortSignal,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await api.get<Page<T>>(path, { ...query, cursor, limit: 100 }, signal);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

export const nominationApi = {
  awards: (signal?: AbortSignal) => api.get<AwardCatalogue>('/awards', undefined, signal),
  ruleSet: (id: string, version: number, signal?: AbortSignal) =>
    api.get<RuleSetDetail>(
      `/rulesets/${encodeURIComponent(id)}/versions/${version}`,
      undefined,
      signal,
    ),
  cases: (query: CaseListQuery, signal?: AbortSignal) =>
    api.get<Page<CaseListItem>>('/cases', { ...query }, signal),
  openCase: (
    body: {
      type: string;
      subject: { kind: 'person'; personId: string } | { kind: 'unit'; unitId: string };
      data: Record<string, unknown>;
    },
    idempotencyKey: string,
  ) => api.post<CaseView>('/cases', body, { 'Idempotency-Key': idempotencyKey }),
  eligibility: (caseId: string, signal?: AbortSignal) =>
    api.get<EligibilityReport>(`/cases/${caseId}/eligibility`, undefined, signal),
  announce: (body: DecisionRequest) => api.post<AnnouncedDecision>('/decisions', body),
  /** One case as GET /cases/:id gives it (a registration to prefill a nomination from). */
  caseById: (caseId: string, signal?: AbortSignal) =>
    api.get<CaseView>(`/cases/${caseId}`, undefined, signal),
  movements: (signal?: AbortSignal) => movementChoices(signal),
  /** The certificate; with `en`, its English rendering, for reference. */
  certificate: (caseId: string, lang?: 'en') =>
    api.download(`/cases/${caseId}/certificate`, lang === undefined ? undefined : { lang }),
  decisionList: (caseId: string, format: DecisionListFormat) =>
    api.download(`/cases/${caseId}/decision-list`, { format }),
};

/** The formats GET /cases/:id/decision-list produces (DecisionListQuery). */
export const DECISION_LIST_FORMATS = ['xlsx', 'csv'] as const;
export type DecisionListFormat = (typeof DECISION_LIST_FORMATS)[number];

/** The latest version the server knows of a workflow. */
export async function latestWorkflow(id: string): Promise<WorkflowDetail> {
  const { items } = await loadWorkflows();
  const versions = items.filter((item) => item.id === id).map((item) => item.version);
  if (versions.length === 0) throw new Error(`No workflow ${id}`);
  return loadWorkflow(id, Math.max(...versions));
}

/**
 * The movements the caller may see: GET /movements (the movements' own list), or, on a server
 * without it, the movement cases GET /cases lists.
 */
async function movementChoices(signal?: AbortSignal): Promise<MovementChoice[]> {
  try {
    const list = await api.get<{
      items: { id: string; code: string; title: string; stateLabel: Localized }[];
    }>('/movements', undefined, signal);
    return list.items.map(({ id, code, title, stateLabel }) => ({ id, code, title, stateLabel }));
  } catch (failure) {
    if (!(failure instanceof ApiError) || failure.status !== 404) throw failure;
  }
  const cases = await allPages<CaseView>('/cases', { type: 'movement' }, signal);
  return cases.map((c) => ({
    id: c.id,
    code: typeof c.data.code === 'string' ? c.data.code : null,
    title: typeof c.data.title === 'string' ? c.data.title : c.subject.name,
    stateLabel: c.stateLabel,
  }));
}
