import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../../bench/server-process';
import { timeLimit } from '../support/time-limits';
import { buildServer, ROOT } from './built-server';

/**
 * `npm start` builds, then runs the server through `npm run serve`, whose script `exec`s node: the
 * shell is replaced by the server, so the SIGTERM a service manager (or Ctrl-C) sends to npm is
 * forwarded to the server itself, which shuts down gracefully. Before, npm's shell stayed between
 * them, and the server was orphaned, still holding its port and its database.
 */

beforeAll(buildServer, timeLimit(180_000));

test(
  'SIGTERM sent to `npm run serve` stops the server gracefully: port closed, database closed cleanly',
  async () => {
    const directory = mkdtempSync(join(tmpdir(), 'thidua-serve-'));
    const file = join(directory, 'serve.sqlite');
    const server = new ServerProcess(
      ROOT,
      {
        SQLITE_FILE: file,
        ADMIN_PASSWORD: 'serve-admin-password',
        JWT_SECRET: 'serve-secret-serve-secret-serve-secret-0123',
      },
      [],
      true,
    );
    let serverPid = 0;
    try {
      await server.start();
      // npm's only child is the server itself: `exec` left no shell between them.
      const children = childrenOf(server.pid);
      expect(children).toHaveLength(1);
      serverPid = children[0];
      expect(commandLine(serverPid)).toEqual([expect.stringMatching(/node$/), 'dist/src/main.js']);
      // The server has written to its database (the first administrator): its WAL file exists while it runs.
      expect(existsSync(`${file}-wal`)).toBe(true);

      await server.stop();

      await waitUntil(() => !isAlive(serverPid));
      await expect(fetch(`${server.base}/health`)).rejects.toThrow();
      // A graceful close checkpoints the WAL into the database and removes it; kill -9 leaves it.
      expect(existsSync(`${file}-wal`)).toBe(false);
    } finally {
      await server.kill();
      if (serverPid && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  },
  timeLimit(120_000),
);

function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(condition()).toBe(true);
}
