import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OutputLanguage } from '../../common/language-query.decorator';
import type { Language } from '../../domain/localized';
import { LocalizedDto } from '../../common/problem.dto';
import { LegalBasisDto, MovementUnitDto, PeriodDto } from './movement.dto';

export const RESULTS_PHASES = ['midterm', 'final'] as const;

export class ResultsQuery {
  @ApiProperty({ enum: RESULTS_PHASES, description: 'Sơ kết (midterm) or tổng kết (final)' })
  @IsIn(RESULTS_PHASES)
  phase: (typeof RESULTS_PHASES)[number];
}

export class ResultsPdfQuery extends ResultsQuery {
  @OutputLanguage('vi: the report to sign; en: the same report rendered in English, for reference')
  lang?: Language;
}

export class ResultsWorkbookQuery extends ResultsQuery {
  @OutputLanguage(
    'The words of the workbook (sheet, title, labels, dates, the phase); what the units wrote, names ' +
      'and legal bases stay as written, and the header row is in both languages',
  )
  lang?: Language;
}

export class ResultsCriterionDto {
  @ApiProperty({ example: 'traffic_law_compliance' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ nullable: true, type: Number, example: 60, description: 'null: words only' })
  weight: number | null;
}

export class ResultsRecipientDto {
  @ApiProperty({ example: 'Ban Thường vụ Tỉnh ủy' })
  name: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  unitId: string | null;

  @ApiProperty({
    enum: ['superior', 'lead', 'archive'],
    description:
      'superior: the unit above the launcher (to whom it reports); lead: the movement’s lead ' +
      'unit when another than the launcher; archive: the launcher’s own files (Lưu)',
  })
  role: string;
}

export class ResultsMovementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ['regular', 'thematic', 'campaign'] })
  type: string;

  @ApiProperty()
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ type: PeriodDto })
  period: PeriodDto;

  @ApiProperty({ type: [LegalBasisDto] })
  legalBasis: LegalBasisDto[];

  @ApiProperty({ type: MovementUnitDto })
  launchingUnit: MovementUnitDto;

  @ApiProperty({ type: MovementUnitDto, nullable: true })
  leadUnit: MovementUnitDto | null;
}

export class PlanFileDto {
  @ApiProperty()
  fileName: string;

  @ApiProperty({ example: 'e3b0c442…' })
  sha256: string;
}

export class ResultsAcknowledgementDto {
  @ApiProperty({ format: 'uuid' })
  participationId: string;

  @ApiProperty({ format: 'date' })
  acknowledgedOn: string;

  @ApiProperty({ nullable: true, type: String })
  planSummary: string | null;

  @ApiProperty({ type: [PlanFileDto], description: 'Every version uploaded, oldest first' })
  plans: PlanFileDto[];
}

export class CriterionResultDto {
  @ApiProperty()
  criterionCode: string;

  @ApiProperty({ nullable: true, type: Number })
  score: number | null;

  @ApiProperty({ description: 'Empty: the unit did not report on this criterion' })
  text: string;
}

export class UnitReportDto {
  @ApiProperty({ format: 'date' })
  reportedOn: string;

  @ApiProperty({ type: [CriterionResultDto], description: 'One per criterion, in its order' })
  results: CriterionResultDto[];

  @ApiProperty({ nullable: true, type: Number, description: 'Sum of the scores given' })
  totalScore: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Σ(weight × score) / Σ weight over the weighted criteria (two decimals; an unscored one ' +
      'counts 0); null when the movement does not score',
  })
  weightedScore: number | null;

  @ApiProperty({ type: [String], description: 'Weighted criteria the unit gave no score' })
  unscoredWeighted: string[];
}

export class ResultsRowDto {
  @ApiProperty({ type: MovementUnitDto })
  unit: MovementUnitDto;

  @ApiProperty({ type: ResultsAcknowledgementDto, nullable: true })
  acknowledgement: ResultsAcknowledgementDto | null;

  @ApiProperty({ type: UnitReportDto, nullable: true, description: 'null: not reported' })
  report: UnitReportDto | null;
}

