import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { NfcText } from '../../common/text.decorators';
import { LocalizedDto } from '../../common/problem.dto';
import {
  RATING_SUBJECT_KINDS,
  type RatingSubjectKind,
} from '../../persistence/repositories/annual-ratings.repository';
import { IsOmittable } from '../../common/omittable.decorator';
import { DecimalInteger } from '../../common/decimal-integer.decorator';

/** The first year a rating may be entered for: older ratings prove nothing any award still asks. */
export const FIRST_RATED_YEAR = 2000;
const LAST_YEAR_BOUND = 9999;

export const RATING_CODE = /^[a-z][a-z0-9_]{0,63}$/;

export const BASIS_MAX_LENGTH = 500;

export class RatingsListQuery {
  @ApiProperty({ example: 2025, description: 'The year rated' })
  @DecimalInteger()
  @Min(FIRST_RATED_YEAR)
  @Max(LAST_YEAR_BOUND)
  @IsInt()
  year: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the unit's subtree: the unit, its sub-units and their people",
  })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: RATING_SUBJECT_KINDS, description: 'Only people, or only units' })
  @IsOmittable()
  @IsIn(RATING_SUBJECT_KINDS)
  kind?: RatingSubjectKind;
}

export class RatingParams {
  @ApiProperty({ enum: RATING_SUBJECT_KINDS, description: 'A person or a unit (collective)' })
  @IsIn(RATING_SUBJECT_KINDS, { message: 'kind must be person or unit' })
  kind: RatingSubjectKind;

  @ApiProperty({ format: 'uuid', description: 'The person or the unit' })
  @IsUUID()
  subjectId: string;

  @ApiProperty({ example: 2025, description: 'The year rated' })
  @DecimalInteger()
  @Min(FIRST_RATED_YEAR)
  @Max(LAST_YEAR_BOUND)
  @IsInt()
  year: number;
}

export class PutRatingDto {
  @ApiProperty({
    example: 'hoan_thanh_tot',
    description:
      "A rating code of the rule set in force at the year's end (see `scale` of GET /ratings)",
  })
  @IsString()
  @Matches(RATING_CODE, { message: 'rating must be a rating code such as "hoan_thanh_tot"' })
  rating: string;

  @ApiProperty({
    minLength: 1,
    maxLength: BASIS_MAX_LENGTH,
    example: 'Biên bản họp xét xếp loại ngày 20/12/2025; Quyết định 45/QĐ-DUK',
    description: 'The decision or minutes the rating rests on',
  })
  @NfcText()
  @IsString()
  @Length(1, BASIS_MAX_LENGTH)
  @Matches(/\S/, { message: 'basis must not be blank' })
  basis: string;
}

export class RatingLevelDto {
  @ApiProperty({ example: 'hoan_thanh_tot' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ example: 3, description: 'Higher is better' })
  rank: number;
}

export class RatingAuthorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the CLI' })
  userId: string | null;

  @ApiProperty()
  username: string;
}

export class RatingSupersededDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: RatingAuthorDto })
  by: RatingAuthorDto;
}

export class RatingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: RATING_SUBJECT_KINDS })
  subjectKind: RatingSubjectKind;

  @ApiProperty({ format: 'uuid' })
  subjectId: string;

  @ApiProperty({ example: 2025 })
  year: number;

  @ApiProperty({ example: 'hoan_thanh_tot' })
  rating: string;

  @ApiProperty({ type: LocalizedDto, description: 'The rating as the rule set names it' })
  ratingName: LocalizedDto;

  @ApiProperty()
  basis: string;

  @ApiProperty({ type: RatingAuthorDto })
  enteredBy: RatingAuthorDto;

  @ApiProperty({ format: 'date-time' })
  enteredAt: string;

  @ApiProperty({
    type: RatingSupersededDto,
    nullable: true,
    description: 'When and by whom it was changed or withdrawn; null while current',
  })
  superseded: RatingSupersededDto | null;
}

export class ListedRatingDto extends RatingDto {
  @ApiProperty({ example: 'CB-0001', description: "The person's or the unit's code" })
  subjectCode: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  subjectName: string;

  @ApiProperty({ format: 'uuid', description: "The person's unit, or the unit itself" })
  unitId: string;

  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;
}

export class RatingListDto {
  @ApiProperty({ example: 2025 })
  year: number;

  @ApiProperty({
    type: [RatingLevelDto],
    description: "The ratings of the rule set in force at the year's end, best first",
  })
  scale: RatingLevelDto[];

  @ApiProperty({ type: [ListedRatingDto] })
  items: ListedRatingDto[];
}

export class RatingHistoryDto {
  @ApiProperty({ type: RatingDto, nullable: true, description: 'Null: not rated (or withdrawn)' })
  current: RatingDto | null;

  @ApiProperty({ type: [RatingDto], description: 'Earlier ratings, the latest first' })
  earlier: RatingDto[];
}

export class RatingImportReportDto {
  @ApiProperty({ description: 'Data rows in the file' })
  rowsTotal: number;

  @ApiProperty({ description: 'Subjects and years rated for the first time' })
  created: number;

  @ApiProperty({ description: 'Ratings changed (the earlier one is kept as superseded)' })
  updated: number;

  @ApiProperty({ description: 'Rows that say what the register already holds' })
  unchanged: number;
}
