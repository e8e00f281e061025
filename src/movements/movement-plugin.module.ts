import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { emulationCriteriaProvider, EMULATION_CRITERIA } from './emulation-criteria.provider';
import { MovementPlugin } from './movement.plugin';

/**
 * The movement and participation workflows' checks, facts and effects, registered with the
 * engine (HTTP and CLI alike), with the emulation criteria catalogue they check against.
 */
@Module({
  imports: [CaseEngineModule],
  providers: [emulationCriteriaProvider, MovementPlugin],
  exports: [EMULATION_CRITERIA],
})
export class MovementPluginModule {}
