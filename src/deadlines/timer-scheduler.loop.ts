import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { TimerScheduler } from './timer-scheduler';

/**
 * Runs the scheduler once at start-up (timers that fell due while the app was down fire then, once,
 * in due order) and every TIMER_SCHEDULER_INTERVAL_SECONDS after; never two passes at once in one
 * process. Several instances may run it on one PostgreSQL database: claims never overlap. Stopped
 * on shutdown, after the pass under way has finished.
 */
@Injectable()
export class TimerSchedulerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerSchedulerLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly scheduler: TimerScheduler,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.timerSchedulerSeconds;
    if (seconds === 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  /** The pass under way, if any (tests wait for the start-up pass). */
  async idle(): Promise<void> {
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running !== undefined || this.stopped) return;
    this.running = this.scheduler
      .fireDue(this.clock.now())
      .then((report) => {
        if (report.fired + report.skipped + report.failed > 0) {
          this.logger.log(
            `Timers: ${report.fired} fired, ${report.skipped} skipped, ${report.failed} failed`,
          );
        }
      })
      .catch((error: unknown) => this.logger.error(`Timer scheduler pass failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
