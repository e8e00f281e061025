import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { ProposalPlugin } from './proposal.plugin';

/**
 * The proposal workflow's fact, opening check and effects, registered with the engine (HTTP,
 * command line and demo alike).
 */
@Module({
  imports: [CaseEngineModule],
  providers: [ProposalPlugin],
  exports: [ProposalPlugin],
})
export class ProposalPluginModule {}
