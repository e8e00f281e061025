import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { ProblemDetailsFilter } from '../common/problem-details.filter';
import type { ChangeAuthor } from '../domain/org/change-log';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import {
  IMPORT_JOBS_REPOSITORY,
  type ImportJobProgress,
  type ImportJobsRepository,
  type StoredImportJob,
} from '../persistence/repositories/import-jobs.repository';
import { WorkerPool } from '../workers/worker-pool';
import { ImportBatchWriter } from './import-batch-writer';
import { fromPortable, type ImportChange, type ImportCheckOutcome } from './import-check';
import { CHECK_IMPORT_FILE } from './import-check.task';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits';
import type { ImportReport } from './import-report';
import { ImportRegistry } from './import-registry';
import { serveRegistry } from './registry-port';

/** How often this instance tells the database that its jobs are still alive. */
export const HEARTBEAT_EVERY_MS = 10_000;
/** A job whose heartbeat is this old lost its instance (stopped or killed) and is failed. */
export const STALE_AFTER_MS = 60_000;
/** Uploads waiting here for their turn, each held in memory: beyond, the upload is refused. */
export const MAX_QUEUED_IMPORTS = 4;
/** Progress is written at most this often (plus at each phase change): each write is a commit. */
const PROGRESS_EVERY_MS = 500;

/** How a job of this instance ended, for a caller waiting to answer synchronously. */
export type ImportJobEnd = { report: ImportReport } | { error: unknown };

/** An upload waiting for its turn, with everything its job needs. */
export interface QueuedImport {
  job: StoredImportJob;
  file: Uint8Array | null;
  author: ChangeAuthor;
  /** Rows its batches have written so far: a job that fails later says what stays written. */
  rowsWritten?: number;
}

/** Failed jobs carry the problem a synchronous answer would have been (RFC 9457 body). */
const problems = new ProblemDetailsFilter();

export function problemOf(error: AppError): unknown {
  return problems.toProblem(error);
}

function interrupted(): AppError {
  const en =
    'The import was interrupted (the server stopped). Import the same file again: rows ' +
    'already written are matched by code and left as they are, the rest are written.';
  return new AppError(
    'IMPORT.INTERRUPTED',
    'unavailable',
    en,
    {},
    {
      vi:
        'Việc nhập bị gián đoạn (máy chủ đã dừng). Hãy nhập lại đúng tệp đó: các dòng đã ghi ' +
        'được nhận ra theo mã và giữ nguyên, các dòng còn lại sẽ được ghi.',
      en,
    },
  );
}

export function interruptedProblem(): unknown {
  return problemOf(interrupted());
}

/**
 * Runs the import jobs of this instance, one at a time: the file is read and every row checked in
 * a worker thread (which asks this thread for the registry entries it names), then the accepted
 * rows are written in short batches, each its own transaction, the event loop free between two.
 */
