import { api } from '../../api/client';
import type { CaseView } from '../../api/cases';
import type { AwardCatalogue, DossierDocument } from '../../components/case/caseApi';
import type { Localized } from '../../i18n/language';

/*
 * What the movement routes answer (src/movements/dto/movement.dto.ts). A movement and a unit's
 * participation are cases: they open through POST /cases and move through /cases/:id/events; the
 * plan is uploaded through /cases/:id/documents?code=implementation_plan.
 */

export const MOVEMENT_CASE_TYPE = 'movement';
export const PARTICIPATION_CASE_TYPE = 'movement_participation';
export const MOVEMENT_TYPES = ['regular', 'thematic', 'campaign'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
export const PLAN_DOCUMENT_CODE = 'implementation_plan';

export interface EmulationCriterion {
  code: string;
  name: Localized;
  description: Localized;
  scored?: number;
  source?: { sourceId: string; citation: string };
  confirmed: boolean;
}

export interface MovementUnit {
  id: string;
  code: string;
  name: string;
}

export interface MovementSummary {
  id: string;
  code: string;
  title: string;
  type: MovementType;
  state: string;
  stateLabel: Localized;
  tags: string[];
  launchingUnit: MovementUnit;
  period: { from: string; to: string };
  registrationDeadline: string;
  milestones: {
    launchedOn: string | null;
    midtermStartedOn: string | null;
    finalStartedOn: string | null;
    closedOn: string | null;
    summary: string | null;
  };
  launcherView: boolean;
}

export interface MovementView extends MovementSummary {
  theme?: string;
  legalBasis: { citation: string; sourceId?: string }[];
  leadUnit: MovementUnit | null;
  coordinatingUnits: MovementUnit[];
  participatingUnit: MovementUnit | null;
  criteria: { code: string; weight?: number }[];
  awardsOnOffer: string[];
  version: number;
  allowedEvents: { type: string; label: Localized }[];
  yourUnits: { unit: MovementUnit; participationId: string | null }[];
}

export interface ParticipationRow {
  unit: MovementUnit;
  parentId: string | null;
  participation: {
    id: string;
    state: string;
    acknowledgedOn: string;
    planSummary?: string;
    plans: number;
    resultsReportedOn: { midterm: string | null; final: string | null };
  } | null;
}

export interface ParticipationTable {
  movementId: string;
  units: number;
  acknowledged: number;
  items: ParticipationRow[];
}

export interface NewMovement {
  code: string;
  title: string;
  theme?: string;
  type: MovementType;
  legalBasis: { citation: string; sourceId?: string }[];
  leadUnitId: string;
  coordinatingUnitIds: string[];
  period: { from: string; to: string };
  participatingUnitId: string;
  criteria: { code: string; weight?: number }[];
  awardsOnOffer: string[];
  registrationDeadline: string;
}

export interface ResultLine {
  criterionCode: string;
  score?: number;
  text: string;
}

/** A participation case's context as these screens read it. */
export interface ParticipationContext {
  plans?: DossierDocument[];
  results?: Partial<Record<'midterm' | 'final', { reportedOn: string; results: ResultLine[] }>>;
}

const movementPath = (id: string) => `/movements/${encodeURIComponent(id)}`;
const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

export const movementApi = {
  criteria: (signal?: AbortSignal) =>
    api.get<{ items: EmulationCriterion[] }>('/emulation-criteria', undefined, signal),
  awards: (signal?: AbortSignal) => api.get<AwardCatalogue>('/awards', undefined, signal),
  list: (signal?: AbortSignal) =>
    api.get<{ items: MovementSummary[] }>('/movements', undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<MovementView>(movementPath(id), undefined, signal),
  participation: (id: string, signal?: AbortSignal) =>
    api.get<ParticipationTable>(`${movementPath(id)}/participation`, undefined, signal),
  participationCase: (id: string, signal?: AbortSignal) =>
    api.get<CaseView>(casePath(id), undefined, signal),
  launch: (unitId: string, data: NewMovement, idempotencyKey: string) =>
    api.post<CaseView>(
      '/cases',
      { type: MOVEMENT_CASE_TYPE, subject: { kind: 'unit', unitId }, data },
      { 'Idempotency-Key': idempotencyKey },
    ),
  acknowledge: (
    unitId: string,
    data: { movementId: string; acknowledgedOn: string; planSummary?: string },
    idempotencyKey: string,
  ) =>
    api.post<CaseView>(
      '/cases',
      { type: PARTICIPATION_CASE_TYPE, subject: { kind: 'unit', unitId }, data },
      { 'Idempotency-Key': idempotencyKey },
    ),
  sendEvent: (
    caseId: string,
    type: string,
    payload: Record<string, unknown>,
    expectedVersion?: number,
  ) =>
    api.post<CaseView>(`${casePath(caseId)}/events`, {
      type,
      payload,
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    }),
  uploadPlan: (caseId: string, file: File) =>
    api.upload<CaseView>(`${casePath(caseId)}/documents`, file, file.type, {
      code: PLAN_DOCUMENT_CODE,
      fileName: file.name,
    }),
};

/* The movement's reports (src/movements/dto/movement-reports.dto.ts). */

export type ResultsPhase = 'midterm' | 'final';

export interface StateCount {
  state: string;
  label: Localized;
  count: number;
}

export interface MovementOverview {
  movementId: string;
  wholeMovement: boolean;
  units: MovementUnit[];
  registrations: { total: number; byState: StateCount[] };
  acknowledgements: { units: number; acknowledged: number; notYet: number };
  nominations: {
    total: number;
    byState: StateCount[];
    announced: number;
    awardsAnnounced: { awardCode: string; name: Localized; count: number }[];
  };
  violations: {
    period: { from: string; to: string };
    total: number;
    byOutcome: { code: string; label: Localized; count: number }[];
    byCategory: { code: string; label: Localized; count: number }[];
  } | null;
}

export interface ResultsRow {
  unit: MovementUnit;
  acknowledgement: {
    participationId: string;
    acknowledgedOn: string;
    planSummary: string | null;
    plans: { fileName: string; sha256: string }[];
  } | null;
  report: {
    reportedOn: string;
    results: { criterionCode: string; score: number | null; text: string }[];
    totalScore: number | null;
    weightedScore: number | null;
    unscoredWeighted: string[];
  } | null;
}

export interface MovementResults {
  movement: {
    id: string;
    code: string;
    title: string;
    type: MovementType;
    state: string;
    stateLabel: Localized;
    period: { from: string; to: string };
    legalBasis: { citation: string; sourceId?: string }[];
    launchingUnit: MovementUnit;
    leadUnit: MovementUnit | null;
  };
  phase: ResultsPhase;
  phaseLabel: Localized;
  phaseStartedOn: string | null;
  recipients: { name: string; unitId: string | null; role: 'superior' | 'lead' | 'archive' }[];
  criteria: { code: string; name: Localized; weight: number | null }[];
  scored: boolean;
  units: number;
  acknowledged: number;
  reported: number;
  items: ResultsRow[];
}

export const movementReportsApi = {
  overview: (id: string, signal?: AbortSignal) =>
    api.get<MovementOverview>(`${movementPath(id)}/overview`, undefined, signal),
  results: (id: string, phase: ResultsPhase, signal?: AbortSignal) =>
    api.get<MovementResults>(`${movementPath(id)}/results`, { phase }, signal),
  /**
   * The report's file; `lang: 'en'` asks for it in English: the workbook for a reader of the
   * English interface, the PDF rendered for reference (the Vietnamese one is signed).
   */
  download: (id: string, phase: ResultsPhase, format: 'xlsx' | 'pdf', lang?: 'en') =>
    api.download(`${movementPath(id)}/results.${format}`, lang ? { phase, lang } : { phase }),
};
