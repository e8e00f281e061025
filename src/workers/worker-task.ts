/**
 * A function a worker thread runs: the module that exports it and its export name. Workers get
 * plain (structured-cloneable) input and return plain output; they import no NestJS and open no
 * database, so a task can run in any thread of any app instance.
 */
export interface WorkerTask<Input, Output> {
  readonly file: string;
  readonly name: string;
  /** Carries the types only; never set. */
  readonly __types?: (input: Input) => Output;
}

/**
 * Declares a task. `file` is `require.resolve('./x.worker')`, which names the `.ts` source under
 * jest and the compiled `.js` under `dist/`: both run (see typescript-entry.cjs).
 */
export function workerTask<Input, Output>(file: string, name: string): WorkerTask<Input, Output> {
  return { file, name };
}

/** What the pool sends to a thread. */
export interface WorkerMessage {
  file: string;
  name: string;
  input: unknown;
}
