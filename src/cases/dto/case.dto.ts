import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CursorPageQuery } from '../../common/page-query.dto';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const CASE_TYPE = /^[a-z][a-z0-9_]{0,62}$/;
const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,62}$/;
const STATE = /^[a-z][a-z0-9_]{0,62}$/;

export class SubjectDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  @IsIn(['person', 'unit'])
  kind: 'person' | 'unit';

  @ApiProperty({ example: 'Trần Xuân Lâm' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ description: 'An identifier in the organisation (person or unit code)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference?: string;
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
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
