import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { CASE_READERS } from '../cases/case-access';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { ROLES } from '../domain/roles';
import {
  EmulationCriteriaListDto,
  MovementListDto,
  MovementViewDto,
  ParticipationTableDto,
} from './dto/movement.dto';
import { MovementsService } from './movements.service';

const MOVEMENT_NOT_FOUND = { 404: ['MOVEMENT.NOT_FOUND (also not visible to you)'] };

/**
 * Emulation movements as their units see them. A movement is a case (POST /cases type
 * `movement`, events on /cases/:id/events); a unit acknowledges it by opening its
 * `movement_participation` case and files its plan through /cases/:id/documents.
 */
@ApiTags('movements')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller()
export class MovementsController {
  constructor(private readonly movements: MovementsService) {}

  @Get('emulation-criteria')
  @RequireRoles(...ROLES)
  @ApiOperation({
    summary:
      'The criteria catalogue a movement chooses from (data/catalogues/emulation-criteria.json)',
  })
  @ApiOkResponse({ type: EmulationCriteriaListDto })
  @ApiProblems(SIGNED_IN_PROBLEMS)
  criteria() {
    return this.movements.criteriaCatalogue();
  }

  @Get('movements')
  @ApiOperation({
    summary:
      'The movements you see: those your units launched (drafts included), launched ones whose ' +
      'participating subtree holds a unit you have a role in (an auditor of the whole organisation sees all)',
  })
  @ApiOkResponse({ type: MovementListDto })
  @ApiProblems(SIGNED_IN_PROBLEMS)
  list(@CurrentActor() actor: Principal) {
    return this.movements.list(actor);
  }

  @Get('movements/:id')
  @ApiOperation({
    summary:
      'One movement: its data as it stands, its state, the events you may send and your units’ acknowledgements',
  })
  @ApiOkResponse({ type: MovementViewDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...MOVEMENT_NOT_FOUND })
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.movements.get(actor, id);
  }

  @Get('movements/:id/participation')
  @ApiOperation({
    summary:
      'For the launching unit’s readers (auditors in its scope included): every unit of the participating subtree, acknowledged or not, with its plan and reports',
  })
  @ApiOkResponse({ type: ParticipationTableDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: [
      ...SIGNED_IN_PROBLEMS[403],
      'MOVEMENT.FORBIDDEN (you see the movement but did not launch it)',
    ],
    ...MOVEMENT_NOT_FOUND,
  })
  participation(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.movements.participation(actor, id);
  }
}
