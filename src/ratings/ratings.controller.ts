import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/body-parsing';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { ROLES } from '../domain/roles';
import { importTemplate } from '../imports/import-templates';
import {
  UploadedSpreadsheet,
  type SpreadsheetUpload,
} from '../imports/uploaded-spreadsheet.decorator';
import {
  PutRatingDto,
  RatingDto,
  RatingHistoryDto,
  RatingImportReportDto,
  RatingListDto,
  RatingParams,
  RatingsListQuery,
} from './dto/rating.dto';
import { RatingsService } from './ratings.service';
import { ImportTemplateQuery } from '../imports/dto/import-template.dto';

const SUBJECT_NOT_FOUND = { 404: ['RATING.SUBJECT_NOT_FOUND (also out of scope)'] };
const KEEPER_FORBIDDEN = {
  403: [
    ...SIGNED_IN_PROBLEMS[403],
    'RATING.FORBIDDEN (not a keeper of a unit above the subject)',
    'RATING.SELF (the subject is the caller: nobody rates themselves)',
  ],
};

/** The annual ratings register: read in scope, kept by admins, the secretariat and unit leaders. */
@ApiTags('ratings')
@ApiBearerAuth()
@RequireRoles(...ROLES)
@Controller('ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The current ratings of a year in your scope (a unit’s subtree if asked), with the scale',
  })
  @ApiOkResponse({ type: RatingListDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (year, unitId, kind)'],
    404: ['RATING.UNIT_NOT_FOUND (also out of scope)'],
  })
  list(@CurrentActor() actor: Principal, @Query() query: RatingsListQuery): Promise<RatingListDto> {
    return this.ratings.list(actor, query);
  }

  @Get(':kind/:subjectId/:year')
  @ApiOperation({ summary: 'A subject’s rating for a year and every earlier rating it replaced' })
  @ApiOkResponse({ type: RatingHistoryDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (kind, subjectId, year)'],
    ...SUBJECT_NOT_FOUND,
  })
  history(
    @CurrentActor() actor: Principal,
    @Param() params: RatingParams,
  ): Promise<RatingHistoryDto> {
    return this.ratings.history(actor, params);
  }

  @Put(':kind/:subjectId/:year')
  @RequireRoles('admin', 'secretariat', 'unit_leader')
  @ApiOperation({
    summary: 'Enter or change a person’s or a unit’s rating for a year, with its basis',
    description:
      'The rating is a code of the rule set in force at the end of the year. A change keeps the ' +
      'earlier rating as superseded; sending what the register already holds changes nothing.',
  })
  @ApiOkResponse({ type: RatingDto, description: 'The current rating' })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    ...KEEPER_FORBIDDEN,
    400: ['VALIDATION.FAILED (kind, subjectId, year, rating, basis)'],
    ...SUBJECT_NOT_FOUND,
    409: ['RATING.CONCURRENT_CHANGE'],
    422: ['RATING.UNKNOWN_CODE', 'RATING.FUTURE_YEAR', 'RATING.NO_SCALE'],
  })
  put(
    @CurrentActor() actor: Principal,
    @Param() params: RatingParams,
    @Body() body: PutRatingDto,
  ): Promise<RatingDto> {
    return this.ratings.put(actor, params, body);
  }

  @Delete(':kind/:subjectId/:year')
  @HttpCode(204)
  @RequireRoles('admin', 'secretariat', 'unit_leader')
  @ApiOperation({
    summary: 'Withdraw a rating entered by mistake (it stays readable as superseded)',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    ...KEEPER_FORBIDDEN,
    400: ['VALIDATION.FAILED (kind, subjectId, year)'],
    404: ['RATING.SUBJECT_NOT_FOUND (also out of scope)', 'RATING.NOT_FOUND'],
  })
  withdraw(@CurrentActor() actor: Principal, @Param() params: RatingParams): Promise<void> {
    return this.ratings.withdraw(actor, params);
  }
}

/**
 * The ratings file import, under /imports because only there are spreadsheet bodies accepted.
 * Unlike the registry imports it is not a job: a year-end list is small enough to check within
 * the request, and it is written in one transaction.
 */
@ApiTags('ratings')
@ApiBearerAuth()
@RequireRoles('admin', 'secretariat', 'unit_leader')
@Controller('imports/ratings')
export class RatingsImportController {
  constructor(private readonly ratings: RatingsService) {}

  @Get('template')
  @ApiOperation({ summary: 'The ratings file template: the exact header row and one example row' })
  @ApiProduces(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiOkResponse({
    description: 'The template file (attachment)',
    content: {
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems({ 400: ['VALIDATION.FAILED (format, lang)'], ...SIGNED_IN_PROBLEMS })
  async template(
    @Query() query: ImportTemplateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await importTemplate('ratings', query.format ?? 'xlsx', query.lang);
    reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import ratings from a file: every row is checked, then all are written or none',
    description:
      'One rating per row: "Mã cán bộ" or "Mã đơn vị", "Năm", "Xếp loại" (code or name of the ' +
      'rule set’s rating for that year) and "Căn cứ" (decision or minutes). Only subjects you ' +
      'may rate. Any bad row refuses the file (422 IMPORT.INVALID_ROWS, each row by its line); ' +
      'nothing is written. Up to 20,000 rows.',
  })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody({
    description: 'The file itself as the body: CSV (UTF-8) or XLSX (first worksheet)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOkResponse({ type: RatingImportReportDto })
  @ApiProblems({
    400: ['IMPORT.UNREADABLE_FILE'],
    ...SIGNED_IN_PROBLEMS,
    409: ['RATING.CONCURRENT_CHANGE'],
    413: ['REQUEST.TOO_LARGE'],
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
  })
  importFile(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: SpreadsheetUpload,
  ): Promise<RatingImportReportDto> {
    return this.ratings.importFile(actor, file);
  }
}
