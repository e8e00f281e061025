import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { workflowDetail, workflowSummary } from './workflow-views';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly catalogue: WorkflowCatalogue) {}

  @Get()
  list() {
    return { items: this.catalogue.all().map(workflowSummary) };
  }

  @Get(':id/versions/:version')
  get(@Param('id') id: string, @Param('version', ParseIntPipe) version: number) {
    return workflowDetail(this.catalogue.get(id, version));
  }
}
