import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CASE_READERS } from '../cases/case-access';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  MovementOverviewDto,
  MovementResultsDto,
  ResultsPdfQuery,
  ResultsQuery,
  ResultsWorkbookQuery,
} from './dto/movement-reports.dto';
import { MovementReportsService, type ReportFile } from './movement-reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

const RESULTS_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  400: ['VALIDATION.FAILED (phase: midterm or final)'],
  403: [
    ...SIGNED_IN_PROBLEMS[403],
    'MOVEMENT.FORBIDDEN (you see the movement but did not launch it)',
  ],
  404: ['MOVEMENT.NOT_FOUND (also not visible to you)'],
};

/** The files take `lang` as well. */
const LANGUAGE_PROBLEMS = {
  ...RESULTS_PROBLEMS,
  400: ['VALIDATION.FAILED (phase: midterm or final; lang: vi or en)'],
};

const FILE_PROBLEMS = {
  ...LANGUAGE_PROBLEMS,
  503: ['SERVER.BUSY (every worker busy and the queue full: retry after a few seconds)'],
};

/**
 * A movement's reports: the consolidated results of its mid-term or final review for the
 * recipients upward (the launching unit's and auditors'), and the movement page's overview.
 */
@ApiTags('movements')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('movements/:id')
export class MovementReportsController {
  constructor(private readonly reports: MovementReportsService) {}

  @Get('results')
  @ApiOperation({
    summary:
      'The consolidated results report of a review: every unit of the participating subtree, its ' +
      'acknowledgement, plan and report against each criterion, with totals where the movement scores',
  })
  @ApiOkResponse({ type: MovementResultsDto })
  @ApiProblems(RESULTS_PROBLEMS)
  results(@CurrentActor() actor: Principal, @Param('id') id: string, @Query() query: ResultsQuery) {
    return this.reports.results(actor, id, query.phase);
  }

  @Get('results.xlsx')
  @ApiOperation({
    summary:
      'The same report as an Excel workbook, in Vietnamese or English (the header row in both)',
    description:
      'lang=en writes the sheet, title, particulars’ labels, dates and the phase in English; ' +
      'what the units wrote, names and the legal bases stay as written.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(LANGUAGE_PROBLEMS)
  async workbook(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: ResultsWorkbookQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(
      reply,
      XLSX,
      await this.reports.resultsWorkbook(actor, id, query.phase, query.lang),
    );
  }

  @Get('results.pdf')
  @ApiOperation({
    summary:
      'The same report as a PDF in Vietnamese administrative style, to sign and send upward ' +
      '(rendered in the worker pool)',
    description:
      'lang=en renders the same report in English for readers who need it (what the units ' +
      'wrote, and the legal bases, as written); the Vietnamese report is the one to sign.',
  })
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(FILE_PROBLEMS)
  async pdf(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: ResultsPdfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, PDF, await this.reports.resultsPdf(actor, id, query.phase, query.lang));
  }

  @Get('overview')
  @ApiOperation({
    summary:
      "The movement page's counts: registrations by state, acknowledgements, linked nominations " +
      'by state and awards announced, violations in scope and period by outcome',
    description:
      'The launching unit’s readers and auditors count the whole participating subtree; a ' +
      'participating unit’s readers count only their own subtrees (`wholeMovement` false). ' +
      'Violations: counts only, for the roles that read violation statistics.',
  })
  @ApiOkResponse({ type: MovementOverviewDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['MOVEMENT.NOT_FOUND (also not visible to you)'] })
  overview(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.reports.overview(actor, id);
  }
}

function send(reply: FastifyReply, type: string, file: ReportFile): Buffer {
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${file.fileName}"`);
  return file.content;
}
