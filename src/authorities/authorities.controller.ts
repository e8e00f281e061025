import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { AuthoritiesService } from './authorities.service';
import {
  CreateSignerDto,
  PutUnitAuthoritiesDto,
  SignerDto,
  SignerListDto,
  UnitAuthoritiesDto,
  UpdateSignerDto,
} from './dto/authorities.dto';

const NO_UNIT = { 404: ['UNIT.NOT_FOUND (also out of scope)'] };

/** A unit's issuing authorities and signers: admins keep them; the secretariat and auditors read. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units/:id')
export class UnitAuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Get('authorities')
  @RequireRoles('admin', 'secretariat', 'auditor')
  @ApiOperation({
    summary: 'The authorities the unit acts as (format, number series) and those it may choose',
  })
  @ApiOkResponse({ type: UnitAuthoritiesDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...NO_UNIT })
  list(@CurrentActor() actor: Principal, @Param('id') id: string): Promise<UnitAuthoritiesDto> {
    return this.authorities.list(actor, id);
  }

  @Put('authorities')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Record every authority the unit acts as now (the rest are ended)',
    description:
      'Codes of the rule set in force; the series defaults to the unit’s code. One unit, one ' +
      'format: Party and State authorities cannot be recorded together. Once a unit records an ' +
      'authority, its award decisions must be within it and take its format and series.',
  })
  @ApiOkResponse({ type: UnitAuthoritiesDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (authorities, code, seriesCode)'],
    ...NO_UNIT,
    422: ['AUTHORITY.UNKNOWN_CODE', 'AUTHORITY.DUPLICATE', 'AUTHORITY.MIXED_FORMATS'],
  })
  put(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: PutUnitAuthoritiesDto,
  ): Promise<UnitAuthoritiesDto> {
    return this.authorities.put(admin, id, body);
  }

  @Get('signers')
  @RequireRoles('admin', 'secretariat', 'auditor')
  @ApiOperation({ summary: 'Who signs for the unit’s authorities, in which capacity' })
  @ApiOkResponse({ type: SignerListDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, ...NO_UNIT })
  signers(@CurrentActor() actor: Principal, @Param('id') id: string): Promise<SignerListDto> {
    return this.authorities.signers(actor, id);
  }

  @Post('signers')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Add a signer for one of the unit’s authorities',
    description:
      'A collective body’s signer signs T/M (on its behalf); a head’s signer is the head (no ' +
      'capacity), a deputy (KT.) or an acting head (Q.); TL. (delegated) signs other papers, ' +
      'never an award decision.',
  })
  @ApiCreatedResponse({ type: SignerDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (personId, fullName, position, authorityCode, capacity, onBehalfOf)'],
    ...NO_UNIT,
    422: [
      'AUTHORITY.UNKNOWN_CODE',
      'SIGNER.AUTHORITY_NOT_RECORDED',
      'SIGNER.CAPACITY_NOT_ALLOWED',
      'SIGNER.ON_BEHALF_OF_UNUSED',
      'SIGNER.PERSON_UNKNOWN',
      'SIGNER.NAME_REQUIRED',
    ],
  })
  createSigner(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: CreateSignerDto,
  ): Promise<SignerDto> {
    return this.authorities.createSigner(admin, id, body);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('signers')
export class SignersController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Patch(':id')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'End a signer (or reopen one); it stays listed' })
  @ApiOkResponse({ type: SignerDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (active)'],
    404: ['SIGNER.NOT_FOUND (also out of scope)'],
  })
  update(
    @CurrentActor() admin: Principal,
    @Param('id') id: string,
    @Body() body: UpdateSignerDto,
  ): Promise<SignerDto> {
    return this.authorities.updateSigner(admin, id, body);
  }
}
