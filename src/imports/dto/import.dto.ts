import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { ProblemDto } from '../../common/problem.dto';
import {
  IMPORT_JOB_KINDS,
  IMPORT_JOB_STATUSES,
  type ImportJobKind,
  type ImportJobStatus,
  type StoredImportJob,
} from '../../persistence/repositories/import-jobs.repository';
import type { ImportReport } from '../import-report';
import type { RowProblem } from '../row-checks';
import { IsOmittable } from '../../common/omittable.decorator';

export class ImportQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'true: import the valid rows and report the others. false: any invalid row refuses the ' +
      'whole file (the job fails with 422 IMPORT.INVALID_ROWS) and nothing is written.',
  })
  @IsOmittable()
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

  @ApiProperty({
    type: [RowProblemDto],
    description: 'The bad rows in file order; at most the first 1,000 (see errorCount)',
  })
  errors: RowProblemDto[];

  @ApiProperty({ description: 'Every problem found, listed in errors or not' })
  errorCount: number;
}

export class ImportProgressDto {
  @ApiProperty({ description: 'Rows read and checked so far' })
  rowsRead: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Data rows in the file, once read' })
  rowsTotal: number | null;

  @ApiProperty({ description: 'Rows written so far' })
  rowsWritten: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Rows that create or change something, once every row is checked',
  })
  rowsToWrite: number | null;
}

/** An import job: poll it (GET its Location) until its status is done or failed. */
export class ImportJobDto {
  @ApiProperty({ example: '01936f5e-7c1a-7d2e-9a1b-3c4d5e6f7a8b' })
  id: string;

  @ApiProperty({ enum: IMPORT_JOB_KINDS })
  kind: ImportJobKind;

  @ApiProperty({
    enum: IMPORT_JOB_STATUSES,
    description:
      'queued (waiting for its turn), checking (reading the file and checking every row), ' +
      'applying (writing in batches), done (see report) or failed (see problem)',
  })
  status: ImportJobStatus;

  @ApiProperty({ type: ImportProgressDto })
  progress: ImportProgressDto;

  @ApiPropertyOptional({ type: ImportReportDto, description: 'When done' })
  report?: ImportReportDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'When failed: the problem (RFC 9457, as ProblemDto, with the members of its code) that ' +
      'refused the file, e.g. 422 IMPORT.INVALID_ROWS (errors: the rows as RowProblemDto, and ' +
      'errorCount), IMPORT.TOO_MANY_COLUMNS, IMPORT.UNPACKS_TOO_LARGE (limit), or 503 ' +
      'IMPORT.INTERRUPTED',
  })
  problem?: ProblemDto;

  @ApiProperty({ description: 'Username of whoever started it' })
  startedBy: string;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;

  @ApiProperty({ type: String, nullable: true })
  finishedAt: string | null;
}

export function importJobDto(job: StoredImportJob): ImportJobDto {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: {
      rowsRead: job.rowsRead,
      rowsTotal: job.rowsTotal,
      rowsWritten: job.rowsWritten,
      rowsToWrite: job.rowsToWrite,
    },
    ...(job.status === 'done' ? { report: job.report as ImportReportDto } : {}),
    ...(job.status === 'failed' ? { problem: job.problem as ProblemDto } : {}),
    startedBy: job.startedByUsername,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}
