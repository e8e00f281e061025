import { Semaphore } from 'async-mutex';
import type { BackgroundConnection } from './background-connection';

/**
 * A few SQLite connections in worker threads for requests' reads over the big tables (a case's
 * history at millions of records: each record of a case sits on its own page, so a case the OS
 * has not cached costs a disk read per record, 30–170 ms measured at 10M, and on the event loop
 * every other request waited that long). Each read has a thread to itself while it runs (its
 * snapshot is taken under the app's gate, which must never wait for a thread still busy with an
 * earlier read); further reads wait for one to be free. Threads start on first use and stay.
 */
export class ReaderThreads {
  private readonly idle: BackgroundConnection[] = [];
  private readonly all = new Set<BackgroundConnection>();
  private readonly turns: Semaphore;
  /** Stopped, or a thread failed: from then on every read is done another way. */
  private closed = false;

  constructor(
    size: number,
    /** A new connection, which calls `onFailure` if its thread fails. */
    private readonly open: (onFailure: (message: string) => void) => BackgroundConnection,
    /** Told once, when the first thread fails. */
    private readonly reportFailure: (message: string) => void,
  ) {
    this.turns = new Semaphore(size);
  }

  /**
   * Runs `work` with a reader thread of its own, started if none is idle; with null once the
   * threads are stopped or one has failed, when the read must be done another way.
   */
  async withReader<T>(work: (reader: BackgroundConnection | null) => Promise<T>): Promise<T> {
    if (this.closed) return work(null);
    return this.turns.runExclusive(async () => {
      if (this.closed) return work(null);
      let reader = this.idle.pop();
      if (reader === undefined) {
        reader = this.open((message) => this.failed(message));
        this.all.add(reader);
      }
      await reader.started;
      try {
        return await work(reader.usable ? reader : null);
      } finally {
        if (reader.usable && !this.closed) this.idle.push(reader);
        else this.all.delete(reader);
      }
    });
  }

  private failed(message: string): void {
    if (this.closed) return;
    this.closed = true;
    this.reportFailure(message);
  }

  /** Every thread's connection closes once its read in flight, if any, has answered. */
  async stop(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    const stopping = [...this.all].map((reader) => reader.stop());
    this.all.clear();
    await Promise.all(stopping);
  }
}
