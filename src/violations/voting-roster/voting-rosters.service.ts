import { Injectable } from '@nestjs/common';
import { CaseQueries } from '../../cases/case-queries.service';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors';
import type { CouncilBody } from '../../domain/council/council-roster';
import type { Principal } from '../../domain/org/principal';
import { CouncilFacts } from '../../councils/council-facts.service';
import type { VotingRosterDto } from './voting-roster.dto';

/**
 * The roster a decision's vote on a case is counted against: the council of that body in the
 * case's unit or the nearest unit above it, on the meeting day. The same lookup the DECIDE guard
 * uses (violation.plugin.ts), so the members offered on screen are the ones the server counts.
 */
@Injectable()
export class VotingRosters {
  constructor(
    private readonly queries: CaseQueries,
    private readonly councils: CouncilFacts,
    private readonly clock: Clock,
  ) {}

  async forCase(
    principal: Principal,
    caseId: string,
    body: CouncilBody,
    on: string = this.clock.todayInVietnam(),
  ): Promise<VotingRosterDto> {
    const stored = await this.queries.load(principal, caseId);
    const roster =
      stored.unitPath === null
        ? null
        : await this.councils.bodyRosterFor(stored.unitPath, body, on);
    if (roster === null) throw noVotingBody(body);
    return { on, ...roster };
  }
}

function noVotingBody(body: CouncilBody): AppError {
  return new AppError(
    'COUNCIL.NOT_FOUND',
    'not_found',
    `Neither the case's unit nor any unit above it has a council of the body "${body}".`,
    { body },
    {
      vi: `Đơn vị của hồ sơ và các đơn vị cấp trên đều chưa có tập thể biểu quyết loại "${body}".`,
      en: `Neither the case's unit nor any unit above it has a council of the body "${body}".`,
    },
  );
}
