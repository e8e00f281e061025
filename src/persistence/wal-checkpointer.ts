import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies committed WAL frames into the database file. */
const CHECKPOINT_EVERY_MS = 250;

/**
 * The thread's whole program: its own connection to the same file, a PASSIVE checkpoint on a
 * timer (it never waits for a reader or the writer, so it never holds anyone up), and a last one
 * before it closes. Inline rather than a file: no separate build of a worker script under jest.
 */
const PROGRAM = `
const { existsSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
let timer;
const end = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const checkpoint = () => {
  // The database was closed and removed without stopping this thread (a script, a test): done.
  if (!existsSync(workerData.file)) return end();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
    end();
  }
};
timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  checkpoint();
  end();
});
`;

/**
 * SQLite's WAL checkpoints off the event loop. Left to SQLite, the commit that takes the WAL past
 * 1,000 pages copies them into the database file and fsyncs it, inside that synchronous COMMIT:
 * the whole server waits, as long as the disk takes (hundreds of ms on a loaded disk, measured
 * behind audit checkpoints at 10M records). So the app's connection does no automatic checkpoint
 * (`wal_autocheckpoint = 0`) and this thread, with a connection of its own, checkpoints every
 * 250 ms. The durability of commits is unchanged (each is in the fsynced WAL before it is
 * acknowledged); the WAL is only kept short. Stopped before the app's connection closes, so that
 * connection is the last one and removes the WAL at a clean shutdown. A checkpoint that fails ends
 * the thread and is reported: the app's connection then checkpoints inside its commits again.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private stopped: Promise<void> | null = null;

  constructor(
    private readonly file: string,
    private readonly onFailure: (message: string) => void,
  ) {}

  start(): void {
    if (this.worker !== null) return;
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: this.file,
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
    worker.on('message', (message: { failed?: string }) => {
      if (message.failed !== undefined) this.onFailure(message.failed);
    });
    worker.on('error', (error) => this.onFailure(error.message));
    // A process that forgets to stop it (a script, a test) still exits.
    worker.unref();
    this.worker = worker;
    this.stopped = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  /** A last checkpoint, then the thread's connection closes and the thread ends. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    this.worker = null;
    // Referenced until it has exited: a process shutting down waits for the last checkpoint.
    worker.ref();
    worker.postMessage('stop');
    await this.stopped;
  }
}