@Injectable()
export class ImportJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private readonly queue: QueuedImport[] = [];
  private current: QueuedImport | null = null;
  private draining: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly endings = new Map<string, (end: ImportJobEnd) => void>();
  private readonly ended = new Map<string, Promise<ImportJobEnd>>();

  constructor(
    @Inject(IMPORT_JOBS_REPOSITORY) private readonly jobs: ImportJobsRepository,
    @Inject(IMPORT_LIMITS) private readonly limits: ImportLimits,
    private readonly pool: WorkerPool,
    private readonly registry: ImportRegistry,
    private readonly writer: ImportBatchWriter,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.failStaleJobs();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
  }

  /** Stops between two batches; the job in hand is marked interrupted, queued ones too. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.draining;
    const left = this.queue.splice(0);
    for (const item of left) {
      await this.finish(item.job.id, { status: 'failed', problem: interruptedProblem() });
      this.settle(item.job.id, { error: interrupted() });
    }
  }

  hasRoom(): boolean {
    return !this.stopping && this.queue.length < MAX_QUEUED_IMPORTS;
  }

  enqueue(item: QueuedImport): void {
    this.ended.set(item.job.id, new Promise((resolve) => this.endings.set(item.job.id, resolve)));
    this.queue.push(item);
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
  }

  /**
   * How a job enqueued here ends, if it ends within `timeoutMs`; null otherwise (or when the job
   * is not this instance's).
   */
  async settled(id: string, timeoutMs: number): Promise<ImportJobEnd | null> {
    const ending = this.ended.get(id);
    if (!ending) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      return await Promise.race([ending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every active job whose instance stopped beating: failed, so nobody waits for it for ever. */
  failStaleJobs(id?: string): Promise<number> {
    const now = this.clock.now();
    return this.jobs.failStale(
      new Date(now.getTime() - STALE_AFTER_MS).toISOString(),
      interruptedProblem(),
      now.toISOString(),
      id,
    );
  }

  private async drain(): Promise<void> {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      this.current = item;
      try {
        this.settle(item.job.id, await this.run(item));
      } finally {
        this.current = null;
      }
    }
  }

  private async beat(): Promise<void> {
    const ids = [this.current, ...this.queue].flatMap((item) => (item ? [item.job.id] : []));
    try {
      await this.jobs.heartbeat(ids, this.clock.nowIso());
    } catch (error) {
      this.logger.warn(`import heartbeat failed: ${String(error)}`);
    }
  }

  private settle(id: string, end: ImportJobEnd): void {
    this.endings.get(id)?.(end);
    this.endings.delete(id);
    this.ended.delete(id);
  }

  private async run(item: QueuedImport): Promise<ImportJobEnd> {
    const { job } = item;
    try {
      if (!(await this.jobs.update(job.id, { status: 'checking' }, this.clock.nowIso()))) {
        return { error: interrupted() };
      }
      const now = this.clock.nowIso();
      const outcome = await this.check(item, now);
      if (outcome.outcome === 'refused') {
        const error = fromPortable(outcome.error);
        await this.finish(job.id, { status: 'failed', problem: problemOf(error) });
        return { error };
      }
      const { summary, batches } = outcome;
      const report: ImportReport = {
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped,
        errors: summary.errors,
        errorCount: summary.errorCount,
      };
      const applying: ImportJobProgress = {
        status: 'applying',
        rowsTotal: summary.rowsTotal,
        rowsRead: summary.rowsTotal,
        rowsToWrite: summary.rowsToWrite,
      };
      if (!(await this.jobs.update(job.id, applying, this.clock.nowIso()))) {
        return { error: interrupted() };
      }
      if (!(await this.apply(item, now, batches, summary.rowsToWrite))) {
        return { error: interrupted() };
      }
      await this.finish(job.id, { status: 'done', rowsWritten: summary.rowsToWrite, report });
      return { report };
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
      const problem =
        error instanceof AppError
          ? problemOf(error)
          : problems.toProblem(new Error('import failed'));
      await this.finish(job.id, {
        status: 'failed',
        problem,
        ...(item.rowsWritten === undefined ? {} : { rowsWritten: item.rowsWritten }),
      });
      return { error };
    }
  }

  /** The worker's verdict on the file; the registry it asks for is read here, chunk by chunk. */
  private async check(item: QueuedImport, now: string): Promise<ImportCheckOutcome> {
    const { job } = item;
    // The worker gets its own copy, moved rather than cloned; the upload is released here.
    const file = new Uint8Array(item.file ?? new Uint8Array());
    item.file = null;
    const today = this.clock.todayInVietnam();
    const channel = new MessageChannel();
    const progress = this.throttled(job.id);
    serveRegistry(channel.port1, this.registry, (rowsRead) => progress({ rowsRead }));
    try {
      return await this.pool.run(
        CHECK_IMPORT_FILE,
        {
          kind: job.kind,
          format: job.format,
          file,
          skipInvalid: job.skipInvalid,
          limits: this.limits,
          today,
          now,
          importedBy: item.author.username,
          awards: job.kind === 'awards' ? this.ruleSets.latest(today).ruleSet.awards : [],
          port: channel.port2,
        },
        [channel.port2, file.buffer as ArrayBuffer],
      );
    } finally {
      channel.port1.close();
    }
  }

  /** False when the job stopped being this runner's (shutdown, or failed as stale). */
  private async apply(
    item: QueuedImport,
    at: string,
    batches: string[],
    rowsToWrite: number,
  ): Promise<boolean> {
    const { job } = item;
    const progress = this.throttled(job.id);
    item.rowsWritten = 0;
    for (let index = 0; index < batches.length; index += 1) {
      if (this.stopping) {
        await this.finish(job.id, {
          status: 'failed',
          rowsWritten: item.rowsWritten,
          problem: interruptedProblem(),
        });
        return false;
      }
      const changes = JSON.parse(batches[index]) as ImportChange[];
      batches[index] = '';
      await this.writer.write(job.kind, item.author, at, changes, {
        rowsWritten: item.rowsWritten,
        rowsToWrite,
      });
      item.rowsWritten += changes.length;
      if (!(await progress({ rowsWritten: item.rowsWritten }))) return false;
      // Other requests' reads and writes, queued meanwhile, go first.
      await nextTurn();
    }
    return true;
  }

  /**
   * A progress writer for one job that writes at most every PROGRESS_EVERY_MS; resolves to false
   * once the job is no longer active.
   */
  private throttled(id: string): (progress: ImportJobProgress) => Promise<boolean> {
    let lastWrite = 0;
    let active = true;
    return async (progress) => {
      const now = Date.now();
      if (!active || now - lastWrite < PROGRESS_EVERY_MS) return active;
      lastWrite = now;
      active = await this.jobs.update(id, progress, this.clock.nowIso());
      return active;
    };
  }

  private async finish(id: string, progress: ImportJobProgress): Promise<void> {
    try {
      await this.jobs.update(id, progress, this.clock.nowIso());
    } catch (error) {
      this.logger.error(`import job ${id} could not be closed: ${String(error)}`);
    }
  }
}
