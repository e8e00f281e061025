import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';

export class CaseSubjectDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  kind: 'person' | 'unit';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'P-0042' })
  code: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A person’s unit' })
  unitId?: string;
}

export class AllowedEventDto {
  @ApiProperty({ example: 'SUBMIT' })
  type: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;
}

export class WorkflowPinDto {
  @ApiProperty({ example: 'nomination' })
  id: string;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty()
  hash: string;
}

export class CaseUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Văn phòng Đảng ủy', nullable: true, type: String })
  name: string | null;
}

export class ListedAwardDto {
  @ApiProperty({ example: 'lao_dong_tien_tien' })
  code: string;

  @ApiProperty({ type: LocalizedDto, nullable: true, description: 'null: no rule set knows it' })
  name: LocalizedDto | null;
}

/** A case as GET /cases lists it: the case itself, plus what a list screen shows beside it. */
export class CaseListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'nomination' })
  type: string;

  @ApiProperty({ type: CaseSubjectDto })
  subject: CaseSubjectDto;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;

  @ApiProperty({ example: 'verifying' })
  state: string;

  @ApiProperty({ type: LocalizedDto, description: 'From the workflow version the case is on' })
  stateLabel: LocalizedDto;

  @ApiProperty()
  closed: boolean;

  @ApiProperty({ example: 4, description: 'Send as expectedVersion to act only on this version' })
  version: number;

  @ApiProperty({ type: WorkflowPinDto })
  workflow: WorkflowPinDto;

  @ApiProperty({ type: 'object', additionalProperties: true })
  context: Record<string, unknown>;

  @ApiProperty({ type: [AllowedEventDto], description: 'What this caller may send now' })
  allowedEvents: AllowedEventDto[];

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({
    type: CaseUnitDto,
    nullable: true,
    description: 'The unit the case belongs to, with its current name',
  })
  unit: CaseUnitDto | null;

  @ApiProperty({ type: ListedAwardDto, nullable: true, description: 'Nominations: the award' })
  award: ListedAwardDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2025,
    description: 'Nominations: the evaluation year',
  })
  year: number | null;
}

export class ExistencePinDto {
  @ApiProperty({ example: 'violation' })
  id: string;

  @ApiProperty({ example: 4 })
  version: number;
}

/**
 * A need-to-know case (its workflow has an `access` block) whose caller is one of its existence
 * readers: that it exists, its unit and its state; no subject, data, context or allowed events.
 */
export class CaseExistenceItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'violation' })
  type: string;

  @ApiProperty({ enum: [true], description: 'Always true: this is all the caller may know' })
  existenceOnly: true;

  @ApiProperty({ example: 'verifying' })
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ type: ExistencePinDto })
  workflow: ExistencePinDto;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  unitId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: CaseUnitDto, nullable: true })
  unit: CaseUnitDto | null;
}

export class CasePageDto {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(CaseListItemDto) },
        { $ref: getSchemaPath(CaseExistenceItemDto) },
      ],
    },
    description: 'Newest first; a case the caller only knows to exist has existenceOnly: true',
  })
  items: (CaseListItemDto | CaseExistenceItemDto)[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}
