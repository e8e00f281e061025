import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * The built server (`node dist/src/main.js`, as `npm start` runs it) in its own process, on a
 * free loopback port: for the benchmarks, the load script and the crash test. `env` adds to the
 * environment (database, secrets); `nodeArgs` go before the script (e.g. --cpu-prof). With
 * `viaNpm`, the process is `npm run serve` (what `npm start` ends in), so a test can check that a
 * signal sent to npm reaches the server.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  base = '';

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[] = [],
    private readonly viaNpm = false,
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.output = '';
    const [command, args] = this.viaNpm
      ? ['npm', ['run', '--silent', 'serve']]
      : [process.execPath, [...this.nodeArgs, 'dist/src/main.js']];
    const child = spawn(command, args, {
      cwd: this.root,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...this.env,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    await this.waitForHealth();
  }

  /** kill -9: no shutdown hook, no flush, no graceful close of connections. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** A normal shutdown (SIGTERM): shutdown hooks run, the database is closed. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** The server's process id (for its CPU time in /proc). */
  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  /** What the server printed lately (for failure messages). */
  recentOutput(): string {
    return this.output;
  }

  private async waitForHealth(): Promise<void> {
    // Three minutes: a cold start on a loaded machine (CI runs other tiers beside this) takes tens
    // of seconds, and CI's machine has run the whole suite nearly three times slower than that.
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const child = this.child;
      if (!child || child.exitCode !== null) {
        throw new Error(`server exited with ${child?.exitCode}:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }
}

/**
 * A free port below the kernel's ephemeral range (32768 and up on Linux). Ports the kernel hands
 * out (listen on 0, as every test app does) come from that range, so one of them can no longer be
 * given to another process between this probe and the server's own listen; and the health check
 * cannot be answered by someone else's server on the same port (a crash test once "restarted"
 * onto a test app of another tier, then found nothing there).
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = randomInt(20_000, 32_000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
