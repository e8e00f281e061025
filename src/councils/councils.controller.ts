import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { ROLES } from '../domain/roles';
import { CASE_READERS } from '../cases/case-access';
import { CouncilSessionsService } from './council-sessions.service';
import { CouncilsService } from './councils.service';
import {
  AddCouncilMemberDto,
  BallotReceiptDto,
  CastBallotDto,
  CouncilListDto,
  CouncilListQuery,
  CouncilViewDto,
  CreateCouncilDto,
  EndTermDto,
  ReceiptCheckDto,
  ReceiptCheckResultDto,
  RosterQuery,
  RosterViewDto,
  SessionListDto,
  MinutesQuery,
  SessionListQuery,
  SessionViewDto,
} from './dto/council.dto';

const COUNCIL_NOT_FOUND = { 404: ['COUNCIL.NOT_FOUND (also out of scope)'] };
const SESSION_NOT_FOUND = { 404: ['CASE.NOT_FOUND (also out of scope)'] };

/** Councils and their rosters (terms of office), kept by admins and the unit's secretariat. */
@ApiTags('councils')
@ApiBearerAuth()
@RequireRoles(...ROLES)
@Controller('councils')
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Get()
  @ApiOperation({
    summary: 'The councils of the units in your scope, with their rosters; of one body if asked',
  })
  @ApiOkResponse({ type: CouncilListDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 400: ['VALIDATION.FAILED (unknown body)'] })
  list(@CurrentActor() actor: Principal, @Query() query: CouncilListQuery) {
    return this.councils.list(actor, query.body);
  }

  @Post()
  @RequireRoles('admin', 'secretariat')
  @ApiOperation({
    summary:
      "Create a unit's council: its Emulation-Commendation Council (the default), or a Party " +
      'cell, Party committee or discipline council whose roster votes on violations',
  })
  @ApiCreatedResponse({ type: CouncilViewDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (unknown body)'],
    403: [...SIGNED_IN_PROBLEMS[403], 'COUNCIL.FORBIDDEN (not the secretariat of that unit)'],
    422: [
      'COUNCIL.INVALID (unit not in scope; the unit already has a council of that body, for ' +
        'every body but the Emulation-Commendation Council)',
    ],
  })
  create(@CurrentActor() actor: Principal, @Body() body: CreateCouncilDto) {
    return this.councils.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A council with every term of office, past and current' })
  @ApiOkResponse({ type: CouncilViewDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...COUNCIL_NOT_FOUND })
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.councils.get(actor, id);
  }

  @Get(':id/roster')
  @ApiOperation({ summary: 'Who sits on the council on a day (default: today)' })
  @ApiOkResponse({ type: RosterViewDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED (on: not a real YYYY-MM-DD date)'],
    ...SIGNED_IN_PROBLEMS,
    ...COUNCIL_NOT_FOUND,
  })
  roster(@CurrentActor() actor: Principal, @Param('id') id: string, @Query() query: RosterQuery) {
    return this.councils.roster(actor, id, query.on);
  }

  @Post(':id/members')
  @RequireRoles('admin', 'secretariat')
  @ApiOperation({
    summary: 'Add a term of office (chair, vice-chair, member or secretary) from a day',
    description:
      'One chair at a time; a person holds one term at a time. Logged in the change log.',
  })
  @ApiCreatedResponse({ type: CouncilViewDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: [...SIGNED_IN_PROBLEMS[403], 'COUNCIL.FORBIDDEN'],
    ...COUNCIL_NOT_FOUND,
    422: [
      'COUNCIL.INVALID (person unknown, term ends before it starts, overlapping term or chair)',
    ],
  })
  addMember(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Body() body: AddCouncilMemberDto,
  ) {
    return this.councils.addMember(actor, id, body);
  }

  @Post(':id/members/:memberId/end')
  @HttpCode(200)
  @RequireRoles('admin', 'secretariat')
  @ApiOperation({ summary: 'End a term of office on a day (inclusive)' })
  @ApiOkResponse({ type: CouncilViewDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: [...SIGNED_IN_PROBLEMS[403], 'COUNCIL.FORBIDDEN'],
    404: ['COUNCIL.NOT_FOUND', 'COUNCIL.MEMBER_NOT_FOUND'],
    422: ['COUNCIL.INVALID (ends before it starts)'],
  })
  endTerm(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: EndTermDto,
  ) {
    return this.councils.endTerm(actor, id, memberId, body.to);
  }
}

