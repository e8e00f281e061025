import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { IsOmittable } from '../../common/omittable.decorator';

export class AwardsQuery {
  @ApiPropertyOptional({
    description: 'The awards of the rule set in force on this day; default: today in Vietnam',
    example: '2025-07-01',
  })
  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a calendar date' })
  asOf?: string;
}
