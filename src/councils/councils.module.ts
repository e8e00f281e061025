import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CouncilPluginModule } from './council-plugin.module';
import { CouncilSessionsService } from './council-sessions.service';
import { CouncilsController, CouncilSessionsController } from './councils.controller';
import { CouncilsService } from './councils.service';

/** The Emulation-Commendation Council over HTTP: rosters, session views, ballots, the close. */
@Module({
  imports: [CasesModule, CouncilPluginModule],
  controllers: [CouncilsController, CouncilSessionsController],
  providers: [CouncilsService, CouncilSessionsService],
})
export class CouncilsModule {}
