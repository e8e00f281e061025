import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
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
import {
  CASE_OR_EXISTENCE,
  CaseExistenceViewDto,
  CaseVerificationDto,
  CaseViewDto,
  HistoryPageDto,
} from './dto/case-views.dto';
import { CommandRequest, Idempotent } from './idempotent.decorator';
import { ObservedCaseRead } from './plugins/case-reads';
import type { IdempotentRequest } from './idempotency';

/**
 * Cases are for the working roles (admin manages accounts and the registry); the services narrow
 * every request to the caller's unit scope, and the workflow definition decides who may open a
 * case or send which event.
 */
@ApiTags('cases')
@ApiExtraModels(CaseListItemDto, CaseExistenceItemDto, CaseViewDto, CaseExistenceViewDto)
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
  @ApiOperation({
    summary:
      'Open a case (a nomination, a violation report…) on the latest version of its workflow',
    description:
      'The workflow decides who may open it (openRoles) and checks its data; the subject must be ' +
      'a person or unit in the caller’s scope. The answer is the case as the caller may know it: ' +
      'in full, or only that it exists for a need-to-know workflow the caller may not read.',
  })
  @ApiCreatedResponse({ schema: CASE_OR_EXISTENCE })
  @ApiProblems({
    400: ['VALIDATION.FAILED (the body, or data or payload over 64 KiB)'],
    ...SIGNED_IN_PROBLEMS,
    403: [
      ...SIGNED_IN_PROBLEMS[403],
      'CASE.ROLE_NOT_ALLOWED (the workflow’s openRoles)',
      'CASE.SELF_ACTION (a case about oneself)',
    ],
    422: [
      'CASE.UNKNOWN_TYPE',
      'CASE.INVALID_DATA',
      'CASE.UNKNOWN_SUBJECT (also out of scope)',
      'CASE.GUARD_FAILED',
      'IDEMPOTENCY.KEY_REUSED',
      'and the workflow plug-ins’ opening checks (e.g. a nomination’s award and year)',
    ],
  })
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
  @ApiOkResponse({ schema: CASE_OR_EXISTENCE })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['CASE.NOT_FOUND (also out of scope)'] })
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.queries.get(actor, id);
  }

  @Post(':id/events')
  @AnySignedIn()
  @Idempotent()
  @ApiOperation({
    summary: 'Send an event to a case: one step of its workflow, with its audit record',
    description:
      'The event’s payload schema is the workflow version’s (see the request body’s oneOf, and ' +
      'GET /workflows/{id}/versions/{version}). The step, its audit record and its effects on ' +
      'other cases commit together or not at all. expectedVersion refuses the step when the case ' +
      'has moved on. The answer is the case after the step, as the caller may read it.',
  })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED (the body, or a payload over 64 KiB)'],
    ...SIGNED_IN_PROBLEMS,
    403: [
      ...SIGNED_IN_PROBLEMS[403],
      'CASE.ROLE_NOT_ALLOWED (the caller’s role may not send this event)',
      'CASE.SELF_ACTION',
    ],
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: [
      'CASE.STALE_VERSION',
      'CASE.EVENT_NOT_ALLOWED_IN_STATE',
      'CASE.CASE_CLOSED',
      'WORKFLOW.PINNED_VERSION_CHANGED',
    ],
    422: [
      'CASE.EVENT_UNKNOWN',
      'CASE.GUARD_FAILED (with the failed guards, and eligibility where it decided)',
      'CASE.EFFECT_REFUSED',
      'CASE.NO_RULE_SET_ON_DATE',
      'IDEMPOTENCY.KEY_REUSED',
      'and the plug-ins’ refusals of the facts an event declares (e.g. on ANNOUNCE: ' +
        'DECISION.NOT_COMPETENT, DECISION.SIGNER_NOT_ALLOWED, DECISION.SIGNER_MISMATCH)',
    ],
  })
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
  @ApiOperation({
    summary: 'A case’s audit records, in order, a page at a time',
    description:
      'For its full readers only (an existence reader gets 404, as for a missing case). Pass ' +
      'nextAfterSeq back as afterSeq for the next page. An auditor’s read is logged.',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope, or known only to exist)'],
  })
  history(@CurrentActor() actor: Principal, @Param('id') id: string, @Query() query: HistoryQuery) {
    return this.queries.history(actor, id, query.afterSeq ?? 0, query.limit ?? 100);
  }

  @Get(':id/verify')
  @ObservedCaseRead('verify', (body) => checkedIn(body))
  @ApiOperation({
    summary: 'Check a case’s hash chain and replay its history against the case as stored',
    description:
      'Every record’s hash re-derived, each link checked, the records replayed through their ' +
      'workflow versions: ok, or the first record that does not fit and why. Runs off the ' +
      'request thread. An auditor’s read is logged.',
  })
  @ApiOkResponse({ type: CaseVerificationDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: [
      'CASE.NOT_FOUND (also out of scope, or known only to exist)',
      'WORKFLOW.NOT_FOUND (a record pinned to a version this server does not have)',
    ],
  })
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
