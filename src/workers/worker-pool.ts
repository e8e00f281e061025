import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { WorkerMessage, WorkerTask } from './worker-task';

/** How long a refused caller is told to wait: a render or a parse takes about a second. */
const RETRY_AFTER_SECONDS = 2;

/**
 * The threads that do the CPU-heavy work (PDF rendering, spreadsheet parsing, chain hashing and
 * verification), so one heavy request never stalls every other user on the event loop. Piscina:
 * a maintained pool (Node.js core contributors; Fastify's ecosystem uses it) with a bounded queue
 * and transfer lists; a full queue answers 503 with Retry-After instead of queueing without end.
 */
@Injectable()
export class WorkerPool implements OnModuleDestroy {
  private readonly pool: Piscina;

  constructor(config: AppConfig) {
    this.pool = new Piscina({
      filename: entryFile(),
      name: 'runTask',
      minThreads: 0,
      maxThreads: config.workers.threads,
      maxQueue: config.workers.queueLimit,
      // Threads that sat idle give their memory (fonts, parsed definitions) back.
      idleTimeout: 60_000,
    });
  }

  async run<Input, Output>(
    task: WorkerTask<Input, Output>,
    input: Input,
    transferList?: readonly (ArrayBuffer | MessagePort)[],
  ): Promise<Output> {
    const message: WorkerMessage = { file: task.file, name: task.name, input };
    try {
      return (await this.pool.run(message, {
        transferList: transferList as never,
      })) as Output;
    } catch (error) {
      // Every thread is busy and the queue is full: refuse now rather than wait without end.
      if (error instanceof Error && /queue is at limit/i.test(error.message)) throw serverBusy();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}

/** The compiled entry under dist/, the TypeScript one when the app runs from its sources. */
function entryFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, 'typescript-entry.cjs')
    : join(__dirname, 'worker-entry.js');
}

function serverBusy(): AppError {
  const en = 'The server is busy with other heavy work: try again in a few seconds.';
  return new AppError(
    'SERVER.BUSY',
    'unavailable',
    en,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
    { vi: 'Máy chủ đang bận xử lý các việc nặng khác: vui lòng thử lại sau vài giây.', en },
  );
}
