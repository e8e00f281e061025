import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { RegistrationPlugin } from './registration.plugin';

/**
 * The emulation registration workflow's facts, opening check and its repeat inside the opening's
 * transaction, registered with the engine (HTTP, command line and demo alike).
 */
@Module({
  imports: [CaseEngineModule],
  providers: [RegistrationPlugin],
})
export class RegistrationPluginModule {}
