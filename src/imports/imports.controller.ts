import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/body-parsing';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { authorOf } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import { ImportJobDto, ImportQuery, ImportReportDto } from './dto/import.dto';
import { sendImportAnswer } from './import-answer';
import { ImportTemplateParams, ImportTemplateQuery } from './dto/import-template.dto';
import { importTemplate } from './import-templates';
import { ImportsService } from './imports.service';
import { PrefersRespondAsync } from './respond-async.decorator';
import { UploadedSpreadsheet, type SpreadsheetUpload } from './uploaded-spreadsheet.decorator';

const JOB_FLOW =
  'Starts a job that reads the file and checks every row (off the request thread), then writes ' +
  'the accepted rows in short batches. With `Prefer: respond-async` the answer is 202 at once, ' +
  'with the job and its Location (GET /api/v1/imports/jobs/{id}) to poll. Without it the answer ' +
  'waits for the job, up to 30 s: 200 with the report, or the problem that refused the file ' +
  '(nothing written); a job still running then is answered 202 all the same. Limits: 32 MiB per upload (413), columns up to the ' +
  "import's own plus 16, 1,000,000 data rows, 4,000 characters a cell, 1 GiB unpacked for XLSX " +
  '(422 IMPORT.TOO_MANY_COLUMNS, TOO_MANY_ROWS, CELL_TOO_LONG, ROW_TOO_LONG, UNPACKS_TOO_LARGE).';

const acceptedJob = {
  type: ImportJobDto,
  description: 'The job, queued; poll its Location',
  headers: { Location: { description: 'Where to poll the job', schema: { type: 'string' } } },
} as const;

const preferHeader = {
  name: 'Prefer',
  required: false,
  description: 'respond-async: answer 202 with the job at once (RFC 7240)',
  schema: { type: 'string', example: 'respond-async' },
} as const;

/**
 * Refused before the job starts, or (synchronous answers) by the job; with respond-async the
 * job's problem carries the same codes.
 */
