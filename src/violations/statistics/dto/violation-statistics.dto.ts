import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID, Matches } from 'class-validator';
import { OutputLanguage } from '../../../common/language-query.decorator';
import { LocalizedDto } from '../../../common/problem.dto';
import type { Language } from '../../../domain/localized';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

export class ViolationStatisticsQuery {
  @ApiProperty({ format: 'uuid', description: 'The unit whose subtree is counted' })
  @IsUUID()
  unitId: string;

  @ApiProperty({
    format: 'date',
    description: 'First day of the period (the day of the violation)',
  })
  @Matches(DATE, { message: `from ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ format: 'date', description: 'Last day of the period, included' })
  @Matches(DATE, { message: `to ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  to: string;
}

export class ViolationStatisticsXlsxQuery extends ViolationStatisticsQuery {
  @OutputLanguage(
    'The words of the workbook (sheet name, title, unit and period, group column); the columns, ' +
      'codes, numbers and the Vietnamese and English header rows stay the same',
  )
  lang?: Language;
}

export class CountLineDto {
  @ApiProperty({ example: 'traffic_alcohol', description: 'Empty: the value was not given' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  label: LocalizedDto;

  @ApiProperty({ example: 3 })
  count: number;
}

export class ExactShareDto {
  @ApiProperty({ example: 38 })
  numerator: number;

  @ApiProperty({ example: 40 })
  denominator: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 95,
    description: 'Rounded half up to one decimal; null when there are no members',
  })
  percent: number | null;
}

export class StatisticsUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;
}

export class StatisticsPeriodDto {
  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;
}

export class ViolationStatisticsDto {
  @ApiProperty({ type: StatisticsUnitDto })
  unit: StatisticsUnitDto;

  @ApiProperty({ type: StatisticsPeriodDto })
  period: StatisticsPeriodDto;

  @ApiProperty({
    description: 'Violations that occurred in the period (by the day of the violation)',
  })
  total: number;

  @ApiProperty({
    description:
      'Of these, reports of older workflow versions that gave no date of the violation, counted by the day they were reported',
  })
  datedByReport: number;

  @ApiProperty({
    type: [CountLineDto],
    description: 'Every current category; a legacy one only when an older case uses it',
  })
  byCategory: CountLineDto[];

  @ApiProperty({ type: [CountLineDto] })
  bySource: CountLineDto[];

  @ApiProperty({
    type: [CountLineDto],
    description:
      'One line per case (they add up to total): dismissed, pending, confirmed_undecided, or the heaviest decision standing (discipline, criticism, reminder, no_discipline), or annulled when every decision was annulled on appeal',
  })
  byOutcome: CountLineDto[];

  @ApiProperty({
    type: [CountLineDto],
    description: 'Discipline decisions standing (annulled ones left out), under their current form',
  })
  disciplinesByForm: CountLineDto[];

  @ApiProperty()
  disciplines: number;

  @ApiProperty({ description: 'Distinct people with a discipline decision standing' })
  membersDisciplined: number;

  @ApiProperty({
    description:
      'Distinct people with a confirmed, undismissed violation of a category that counts against traffic',
  })
  peopleWithConfirmedTrafficViolation: number;

  @ApiProperty({ description: 'Active people of the subtree in the registry today' })
  members: number;

  @ApiProperty({
    type: ExactShareDto,
    description: 'Members with no confirmed traffic violation in the period, over all members',
  })
  trafficCompliance: ExactShareDto;
}
