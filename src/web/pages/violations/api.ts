import { api } from '../../api/client';
import type { Language, Localized } from '../../i18n/language';

export interface CountLine {
  code: string;
  label: Localized;
  count: number;
}

/** GET /violation-statistics: counts only (see the server's ViolationStatisticsDto). */
export interface ViolationStatistics {
  unit: { id: string; code: string; name: string };
  period: { from: string; to: string };
  total: number;
  datedByReport: number;
  byCategory: CountLine[];
  bySource: CountLine[];
  byOutcome: CountLine[];
  disciplinesByForm: CountLine[];
  disciplines: number;
  membersDisciplined: number;
  peopleWithConfirmedTrafficViolation: number;
  members: number;
  trafficCompliance: { numerator: number; denominator: number; percent: number | null };
}

export interface StatisticsQuery {
  unitId: string;
  from: string;
  to: string;
}

export const statisticsApi = {
  get: (query: StatisticsQuery, signal?: AbortSignal) =>
    api.get<ViolationStatistics>('/violation-statistics', { ...query }, signal),
  /** The workbook; in English (`lang=en`) for a reader of the English interface. */
  download: (query: StatisticsQuery, lang: Language = 'vi') =>
    api.download('/violation-statistics.xlsx', lang === 'en' ? { ...query, lang } : { ...query }),
};
