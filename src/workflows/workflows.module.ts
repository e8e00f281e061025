import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { loadWorkflowCatalogue } from './workflow-files';
import { WorkflowDiagrams } from './workflow-diagrams.service';
import { WorkflowsController } from './workflows.controller';

/** Loads and validates every definition at start-up: one bad file and the server refuses to start. */
@Global()
@Module({
  controllers: [WorkflowsController],
  providers: [
    {
      provide: WorkflowCatalogue,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loadWorkflowCatalogue(config.workflowsDir),
    },
    WorkflowDiagrams,
  ],
  exports: [WorkflowCatalogue],
})
export class WorkflowsModule {}
