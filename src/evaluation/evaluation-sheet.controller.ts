import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  EvaluationSheetDto,
  EvaluationSheetParams,
  EvaluationSheetXlsxQuery,
} from './dto/evaluation-sheet.dto';
import { EvaluationSheetService, SHEET_READERS } from './evaluation-sheet.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SHEET_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  400: ['VALIDATION.FAILED (unitId, year)'],
  404: ['UNIT.NOT_FOUND (also out of scope)'],
};

const WORKBOOK_PROBLEMS = { ...SHEET_PROBLEMS, 400: ['VALIDATION.FAILED (unitId, year, lang)'] };

/**
 * The annual evaluation sheet of a unit's subtree: read by those who read the violation
 * statistics, the violations themselves only by the violation workflow's full readers.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@RequireRoles(...SHEET_READERS)
@Controller('evaluation-sheets')
export class EvaluationSheetController {
  constructor(private readonly sheets: EvaluationSheetService) {}

  @Get(':unitId/:year')
  @ApiOperation({
    summary: "A unit subtree's annual evaluation sheet: ratings, registrations, awards, violations",
    description:
      'One row per unit of the subtree and per person in it: the current rating of the year, ' +
      'registrations for movements running in the year and whether each was met (approved, and ' +
      'an award granted for it), awards whose decision was signed in the ' +
      'year (nominations decided here and imported ones), violations that occurred in the year ' +
      'and were confirmed, with their disciplines (details only for secretariat, council chair ' +
      'and auditors; a unit leader gets the numbers), and the traffic-law criterion.',
  })
  @ApiOkResponse({ type: EvaluationSheetDto })
  @ApiProblems(SHEET_PROBLEMS)
  get(@CurrentActor() actor: Principal, @Param() params: EvaluationSheetParams) {
    return this.sheets.sheet(actor, params);
  }

  @Get(':unitId/:year.xlsx')
  @ApiOperation({
    summary: 'The same sheet as an Excel workbook, in Vietnamese or (lang=en) English',
    description:
      'The table has a Vietnamese and an English header row in both languages; lang=en turns ' +
      'the sheet name, title, unit and year and the words of the cells (kinds, ratings, states, ' +
      'award names, met or not) into English, and names the file evaluation-sheet_… rather than ' +
      'danh-gia-thi-dua_…. Names, codes and numbers are the same.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(WORKBOOK_PROBLEMS)
  async workbook(
    @CurrentActor() actor: Principal,
    @Param() params: EvaluationSheetParams,
    @Query() query: EvaluationSheetXlsxQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.sheets.workbook(actor, params, query.lang);
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }
}
