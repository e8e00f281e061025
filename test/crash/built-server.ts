import { execSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * The crash tier runs the built server, as `npm start` does, so it builds the current sources
 * first (the server only: rebuilding the web app would pull it from under a browser test running
 * beside). `npm test` builds it once for the whole tier and says so with SERVER_BUILT_FOR_TESTS=1;
 * run alone, each file builds it (a file cannot tell whether another of the run already did).
 */
export function buildServer(): void {
  if (process.env.SERVER_BUILT_FOR_TESTS === '1') return;
  execSync('npm run build:server', { cwd: ROOT, stdio: 'pipe' });
}