/** The consolidated results report of one phase, for the recipients upward. */
export class MovementResultsDto {
  @ApiProperty({ type: ResultsMovementDto })
  movement: ResultsMovementDto;

  @ApiProperty({ enum: RESULTS_PHASES })
  phase: string;

  @ApiProperty({ type: LocalizedDto })
  phaseLabel: LocalizedDto;

  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'The day the review began',
  })
  phaseStartedOn: string | null;

  @ApiProperty({ type: [ResultsRecipientDto], description: 'Nơi nhận' })
  recipients: ResultsRecipientDto[];

  @ApiProperty({ type: [ResultsCriterionDto] })
  criteria: ResultsCriterionDto[];

  @ApiProperty({ description: 'Whether the movement scores (a criterion carries a weight)' })
  scored: boolean;

  @ApiProperty({ example: 12, description: 'Active units of the participating subtree' })
  units: number;

  @ApiProperty({ example: 9 })
  acknowledged: number;

  @ApiProperty({ example: 7, description: 'Units that reported this phase' })
  reported: number;

  @ApiProperty({ type: [ResultsRowDto], description: 'One per unit, in the registry’s order' })
  items: ResultsRowDto[];
}

export class StateCountDto {
  @ApiProperty({ example: 'approved' })
  state: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty({ example: 3 })
  count: number;
}

export class CountLineDto {
  @ApiProperty({ example: 'discipline' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty({ example: 1 })
  count: number;
}

export class RegistrationCountsDto {
  @ApiProperty()
  total: number;

  @ApiProperty({ type: [StateCountDto], description: 'Every state of the workflow' })
  byState: StateCountDto[];
}

export class AcknowledgementCountsDto {
  @ApiProperty({ description: 'Active units counted' })
  units: number;

  @ApiProperty()
  acknowledged: number;

  @ApiProperty()
  notYet: number;
}

export class AwardCountDto {
  @ApiProperty({ example: 'giay_khen' })
  awardCode: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty()
  count: number;
}

export class NominationCountsDto {
  @ApiProperty({ description: 'Nominations whose data.movementId is this movement' })
  total: number;

  @ApiProperty({ type: [StateCountDto], description: 'The states that have any' })
  byState: StateCountDto[];

  @ApiProperty({ description: 'Of them, awards announced (state tagged granted)' })
  announced: number;

  @ApiProperty({ type: [AwardCountDto] })
  awardsAnnounced: AwardCountDto[];
}

export class ViolationCountsDto {
  @ApiProperty({ type: PeriodDto, description: 'The movement’s period' })
  period: PeriodDto;

  @ApiProperty({ description: 'Violations that occurred in the period, in the units counted' })
  total: number;

  @ApiProperty({ type: [CountLineDto] })
  byOutcome: CountLineDto[];

  @ApiProperty({ type: [CountLineDto] })
  byCategory: CountLineDto[];
}

/** The movement page's overview: counts only. */
export class MovementOverviewDto {
  @ApiProperty({ format: 'uuid' })
  movementId: string;

  @ApiProperty({
    description:
      'true: the whole participating subtree (the launching unit, auditors); false: only the ' +
      'caller’s own subtrees inside it (`units`)',
  })
  wholeMovement: boolean;

  @ApiProperty({ type: [MovementUnitDto], description: 'The roots of the subtrees counted' })
  units: MovementUnitDto[];

  @ApiProperty({ type: RegistrationCountsDto })
  registrations: RegistrationCountsDto;

  @ApiProperty({ type: AcknowledgementCountsDto })
  acknowledgements: AcknowledgementCountsDto;

  @ApiProperty({ type: NominationCountsDto })
  nominations: NominationCountsDto;

  @ApiProperty({
    type: ViolationCountsDto,
    nullable: true,
    description:
      'null: the caller counts violations nowhere here (only secretariat, council chair, unit ' +
      'leader and auditors read violation statistics)',
  })
  violations: ViolationCountsDto | null;
}
