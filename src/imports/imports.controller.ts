import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
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
import { ImportQuery, ImportReportDto } from './dto/import.dto';
import { ImportTemplateParams, ImportTemplateQuery } from './dto/import-template.dto';
import { importTemplate } from './import-templates';
import { ImportsService } from './imports.service';
import { UploadedSpreadsheet } from './uploaded-spreadsheet.decorator';

const spreadsheetBody = {
  description:
    'The file itself as the request body (not multipart): CSV in UTF-8 with a comma or ' +
    'semicolon, or XLSX (first worksheet). Headers in English or Vietnamese.',
  schema: { type: 'string', format: 'binary' },
} as const;

/** Bulk registry imports: administrators only. Answers 422 IMPORT.INVALID_ROWS listing every bad row. */
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
      'units, people and awards are imported in that order. XLSX adds a guide sheet.',
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
    400: ['VALIDATION.FAILED (kind, format)'],
    ...SIGNED_IN_PROBLEMS,
  })
  async template(
    @Param() params: ImportTemplateParams,
    @Query() query: ImportTemplateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await importTemplate(params.kind, query.format ?? 'xlsx');
    reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }

  @Post('units')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody(spreadsheetBody)
  @ApiOkResponse({ type: ImportReportDto })
  importUnits(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: UploadedSpreadsheet,
    @Query() query: ImportQuery,
  ) {
    return this.imports.importUnits(authorOf(actor), file.content, file.format, {
      skipInvalid: query.skipInvalid ?? false,
    });
  }

  @Post('people')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody(spreadsheetBody)
  @ApiOkResponse({ type: ImportReportDto })
  importPeople(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: UploadedSpreadsheet,
    @Query() query: ImportQuery,
  ) {
    return this.imports.importPeople(authorOf(actor), file.content, file.format, {
      skipInvalid: query.skipInvalid ?? false,
    });
  }

  /**
   * Past awards (danh hiệu, hình thức khen thưởng) of people and units already in the registry,
   * so that prerequisites over consecutive years count them. A later file naming the same person
   * or unit, award and year updates it, e.g. marks it revoked ("Thu hồi").
   */
  @Post('awards')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody({
    ...spreadsheetBody,
    description:
      `${spreadsheetBody.description} One award per row: "Mã cán bộ" or "Mã đơn vị", ` +
      '"Danh hiệu / hình thức" (code or Vietnamese name), "Năm", and optionally "Tình trạng" ' +
      '(đã trao / thu hồi), "Số quyết định", "Ngày quyết định", "Ngày thu hồi", "Ghi chú".',
  })
  @ApiOkResponse({ type: ImportReportDto })
  importAwards(
    @CurrentActor() actor: Principal,
    @UploadedSpreadsheet() file: UploadedSpreadsheet,
    @Query() query: ImportQuery,
  ) {
    return this.imports.importAwards(authorOf(actor), file.content, file.format, {
      skipInvalid: query.skipInvalid ?? false,
    });
  }
}
