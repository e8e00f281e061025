import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { CaseDeadlinesController, DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { TimerScheduler } from './timer-scheduler';
import { TimerSchedulerLoop } from './timer-scheduler.loop';

/** Deadlines in the server: the scheduler and its loop, the case's and the scoped lists, retry. */
@Module({
  imports: [CaseEngineModule],
  controllers: [CaseDeadlinesController, DeadlinesController],
  providers: [DeadlinesService, TimerScheduler, TimerSchedulerLoop],
  exports: [TimerScheduler],
})
export class DeadlinesModule {}