const UPLOAD_PROBLEMS = {
  400: ['VALIDATION.FAILED (skipInvalid)', 'IMPORT.UNREADABLE_FILE'],
  ...SIGNED_IN_PROBLEMS,
  409: ['IMPORT.CONCURRENT_CHANGE'],
  413: ['REQUEST.TOO_LARGE (over 32 MiB)'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  422: [
    'IMPORT.EMPTY_FILE',
    'IMPORT.INVALID_HEADERS',
    'IMPORT.INVALID_ROWS',
    'IMPORT.TOO_MANY_COLUMNS',
    'IMPORT.TOO_MANY_ROWS',
    'IMPORT.CELL_TOO_LONG',
    'IMPORT.ROW_TOO_LONG',
    'IMPORT.UNPACKS_TOO_LARGE',
  ],
  503: ['IMPORT.BUSY (imports already waiting; Retry-After)', 'SERVER.BUSY', 'IMPORT.INTERRUPTED'],
} as const;

const spreadsheetBody = {
  description:
    'The file itself as the request body (not multipart): CSV in UTF-8 with a comma or ' +
    'semicolon, or XLSX (first worksheet). Headers in English or Vietnamese.',
  schema: { type: 'string', format: 'binary' },
} as const;

/**
 * Bulk registry imports: administrators start them (auditors may read their jobs). An upload is
 * answered 202 with a job to poll; the file is read, checked and written by the job.
 */
@ApiTags('imports')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('templates/:kind')
  @ApiOperation({
    summary: 'A template to fill in for an import: the exact header row and one example row',
    description:
      'The headers are the importer’s own (Vietnamese); the example row imports as it is when ' +
      'units, people and awards are imported in that order. XLSX adds a guide sheet, in English ' +
      'with lang=en (the headers and the example stay as they are, so it imports the same).',
  })
  @ApiProduces(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The template file (attachment)',
    content: {
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems({
    400: ['VALIDATION.FAILED (kind, format, lang)'],
    ...SIGNED_IN_PROBLEMS,
  })
  async template(
    @Param() params: ImportTemplateParams,
    @Query() query: ImportTemplateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await importTemplate(params.kind, query.format ?? 'xlsx', query.lang);
    reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }

  @Post('units')
  @ApiHeader(preferHeader)
  @ApiOperation({
    summary: 'Start importing units (created or updated by code)',
    description: JOB_FLOW,
  })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody(spreadsheetBody)
  @ApiOkResponse({ type: ImportReportDto, description: 'Done within the wait: the report' })
  @ApiAcceptedResponse(acceptedJob)
  @ApiProblems(UPLOAD_PROBLEMS)
  async importUnits(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: SpreadsheetUpload,
    @Query() query: ImportQuery,
    @PrefersRespondAsync() respondAsync: boolean,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendImportAnswer(
      reply,
      await this.imports.importFile(authorOf(actor), 'units', file, optionsOf(query), respondAsync),
    );
  }

  @Post('people')
  @ApiHeader(preferHeader)
  @ApiOperation({
    summary: 'Start importing people (created or updated by code; their units must exist)',
    description: JOB_FLOW,
  })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody(spreadsheetBody)
  @ApiOkResponse({ type: ImportReportDto, description: 'Done within the wait: the report' })
  @ApiAcceptedResponse(acceptedJob)
  @ApiProblems(UPLOAD_PROBLEMS)
  async importPeople(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: SpreadsheetUpload,
    @Query() query: ImportQuery,
    @PrefersRespondAsync() respondAsync: boolean,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendImportAnswer(
      reply,
      await this.imports.importFile(
        authorOf(actor),
        'people',
        file,
        optionsOf(query),
        respondAsync,
      ),
    );
  }

  /**
   * Past awards (danh hiệu, hình thức khen thưởng) of people and units already in the registry,
   * so that prerequisites over consecutive years count them. A later file naming the same person
   * or unit, award and year updates it, e.g. marks it revoked ("Thu hồi").
   */
  @Post('awards')
  @ApiHeader(preferHeader)
  @ApiOperation({
    summary: 'Start importing past awards of people and units already in the registry',
    description: JOB_FLOW,
  })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody({
    ...spreadsheetBody,
    description:
      `${spreadsheetBody.description} One award per row: "Mã cán bộ" or "Mã đơn vị", ` +
      '"Danh hiệu / hình thức" (code or Vietnamese name), "Năm", and optionally "Tình trạng" ' +
      '(đã trao / thu hồi), "Số quyết định", "Ngày quyết định", "Ngày thu hồi", "Ghi chú".',
  })
  @ApiOkResponse({ type: ImportReportDto, description: 'Done within the wait: the report' })
  @ApiAcceptedResponse(acceptedJob)
  @ApiProblems(UPLOAD_PROBLEMS)
  async importAwards(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: SpreadsheetUpload,
    @Query() query: ImportQuery,
    @PrefersRespondAsync() respondAsync: boolean,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendImportAnswer(
      reply,
      await this.imports.importFile(
        authorOf(actor),
        'awards',
        file,
        optionsOf(query),
        respondAsync,
      ),
    );
  }

  /** Whoever started the job, administrators, and auditors over the whole organisation. */
  @Get('jobs/:id')
  @RequireRoles('admin', 'auditor')
  @ApiOperation({
    summary: 'An import job: its status, progress and, once done, its report',
    description:
      'Readable by whoever started it, administrators and auditors over the whole ' +
      'organisation; to anyone else it does not exist (404). A job whose server stopped ' +
      'while it ran is failed with 503 IMPORT.INTERRUPTED: import the same file again.',
  })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiProblems({ 404: ['IMPORT.JOB_NOT_FOUND'], ...SIGNED_IN_PROBLEMS })
  job(@CurrentActor() actor: Principal, @Param('id') id: string): Promise<ImportJobDto> {
    return this.imports.find(actor, id);
  }
}

const optionsOf = (query: ImportQuery) => ({ skipInvalid: query.skipInvalid ?? false });
