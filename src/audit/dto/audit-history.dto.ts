import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsOmittable } from '../../common/omittable.decorator';
import { DecimalInteger } from '../../common/decimal-integer.decorator';

const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,62}$/;
const STATE = /^[a-z][a-z0-9_]{0,62}$/;
/**
 * A calendar date (midnight UTC) or a date-time with seconds and an explicit zone (Z or ±hh:mm):
 * a time without a zone would be read in the server's local time.
 */
export const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/;

/** The filters shared by the history search and the export; every one narrows. */
export class AuditEventFilterQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases about this person' })
  @IsOmittable()
  @IsUUID()
  subjectPersonId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases about this unit as a collective' })
  @IsOmittable()
  @IsUUID()
  subjectUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Records written by this user' })
  @IsOmittable()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'SUBMIT' })
  @IsOmittable()
  @Matches(EVENT_TYPE, { message: 'eventType must be an event name such as "SUBMIT"' })
  eventType?: string;

  @ApiPropertyOptional({ example: 'verifying', description: 'The state the record led to' })
  @IsOmittable()
  @Matches(STATE, { message: 'state must be a state name such as "verifying"' })
  state?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Inclusive (ISO 8601)' })
  @IsOmittable()
  @Matches(ISO_INSTANT, { message: 'from must be an ISO 8601 date or date-time with a zone' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'Exclusive (ISO 8601)' })
  @IsOmittable()
  @Matches(ISO_INSTANT, { message: 'to must be an ISO 8601 date or date-time with a zone' })
  to?: string;
}

/** GET /audit/events: the filters, keyset-paginated in (time, case id, seq) order. */
export class AuditEventsQuery extends AuditEventFilterQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOmittable()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOmittable()
  @DecimalInteger()
  @Min(1)
  @Max(200)
  @IsInt()
  limit?: number;
}

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** GET /audit/export: the filters and a format. */
export class AuditExportQuery extends AuditEventFilterQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'jsonl' })
  @IsOmittable()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** GET /audit/reads: the read log of one user (default: the caller), newest first. */
export class AuditReadsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the caller' })
  @IsOmittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOmittable()
  @DecimalInteger()
  @Min(1)
  @Max(200)
  @IsInt()
  limit?: number;
}
