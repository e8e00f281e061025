import { Module, type DynamicModule } from '@nestjs/common';
import { BackupCommand } from './audit/backup.command';
import { CheckpointCommand } from './audit/checkpoints.command';
import { CheckpointsService } from './audit/checkpoints.service';
import { ExportCommand } from './audit/export.command';
import { VerifyCasesCommand } from './audit/verify-cases.command';
import { CaseEngineModule } from './cases/case-engine.module';
import { WORKFLOW_PLUGINS } from './workflow-plugins';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ConfigModule } from './config/config.module';
import {
  ImportAwardsCommand,
  ImportCommand,
  ImportPeopleCommand,
  ImportUnitsCommand,
} from './imports/import.command';
import { ImportJobsModule } from './imports/import-jobs.module';
import { PersistenceModule } from './persistence/persistence.module';
import { MigrateWorkflowCommand } from './workflows/migrate-workflow.command';
import { WorkflowMigrationService } from './workflows/workflow-migration.service';
import { WorkflowsModule } from './workflows/workflows.module';
import { WorkersModule } from './workers/workers.module';
import { NotificationOutboxModule } from './notifications/notifications.module';

/** What the command line needs: configuration, the database, the services it drives; no HTTP. */
@Module({})
export class CliModule {
  /** Built on demand so the environment is read when the command runs, not when this file loads. */
  static forRoot(): DynamicModule {
    return {
      module: CliModule,
      // The rule set's award catalogue checks the codes of an awards import.
      imports: [
        ConfigModule.forRoot(),
        PersistenceModule,
        WorkersModule,
        WorkflowsModule,
        CatalogueModule,
        CaseEngineModule,
        ImportJobsModule,
        // A migrated case's events tell people as the server's do (the outbox; the server sends).
        NotificationOutboxModule,
        ...WORKFLOW_PLUGINS,
      ],
      providers: [
        ImportCommand,
        ImportUnitsCommand,
        ImportPeopleCommand,
        ImportAwardsCommand,
        VerifyCasesCommand,
        CheckpointsService,
        CheckpointCommand,
        BackupCommand,
        WorkflowMigrationService,
        MigrateWorkflowCommand,
        ExportCommand,
      ],
    };
  }
}
