import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { CouncilPluginModule } from '../councils/council-plugin.module';
import { Database } from '../persistence/database';
import { HOLD_REFERENCES_REPOSITORY } from '../persistence/repositories/hold-references.repository';
import { SqlHoldReferencesRepository } from '../persistence/repositories/sql-hold-references.repository';
import { NominationHolds } from './nomination-holds';
import { ViolationPlugin } from './violation.plugin';

/**
 * The violation workflow's facts and effects, registered with the engine (HTTP and CLI alike):
 * the discipline forms, and the holds a pending matter puts on its subject's nominations.
 */
@Module({
  imports: [CaseEngineModule, CouncilPluginModule],
  providers: [
    ViolationPlugin,
    NominationHolds,
    {
      provide: HOLD_REFERENCES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlHoldReferencesRepository(database),
    },
  ],
  exports: [HOLD_REFERENCES_REPOSITORY],
})
export class ViolationPluginModule {}
