import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
import { CASE_READERS } from '../cases/case-access';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  BulkRegistrationDto,
  BulkRegistrationResultDto,
  RegistrationListDto,
  RegistrationListQuery,
  RegistrationWorkbookQuery,
} from './dto/registration.dto';
import { RegistrationsService } from './registrations.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const LIST_PROBLEMS = {
  ...SIGNED_IN_PROBLEMS,
  400: ['VALIDATION.FAILED (state, unitId)'],
  404: ['MOVEMENT.NOT_FOUND (also not visible to you)', 'UNIT.NOT_FOUND (also out of scope)'],
};

/**
 * Emulation registrations of a movement: the bulk registration of a unit and its people, and the
 * consolidated list (its launching unit sees every registration; a participating unit, its own
 * subtree's; auditors all). Each registration is a case: decided through POST /cases/:id/events.
 */
@ApiTags('movements')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('movements/:id')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('registrations/bulk')
  @RequireRoles('unit_leader', 'secretariat')
  @ApiOperation({
    summary: 'Register a unit and its people for a movement in one go, all or nothing',
    description:
      'Opens one emulation_registration case for the unit (with `unit`) and one for each person ' +
      '(with `people`, up to 500, of the unit or the units below it), in one transaction. Every ' +
      'row is checked as POST /cases checks one (movement taking registrations, the deadline, the ' +
      'participating subtree, awards on offer, criteria, no standing registration); one bad row ' +
      'and nothing is registered: the problem lists every bad row by its index.',
  })
  @ApiCreatedResponse({ type: BulkRegistrationResultDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (unitId, registeredOn, unit, people)', 'REGISTRATION.BULK_EMPTY'],
    403: SIGNED_IN_PROBLEMS[403],
    404: ['MOVEMENT.NOT_FOUND (also not visible to you)', 'UNIT.NOT_FOUND (also out of scope)'],
    422: [
      'REGISTRATION.BULK_REFUSED (details.rows: part "unit" or "people", index, code, message)',
    ],
  })
  registerInBulk(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Body() body: BulkRegistrationDto,
  ) {
    return this.registrations.registerInBulk(actor, id, body);
  }

  @Get('registrations')
  @ApiOperation({
    summary: "A movement's consolidated registration list, optionally by state and unit subtree",
  })
  @ApiOkResponse({ type: RegistrationListDto })
  @ApiProblems(LIST_PROBLEMS)
  list(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: RegistrationListQuery,
  ) {
    return this.registrations.list(actor, id, query);
  }

  @Get('registrations.xlsx')
  @ApiOperation({
    summary:
      'The same list as an Excel workbook, in Vietnamese or English (the header row in both)',
    description:
      'lang=en writes the sheet, title, labels and values (kinds, award names, states, dates) ' +
      'in English; registrants’ names and pledges stay as written.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({ ...LIST_PROBLEMS, 400: ['VALIDATION.FAILED (state, unitId, lang)'] })
  async workbook(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: RegistrationWorkbookQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.registrations.workbook(actor, id, query);
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.content;
  }
}
