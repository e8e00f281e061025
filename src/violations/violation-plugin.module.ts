import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { ViolationPlugin } from './violation.plugin';

/** The violation workflow's facts, registered with the engine (HTTP and CLI alike). */
@Module({
  imports: [CaseEngineModule],
  providers: [ViolationPlugin],
})
export class ViolationPluginModule {}
