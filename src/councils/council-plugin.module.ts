import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { AppConfig } from '../config/app-config';
import { CommendationPluginModule } from '../nominations/commendation-plugin.module';
import { Database } from '../persistence/database';
import { BALLOT_BOX } from '../persistence/repositories/ballot-box.repository';
import { COUNCILS_REPOSITORY } from '../persistence/repositories/councils.repository';
import { SqlBallotBox } from '../persistence/repositories/sql-ballot-box.repository';
import { SqlCouncilsRepository } from '../persistence/repositories/sql-councils.repository';
import { BallotSealer } from './ballot-sealing';
import { CouncilFacts } from './council-facts.service';
import { CouncilPlugin } from './council.plugin';
import { SessionCouncilBodyCheck } from './session-council-body.check';

/** The council session workflow's facts and effects, registered with the engine (HTTP and CLI). */
@Module({
  imports: [CaseEngineModule, CommendationPluginModule],
  providers: [
    CouncilFacts,
    CouncilPlugin,
    SessionCouncilBodyCheck,
    {
      provide: COUNCILS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlCouncilsRepository(database),
    },
    {
      provide: BALLOT_BOX,
      inject: [Database, AppConfig],
      useFactory: (database: Database, config: AppConfig) =>
        new SqlBallotBox(database, new BallotSealer(config.ballotSealingKey)),
    },
  ],
  exports: [CouncilFacts, COUNCILS_REPOSITORY, BALLOT_BOX],
})
export class CouncilPluginModule {}
