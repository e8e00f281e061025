import {
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { CaseEngineModule } from '../cases/case-engine.module';
import { Database } from '../persistence/database';
import { AuditHistoryController } from './audit-history.controller';
import { AuditHistoryService } from './audit-history.service';
import { AuditReadLog } from './audit-read-log';
import { CheckpointsController } from './checkpoints.controller';
import { CheckpointsService } from './checkpoints.service';
import {
  EXPORT_COVERAGE_REPOSITORY,
  SqlExportCoverageRepository,
} from './export-coverage.repository';

const INTERVAL_NAME = 'audit-checkpoints';

/**
 * Asks every CHECKPOINT_CHECK_SECONDS whether a checkpoint is due and writes it. One check at a
 * time; after a refusal (a chain lost what the last checkpoint signed, already logged as an
 * error) it waits CHECKPOINT_EVERY_MINUTES (at least one) before trying, and logging, again.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private running: Promise<void> | null = null;
  private pausedUntil = 0;

  constructor(
    private readonly checkpoints: CheckpointsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.checkpoints.signingKey === null) {
      this.logger.warn(
        'AUDIT_SIGNING_KEY is not set: audit checkpoints are written unsigned ' +
          '(they still reveal a deleted, truncated or forked case, but prove nothing to outsiders)',
      );
    }
    const seconds = this.config.checkpoints.checkSeconds;
    if (seconds === 0) return;
    const handle = setInterval(() => void this.tick(), seconds * 1000);
    handle.unref();
    this.registry.addInterval(INTERVAL_NAME, handle);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) {
      this.registry.deleteInterval(INTERVAL_NAME);
    }
    // Let a check in progress finish before the database closes.
    await this.running;
  }

  /** One check; overlapping calls return the one in progress. */
  tick(): Promise<void> {
    this.running ??= this.check().finally(() => (this.running = null));
    return this.running;
  }

  private async check(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() < this.pausedUntil) return;
    try {
      const outcome = await this.checkpoints.createIfDue(now);
      if (outcome.kind === 'refused') {
        const minutes = Math.max(this.config.checkpoints.everyMinutes, 1);
        this.pausedUntil = now.getTime() + minutes * 60_000;
      }
    } catch (error) {
      this.logger.error(
        `Checkpoint check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/**
 * The server side of auditing: checkpoints written on schedule; the auditors' history search,
 * export and read log, which also logs an auditor's case reads (an observer of the engine's
 * case-read routes).
 */
@Module({
  imports: [ScheduleModule.forRoot(), CaseEngineModule],
  controllers: [CheckpointsController, AuditHistoryController],
  providers: [
    CheckpointsService,
    CheckpointScheduler,
    AuditHistoryService,
    {
      provide: EXPORT_COVERAGE_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlExportCoverageRepository(database),
    },
    AuditReadLog,
  ],
  exports: [CheckpointsService, AuditHistoryService],
})
export class AuditModule {}
