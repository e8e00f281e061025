import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details.filter';

/** A user-facing text in Vietnamese (the users' language) and English. */
export class LocalizedDto {
  @ApiProperty({ example: 'Đang thẩm định' })
  vi: string;

  @ApiProperty({ example: 'Under verification' })
  en: string;
}

export class FieldErrorDto {
  @ApiProperty({ example: 'year' })
  field: string;

  @ApiProperty({ type: [String] })
  messages: string[];

  @ApiProperty({ type: [String], required: false, description: 'The same, in Vietnamese' })
  messagesVi?: string[];
}

/** Every error answer: RFC 9457 problem details with a stable code (see problem-details.filter). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:thidua:problem:validation.failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'VALIDATION.FAILED', description: 'Stable: clients branch on it' })
  code: string;

  @ApiProperty({ description: 'In English' })
  detail: string;

  @ApiPropertyOptional({ description: 'In Vietnamese, for users' })
  detailVi?: string;

  @ApiPropertyOptional({ example: '/api/v1/cases?year=20' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'VALIDATION.FAILED: each field' })
  errors?: FieldErrorDto[];
}

/** The codes a route may answer with, per status; documented as problem+json answers. */
export function ApiProblems(codes: Readonly<Record<number, readonly string[]>>) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...Object.entries(codes).map(([status, names]) =>
      ApiResponse({
        status: Number(status),
        description: names.join(', '),
        content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/**
 * What every signed-in route may answer before it runs: no or a bad token, a missing role, an
 * account that must first choose a new password.
 */
export const SIGNED_IN_PROBLEMS = {
  401: ['AUTH.UNAUTHENTICATED'],
  403: ['AUTH.FORBIDDEN', 'AUTH.PASSWORD_CHANGE_REQUIRED'],
} as const;
