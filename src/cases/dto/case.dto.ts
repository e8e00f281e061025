import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { CompiledBody } from '../../common/compiled-body';
import { CursorPageQuery } from '../../common/page-query.dto';
import {
  IsBoolean,
  IsUUID,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  isUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/omittable.decorator';
import { DecimalInteger } from '../../common/decimal-integer.decorator';

/** Versions and sequence numbers are 32-bit integers in the database. */
const MAX_SEQ = 2_147_483_647;

const CASE_TYPE = /^[a-z][a-z0-9_]{0,62}$/;
const EVENT_TYPE = /^[A-Z][A-Z0-9_]{0,62}$/;
const STATE = /^[a-z][a-z0-9_]{0,62}$/;
const AWARD_CODE = /^[a-z][a-z0-9_]{0,62}$/;

const SUBJECT_KINDS: readonly unknown[] = ['person', 'unit'];

/** A person or a unit (collective) from the registry; the case belongs to their unit. */
export class SubjectDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  @IsIn(SUBJECT_KINDS)
  kind: 'person' | 'unit';

  @ApiPropertyOptional({ description: 'Required when kind is "person"; never sent otherwise' })
  @IdOfKind('person')
  personId?: string;

  @ApiPropertyOptional({ description: 'Required when kind is "unit"; never sent otherwise' })
  @IdOfKind('unit')
  unitId?: string;
}

/**
 * The subject's id of its kind: a UUID when the subject is of that kind, absent otherwise (a
 * unit id sent beside a person's was neither checked nor used: silently ignored).
 */
function IdOfKind(kind: SubjectDto['kind']): PropertyDecorator {
  return ValidateBy({
    name: 'idOfKind',
    validator: {
      validate: (value, args) => {
        const given = (args?.object as SubjectDto).kind;
        if (given === kind) return isUUID(value);
        // A subject of the other kind has no such id; one of no known kind says so itself.
        return !SUBJECT_KINDS.includes(given) || value === undefined;
      },
      defaultMessage: (args) =>
        (args?.object as SubjectDto).kind === kind
          ? `${args?.property} must be a UUID`
          : `property ${args?.property} should not exist`,
    },
  });
}

export class CreateCaseDto {
  @ApiProperty({ example: 'nomination', description: 'A case type from GET /workflows' })
  @Matches(CASE_TYPE, { message: 'type must be a case type such as "nomination"' })
  type: string;

  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOmittable()
  @IsObject()
  data?: Record<string, unknown>;
}

@CompiledBody({
  type: {
    schema: { type: 'string', pattern: EVENT_TYPE.source },
    message: 'type must be an event name such as "SUBMIT"',
    required: true,
  },
  expectedVersion: {
    schema: { type: 'integer', minimum: 1, maximum: MAX_SEQ },
    message: `expectedVersion must be an integer from 1 to ${MAX_SEQ}`,
  },
  payload: {
    schema: { type: 'object' },
    message: 'payload must be an object',
  },
})
export class SendEventDto {
  @ApiProperty({ example: 'SUBMIT', pattern: EVENT_TYPE.source })
  type: string;

  @ApiPropertyOptional({
    description: 'Refuse with 409 unless the case is at this version',
    minimum: 1,
    maximum: MAX_SEQ,
    type: 'integer',
  })
  expectedVersion?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  payload?: Record<string, unknown>;
}

/** Every filter narrows the list (they combine with AND), always inside the caller's scope. */
export class ListCasesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'nomination' })
  @IsOmittable()
  @Matches(CASE_TYPE)
  type?: string;

  @ApiPropertyOptional({ example: 'verifying' })
  @IsOmittable()
  @Matches(STATE)
  state?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: only the cases on which the caller may send at least one event now (their ' +
      'allowedEvents is not empty); false: only those on which they may send none',
  })
  @IsOmittable()
  // Query values arrive as text; anything but "true"/"false" is left as is and refused below.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'actionable must be true or false' })
  actionable?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: only the cases about the caller themselves (as the subject); false: no narrowing',
  })
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'aboutMe must be true or false' })
  aboutMe?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The cases of this unit and of the units below it (404 if out of scope)',
  })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    example: 'lao_dong_tien_tien',
    description: 'An award code (GET /awards)',
  })
  @IsOmittable()
  @Matches(AWARD_CODE, { message: 'award must be an award code such as "lao_dong_tien_tien"' })
  award?: string;

  @ApiPropertyOptional({ example: 2025, description: 'The evaluation year of a nomination' })
  @IsOmittable()
  @DecimalInteger()
  @Min(1900)
  @Max(2100)
  @IsInt()
  year?: number;

  @ApiPropertyOptional({
    example: 'nguyen van an',
    description: "Part of the subject's name; case, tone marks and đ/d do not matter",
  })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  // Folding drops marks; a text of marks or punctuation alone would match every name.
  @Matches(/[\p{L}\p{N}]/u, { message: 'q must contain a letter or a digit' })
  q?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Only records after this sequence number', default: 0 })
  @IsOmittable()
  @DecimalInteger()
  @Min(0)
  @Max(MAX_SEQ)
  @IsInt()
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOmittable()
  @DecimalInteger()
  @Min(1)
  @Max(500)
  @IsInt()
  limit?: number;
}