/**
 * Council sessions: a session is a case (POST /cases type council_session; SET_AGENDA,
 * RECORD_ATTENDANCE, OPEN, DECLARE_RECUSAL and CANCEL through POST /cases/{id}/events); here its
 * view, the ballots, the close, receipts and the minutes. Readers in scope and the council's own
 * members (who vote by the roster, not by a grant) may use them.
 */
@ApiTags('councils')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('council-sessions')
export class CouncilSessionsController {
  constructor(private readonly sessions: CouncilSessionsService) {}

  @Get()
  @ApiOperation({ summary: 'Council sessions in your scope, latest meeting first' })
  @ApiOkResponse({ type: SessionListDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED (unknown state)'], ...SIGNED_IN_PROBLEMS })
  list(@CurrentActor() actor: Principal, @Query() query: SessionListQuery) {
    return this.sessions.list(actor, query.state);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A session: roster, attendance, quorum, agenda, your ballot, and the count once closed',
  })
  @ApiOkResponse({ type: SessionViewDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...SESSION_NOT_FOUND })
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.sessions.view(actor, id);
  }

  @Post(':id/ballots')
  @ApiOperation({
    summary: 'Cast your ballot on one item (approve, reject or abstain); returns a receipt code',
    description:
      'Only a voting member on the roster of the meeting date, present (or absent where the rule ' +
      'set allows written votes), not recused, while the session is voting. Once per item, never ' +
      'changed. A secret ballot is stored apart from its voter; the receipt, shown once, checks ' +
      'that it was counted.',
  })
  @ApiCreatedResponse({ type: BallotReceiptDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: ['COUNCIL.NOT_A_VOTER'],
    ...SESSION_NOT_FOUND,
    409: [
      'COUNCIL.VOTING_CLOSED',
      'COUNCIL.ALREADY_VOTED',
      'COUNCIL.NOT_PRESENT',
      'COUNCIL.RECUSED',
    ],
    422: ['COUNCIL.NOT_ON_AGENDA (also deferred)'],
  })
  cast(@CurrentActor() actor: Principal, @Param('id') id: string, @Body() body: CastBallotDto) {
    return this.sessions.cast(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close the voting, count, make the minutes and send each nomination its recommendation',
    description:
      'CLOSE_VOTING (quorum checked again, every item counted against its award’s threshold, the ' +
      'ballots published without voters), then the minutes PDF rendered from the count and ' +
      'RECORD_MINUTES, which files it in every voted dossier and sends each nomination ' +
      'COUNCIL_RECOMMENDS or COUNCIL_DOES_NOT_RECOMMEND in one transaction.',
  })
  @ApiOkResponse({ type: SessionViewDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: ['CASE.ROLE_NOT_ALLOWED'],
    ...SESSION_NOT_FOUND,
    409: ['COUNCIL.NOT_COUNTED', 'CASE.EVENT_NOT_ALLOWED_IN_STATE', 'CASE.EFFECT_REFUSED'],
    422: ['CASE.GUARD_FAILED (quorum)'],
    503: ['SERVER.BUSY'],
  })
  close(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.sessions.close(actor, id);
  }

  @Post(':id/receipts/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Is the ballot with this receipt code in the published count?' })
  @ApiOkResponse({ type: ReceiptCheckResultDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...SESSION_NOT_FOUND })
  checkReceipt(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Body() body: ReceiptCheckDto,
  ) {
    return this.sessions.checkReceipt(actor, id, body.receipt);
  }

  @Get(':id/minutes')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The minutes (biên bản) of a closed session, as PDF',
    description:
      'As filed with the session and each nomination (Vietnamese, the official document; its ' +
      'hash in X-Content-SHA256 and in the record), or with lang=en an English rendering of the ' +
      'same record for reference, made when asked (no hash: it is not filed).',
  })
  @ApiOkResponse({
    description: 'The PDF (content-disposition: attachment)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'x-content-sha256': {
        description: 'SHA-256 (hex) of the PDF, as filed with the session',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems({
    400: ['VALIDATION.FAILED (lang)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND', 'COUNCIL.NO_MINUTES'],
    503: ['SERVER.BUSY (lang=en: rendering)'],
  })
  async minutes(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: MinutesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.lang === 'en') {
      const english = await this.sessions.minutesInEnglish(actor, id);
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${english.fileName}"`);
      return english.content;
    }
    const { document, content } = await this.sessions.minutesFile(actor, id);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${document.fileName}"`)
      .header('x-content-sha256', document.sha256);
    return content;
  }
}
