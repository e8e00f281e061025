import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CursorPageQuery } from '../../common/page-query.dto';
import {
  IsUUID,
  ValidateIf,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** Versions and sequence numbers are 32-bit integers in the database. */
const MAX_SEQ = 2_147_483_647;

const CASE_TYPE = /^[a-z][a-z0-9_]{0,62}$/;
const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,62}$/;
const STATE = /^[a-z][a-z0-9_]{0,62}$/;

/** A person or a unit (collective) from the registry; the case belongs to their unit. */
export class SubjectDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  @IsIn(['person', 'unit'])
  kind: 'person' | 'unit';

  @ApiPropertyOptional({ description: 'Required when kind is "person"' })
  @ValidateIf((subject: SubjectDto) => subject.kind === 'person')
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Required when kind is "unit"' })
  @ValidateIf((subject: SubjectDto) => subject.kind === 'unit')
  @IsUUID()
  unitId?: string;
}

export class CreateCaseDto {
  @ApiProperty({ example: 'nomination', description: 'A case type from GET /workflows' })
  @Matches(CASE_TYPE, { message: 'type must be a case type such as "nomination"' })
  type: string;

  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class SendEventDto {
  @ApiProperty({ example: 'SUBMIT' })
  @Matches(EVENT_TYPE, { message: 'type must be an event name such as "SUBMIT"' })
  type: string;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the case is at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  expectedVersion?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class ListCasesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'nomination' })
  @IsOptional()
  @Matches(CASE_TYPE)
  type?: string;

  @ApiPropertyOptional({ example: 'verifying' })
  @IsOptional()
  @Matches(STATE)
  state?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Only records after this sequence number', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
