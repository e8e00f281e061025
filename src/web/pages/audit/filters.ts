import dayjs, { type Dayjs } from 'dayjs';
import type { AuditFilter } from './api';

/**
 * The events search keeps its filters in the address (so a case page can link to
 * `/audit?caseId=…`, and Back returns to the previous search). The id filters have the API's
 * names; the period is two legal-style dates (`fromDate`, `toDate`, both included), turned into
 * instants in Vietnam's time zone only when the API is called.
 */
export const ID_FILTERS = [
  'caseId',
  'subjectPersonId',
  'subjectUnitId',
  'actorUserId',
  'eventType',
  'state',
] as const;

export const PAGE_SIZES = [50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FilterValues {
  caseId?: string;
  subjectPersonId?: string;
  subjectUnitId?: string;
  actorUserId?: string;
  eventType?: string;
  state?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  limit: number;
}

/** Vietnam has kept UTC+7 all year since 1975: midnight there is a fixed offset. */
function vietnamMidnight(date: string): string {
  return `${date}T00:00:00+07:00`;
}

function dayAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

export function pageSizeOf(params: URLSearchParams): number {
  const limit = Number(params.get('limit'));
  return (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE;
}

/** The API's filter for the address's parameters. */
export function apiFilterOf(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of ID_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const fromDate = params.get('fromDate');
  const toDate = params.get('toDate');
  if (fromDate && DATE.test(fromDate)) filter.from = vietnamMidnight(fromDate);
  if (toDate && DATE.test(toDate)) filter.to = vietnamMidnight(dayAfter(toDate));
  return filter;
}

/** Whether the address asks for a search: any filter, or an explicit search for everything. */
export function wantsSearch(params: URLSearchParams): boolean {
  return (
    params.get('search') === '1' ||
    ID_FILTERS.some((key) => params.get(key)) ||
    Boolean(params.get('fromDate') || params.get('toDate'))
  );
}

export function formValuesOf(params: URLSearchParams): FilterValues {
  const values: FilterValues = { limit: pageSizeOf(params) };
  for (const key of ID_FILTERS) {
    const value = params.get(key);
    if (value) values[key] = value;
  }
  const fromDate = params.get('fromDate');
  const toDate = params.get('toDate');
  values.period =
    fromDate || toDate ? [fromDate ? dayjs(fromDate) : null, toDate ? dayjs(toDate) : null] : null;
  return values;
}

/** The address's parameters for submitted form values, keeping the other tabs' parameters. */
export function paramsOf(values: FilterValues, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const key of [...ID_FILTERS, 'fromDate', 'toDate', 'limit', 'search']) next.delete(key);
  for (const key of ID_FILTERS) {
    const value = values[key]?.trim();
    if (value) next.set(key, value);
  }
  const [start, end] = values.period ?? [null, null];
  if (start) next.set('fromDate', start.format('YYYY-MM-DD'));
  if (end) next.set('toDate', end.format('YYYY-MM-DD'));
  if (values.limit !== DEFAULT_PAGE_SIZE) next.set('limit', String(values.limit));
  next.set('search', '1');
  return next;
}
