import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { assertTimeLimitsKnown, loadWorkflowCatalogue } from './workflow-files';
import { WorkflowDiagrams } from './workflow-diagrams.service';
import { WorkflowsController } from './workflows.controller';

/**
 * Loads and validates every definition at start-up, and checks the time limits their timers name
 * against the rule sets: one bad file and the server refuses to start.
 */
@Global()
@Module({
  controllers: [WorkflowsController],
  providers: [
    {
      provide: WorkflowCatalogue,
      inject: [AppConfig, RuleSetCatalogue],
      useFactory: (config: AppConfig, ruleSets: RuleSetCatalogue) =>
        assertTimeLimitsKnown(loadWorkflowCatalogue(config.workflowsDir), ruleSets),
    },
    WorkflowDiagrams,
  ],
  exports: [WorkflowCatalogue],
})
export class WorkflowsModule {}
