import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { TimerScheduleEffect } from './timer-schedule.effect';

/**
 * The engine effect that schedules a state's timers on entry and cancels them on exit, registered
 * wherever the engine runs (server, command line, demo), like the workflows' plug-ins.
 */
@Module({
  imports: [CaseEngineModule],
  providers: [TimerScheduleEffect],
})
export class DeadlinesPluginModule {}
