import { Controller, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/body-parsing';
import { authorOf } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import { ImportQuery, ImportReportDto } from './dto/import.dto';
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
