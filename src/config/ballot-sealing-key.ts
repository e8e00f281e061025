import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key that seals secret ballots until the voting closes (src/councils/ballot-sealing.ts): from
 * BALLOT_SEALING_KEY (any secret of at least 32 characters; required in production, and the same
 * on every instance), else, to try the product out, a random key kept in a file under data/ so that
 * ballots cast before a restart can still be counted after it. A sealed ballot outlives the key
 * only until its session closes, so the key can be rotated between sessions.
 */
export function loadBallotSealingKey(secret: string | undefined, developmentFile: string): Buffer {
  if (secret !== undefined) return derive(secret);
  try {
    return derive(readFileSync(developmentFile, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const generated = randomBytes(32).toString('base64url');
  mkdirSync(dirname(developmentFile), { recursive: true });
  try {
    // 'wx': another process starting at the same moment may have written it first; its key wins.
    writeFileSync(developmentFile, `${generated}\n`, { flag: 'wx', mode: 0o600 });
    return derive(generated);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return derive(readFileSync(developmentFile, 'utf8').trim());
  }
}

/** 32 bytes for AES-256, bound to this use (the same secret used elsewhere gives another key). */
function derive(secret: string): Buffer {
  return createHash('sha256').update('thidua ballot sealing v1\0').update(secret).digest();
}
