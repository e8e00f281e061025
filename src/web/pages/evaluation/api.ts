import { api } from '../../api/client';
import type { Language, Localized } from '../../i18n/language';

export interface LabelledCode {
  code: string;
  label: Localized;
}

export interface ExactShare {
  numerator: number;
  denominator: number;
  percent: number | null;
}

/** One row of GET /evaluation-sheets/:unitId/:year (src/evaluation/dto/evaluation-sheet.dto.ts). */
export interface EvaluationRow {
  kind: 'unit' | 'person';
  id: string;
  code: string;
  name: string;
  unit: { id: string; code: string; name: string };
  depth: number;
  rating: LabelledCode | null;
  registrations: {
    caseId: string;
    movement: { id: string; code: string; title: string };
    state: string;
    stateLabel: Localized;
    awardCodes: string[];
    met: boolean;
    metBy: string | null;
  }[];
  awards: {
    source: 'case' | 'imported';
    reference: string;
    awardCode: string;
    awardName: Localized;
    evaluationYear: number;
    decidedOn: string | null;
    decisionNumber: string | null;
  }[];
  violations: {
    confirmed: number;
    disciplines: number;
    /** Only for readers of violation cases (secretariat, council chair, auditor). */
    details?: {
      caseId: string;
      occurredOn: string;
      category: LabelledCode;
      outcome: LabelledCode;
      disciplineForms: LabelledCode[];
      countsAgainstTraffic: boolean;
    }[];
  };
  traffic: { met: boolean | null; share: ExactShare };
}

export interface EvaluationSheet {
  unit: { id: string; code: string; name: string };
  year: number;
  violationDetail: 'full' | 'counts';
  rows: EvaluationRow[];
}

const path = (unitId: string, year: number) =>
  `/evaluation-sheets/${encodeURIComponent(unitId)}/${year}`;

export const evaluationApi = {
  get: (unitId: string, year: number, signal?: AbortSignal) =>
    api.get<EvaluationSheet>(path(unitId, year), undefined, signal),
  /** The workbook; in English (`lang=en`) for a reader of the English interface. */
  download: (unitId: string, year: number, lang: Language = 'vi') =>
    api.download(`${path(unitId, year)}.xlsx`, lang === 'en' ? { lang } : undefined),
};
