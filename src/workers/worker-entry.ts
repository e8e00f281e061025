import type { WorkerMessage } from './worker-task';

type TaskModule = Record<string, (input: unknown) => unknown>;

/**
 * The one function every worker thread exposes: it loads the task's module (once per thread; the
 * module cache keeps it) and calls the named export. Errors a caller must see as a 4xx are
 * returned as values by the task itself: only the message of a thrown error crosses threads.
 */
export async function runTask(message: WorkerMessage): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const taskModule = require(message.file) as TaskModule;
  const task = taskModule[message.name];
  if (typeof task !== 'function') {
    throw new Error(`${message.file} exports no function named ${message.name}`);
  }
  return task(message.input);
}
