import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NormalisedName } from '../../common/text.decorators';
import { OpaqueCursorPageQuery } from '../../common/page-query.dto';
import {
  EMPLOYMENT_TYPES,
  UNIT_KINDS,
  type EmploymentType,
  type UnitKind,
} from '../../domain/org/registry';
import { IsOmittable } from '../../common/omittable.decorator';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateUnitDto {
  @ApiProperty({ example: 'DUK-BTG', description: 'Stable code, used by imports' })
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, . _ -' })
  code: string;

  @ApiProperty({ example: 'Ban Tuyên giáo Đảng ủy Khối' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NormalisedName()
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ description: 'Parent unit; omit for a root unit' })
  @IsOmittable()
  @IsUUID()
  parentId?: string;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NormalisedName()
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOmittable()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ nullable: true, description: 'Move under another unit (null: make root)' })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'false closes the unit (its history stays)' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class ListUnitsQuery extends OpaqueCursorPageQuery {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsUUID()
  parentId?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'CB-000123' })
  @Matches(CODE, { message: 'code must be 1–64 letters, digits, . _ -' })
  code: string;

  @ApiProperty({ example: 'Trần Xuân Lâm' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NormalisedName()
  fullName: string;

  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ example: 'Bí thư Chi bộ' })
  @IsOmittable()
  @IsString()
  @MaxLength(300)
  @NormalisedName()
  position?: string;

  @ApiPropertyOptional({ example: '1980-05-17' })
  @IsOmittable()
  @Matches(DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  partyMember?: boolean;

  @ApiPropertyOptional({ example: '2005-03-26' })
  @IsOmittable()
  @Matches(DATE, { message: 'partyJoinedOn must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'partyJoinedOn must be a real date' })
  partyJoinedOn?: string;

  @ApiProperty({ enum: EMPLOYMENT_TYPES })
  @IsIn(EMPLOYMENT_TYPES)
  employmentType: EmploymentType;
}

export class UpdatePersonDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NormalisedName()
  fullName?: string;

  @ApiPropertyOptional({ description: 'Move to another unit' })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  @NormalisedName()
  position?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @Matches(DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real date' })
  dateOfBirth?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  partyMember?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @Matches(DATE, { message: 'partyJoinedOn must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'partyJoinedOn must be a real date' })
  partyJoinedOn?: string | null;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES })
  @IsOmittable()
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: EmploymentType;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class ListPeopleQuery extends OpaqueCursorPageQuery {
  @ApiPropertyOptional({
    example: 'tran xuan lam',
    description: 'Search in names, ignoring case and diacritics (đ matches d)',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsUUID()
  unitId?: string;
}
