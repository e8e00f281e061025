import { ApiProperty, ApiPropertyOptional, getSchemaPath, OmitType } from '@nestjs/swagger';
import { CaseExistenceItemDto, CaseListItemDto, WorkflowPinDto } from './case-list.dto';

/** One case as its reader knows it (case-view.ts CaseView): the list's item without its extras. */
export class CaseViewDto extends OmitType(CaseListItemDto, ['unit', 'award', 'year']) {}

/** What an existence reader of a need-to-know case learns (case-view.ts CaseExistenceView). */
export class CaseExistenceViewDto extends OmitType(CaseExistenceItemDto, ['unit']) {}

/** The schema of an answer that is a full case or, for its existence readers, only that it exists. */
export const CASE_OR_EXISTENCE = {
  oneOf: [{ $ref: getSchemaPath(CaseViewDto) }, { $ref: getSchemaPath(CaseExistenceViewDto) }],
};

export class RecordActorDto {
  @ApiProperty({ description: 'The account, or "system" for the engine’s own events' })
  userId: string;

  @ApiProperty({ example: 'tran.thi.my.dung' })
  username: string;

  @ApiProperty({ example: 'secretariat', description: 'The role the actor acted in' })
  role: string;
}

/** One record of a case's hash chain (domain/audit/audit-record.ts AuditRecord). */
export class AuditRecordDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: 3, description: '1 for the record that opened the case' })
  seq: number;

  @ApiProperty({ format: 'date-time', description: 'When the server recorded it' })
  at: string;

  @ApiProperty({ type: RecordActorDto })
  actor: RecordActorDto;

  @ApiProperty({ example: 'SUBMIT', description: 'CASE_OPENED for the first record' })
  eventType: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the server established for the event (absent when it declared none)',
  })
  facts?: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true, description: 'null for the opening record' })
  fromState: string | null;

  @ApiProperty({ example: 'submitted' })
  toState: string;

  @ApiProperty({ type: WorkflowPinDto })
  workflow: WorkflowPinDto;

  @ApiProperty({ description: 'SHA-256 (hex) of the previous record; 64 zeros for the first' })
  prevHash: string;

  @ApiProperty({ description: 'SHA-256 (hex) of this record’s canonical JSON' })
  hash: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [AuditRecordDto], description: 'In sequence order' })
  items: AuditRecordDto[];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as afterSeq for the next page; null when this page reached the end',
  })
  nextAfterSeq: number | null;
}

/** domain/audit/verify-case.ts CaseVerification. */
export class CaseVerificationDto {
  @ApiProperty({ description: 'Every record sound, and the case’s row agrees with its history' })
  ok: boolean;

  @ApiProperty({ description: 'Records found sound before the first problem (all when ok)' })
  checked: number;

  @ApiProperty({ type: Number, nullable: true })
  firstBadSeq: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: [
      'SEQUENCE_GAP',
      'PREV_HASH_MISMATCH',
      'HASH_MISMATCH',
      'WRONG_CASE',
      'MISSING_RECORDS',
      'HEAD_MISMATCH',
      'WORKFLOW_MISMATCH',
      'REPLAY_DRIFT',
      'CASE_ROW_MISMATCH',
    ],
  })
  problem: string | null;
}
