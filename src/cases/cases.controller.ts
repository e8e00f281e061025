import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnySignedIn, CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { CASE_READERS } from './case-access';
import { CaseCommands } from './case-commands.service';
import { CaseListQueries } from './case-list.service';
import { CaseQueries } from './case-queries.service';
import { CaseExistenceItemDto, CaseListItemDto, CasePageDto } from './dto/case-list.dto';
import { CreateCaseDto, HistoryQuery, ListCasesQuery, SendEventDto } from './dto/case.dto';
import { CommandRequest, Idempotent } from './idempotent.decorator';
import { ObservedCaseRead } from './plugins/case-reads';
import type { IdempotentRequest } from './idempotency';

/**
 * Cases are for the working roles (admin manages accounts and the registry); the services narrow
 * every request to the caller's unit scope, and the workflow definition decides who may open a
 * case or send which event.
 */
@ApiTags('cases')
@ApiExtraModels(CaseListItemDto, CaseExistenceItemDto)
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
    private readonly lists: CaseListQueries,
  ) {}

  @Post()
  @Idempotent()
  open(
    @CurrentActor() actor: Principal,
    @Body() body: CreateCaseDto,
    @CommandRequest() request: IdempotentRequest,
  ) {
    return this.commands.open(actor, body, request);
  }

  @Get()
  @AnySignedIn()
  @ApiOperation({
    summary: 'List the cases the caller may read, newest first, filtered (e.g. "my work")',
    description:
      'Filters combine with AND. actionable=true: the cases on which the caller may send an ' +
      'event now (the same decision as each case’s allowedEvents). q ignores case and ' +
      'Vietnamese tone marks. Keyset pages: pass nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    404: ['UNIT.NOT_FOUND (unitId unknown or out of scope)'],
  })
  list(@CurrentActor() actor: Principal, @Query() query: ListCasesQuery) {
    return this.lists.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ObservedCaseRead('case')
  @ApiOperation({
    summary: 'One case, as the caller may know it',
    description:
      'In full for its readers (and its subject, where the workflow lets them read it); only ' +
      'that it exists and its state (existenceOnly: true) for its existence readers; 404 for ' +
      'anyone else, exactly as for a case that does not exist.',
  })
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.queries.get(actor, id);
  }

  @Post(':id/events')
  @AnySignedIn()
  @Idempotent()
  sendEvent(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Body() body: SendEventDto,
    @CommandRequest() request: IdempotentRequest,
  ) {
    return this.commands.sendEvent(actor, id, body, request);
  }

  @Get(':id/history')
  @AnySignedIn()
  @ObservedCaseRead('history', (body) => itemsIn(body))
  history(@CurrentActor() actor: Principal, @Param('id') id: string, @Query() query: HistoryQuery) {
    return this.queries.history(actor, id, query.afterSeq ?? 0, query.limit ?? 100);
  }

  @Get(':id/verify')
  @ObservedCaseRead('verify', (body) => checkedIn(body))
  @ApiOkResponse({ description: '{ ok, checked, firstBadSeq, problem }' })
  verify(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.queries.verify(actor, id);
  }
}

/** A history page's records. */
function itemsIn(body: unknown): number | null {
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.length : null;
}

/** The records a verification checked. */
function checkedIn(body: unknown): number | null {
  const checked = (body as { checked?: unknown } | null)?.checked;
  return typeof checked === 'number' ? checked : null;
}
