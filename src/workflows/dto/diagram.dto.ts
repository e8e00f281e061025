import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { DIAGRAM_LANGUAGES, type DiagramLanguage } from '../workflow-diagram';
import { IsOmittable } from '../../common/omittable.decorator';

export class DiagramQuery {
  @ApiPropertyOptional({ enum: DIAGRAM_LANGUAGES, default: 'vi', description: 'Labels in' })
  @IsOmittable()
  @IsIn(DIAGRAM_LANGUAGES, { message: 'lang must be vi or en' })
  lang?: DiagramLanguage;

  @ApiPropertyOptional({ example: 'verifying', description: 'A state to highlight (a case’s)' })
  @IsOmittable()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'current must be a state name such as "draft"' })
  current?: string;
}
