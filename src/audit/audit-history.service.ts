import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppError, fieldProblem } from '../common/errors';
import type { AuditRecord } from '../domain/audit/audit-record';
import type { Localized } from '../domain/localized';
import { scopesFor, type Principal } from '../domain/org/principal';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditEventFilter,
  type AuditRead,
  type AuditTrailRepository,
  type EventCursor,
} from '../persistence/repositories/audit-trail.repository';
import { auditCsvChunksOfRows } from './audit-csv';
import { auditExportText } from './audit-export-lines';
import {
  EXPORT_COVERAGE_REPOSITORY,
  type ExportCoverageRepository,
} from './export-coverage.repository';
import type {
  AuditEventFilterQuery,
  AuditEventsQuery,
  AuditExportQuery,
  AuditReadsQuery,
  ExportFormat,
} from './dto/audit-history.dto';

const DEFAULT_LIMIT = 50;
/** Lines are sent in chunks of about this size: fewer, larger writes; memory stays bounded. */
const CHUNK_BYTES = 64 * 1024;

export interface AuditEventPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

export interface AuditExport {
  contentType: string;
  fileName: string;
  body: Readable;
}

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson',
  csv: 'text/csv; charset=utf-8',
};

const FILTER_FIELDS = [
  'caseId',
  'subjectPersonId',
  'subjectUnitId',
  'actorUserId',
  'eventType',
  'state',
  'from',
  'to',
] as const;

const invalid = (field: string, message: Localized) =>
  new AppError(
    'VALIDATION.FAILED',
    'invalid',
    'The request has invalid fields.',
    { errors: [fieldProblem(field, message)] },
    { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request has invalid fields.' },
  );

const NOT_A_CURSOR: Localized = {
  vi: 'cursor phải là giá trị nextCursor của trang trước',
  en: 'cursor must be a nextCursor value',
};

/** A date or date-time the DTO accepted, as stored (ISO 8601 UTC with milliseconds). */
export function normaliseInstant(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  // Date rolls 30 February over into March: the calendar date must come back as written.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    Number.isNaN(time.getTime()) ||
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  ) {
    throw invalid(field, {
      vi: `${field} không phải là một ngày có thật`,
      en: `${field} is not a real date`,
    });
  }
  return time.toISOString();
}

/** The query's filters, normalised: what is applied, logged, and written in an export's header. */
export function publicFilter(query: AuditEventFilterQuery): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const value =
      field === 'from' || field === 'to' ? normaliseInstant(field, query[field]) : query[field];
    if (value !== undefined) filter[field] = value;
  }
  return filter;
}

export function toEventFilter(
  scopes: AuditEventFilter['scopes'],
  filter: Record<string, string>,
): AuditEventFilter {
  const { state, ...rest } = filter;
  return { scopes, ...rest, ...(state === undefined ? {} : { toState: state }) };
}

export function encodeCursor(record: AuditRecord): string {
  const cursor: EventCursor = { at: record.at, caseId: record.caseId, seq: record.seq };
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The largest value of PostgreSQL's `integer`, the type of a record's seq. */
const MAX_SEQ = 2 ** 31 - 1;

export function decodeCursor(text: string): EventCursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', NOT_A_CURSOR);
  }
  const { at, caseId, seq } = (cursor ?? {}) as Partial<EventCursor>;
  if (
    typeof at !== 'string' ||
    at.length > 40 ||
    typeof caseId !== 'string' ||
    caseId.length > 64 ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 0 ||
    // A record's seq is an `integer` column: PostgreSQL refuses a larger value in the query.
    (seq as number) > MAX_SEQ
  ) {
    throw invalid('cursor', NOT_A_CURSOR);
  }
  return { at, caseId, seq: seq as number };
}

/** Groups small strings into chunks of about CHUNK_BYTES. */
async function* chunked(parts: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * The auditors' reading of the audit trail: search, export and the read log. Every read is
 * narrowed to the caller's auditor grants, and every read is logged (who, when, what query, how
 * many results) before it is answered: if the log cannot be written, the read fails.
 */
@Injectable()
export class AuditHistoryService {
  constructor(
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    @Inject(EXPORT_COVERAGE_REPOSITORY) private readonly coverage: ExportCoverageRepository,
    private readonly clock: Clock,
  ) {}

  async search(principal: Principal, query: AuditEventsQuery): Promise<AuditEventPage> {
    const filter = publicFilter(query);
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const found = await this.trail.searchEvents(
      toEventFilter(scopesFor(principal, ['auditor']), filter),
      after,
      limit + 1,
    );
    const items = found.slice(0, limit);
    const nextCursor = found.length > limit ? encodeCursor(items[items.length - 1]) : null;
    await this.logRead(
      principal,
      'search',
      {
        ...filter,
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit,
      },
      items.length,
    );
    return { items, nextCursor };
  }

  /**
   * The export as a stream: JSON Lines (verifiable offline, see src/domain/audit/audit-export.ts)
   * or CSV. The read is logged before the first byte; the count is not known then (null). An
   * auditor scoped to some units gets their cases proved against the checkpoints, never another
   * case's id or head.
   */
  async export(principal: Principal, query: AuditExportQuery): Promise<AuditExport> {
    const format = query.format ?? 'jsonl';
    const filter = publicFilter(query);
    const scopes = scopesFor(principal, ['auditor']);
    const eventFilter = toEventFilter(scopes, filter);
    const exportedAt = this.clock.nowIso();
    await this.logRead(principal, 'export', { format, ...filter }, null);
    const parts =
      format === 'csv'
        ? chunked(auditCsvChunksOfRows(this.trail.streamEventRows(eventFilter)))
        : chunked(
            auditExportText(this.trail, this.coverage, eventFilter, {
              exportedAt,
              publicFilter: { ...filter, ...(scopes === null ? {} : { scoped: true }) },
            }),
          );
    const stamp = exportedAt.replace(/[:.]/g, '-');
    return {
      contentType: EXPORT_MEDIA_TYPES[format],
      fileName: `audit-export-${stamp}.${format}`,
      body: Readable.from(parts, { objectMode: false }),
    };
  }

  /**
   * A user's read log, newest first. An organisation-wide auditor may read anyone's; an auditor
   * scoped to units only their own (another user's log could name cases outside their scope), so
   * asking for someone else's gets an empty list, as lists leave out what is out of scope.
   */
  async reads(principal: Principal, query: AuditReadsQuery): Promise<{ items: AuditRead[] }> {
    const userId = query.userId ?? principal.userId;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const allowed = userId === principal.userId || scopesFor(principal, ['auditor']) === null;
    const items = allowed ? await this.trail.readsBy(userId, limit) : [];
    await this.logRead(principal, 'reads', { userId, limit }, items.length);
    return { items };
  }

  /** Records one read; throws (so the read fails) if it cannot. */
  async logRead(
    principal: Principal,
    action: string,
    query: Record<string, unknown>,
    resultCount: number | null,
  ): Promise<void> {
    await this.trail.recordRead({
      id: randomUUID(),
      at: this.clock.nowIso(),
      userId: principal.userId,
      username: principal.username,
      action,
      query,
      resultCount,
    });
  }
}
