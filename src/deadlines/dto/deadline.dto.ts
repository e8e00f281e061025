import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { OpaqueCursorPageQuery } from '../../common/page-query.dto';
import { LocalizedDto } from '../../common/problem.dto';
import { TIMER_STATUSES, type TimerStatus } from '../case-timers.sql';
import { IsOmittable } from '../../common/omittable.decorator';

export class DeadlineDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: 'verifying', description: 'The state whose timer this is' })
  state: string;

  @ApiProperty({ example: 1, description: 'The audit record (seq) whose event entered the state' })
  enteredSeq: number;

  @ApiProperty({ example: 'verification_time', description: 'The timer’s name in the state' })
  name: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-03-02',
    description: 'The last day of the period (Vietnam); null when it could not be computed',
  })
  dueOn: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-03-02T17:00:00.000Z',
    description: 'When it fires: the start (in Vietnam) of the day after the due day',
  })
  firesAt: string | null;

  @ApiProperty({ enum: TIMER_STATUSES })
  status: TimerStatus;

  @ApiProperty({ description: 'Pending and its firing time has passed' })
  overdue: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'NOTICE_CLOSED',
    description: 'The event it sends as the system actor when it fires',
  })
  sendEvent: string | null;

  @ApiProperty({ type: [String], description: 'Roles reminded when it fires' })
  remind: string[];

  @ApiProperty({ type: [String], description: 'Roles told that the case is overdue' })
  escalate: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'calendar_year_missing',
    description:
      'Why it failed or was skipped: calendar_year_missing, time_limit_missing, date_missing, ' +
      'event_refused, firing_failed',
  })
  problem: string | null;

  @ApiPropertyOptional({ type: LocalizedDto, nullable: true })
  message: LocalizedDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'When it fired, was cancelled…' })
  settledAt: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The audit record (seq) of the event it sent',
  })
  firedSeq: number | null;
}

export class CaseDeadlinesDto {
  @ApiProperty({ type: [DeadlineDto], description: 'Every timer of the case, oldest first' })
  items: DeadlineDto[];
}

export class ListedDeadlineDto extends DeadlineDto {
  @ApiProperty({ example: 'nomination' })
  caseType: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  unitId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The case’s subject; null where the caller does not read the case',
  })
  subjectName: string | null;
}

export class DeadlineListDto {
  @ApiProperty({ type: [ListedDeadlineDto], description: 'Earliest firing (most overdue) first' })
  items: ListedDeadlineDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class DeadlineListQuery extends OpaqueCursorPageQuery {
  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'Only timers due on or before this day (YYYY-MM-DD)',
  })
  @IsOmittable()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'dueBefore must be a date YYYY-MM-DD',
  })
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only cases of this unit and below' })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: TIMER_STATUSES, description: 'Default: pending' })
  @IsOmittable()
  @IsIn(TIMER_STATUSES)
  status?: TimerStatus;
}

export class DeadlineParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class CaseIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
