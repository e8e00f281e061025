import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LANGUAGES } from '../domain/localized';
import { IsOmittable } from './omittable.decorator';

/** `?lang=vi|en` of an output (Vietnamese when left out), with what English changes in it. */
export const OutputLanguage = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: LANGUAGES, default: 'vi', description }),
    IsOmittable(),
    IsIn(LANGUAGES, { message: 'lang must be vi or en' }),
  );
