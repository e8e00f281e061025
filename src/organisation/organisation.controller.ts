import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { AdminChangeDto } from '../common/change-log.dto';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  CreatePersonDto,
  CreateUnitDto,
  ListPeopleQuery,
  ListUnitsQuery,
  UpdatePersonDto,
  UpdateUnitDto,
} from './dto/organisation.dto';
import {
  PersonDto,
  PersonInUnitDto,
  PersonPageDto,
  UnitDto,
  UnitPageDto,
} from './dto/organisation-views.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({
    summary: 'List the units the caller holds a role over, a parent before its sub-units',
    description:
      'Every unit in the subtrees of the caller’s grants (all units for an organisation-wide ' +
      'grant; none without a grant). parentId keeps only that unit’s direct sub-units (an ' +
      'unknown or out-of-scope parentId gives an empty page). Keyset pages: pass nextCursor ' +
      'back as cursor.',
  })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED'], ...SIGNED_IN_PROBLEMS })
  list(@CurrentActor() principal: Principal, @Query() query: ListUnitsQuery) {
    return this.organisation.listUnits(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One unit, for a caller who holds a role over it',
    description: 'A unit outside the caller’s grants answers 404, exactly as a missing one.',
  })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['UNIT.NOT_FOUND (also out of scope)'] })
  get(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.getUnit(principal, id);
  }

  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
  @ApiOperation({
    summary: 'A unit’s change log, oldest first, for admins and auditors over it',
    description:
      'Every recorded change to the unit (registry edits, imports, its authorities and ' +
      'signers) with who made it and the record before and after. The admin or auditor grant ' +
      'must cover the unit: another role over it answers 404, as for a missing unit.',
  })
  @ApiOkResponse({ type: [AdminChangeDto] })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['UNIT.NOT_FOUND (also out of scope, or no admin or auditor grant over it)'],
  })
  changes(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.changes(principal, 'unit', id);
  }

  @Post()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Create a unit, root or under a parent, for admins',
    description: 'Logged in the unit’s change log. The tree is at most 54 levels deep.',
  })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    409: ['UNIT.CODE_TAKEN'],
    422: ['UNIT.UNKNOWN (parentId names no unit)', 'UNIT.TOO_DEEP'],
  })
  create(@CurrentActor() admin: Principal, @Body() body: CreateUnitDto) {
    return this.organisation.createUnit(admin, body);
  }

  @Patch(':id')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Rename, re-kind, move, close or reopen a unit, for admins',
    description:
      'Only the fields sent change. A move (parentId; null makes it a root) takes the whole ' +
      'subtree along. Logged in the unit’s change log as update, move, close or reopen.',
  })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    404: ['UNIT.NOT_FOUND'],
    422: [
      'UNIT.UNKNOWN (parentId names no unit)',
      'UNIT.MOVE_INTO_OWN_SUBTREE',
      'UNIT.TOO_DEEP (the moved subtree would be over 54 levels deep)',
    ],
  })
  update(@CurrentActor() admin: Principal, @Param('id') id: string, @Body() body: UpdateUnitDto) {
    return this.organisation.updateUnit(admin, id, body);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the people in the units the caller holds a role over, by name',
    description:
      'q matches every word in the full name, ignoring case and Vietnamese tone marks (đ ' +
      'matches d); unitId keeps only that unit’s own people (an unknown or out-of-scope unitId ' +
      'gives an empty page). Ordered by name. Keyset pages: pass nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: PersonPageDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED'], ...SIGNED_IN_PROBLEMS })
  list(@CurrentActor() principal: Principal, @Query() query: ListPeopleQuery) {
    return this.organisation.listPeople(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One person, for a caller who holds a role over their unit',
    description: 'A person outside the caller’s grants answers 404, exactly as a missing one.',
  })
  @ApiOkResponse({ type: PersonInUnitDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['PERSON.NOT_FOUND (also out of scope)'] })
  get(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.getPerson(principal, id);
  }

  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
  @ApiOperation({
    summary: 'A person’s change log, oldest first, for admins and auditors over their unit',
    description:
      'Every recorded change to the person (registry edits, moves, imports) with who made it ' +
      'and the record before and after. The admin or auditor grant must cover the person’s ' +
      'unit: another role over it answers 404, as for a missing person.',
  })
  @ApiOkResponse({ type: [AdminChangeDto] })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['PERSON.NOT_FOUND (also out of scope, or no admin or auditor grant over their unit)'],
  })
  changes(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.changes(principal, 'person', id);
  }

  @Post()
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Register a person in a unit, for admins',
    description: 'Logged in the person’s change log.',
  })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    409: ['PERSON.CODE_TAKEN'],
    422: ['UNIT.UNKNOWN (unitId names no unit)'],
  })
  create(@CurrentActor() admin: Principal, @Body() body: CreatePersonDto) {
    return this.organisation.createPerson(admin, body);
  }

  @Patch(':id')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Change a person’s record or unit, or (de)activate them, for admins',
    description:
      'Only the fields sent change (null clears position, dateOfBirth, partyJoinedOn). Logged ' +
      'in the person’s change log as update, or move when the unit changes.',
  })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    404: ['PERSON.NOT_FOUND'],
    422: ['UNIT.UNKNOWN (unitId names no unit)'],
  })
  update(@CurrentActor() admin: Principal, @Param('id') id: string, @Body() body: UpdatePersonDto) {
    return this.organisation.updatePerson(admin, id, body);
  }
}
