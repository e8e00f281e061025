import type { MessagePort } from 'node:worker_threads';
import type { RegistryReader } from './import-check';

/**
 * The conversation between a worker checking a file and the thread that owns the database: the
 * worker asks for the registry entries its file names, a chunk at a time, and says how many rows
 * it has read. Worker threads open no database (one pool serves every app instance's tasks), so
 * the registry comes to them.
 */

type Method = keyof RegistryReader;

type WorkerMessage =
  | { type: 'request'; id: number; method: Method; argument: unknown }
  | { type: 'progress'; rowsRead: number };

type ReplyMessage = { id: number; result: unknown } | { id: number; error: string };

/** The worker's side: a RegistryReader whose every call is a message to the owning thread. */
export function registryOverPort(port: MessagePort): RegistryReader {
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  port.on('message', (reply: ReplyMessage) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if ('error' in reply) call.reject(new Error(reply.error));
    else call.resolve(reply.result);
  });
  const ask =
    <Result>(method: Method) =>
    (argument: unknown) =>
      new Promise<Result>((resolve, reject) => {
        nextId += 1;
        waiting.set(nextId, { resolve: resolve as (value: unknown) => void, reject });
        port.postMessage({ type: 'request', id: nextId, method, argument } satisfies WorkerMessage);
      });
  return {
    unitsByCodes: ask('unitsByCodes'),
    deepestUnder: ask('deepestUnder'),
    peopleByCodes: ask('peopleByCodes'),
    codedPeople: ask('codedPeople'),
    codedUnits: ask('codedUnits'),
    awardsOf: ask('awardsOf'),
  };
}

export function reportRowsRead(port: MessagePort, rowsRead: number): void {
  port.postMessage({ type: 'progress', rowsRead } satisfies WorkerMessage);
}

/** The owning thread's side: answers the worker's requests from `registry`. */
export function serveRegistry(
  port: MessagePort,
  registry: RegistryReader,
  onRowsRead: (rows: number) => void,
): void {
  port.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') {
      onRowsRead(message.rowsRead);
      return;
    }
    const read = registry[message.method] as (argument: unknown) => Promise<unknown>;
    read.call(registry, message.argument).then(
      (result) => port.postMessage({ id: message.id, result } satisfies ReplyMessage),
      (error: unknown) =>
        port.postMessage({
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies ReplyMessage),
    );
  });
}
