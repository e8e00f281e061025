import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../../common/problem.dto';
import type { Principal } from '../../domain/org/principal';
import {
  ViolationStatisticsDto,
  ViolationStatisticsQuery,
  ViolationStatisticsXlsxQuery,
} from './dto/violation-statistics.dto';
import { STATISTICS_READERS } from '../../domain/discipline/violation-statistics';
import { ViolationStatisticsService } from './violation-statistics.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATISTICS_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  400: ['VALIDATION.FAILED (unitId, from, to)'],
  404: ['UNIT.NOT_FOUND (also out of scope)'],
  422: ['STATISTICS.PERIOD_REVERSED'],
};

const WORKBOOK_PROBLEMS = {
  ...STATISTICS_PROBLEMS,
  400: ['VALIDATION.FAILED (unitId, from, to, lang)'],
};

/**
 * Violation statistics for the annual evaluation: counts only, so the unit leader reads them as
 * well as the secretariat, the deciding chair and auditors, each over the subtrees they hold.
 */
@ApiTags('violations')
@ApiBearerAuth()
@RequireRoles(...STATISTICS_READERS)
@Controller()
export class ViolationStatisticsController {
  constructor(private readonly statistics: ViolationStatisticsService) {}

  @Get('violation-statistics')
  @ApiOperation({
    summary: "A unit subtree's violations in a period, by category, source and outcome",
    description:
      'Counted by the day of the violation (from..to inclusive), every case of the subtree ' +
      'included whoever may read it; disciplines by form, people disciplined, and the share of ' +
      'members (active people of the subtree today) with no confirmed traffic violation.',
  })
  @ApiOkResponse({ type: ViolationStatisticsDto })
  @ApiProblems(STATISTICS_PROBLEMS)
  get(@CurrentActor() actor: Principal, @Query() query: ViolationStatisticsQuery) {
    return this.statistics.statistics(actor, query);
  }

  @Get('violation-statistics.xlsx')
  @ApiOperation({
    summary: 'The same statistics as an Excel workbook, in Vietnamese or (lang=en) English',
    description:
      'The table has a Vietnamese and an English header row in both languages; lang=en turns ' +
      'the sheet name, title, unit and period and the group column into English (and names the ' +
      'file violation-statistics_… rather than thong-ke-vi-pham_…). Codes and numbers are the same.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(WORKBOOK_PROBLEMS)
  async workbook(
    @CurrentActor() actor: Principal,
    @Query() query: ViolationStatisticsXlsxQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.statistics.workbook(actor, query);
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }
}
