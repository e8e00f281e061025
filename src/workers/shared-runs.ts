/**
 * Work asked for again while it runs is not started twice: whoever asks for the same key meanwhile
 * gets the run already going (renders, checks: seconds of a worker thread each, and a reader who
 * clicks again, or many readers at once, must not fill the pool).
 */
export class SharedRuns<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (running !== undefined) return running;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
