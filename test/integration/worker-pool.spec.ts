import { threadId } from 'node:worker_threads';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';
import { AppError } from '../../src/common/errors';
import { WorkerPool } from '../../src/workers/worker-pool';
import { workerTask } from '../../src/workers/worker-task';

const file = require.resolve('../fixtures/workers/sample.worker');
const WHERE_AM_I = workerTask<{ text: string }, { threadId: number; upper: string }>(
  file,
  'whereAmI',
);
const HOLD = workerTask<{ flag: SharedArrayBuffer }, string>(file, 'holdUntilReleased');
const FAIL = workerTask<{ message: string }, never>(file, 'fail');

function poolWith(settings: Record<string, string>): WorkerPool {
  return new WorkerPool(new AppConfig(validateEnvironment({ NODE_ENV: 'test', ...settings })));
}

describe('The worker pool runs heavy tasks off the event loop', () => {
  let pool: WorkerPool;
  afterEach(() => pool.onModuleDestroy());

  it('runs a TypeScript task in another thread and returns its result', async () => {
    pool = poolWith({ WORKER_THREADS: '1' });
    const result = await pool.run(WHERE_AM_I, { text: 'Nguyễn Văn An' });
    expect(result.upper).toBe('NGUYỄN VĂN AN');
    expect(result.threadId).not.toBe(threadId);
  });

  it("passes a task's failure to the caller", async () => {
    pool = poolWith({ WORKER_THREADS: '1' });
    await expect(pool.run(FAIL, { message: 'hỏng' })).rejects.toThrow('hỏng');
  });

  it('answers "busy" (503, Retry-After) once every thread is busy and the queue is full', async () => {
    pool = poolWith({ WORKER_THREADS: '1', WORKER_QUEUE_LIMIT: '1' });
    const flag = new SharedArrayBuffer(8);
    const running = pool.run(HOLD, { flag });
    // Once the thread has taken the first task, the next one waits in the queue.
    while (Atomics.load(new Int32Array(flag), 1) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const queued = pool.run(HOLD, { flag });
    const refused = await pool.run(HOLD, { flag }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'SERVER.BUSY',
      kind: 'unavailable',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    Atomics.store(new Int32Array(flag), 0, 1);
    Atomics.notify(new Int32Array(flag), 0);
    await expect(running).resolves.toBe('released');
    await expect(queued).resolves.toBe('released');
  });
});
