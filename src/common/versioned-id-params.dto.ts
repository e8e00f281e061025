import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { DecimalInteger } from './decimal-integer.decorator';

/** `:id/versions/:version` of a published, versioned definition (a workflow, a rule set). */
export class VersionedIdParams {
  @ApiProperty({ example: 'nomination', description: 'The definition’s id' })
  @IsString()
  @Length(1, 64)
  id: string;

  @ApiProperty({ example: 3, description: 'A published version: 1, 2, 3…' })
  @DecimalInteger()
  @Min(1)
  @Max(2_147_483_647)
  @IsInt()
  version: number;
}
