import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllowedEventDto } from '../../cases/dto/case-list.dto';
import { LocalizedDto } from '../../common/problem.dto';

export class CriterionSourceDto {
  @ApiProperty({ example: 'plan_duk_directive_23' })
  sourceId: string;

  @ApiProperty({ example: 'Kế hoạch thực hiện Chỉ thị số 23-CT/TW, Phần II.1' })
  citation: string;
}

export class EmulationCriterionDto {
  @ApiProperty({ example: 'traffic_law_compliance' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ type: LocalizedDto })
  description: LocalizedDto;

  @ApiPropertyOptional({
    example: 30,
    description: 'Default weight (0–100) where a movement scores',
  })
  scored?: number;

  @ApiPropertyOptional({ type: CriterionSourceDto })
  source?: CriterionSourceDto;

  @ApiProperty({ description: 'false: a common criterion not yet checked against a text' })
  confirmed: boolean;
}

export class EmulationCriteriaListDto {
  @ApiProperty({ example: 'emulation-criteria' })
  id: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: LocalizedDto })
  title: LocalizedDto;

  @ApiProperty({ type: LocalizedDto })
  description: LocalizedDto;

  @ApiProperty({ type: [EmulationCriterionDto] })
  items: EmulationCriterionDto[];
}

export class MovementUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'BTG' })
  code: string;

  @ApiProperty({ example: 'Ban Tuyên giáo' })
  name: string;
}

export class LegalBasisDto {
  @ApiProperty({ example: 'Chỉ thị số 23-CT/TW ngày 25/5/2023 của Ban Bí thư' })
  citation: string;

  @ApiPropertyOptional({ example: 'directive_23_ct_tw' })
  sourceId?: string;
}

export class MovementCriterionDto {
  @ApiProperty({ example: 'traffic_law_compliance' })
  code: string;

  @ApiPropertyOptional({ example: 30 })
  weight?: number;
}

export class PeriodDto {
  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;
}

export class MovementMilestonesDto {
  @ApiProperty({ format: 'date', nullable: true, type: String })
  launchedOn: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  midtermStartedOn: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  finalStartedOn: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  closedOn: string | null;

  @ApiProperty({ nullable: true, type: String })
  summary: string | null;
}

/** A movement as a list shows it. */
export class MovementSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'The movement case id' })
  id: string;

  @ApiProperty({ example: 'PT-ATGT-2026' })
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ['regular', 'thematic', 'campaign'] })
  type: string;

  @ApiProperty({ example: 'launched' })
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ type: [String], example: ['movement_live', 'registration_open'] })
  tags: string[];

  @ApiProperty({ type: MovementUnitDto, description: 'The launching unit (the case subject)' })
  launchingUnit: MovementUnitDto;

  @ApiProperty({ type: PeriodDto })
  period: PeriodDto;

  @ApiProperty({ format: 'date' })
  registrationDeadline: string;

  @ApiProperty({ type: MovementMilestonesDto })
  milestones: MovementMilestonesDto;

  @ApiProperty({ description: 'Whether the caller reads the movement case itself (the launcher)' })
  launcherView: boolean;
}

export class MovementListDto {
  @ApiProperty({ type: [MovementSummaryDto] })
  items: MovementSummaryDto[];
}

export class CallerUnitDto {
  @ApiProperty({ type: MovementUnitDto })
  unit: MovementUnitDto;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The unit’s participation case; null: not yet acknowledged',
  })
  participationId: string | null;
}

/** One movement in full, with what the caller may do about it. */
export class MovementViewDto extends MovementSummaryDto {
  @ApiPropertyOptional()
  theme?: string;

  @ApiProperty({ type: [LegalBasisDto] })
  legalBasis: LegalBasisDto[];

  @ApiProperty({ type: MovementUnitDto, nullable: true })
  leadUnit: MovementUnitDto | null;

  @ApiProperty({ type: [MovementUnitDto] })
  coordinatingUnits: MovementUnitDto[];

  @ApiProperty({ type: MovementUnitDto, nullable: true })
  participatingUnit: MovementUnitDto | null;

  @ApiProperty({ type: [MovementCriterionDto] })
  criteria: MovementCriterionDto[];

  @ApiProperty({ type: [String], example: ['giay_khen'] })
  awardsOnOffer: string[];

  @ApiProperty({ example: 3, description: 'The movement case version (expectedVersion)' })
  version: number;

  @ApiProperty({
    type: [AllowedEventDto],
    description: 'Events the caller may send to the movement case now (launcher only)',
  })
  allowedEvents: AllowedEventDto[];

  @ApiProperty({
    type: [CallerUnitDto],
    description:
      'The caller’s units in the participating subtree (as unit leader or secretariat) and whether each has acknowledged',
  })
  yourUnits: CallerUnitDto[];
}

export class ResultsReportedDto {
  @ApiProperty({ format: 'date', nullable: true, type: String })
  midterm: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  final: string | null;
}

export class ParticipationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'acknowledged' })
  state: string;

  @ApiProperty({ format: 'date' })
  acknowledgedOn: string;

  @ApiPropertyOptional()
  planSummary?: string;

  @ApiProperty({ example: 1, description: 'Implementation plans uploaded' })
  plans: number;

  @ApiProperty({ type: ResultsReportedDto, description: 'The day of each phase’s report' })
  resultsReportedOn: ResultsReportedDto;
}

export class ParticipationRowDto {
  @ApiProperty({ type: MovementUnitDto })
  unit: MovementUnitDto;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;

  @ApiProperty({ type: ParticipationSummaryDto, nullable: true })
  participation: ParticipationSummaryDto | null;
}

export class ParticipationTableDto {
  @ApiProperty({ format: 'uuid' })
  movementId: string;

  @ApiProperty({ example: 12 })
  units: number;

  @ApiProperty({ example: 9 })
  acknowledged: number;

  @ApiProperty({ type: [ParticipationRowDto], description: 'Every active unit of the subtree' })
  items: ParticipationRowDto[];
}
