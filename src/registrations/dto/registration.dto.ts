import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { OutputLanguage } from '../../common/language-query.decorator';
import { LocalizedDto } from '../../common/problem.dto';
import { IsOmittable } from '../../common/omittable.decorator';
import type { Language } from '../../domain/localized';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AWARD_CODE = /^[a-z][a-z0-9_]{0,62}$/;

/** The most people one bulk registration lists (one unit's people, in one transaction). */
export const MAX_BULK_PEOPLE = 500;

export const REGISTRATION_STATES = [
  'submitted',
  'returned',
  'approved',
  'refused',
  'withdrawn',
] as const;

export class PledgeDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 64,
    description: "A criterion code of the movement's criteria",
  })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  criterionCode?: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '100% đoàn viên chấp hành luật giao thông',
  })
  @IsString()
  @Length(1, 2000)
  text: string;
}

export class TargetsDto {
  @ApiProperty({
    type: [String],
    maxItems: 30,
    description: "Award codes among the movement's awards on offer",
    example: ['lao_dong_tien_tien'],
  })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(AWARD_CODE, { each: true, message: 'each award code must be a catalogue code' })
  awardCodes: string[];

  @ApiProperty({ type: [PledgeDto], maxItems: 30 })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PledgeDto)
  pledges: PledgeDto[];
}

export class UnitRegistrationDto {
  @ApiProperty({ type: TargetsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetsDto)
  targets: TargetsDto;
}

export class PersonRegistrationDto {
  @ApiProperty({ format: 'uuid', description: 'A person of the unit (or of a unit below it)' })
  @IsUUID()
  personId: string;

  @ApiProperty({ type: TargetsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetsDto)
  targets: TargetsDto;
}

export class BulkRegistrationDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The unit that registers: itself (with `unit`) and its people (with `people`)',
  })
  @IsUUID()
  unitId: string;

  @ApiProperty({
    format: 'date',
    description: "The day of registration (legal date): not after today or the movement's deadline",
  })
  @Matches(DATE, { message: 'registeredOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  registeredOn: string;

  @ApiPropertyOptional({ type: UnitRegistrationDto, description: "The unit's own registration" })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => UnitRegistrationDto)
  unit?: UnitRegistrationDto;

  @ApiPropertyOptional({ type: [PersonRegistrationDto], maxItems: MAX_BULK_PEOPLE })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_BULK_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => PersonRegistrationDto)
  people?: PersonRegistrationDto[];
}

export class RegisteredCaseDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ enum: ['unit', 'individual'] })
  kind: 'unit' | 'individual';

  @ApiProperty({ format: 'uuid', description: 'The unit or person registered' })
  subjectId: string;

  @ApiProperty({ example: 'submitted' })
  state: string;
}

export class BulkRegistrationResultDto {
  @ApiProperty({ type: [RegisteredCaseDto], description: 'The unit first, then people in order' })
  registrations: RegisteredCaseDto[];
}

export class RegistrationListQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATES })
  @IsOmittable()
  @IsIn(REGISTRATION_STATES)
  state?: (typeof REGISTRATION_STATES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only registrations of this unit subtree' })
  @IsOmittable()
  @IsUUID()
  unitId?: string;
}

export class RegistrationWorkbookQuery extends RegistrationListQuery {
  @OutputLanguage(
    'The words of the workbook (sheet, title, labels, kinds, award names, states, dates); ' +
      'names and pledges stay as written, and the header row is in both languages either way',
  )
  lang?: Language;
}

export class RegistrantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  name: string;
}

export class RegistrationUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String })
  name: string | null;
}

export class TargetAwardDto {
  @ApiProperty()
  code: string;

  @ApiProperty({
    type: LocalizedDto,
    description: 'From the rule set in force; the code if unknown',
  })
  name: LocalizedDto;
}

export class RegistrationTargetsDto {
  @ApiProperty({ type: [TargetAwardDto] })
  awards: TargetAwardDto[];

  @ApiProperty({ type: [PledgeDto] })
  pledges: PledgeDto[];
}

export class RegistrationRowDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ type: RegistrantDto })
  registrant: RegistrantDto;

  @ApiProperty({ enum: ['unit', 'individual'] })
  kind: 'unit' | 'individual';

  @ApiProperty({ type: RegistrationUnitDto, description: "The registrant's unit" })
  unit: RegistrationUnitDto;

  @ApiProperty({ type: RegistrationTargetsDto, description: 'As last submitted' })
  targets: RegistrationTargetsDto;

  @ApiProperty({ enum: REGISTRATION_STATES })
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ format: 'date', description: 'As last submitted' })
  registeredOn: string;

  @ApiProperty()
  version: number;
}

export class RegistrationMovementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'uuid' })
  launchingUnitId: string;

  @ApiProperty({ description: 'The caller decides registrations (the launching unit)' })
  callerDecides: boolean;
}

export class RegistrationListDto {
  @ApiProperty({ type: RegistrationMovementDto })
  movement: RegistrationMovementDto;

  @ApiProperty({ type: [RegistrationRowDto] })
  items: RegistrationRowDto[];
}
