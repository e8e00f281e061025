import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { RowProblem } from '../row-checks';
import type { ImportReport } from '../imports.service';

export class ImportQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'true: import the valid rows and report the others. false: any invalid row refuses the ' +
      'whole file (422 IMPORT.INVALID_ROWS) and nothing is written.',
  })
  @IsOptional()
  // Query values arrive as text; anything but "true"/"false" is left as is and refused below.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'skipInvalid must be true or false' })
  skipInvalid?: boolean;
}

export class RowProblemDto implements RowProblem {
  @ApiProperty({ description: 'Line in the file (the header is line 1)', example: 7 })
  line: number;

  @ApiProperty({ description: "The column's field, or 'row'", example: 'dateOfBirth' })
  field: string;

  @ApiProperty({ example: '"31/02/1980" is not a real calendar date.' })
  message: string;

  @ApiProperty({ example: '"31/02/1980" không phải ngày có thật trên lịch.' })
  messageVi: string;
}

export class ImportReportDto implements ImportReport {
  @ApiProperty()
  created: number;

  @ApiProperty()
  updated: number;

  @ApiProperty({ description: 'Rows that match the registry already' })
  unchanged: number;

  @ApiProperty({ description: 'Rows left out because of errors (with skipInvalid=true)' })
  skipped: number;

  @ApiProperty({ type: [RowProblemDto] })
  errors: RowProblemDto[];
}
