import { Module } from '@nestjs/common';
import { MovementPluginModule } from './movement-plugin.module';
import { MovementReportsController } from './movement-reports.controller';
import { MovementReportsService } from './movement-reports.service';
import { MovementsController } from './movements.controller';
import { MovementsService } from './movements.service';

/** The movements' read API and reports (the writes are the case engine's). */
@Module({
  imports: [MovementPluginModule],
  controllers: [MovementsController, MovementReportsController],
  providers: [MovementsService, MovementReportsService],
})
export class MovementsModule {}
