import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { AppConfig } from './config/app-config';
import {
  AuditExportVerifier,
  SEALED_RUN_HASH_LENGTH,
  type ExportVerification,
} from './domain/audit/audit-export';
import { READ_EXPORT_LINES, type ReadAheadLine } from './verification-export.worker';
import { WorkerPool } from './workers/worker-pool';

/**
 * The offline verifier: checks an audit export (JSON Lines) with nothing but the file and the
 * engine's public key: no server, no database, no configuration. A scoped export's inclusion
 * proofs are checked against the signed checkpoints like a full one's heads. The algorithm is in
 * docs/audit-export.md, for auditors who prefer to write their own.
 *
 *   npm run verify-export -- <export.jsonl> [--public-key <key.pem>]
 *
 * Exit 0: sound. Exit 1: the first problem, named (line, case, record, checkpoint). Exit 2: usage.
 */

export interface VerifyExportOptions {
  /**
   * Worker threads that parse lines and re-derive hashes ahead of the sequential checks; 0: all in
   * this thread. Default: every core for a file of PARALLEL_FROM_BYTES or more, else 0.
   */
  threads?: number;
  /** How much of the file a thread is given at a time (whole lines, about this many bytes). */
  chunkBytes?: number;
}

/** Below this, starting threads costs more than they save. */
const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;
/**
 * 4 MB: fewer, longer tasks for the threads (at 1M records, 2 threads: 187–194k records/s with
 * 1 MB chunks, 198–216k with 4 MB; 8 MB no better).
 */
const CHUNK_BYTES = 4 * 1024 * 1024;

export async function verifyExportFile(
  file: string,
  publicKey: KeyObject | null,
  options: VerifyExportOptions = {},
): Promise<ExportVerification> {
  const threads =
    options.threads ?? (statSync(file).size >= PARALLEL_FROM_BYTES ? availableParallelism() : 0);
  if (threads > 0) {
    return verifyInThreads(file, publicKey, threads, options.chunkBytes ?? CHUNK_BYTES);
  }
  const verifier = new AuditExportVerifier(publicKey);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    count += 1;
    verifier.accept(line, count);
    if (verifier.failed) {
      lines.close();
      break;
    }
  }
  return verifier.finish(count);
}

/**
 * The same checks, the file read in chunks of whole lines that threads parse and hash, a few
 * chunks ahead; their results are fed to the one verifier in file order, so the outcome (and the
 * first problem named) is the sequential one's.
 */
async function verifyInThreads(
  file: string,
  publicKey: KeyObject | null,
  threads: number,
  chunkBytes: number,
): Promise<ExportVerification> {
  const verifier = new AuditExportVerifier(publicKey);
  const ahead = threads * 2;
  // The pool needs only its size from the app's configuration.
  const pool = new WorkerPool({ workers: { threads, queueLimit: ahead } } as AppConfig);
  const pending: Promise<ReadAheadLine[]>[] = [];
  let count = 0;
  /** Sends bytes [0, length) of `buffer`, which moves to the thread (no copy). */
  const send = (buffer: Uint8Array, length: number) => {
    const bytes = buffer.subarray(0, length);
    const read = pool.run(READ_EXPORT_LINES, { bytes }, [buffer.buffer as ArrayBuffer]);
    // Awaited in order below; one left behind after a failure must not count as unhandled.
    read.catch(() => undefined);
    pending.push(read);
  };
  const feedOldest = async () => {
    for (const line of await pending.shift()!) {
      if (line !== null && typeof line === 'object' && 'run' in line) {
        verifier.acceptRun(line.run, count + 1);
        count += line.run.hashes.length / SEALED_RUN_HASH_LENGTH;
      } else {
        count += 1;
        if (line === null) continue;
        if (line === 'malformed') verifier.malformed(count);
        else verifier.acceptParsed(line.parsed, count, line.contentSealed);
      }
      if (verifier.failed) return;
    }
  };
  let input: FileHandle | undefined;
  try {
    input = await open(file, 'r');
    // Each chunk is read into a buffer of its own, after the line the previous one ended in the
    // middle of: the only bytes copied. (A stream's chunks, joined and copied for the thread,
    // cost the reading thread more in copies and collecting garbage than the threads' hashing.)
    let rest = new Uint8Array(0);
    for (;;) {
      const buffer = new Uint8Array(rest.length + chunkBytes);
      buffer.set(rest);
      const { bytesRead } = await input.read(buffer, rest.length, chunkBytes, null);
      const filled = rest.length + bytesRead;
      if (bytesRead === 0) {
        rest = buffer.subarray(0, filled);
        break;
      }
      // Cut after the last \n (never inside a UTF-8 sequence): a \r before it belongs to this
      // chunk, one after it may be a \r\n's first half.
      const cut = buffer.lastIndexOf(0x0a, filled - 1) + 1;
      rest = buffer.slice(cut, filled);
      if (cut > 0) send(buffer, cut);
      while (pending.length >= ahead && !verifier.failed) await feedOldest();
      if (verifier.failed) break;
    }
    if (rest.length > 0 && !verifier.failed) send(rest, rest.length);
    while (pending.length > 0 && !verifier.failed) await feedOldest();
    return verifier.finish(count);
  } finally {
    // Chunks read ahead of a failure are let finish: a pool destroyed under running tasks
    // reports their results as errors.
    await Promise.allSettled(pending);
    await pool.onModuleDestroy();
    await input?.close();
  }
}

export async function main(args: string[] = process.argv.slice(2)): Promise<number> {
  let file: string;
  let publicKey: KeyObject | null = null;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { 'public-key': { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new Error('give exactly one export file');
    file = positionals[0];
    const keyFile = values['public-key'];
    if (keyFile !== undefined) {
      publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not Ed25519');
    }
  } catch (error) {
    console.error(`verify-export: ${(error as Error).message}`);
    console.error('usage: verify-export <export.jsonl> [--public-key <key.pem>]');
    return 2;
  }
  const result = await verifyExportFile(file, publicKey);
  if (publicKey === null) {
    console.error('warning: no --public-key: checkpoint signatures were not checked');
  }
  const counts = `${result.checkpoints} checkpoints, ${result.cases} cases, ${result.events} records`;
  if (result.ok) {
    process.stdout.write(`OK: ${counts} verified\n`);
    const unsigned = result.cases - result.signedCases;
    if (unsigned > 0) {
      process.stdout.write(
        `${unsigned} of the ${result.cases} cases began after the last checkpoint: ` +
          'only their own hash chains vouch for them\n',
      );
    }
    return 0;
  }
  const p = result.problem!;
  const where = [
    `line ${p.line}`,
    p.caseId && `case ${p.caseId}`,
    p.seq !== undefined && `record ${p.seq}`,
    p.checkpoint !== undefined && `checkpoint ${p.checkpoint}`,
  ]
    .filter(Boolean)
    .join(', ');
  process.stdout.write(`FAILED: ${p.code} at ${where}: ${p.message} (before it: ${counts} read)\n`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`verify-export: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
