import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { OutputLanguage } from '../../common/language-query.decorator';
import { LocalizedDto } from '../../common/problem.dto';
import type { Language } from '../../domain/localized';
import {
  ExactShareDto,
  StatisticsPeriodDto,
} from '../../violations/statistics/dto/violation-statistics.dto';
import { DecimalInteger } from '../../common/decimal-integer.decorator';

/** The first year a sheet is asked for; the last the ratings register takes. */
export const FIRST_SHEET_YEAR = 2000;
export const LAST_SHEET_YEAR = 2100;

export class EvaluationSheetParams {
  @ApiProperty({ format: 'uuid', description: 'The unit whose subtree the sheet covers' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: 2026, description: 'The year evaluated (1 January – 31 December)' })
  @DecimalInteger()
  @Min(FIRST_SHEET_YEAR)
  @Max(LAST_SHEET_YEAR)
  @IsInt()
  year: number;
}

export class EvaluationSheetXlsxQuery {
  @OutputLanguage(
    'The words of the workbook (sheet name, title, unit and year, kinds, ratings, states, award ' +
      'names, met or not); names, codes, numbers and the two header rows stay the same',
  )
  lang?: Language;
}

export class SheetUnitRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;
}

export class LabelledCodeDto {
  @ApiProperty({ example: 'hoan_thanh_tot', description: 'Empty: the value was not given' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;
}

export class SheetMovementRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PT-ATGT-2026' })
  code: string;

  @ApiProperty()
  title: string;
}

export class RegistrationLineDto {
  @ApiProperty({ format: 'uuid', description: 'The registration case' })
  caseId: string;

  @ApiProperty({ type: SheetMovementRefDto })
  movement: SheetMovementRefDto;

  @ApiProperty({ example: 'approved' })
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ type: [String], example: ['lao_dong_tien_tien'] })
  awardCodes: string[];

  @ApiProperty({
    description:
      'Approved, and an award granted for it: a granted nomination naming the registration, or ' +
      'naming only the same movement with one of the awards it aimed at',
  })
  met: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The nomination case whose granted award met it',
  })
  metBy: string | null;
}

export class AwardLineDto {
  @ApiProperty({
    enum: ['case', 'imported'],
    description: 'A nomination decided here, or an award of the register kept before',
  })
  source: 'case' | 'imported';

  @ApiProperty({ format: 'uuid', description: 'The nomination case or the imported award' })
  reference: string;

  @ApiProperty({ example: 'lao_dong_tien_tien' })
  awardCode: string;

  @ApiProperty({ type: LocalizedDto })
  awardName: LocalizedDto;

  @ApiProperty({ example: 2025 })
  evaluationYear: number;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  decidedOn: string | null;

  @ApiProperty({ type: String, nullable: true, example: '12/QĐ-UBND' })
  decisionNumber: string | null;
}

export class ViolationLineDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'date' })
  occurredOn: string;

  @ApiProperty({ type: LabelledCodeDto })
  category: LabelledCodeDto;

  @ApiProperty({ type: LabelledCodeDto, description: 'As the violation statistics name it' })
  outcome: LabelledCodeDto;

  @ApiProperty({ type: [LabelledCodeDto], description: 'Standing discipline forms, lighter first' })
  disciplineForms: LabelledCodeDto[];

  @ApiProperty()
  countsAgainstTraffic: boolean;
}

export class ViolationSummaryDto {
  @ApiProperty({
    description:
      'Violations that occurred in the year, concluded and not dismissed (as the statistics count)',
  })
  confirmed: number;

  @ApiProperty({ description: 'Discipline decisions standing on them (annulled ones left out)' })
  disciplines: number;

  @ApiPropertyOptional({
    type: [ViolationLineDto],
    description:
      'Each confirmed violation: only for readers of violation cases (secretariat, council chair, auditor)',
  })
  details?: ViolationLineDto[];
}

export class TrafficCriterionDto {
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'A person: no confirmed violation of a category counting against traffic in the year. A unit: null',
  })
  met: boolean | null;

  @ApiProperty({
    type: ExactShareDto,
    description: "The row's people who met it: the person, or the unit's whole subtree",
  })
  share: ExactShareDto;
}

export class EvaluationRowDto {
  @ApiProperty({ enum: ['unit', 'person'] })
  kind: 'unit' | 'person';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: SheetUnitRefDto, description: "A person's unit; a unit itself" })
  unit: SheetUnitRefDto;

  @ApiProperty({ description: "Levels below the sheet's unit" })
  depth: number;

  @ApiProperty({ type: LabelledCodeDto, nullable: true, description: "The year's current rating" })
  rating: LabelledCodeDto | null;

  @ApiProperty({
    type: [RegistrationLineDto],
    description: 'Registrations for movements whose period overlaps the year',
  })
  registrations: RegistrationLineDto[];

  @ApiProperty({
    type: [AwardLineDto],
    description: 'Awards whose decision was signed in the year',
  })
  awards: AwardLineDto[];

  @ApiProperty({ type: ViolationSummaryDto })
  violations: ViolationSummaryDto;

  @ApiProperty({ type: TrafficCriterionDto })
  traffic: TrafficCriterionDto;
}

export class EvaluationSheetDto {
  @ApiProperty({ type: SheetUnitRefDto })
  unit: SheetUnitRefDto;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ type: StatisticsPeriodDto, description: 'The calendar year the sheet counts' })
  period: StatisticsPeriodDto;

  @ApiProperty({
    enum: ['full', 'counts'],
    description: 'full: violation details included; counts: numbers only (a unit leader)',
  })
  violationDetail: 'full' | 'counts';

  @ApiProperty({
    type: [EvaluationRowDto],
    description:
      'Each unit of the subtree followed by its own people (by code), then the units below it',
  })
  rows: EvaluationRowDto[];
}
