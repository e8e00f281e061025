import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { ImportCommand, ImportPeopleCommand, ImportUnitsCommand } from './import.command';
import { ImportsService } from './imports.service';

/** What the command line needs: configuration, the database and the import service; no HTTP. */
@Module({})
export class CliModule {
  /** Built on demand so the environment is read when the command runs, not when this file loads. */
  static forRoot(): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(), PersistenceModule],
      providers: [ImportsService, ImportCommand, ImportUnitsCommand, ImportPeopleCommand],
    };
  }
}
