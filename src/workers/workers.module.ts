import { Global, Module } from '@nestjs/common';
import { WorkerPool } from './worker-pool';

/** One pool of worker threads for the whole app (and the CLI). */
@Global()
@Module({ providers: [WorkerPool], exports: [WorkerPool] })
export class WorkersModule {}
