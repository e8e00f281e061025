import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CASE_READERS } from '../cases/case-access';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  ProposalDetailDto,
  ProposalListDto,
  ProposalListQuery,
  RecipientListDto,
  RecipientQuery,
} from './dto/proposal.dto';
import { ProposalsService } from './proposals.service';

const ONE_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  404: ['PROPOSAL.NOT_FOUND (also not visible to you)'],
};

/**
 * Proposals to the competent level (issue 17 item 2): the lists of the proposing side (out) and of
 * the receiving unit (in), one proposal with its nominations, and its letter. A proposal is an
 * `award_proposal` case: sent with POST /cases, decided with POST /cases/:id/events.
 */
@ApiTags('proposals')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Get()
  @ApiOperation({
    summary: 'Proposals sent by (out) or to (in) the units you read, newest first',
    description:
      '`in` is the queue of a competent level that uses this system: proposals whose receiving ' +
      'unit is in your scope. `out` lists those your units sent. Filter by `state`.',
  })
  @ApiOkResponse({ type: ProposalListDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (direction, state, cursor, limit)'],
  })
  list(@CurrentActor() actor: Principal, @Query() query: ProposalListQuery) {
    return this.proposals.list(actor, query);
  }

  @Get('recipients')
  @RequireRoles('secretariat')
  @ApiOperation({
    summary: 'The units above a proposing unit that act as an authority (where its proposal goes)',
    description:
      'For the "propose upward" form: the proposing side does not read the units above it. Empty: ' +
      'no unit of the tree acts as the authority, and the proposal goes outside the system.',
  })
  @ApiOkResponse({ type: RecipientListDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (unitId, authority)'],
    404: ['PROPOSAL.UNIT_NOT_FOUND (also out of scope)'],
  })
  recipients(@CurrentActor() actor: Principal, @Query() query: RecipientQuery) {
    return this.proposals.recipients(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal: its recipient, number, nominations and their outcomes' })
  @ApiOkResponse({ type: ProposalDetailDto })
  @ApiProblems(ONE_PROBLEMS)
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.proposals.get(actor, id);
  }

  @Get(':id/letter.pdf')
  @ApiOperation({
    summary:
      'The proposal letter (tờ trình) as a PDF, in the proposing unit’s Party or State format',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(ONE_PROBLEMS)
  async letter(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.proposals.letter(actor, id);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${file.fileName}"`);
    return file.pdf;
  }
}
