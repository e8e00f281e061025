import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import type { Principal } from '../domain/org/principal';
import {
  CreatePersonDto,
  CreateUnitDto,
  ListPeopleQuery,
  ListUnitsQuery,
  UpdatePersonDto,
  UpdateUnitDto,
} from './dto/organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  list(@CurrentActor() principal: Principal, @Query() query: ListUnitsQuery) {
    return this.organisation.listUnits(principal, query);
  }

  @Get(':id')
  get(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.getUnit(principal, id);
  }

  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
  changes(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.changes(principal, 'unit', id);
  }

  @Post()
  @RequireRoles('admin')
  create(@CurrentActor() admin: Principal, @Body() body: CreateUnitDto) {
    return this.organisation.createUnit(admin, body);
  }

  @Patch(':id')
  @RequireRoles('admin')
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
  list(@CurrentActor() principal: Principal, @Query() query: ListPeopleQuery) {
    return this.organisation.listPeople(principal, query);
  }

  @Get(':id')
  get(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.getPerson(principal, id);
  }

  @Get(':id/changes')
  @RequireRoles('admin', 'auditor')
  changes(@CurrentActor() principal: Principal, @Param('id') id: string) {
    return this.organisation.changes(principal, 'person', id);
  }

  @Post()
  @RequireRoles('admin')
  create(@CurrentActor() admin: Principal, @Body() body: CreatePersonDto) {
    return this.organisation.createPerson(admin, body);
  }

  @Patch(':id')
  @RequireRoles('admin')
  update(@CurrentActor() admin: Principal, @Param('id') id: string, @Body() body: UpdatePersonDto) {
    return this.organisation.updatePerson(admin, id, body);
  }
}
