import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { VersionedIdParams } from '../common/versioned-id-params.dto';
import { DiagramQuery } from './dto/diagram.dto';
import { WorkflowDetailDto, WorkflowLegalDateDto, WorkflowListDto } from './dto/workflow-views.dto';
import { WorkflowDiagrams } from './workflow-diagrams.service';
import { workflowDetail, workflowSummary } from './workflow-views';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly catalogue: WorkflowCatalogue,
    private readonly diagrams: WorkflowDiagrams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every published workflow version, for any signed-in user',
    description:
      'New cases of a case type start on its highest version; a running case stays on the ' +
      'version it was opened with.',
  })
  @ApiOkResponse({ type: WorkflowListDto })
  @ApiProblems(SIGNED_IN_PROBLEMS)
  list() {
    return { items: this.catalogue.all().map(workflowSummary) };
  }

  @Get(':id/versions/:version')
  @ApiOperation({
    summary: 'One workflow version as a client renders it: states, events, roles, guards',
    description:
      'Its events with their roles, payload schemas and legal dates; its states with their ' +
      'meanings (tags) and transitions, with the guards that decide them. A published version ' +
      'never changes: cases pin its hash.',
  })
  // The legal dates are a map of this model: only a $ref names it, so it is registered here.
  @ApiExtraModels(WorkflowLegalDateDto)
  @ApiOkResponse({ type: WorkflowDetailDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED (id, version: a whole number from 1)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['WORKFLOW.NOT_FOUND'],
  })
  get(@Param() params: VersionedIdParams) {
    return workflowDetail(this.catalogue.get(params.id, params.version));
  }

  @Get(':id/versions/:version/diagram.svg')
  @ApiOperation({
    summary: 'The workflow version drawn as an SVG diagram (states, events), a state highlighted',
    description:
      'Self-contained (no external font, image or link) and accessible (<title>, <desc>). ' +
      'States are <g id="state-<name>" class="node state [final] [current]">.',
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({
    description: 'image/svg+xml',
    content: { 'image/svg+xml': { schema: { type: 'string' } } },
  })
  @ApiProblems({
    400: ['VALIDATION.FAILED (id, version, lang, current)', 'WORKFLOW.UNKNOWN_STATE'],
    401: ['AUTH.UNAUTHENTICATED'],
    404: ['WORKFLOW.NOT_FOUND'],
  })
  async diagram(
    @Param() params: VersionedIdParams,
    @Query() query: DiagramQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const svg = await this.diagrams.svg(
      params.id,
      params.version,
      query.lang ?? 'vi',
      query.current,
    );
    // A published version never changes (cases pin its hash), so a browser may keep the drawing.
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'private, max-age=86400');
    return svg;
  }
}
