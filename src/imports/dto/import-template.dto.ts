import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  TEMPLATE_FORMATS,
  TEMPLATE_KINDS,
  type TemplateFormat,
  type TemplateKind,
} from '../import-templates';
import { OutputLanguage } from '../../common/language-query.decorator';
import { IsOmittable } from '../../common/omittable.decorator';
import type { Language } from '../../domain/localized';

export class ImportTemplateParams {
  @ApiProperty({ enum: TEMPLATE_KINDS, description: 'Which import the template is for' })
  @IsIn(TEMPLATE_KINDS, { message: 'kind must be units, people, awards or ratings' })
  kind: TemplateKind;
}

export class ImportTemplateQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_FORMATS, default: 'xlsx' })
  @IsOmittable()
  @IsIn(TEMPLATE_FORMATS, { message: 'format must be xlsx or csv' })
  format?: TemplateFormat;

  @OutputLanguage(
    'The words of the XLSX guide (sheet names, instructions); the header row and the example ' +
      'stay the importer’s Vietnamese, so an English template imports as it is. CSV has no guide.',
  )
  lang?: Language;
}
