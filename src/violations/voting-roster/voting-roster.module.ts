import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../../cases/case-engine.module';
import { CouncilPluginModule } from '../../councils/council-plugin.module';
import { VotingRosterController } from './voting-roster.controller';
import { VotingRosters } from './voting-rosters.service';

/** The roster a violation decision's vote is counted against, over HTTP. */
@Module({
  imports: [CaseEngineModule, CouncilPluginModule],
  controllers: [VotingRosterController],
  providers: [VotingRosters],
})
export class VotingRosterModule {}
