import { api, type Localized } from '../../api/client';
import type { Page } from '../../api/page';
import type { Person } from '../../api/registry';
import type { Language } from '../../i18n/language';

export type RatingSubjectKind = 'person' | 'unit';

/** One level of the year's scale (GET /ratings `scale`), best first. */
export interface RatingLevel {
  code: string;
  name: Localized;
  rank: number;
}

/** A current rating as GET /ratings lists it (src/ratings/dto/rating.dto.ts). */
export interface ListedRating {
  id: string;
  subjectKind: RatingSubjectKind;
  subjectId: string;
  year: number;
  rating: string;
  ratingName: Localized;
  basis: string;
  enteredBy: { userId: string | null; username: string };
  enteredAt: string;
  subjectCode: string;
  subjectName: string;
  unitId: string;
}

export interface RatingList {
  year: number;
  scale: RatingLevel[];
  items: ListedRating[];
}

export interface RatingImportReport {
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** What the edit form sends for one subject. */
export interface RatingEntry {
  kind: RatingSubjectKind;
  subjectId: string;
  year: number;
  rating: string;
  basis: string;
}

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PEOPLE_PAGE = 100;

export const ratingsApi = {
  list: (year: number, unitId: string, signal?: AbortSignal) =>
    api.get<RatingList>('/ratings', { year, unitId }, signal),

  /** The unit's own people (not its sub-units'), every page. */
  async peopleOf(unitId: string, signal?: AbortSignal): Promise<Person[]> {
    const people: Person[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Person> = await api.get<Page<Person>>(
        '/people',
        { unitId, limit: PEOPLE_PAGE, cursor },
        signal,
      );
      people.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return people;
  },

  /** Enters or changes one rating (the change supersedes the earlier rating, kept in its history). */
  save: (entry: RatingEntry) =>
    api.put<unknown>(
      `/ratings/${entry.kind}/${encodeURIComponent(entry.subjectId)}/${entry.year}`,
      { rating: entry.rating, basis: entry.basis },
    ),

  importFile: (file: File, contentType: string, onProgress?: (percent: number) => void) =>
    api.upload<RatingImportReport>('/imports/ratings', file, contentType, {}, onProgress),

  /** The import template; its guide in English (`lang=en`) for a reader of the English interface. */
  template: (format: 'xlsx' | 'csv', lang: Language) =>
    api.download('/imports/ratings/template', lang === 'en' ? { format, lang } : { format }),
};
