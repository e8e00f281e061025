import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../../auth/auth.decorators';
import { CASE_READERS } from '../../cases/case-access';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../../common/problem.dto';
import type { Principal } from '../../domain/org/principal';
import { VotingRosterDto, VotingRosterQuery } from './voting-roster.dto';
import { VotingRosters } from './voting-rosters.service';

/** Who votes on a case's decision, for the form that records the vote. */
@ApiTags('violations')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('cases')
export class VotingRosterController {
  constructor(private readonly rosters: VotingRosters) {}

  @Get(':id/voting-roster')
  @ApiOperation({
    summary: "The roster a body's vote on this case is counted against, on the meeting day",
    description:
      'The council of that body (party_cell, discipline_council, …) in the case’s unit or the ' +
      'nearest unit above it, with its members on that day: the same roster the DECIDE event’s ' +
      'vote is checked against. For those who read the case in full.',
  })
  @ApiOkResponse({ type: VotingRosterDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (body, on)'],
    404: ['CASE.NOT_FOUND (also when not readable)', 'COUNCIL.NOT_FOUND (no such body above)'],
  })
  get(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: VotingRosterQuery,
  ): Promise<VotingRosterDto> {
    return this.rosters.forCase(actor, id, query.body, query.on);
  }
}
