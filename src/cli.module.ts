import { Module, type DynamicModule } from '@nestjs/common';
import { BackupCommand } from './audit/backup.command';
import { VerifyCasesCommand } from './audit/verify-cases.command';
import { CasesService } from './cases/cases.service';
import { ConfigModule } from './config/config.module';
import { ImportCommand, ImportPeopleCommand, ImportUnitsCommand } from './imports/import.command';
import { ImportsService } from './imports/imports.service';
import { PersistenceModule } from './persistence/persistence.module';
import { WorkflowsModule } from './workflows/workflows.module';

/** What the command line needs: configuration, the database, the services it drives; no HTTP. */
@Module({})
export class CliModule {
  /** Built on demand so the environment is read when the command runs, not when this file loads. */
  static forRoot(): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(), PersistenceModule, WorkflowsModule],
      providers: [
        ImportsService,
        ImportCommand,
        ImportUnitsCommand,
        ImportPeopleCommand,
        CasesService,
        VerifyCasesCommand,
        BackupCommand,
      ],
    };
  }
}
