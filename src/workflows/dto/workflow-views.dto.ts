import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';
import {
  PUBLIC_ROLE,
  ROLES,
  SUBJECT_ROLE,
  SYSTEM_ROLE,
  type Role,
  type WorkflowRole,
} from '../../domain/roles';
import { STATE_TAGS, type StateTag } from '../../domain/workflow/state-tags';

const WORKFLOW_ROLES: readonly WorkflowRole[] = [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE, SUBJECT_ROLE];

/** A workflow version as workflowSummary gives it. */
export class WorkflowSummaryDto {
  @ApiProperty({ example: 'nomination' })
  id: string;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty({ example: 'nomination', description: 'The case type it runs (POST /cases)' })
  caseType: string;

  @ApiProperty({ type: LocalizedDto })
  title: LocalizedDto;

  @ApiProperty({ description: 'SHA-256 of the definition’s canonical JSON; cases pin it' })
  hash: string;
}

export class WorkflowListDto {
  @ApiProperty({ type: [WorkflowSummaryDto], description: 'By id, then version' })
  items: WorkflowSummaryDto[];
}

/** An earlier legal date of the case that a legal date may not precede (or must follow). */
export class EarlierLegalDateDto {
  @ApiProperty({ example: 'context.publicNotice.closesOn', description: 'context.… or data.…' })
  path: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;
}

/** A legal date an event's payload may carry, as the workflow file declares it. */
export class WorkflowLegalDateDto {
  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiPropertyOptional({
    type: [EarlierLegalDateDto],
    description: 'Legal dates of the case it may not precede',
  })
  notBefore?: EarlierLegalDateDto[];

  @ApiPropertyOptional({
    type: [EarlierLegalDateDto],
    description: 'Dates it must come strictly after',
  })
  after?: EarlierLegalDateDto[];
}

export class WorkflowEventDto {
  @ApiProperty({ example: 'SUBMIT' })
  type: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty({ enum: WORKFLOW_ROLES, isArray: true, description: 'Who may send it' })
  roles: WorkflowRole[];

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({
    type: [String],
    description: 'Facts the server establishes for its guards (names of fact providers)',
  })
  facts: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'JSON Schema (draft-07) of the payload, to build the event’s form from; null: a version ' +
      'published before payload schemas (any payload is accepted)',
  })
  payloadSchema: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(WorkflowLegalDateDto) },
    description:
      'Legal dates the payload may carry, by payload path ("announcedOn", "decision.date"); ' +
      'empty: the event is dated today in Vietnam',
  })
  legalDates: Record<string, WorkflowLegalDateDto>;
}

/** The informative deadline of the earliest versions (nomination v1): no scheduler reads it. */
export class WorkflowDeadlineDto {
  @ApiProperty({ example: 10 })
  workingDays: number;

  @ApiPropertyOptional({ description: 'The event of this state it concerns' })
  event?: string;

  @ApiPropertyOptional()
  source?: string;
}

export class WorkflowGuardDto {
  @ApiProperty({ example: 'hasStoredDocument' })
  name: string;

  @ApiProperty({ type: LocalizedDto, description: 'What it checks' })
  description: LocalizedDto;
}

export class WorkflowTransitionDto {
  @ApiProperty({ example: 'SUBMIT' })
  event: string;

  @ApiProperty({ example: 'verifying', description: 'The state it leads to' })
  target: string;

  @ApiProperty({ type: [WorkflowGuardDto], description: 'All must pass' })
  guards: WorkflowGuardDto[];
}

export class WorkflowStateDto {
  @ApiProperty({ example: 'verifying' })
  name: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty()
  final: boolean;

  @ApiProperty({
    enum: Object.keys(STATE_TAGS),
    isArray: true,
    description: 'What the state means outside the workflow',
  })
  tags: StateTag[];

  @ApiProperty({ type: WorkflowDeadlineDto, nullable: true })
  deadline: WorkflowDeadlineDto | null;

  @ApiProperty({
    type: [WorkflowTransitionDto],
    description:
      'By event, each in the order they are tried: the first whose guards all pass is taken',
  })
  transitions: WorkflowTransitionDto[];
}

/** A workflow version as workflowDetail gives it: what a client needs to render it. */
export class WorkflowDetailDto extends WorkflowSummaryDto {
  @ApiProperty({
    type: [String],
    description: 'Legal or organisational sources the workflow implements',
  })
  sources: string[];

  @ApiProperty({ enum: ROLES, isArray: true, description: 'Who may open a case of it' })
  openRoles: Role[];

  @ApiProperty({ example: 'draft' })
  initialState: string;

  @ApiProperty({ type: [WorkflowEventDto] })
  events: WorkflowEventDto[];

  @ApiProperty({ type: [WorkflowStateDto] })
  states: WorkflowStateDto[];
}
