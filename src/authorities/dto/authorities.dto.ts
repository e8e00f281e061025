import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NormalisedName } from '../../common/text.decorators';
import { LocalizedDto } from '../../common/problem.dto';
import { SIGNING_CAPACITIES, type SigningCapacity } from '../../domain/rules/signing';
import { IsOmittable } from '../../common/omittable.decorator';

const AUTHORITY_CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** Letters of any script (Đ), digits, "." and "-": what a number's symbol holds ("ĐUK", "CTĐL"). */
export const SERIES_CODE = /^[\p{L}\p{N}][\p{L}\p{N}.-]{0,31}$/u;

export class UnitAuthorityInputDto {
  @ApiProperty({
    example: 'superior_party_standing_committee',
    description: 'A rule set authority',
  })
  @Matches(AUTHORITY_CODE, { message: 'code must be an authority code of the rule set' })
  code: string;

  @ApiPropertyOptional({
    example: 'ĐUK',
    description: "The number series symbol ('12-QĐ/ĐUK'); default the unit's code",
  })
  @IsOmittable()
  @Matches(SERIES_CODE, { message: 'seriesCode must be 1–32 letters, digits, . or -' })
  seriesCode?: string;
}

export class PutUnitAuthoritiesDto {
  @ApiProperty({
    type: [UnitAuthorityInputDto],
    description:
      'Every authority the unit acts as now: those left out are ended, those listed again reopen',
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UnitAuthorityInputDto)
  authorities: UnitAuthorityInputDto[];
}

export class AuthorityDescriptionDto {
  @ApiProperty({ example: 'enterprise_director' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ enum: ['party', 'state'], description: 'Party or State document format' })
  format: 'party' | 'state';

  @ApiProperty({ enum: ['collective', 'head'], description: 'A body signs T/M; a head in person' })
  signing: 'collective' | 'head';

  @ApiProperty({ example: 'grassroots' })
  level: string;
}

export class UnitAuthorityDto extends AuthorityDescriptionDto {
  @ApiProperty({ example: 'ĐUK' })
  seriesCode: string;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ description: 'When first recorded' })
  since: string;

  @ApiProperty({ nullable: true, type: String, description: 'When ended (inactive rows)' })
  endedAt: string | null;

  @ApiProperty({ description: 'False when the rule set in force no longer has the code' })
  known: boolean;
}

export class UnitAuthoritiesDto {
  @ApiProperty({ format: 'uuid' })
  unitId: string;

  @ApiProperty({ example: 'DUK' })
  unitCode: string;

  @ApiProperty({
    enum: ['party', 'state'],
    nullable: true,
    description: "The unit's document format: its active authorities'; null when it records none",
  })
  format: 'party' | 'state' | null;

  @ApiProperty({ type: [UnitAuthorityDto], description: 'Active first, then ended' })
  authorities: UnitAuthorityDto[];

  @ApiProperty({
    type: [AuthorityDescriptionDto],
    description: 'The authorities of the rule set in force, to choose from',
  })
  available: AuthorityDescriptionDto[];
}

export class PositionDto {
  @ApiProperty({ example: 'Bí thư' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedName()
  vi: string;

  @ApiProperty({ example: 'Secretary' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedName()
  en: string;
}

export class CreateSignerDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The person in the registry, if any' })
  @IsOmittable()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({
    example: 'Trần Xuân Lâm',
    description: "The printed name; default the person's registry name",
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NormalisedName()
  fullName?: string;

  @ApiProperty({ type: LocalizedDto, description: 'The signer’s own position, e.g. Bí thư' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PositionDto)
  position: PositionDto;

  @ApiProperty({ example: 'superior_party_standing_committee' })
  @Matches(AUTHORITY_CODE, { message: 'authorityCode must be an authority code of the rule set' })
  authorityCode: string;

  @ApiProperty({
    enum: SIGNING_CAPACITIES,
    nullable: true,
    description: 'T/M for a collective body; none (the head), KT. or Q. for a head; TL. delegated',
  })
  @ValidateIf((_, value) => value !== null)
  @IsIn(SIGNING_CAPACITIES)
  capacity: SigningCapacity | null;

  @ApiPropertyOptional({
    example: 'BAN THƯỜNG VỤ',
    description: 'The body (T/M) or head’s title (KT., Q., TL.) printed; default the usual name',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedName()
  onBehalfOf?: string;
}

export class UpdateSignerDto {
  @ApiProperty({ description: 'false ends the signer (it stays listed); true reopens it' })
  @IsBoolean()
  active: boolean;
}

export class SignerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  unitId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  personId: string | null;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ type: LocalizedDto })
  position: LocalizedDto;

  @ApiProperty()
  authorityCode: string;

  @ApiProperty({ enum: SIGNING_CAPACITIES, nullable: true })
  capacity: SigningCapacity | null;

  @ApiProperty({ nullable: true, type: String })
  onBehalfOf: string | null;

  @ApiProperty({ type: [String], description: 'The printed title lines, e.g. T/M BAN THƯỜNG VỤ' })
  titleLines: string[];

  @ApiProperty()
  active: boolean;

  @ApiProperty({ nullable: true, type: String })
  endedAt: string | null;
}

export class SignerListDto {
  @ApiProperty({ type: [SignerDto], description: 'Active first, then ended' })
  items: SignerDto[];
}
