import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { CouncilPluginModule } from '../councils/council-plugin.module';
import { NominationHolds } from './nomination-holds';
import { ViolationPlugin } from './violation.plugin';

/**
 * The violation workflow's facts and effects, registered with the engine (HTTP and CLI alike):
 * the discipline forms, and the holds a pending matter puts on its subject's nominations.
 */
@Module({
  imports: [CaseEngineModule, CouncilPluginModule],
  providers: [ViolationPlugin, NominationHolds],
})
export class ViolationPluginModule {}
