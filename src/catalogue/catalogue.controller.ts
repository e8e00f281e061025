import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../common/clock';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { VersionedIdParams } from '../common/versioned-id-params.dto';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import {
  reportableCategories,
  type ViolationCategoryCatalogue,
} from '../domain/discipline/violation-categories';
import { ViolationCategoryListDto } from './dto/violation-categories.dto';
import { VIOLATION_CATEGORIES } from './violation-categories.provider';
import { awardCatalogue, ruleSetDetail, ruleSetSummary } from './catalogue-views';
import { AwardCatalogueDto } from './dto/award-catalogue.dto';
import { AwardsQuery } from './dto/awards-query.dto';
import { RuleSetDetailDto, RuleSetListDto } from './dto/rule-set-views.dto';

/** The published rule sets and the award catalogue, for every signed-in user. */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CatalogueController {
  constructor(
    private readonly catalogue: RuleSetCatalogue,
    private readonly clock: Clock,
    @Inject(VIOLATION_CATEGORIES) private readonly categories: ViolationCategoryCatalogue,
  ) {}

  @Get('rulesets')
  @ApiOperation({
    summary: 'Every published rule set version, for any signed-in user',
    description:
      'The one in force on a day is the latest to start on or before it (on that day, its ' +
      'highest version).',
  })
  @ApiOkResponse({ type: RuleSetListDto })
  @ApiProblems(SIGNED_IN_PROBLEMS)
  listRuleSets() {
    return { items: this.catalogue.all().map(ruleSetSummary) };
  }

  @Get('rulesets/:id/versions/:version')
  @ApiOperation({
    summary: 'One rule set version in full, for any signed-in user',
    description:
      'Every threshold, count, bar and grantor with its legal source and confirmed flag (false: ' +
      'a configurable default the sources did not settle). A published version never changes: ' +
      'decisions record its hash.',
  })
  @ApiOkResponse({
    type: RuleSetDetailDto,
    description: 'The whole rule set: every value with its source and confirmed flag',
  })
  @ApiProblems({
    400: ['VALIDATION.FAILED (id, version: a whole number from 1)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['RULESET.NOT_FOUND'],
  })
  getRuleSet(@Param() params: VersionedIdParams) {
    return ruleSetDetail(this.catalogue.get(params.id, params.version));
  }

  @Get('awards')
  @ApiOperation({
    summary: 'The awards of the rule set in force: names, nominee kinds, required documents',
  })
  @ApiOkResponse({ type: AwardCatalogueDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    401: ['AUTH.UNAUTHENTICATED'],
    404: ['RULESET.NOT_FOUND: no rule set in force on asOf'],
  })
  listAwards(@Query() query: AwardsQuery) {
    return awardCatalogue(this.catalogue.latest(query.asOf ?? this.clock.todayInVietnam()));
  }

  @Get('violation-categories')
  @ApiOperation({
    summary:
      'The categories a violation report may choose, and which count against the traffic-law criterion',
  })
  @ApiOkResponse({ type: ViolationCategoryListDto })
  @ApiProblems({ 401: ['AUTH.UNAUTHENTICATED'] })
  listViolationCategories(): ViolationCategoryListDto {
    const { id, version, title, description } = this.categories;
    return {
      id,
      version,
      title,
      description,
      items: reportableCategories(this.categories).map(
        ({ code, name, group, countsAgainstTraffic }) => ({
          code,
          name,
          group,
          countsAgainstTraffic,
        }),
      ),
    };
  }
}
