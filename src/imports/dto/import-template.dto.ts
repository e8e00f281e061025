import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  TEMPLATE_FORMATS,
  TEMPLATE_KINDS,
  type TemplateFormat,
  type TemplateKind,
} from '../import-templates';
import { IsOmittable } from '../../common/omittable.decorator';

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
}
