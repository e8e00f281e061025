import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { CommendationFacts } from './commendation-facts.service';
import { CommendationPlugin } from './commendation.plugin';

/** The commendation workflow's facts and effects, registered with the engine (HTTP and CLI alike). */
@Module({
  imports: [CaseEngineModule],
  providers: [CommendationFacts, CommendationPlugin],
  exports: [CommendationFacts],
})
export class CommendationPluginModule {}
