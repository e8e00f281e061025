import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnySignedIn, CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { DEADLINE_LISTERS, DeadlinesService } from './deadlines.service';
import {
  CaseDeadlinesDto,
  DeadlineDto,
  DeadlineListDto,
  DeadlineListQuery,
  DeadlineParams,
} from './dto/deadline.dto';

/** A case's deadlines, for whoever reads the case in full. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('cases')
export class CaseDeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get(':id/deadlines')
  @AnySignedIn()
  @ApiOperation({
    summary: 'The case’s timers: pending, fired, skipped, cancelled and failed, oldest first',
  })
  @ApiOkResponse({ type: CaseDeadlinesDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['CASE.NOT_FOUND (also out of scope)'] })
  ofCase(@CurrentActor() actor: Principal, @Param('id') id: string): Promise<CaseDeadlinesDto> {
    return this.deadlines.ofCase(actor, id);
  }
}

/** The deadlines list of the secretariat, unit leaders and auditors; the admins' retry. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @RequireRoles(...DEADLINE_LISTERS, 'admin')
  @ApiOperation({
    summary: 'Deadlines in your scope, most overdue first (default: pending ones)',
    description:
      'Only cases you read in full (a violation only for its readers); administrators see only ' +
      'failed deadlines, without names, to retry them. `overdue`: pending and past its firing ' +
      'time. dueBefore: due on or before that day. Keyset pages: pass nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: DeadlineListDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (dueBefore, unitId, status, cursor, limit)'],
    404: ['DEADLINE.UNIT_NOT_FOUND (also out of scope)'],
  })
  list(
    @CurrentActor() actor: Principal,
    @Query() query: DeadlineListQuery,
  ): Promise<DeadlineListDto> {
    return this.deadlines.list(actor, query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Compute a failed deadline again (after the calendar or the rule set was fixed)',
    description:
      'Pending again with its due day when it can now be computed (it fires at the next pass ' +
      'if already due); otherwise still failed with the current reason.',
  })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (id)'],
    404: ['DEADLINE.NOT_FOUND (also out of scope)'],
    409: ['DEADLINE.NOT_FAILED'],
  })
  retry(@CurrentActor() actor: Principal, @Param() params: DeadlineParams): Promise<DeadlineDto> {
    return this.deadlines.retry(actor, params.id);
  }
}
