import { Module } from '@nestjs/common';
import { ViolationStatisticsController } from './violation-statistics.controller';
import { ViolationStatisticsService } from './violation-statistics.service';

/** Violation statistics over HTTP (JSON and XLSX). */
@Module({
  controllers: [ViolationStatisticsController],
  providers: [ViolationStatisticsService],
})
export class ViolationStatisticsModule {}
