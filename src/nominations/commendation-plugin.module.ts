import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { Database } from '../persistence/database';
import { SEALED_ELIGIBILITY_LINES_REPOSITORY } from '../persistence/repositories/sealed-eligibility-lines.repository';
import { SqlSealedEligibilityLinesRepository } from '../persistence/repositories/sql-sealed-eligibility-lines.repository';
import { OBJECTOR_IDENTITIES_REPOSITORY } from '../persistence/repositories/objector-identities.repository';
import { SqlObjectorIdentitiesRepository } from '../persistence/repositories/sql-objector-identities.repository';
import { CommendationFacts } from './commendation-facts.service';
import { CommendationPlugin } from './commendation.plugin';

/** The commendation workflow's facts and effects, registered with the engine (HTTP and CLI alike). */
@Module({
  imports: [CaseEngineModule],
  providers: [
    CommendationFacts,
    CommendationPlugin,
    {
      provide: SEALED_ELIGIBILITY_LINES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlSealedEligibilityLinesRepository(database),
    },
    // Objections are filed through the public page, the demo and the CLI alike.
    {
      provide: OBJECTOR_IDENTITIES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlObjectorIdentitiesRepository(database),
    },
  ],
  exports: [CommendationFacts, SEALED_ELIGIBILITY_LINES_REPOSITORY, OBJECTOR_IDENTITIES_REPOSITORY],
})
export class CommendationPluginModule {}
