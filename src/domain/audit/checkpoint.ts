import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { GENESIS_HASH } from './audit-record';
import { canonicalJson } from './canonical-json';
import { hashLeaf, treeHash } from './merkle-tree';

/**
 * Checkpoints: every so often the engine commits to the head of every case's chain at once. The
 * heads are the leaves of a Merkle tree (RFC 9162/6962: leaves and nodes hashed with different
 * prefixes, the tree split at the largest power of two, see merkle-tree.ts), so one case's head
 * can be proved against the root without showing any other (inclusion-proof.ts); the checkpoints
 * are chained to each other like audit records, and each is signed with Ed25519 when a key is
 * configured. A case deleted, truncated or rewritten after a checkpoint no longer matches the head
 * the checkpoint signed.
 *
 * Two versions, told apart by the body's `version` (absent in version 1, so the hashes and
 * signatures of checkpoints written before it still hold):
 * - version 1: the leaves are every case's head sorted by case id (byte order). A new case lands
 *   anywhere among them, so every checkpoint rehashed the whole tree.
 * - version 2: a case keeps the leaf it was given when a checkpoint first signed it. The leaves of
 *   checkpoint k are those of checkpoint k-1 in their order, each replaced by its case's newer head
 *   where the case moved on, followed by the cases new in k in case-id order. So the tree only
 *   grows at its end, and a checkpoint rehashes the ancestors of the heads that changed
 *   (merkle-tree.ts, TreeUpdate) instead of the whole tree. The first version 2 checkpoint starts
 *   a new tree whatever version 1 checkpoints came before it.
 */

/** Where one case's chain stood: its last sequence number and that record's hash. */
export interface ChainHead {
  caseId: string;
  seq: number;
  hash: string;
}

/** What a checkpoint commits to; its hash covers exactly these fields. */
export interface CheckpointBody {
  seq: number;
  /** ISO-8601 UTC, supplied by the caller. */
  at: string;
  caseCount: number;
  /** The sum of the heads' sequence numbers: how many audit records the checkpoint covers. */
  eventCount: number;
  root: string;
  /** The previous checkpoint's hash (GENESIS_HASH for the first). */
  prevHash: string;
  /** 2: leaves in the order cases were first signed (see above); absent: version 1. */
  version?: typeof CHECKPOINT_TREE_VERSION;
}

/** The version of checkpoints written today. */
export const CHECKPOINT_TREE_VERSION = 2;

export interface Checkpoint extends CheckpointBody {
  hash: string;
  /** Ed25519 signature (base64) over the canonical JSON of the body; null when unsigned. */
  signature: string | null;
  /** Which key signed: the first 16 hex digits of SHA-256 over its SPKI DER form. */
  keyId: string | null;
}

/** Byte order of case ids (of their UTF-8 form), the same in every implementation (not locale order). */
export function compareCaseIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, UTF-16 code units order like code points, and so like UTF-8 bytes;
    // from there on they do not (U+E000 sorts after a surrogate pair in UTF-8, before it here).
    if (x < 0xd800 && y < 0xd800) return x - y;
    return Buffer.compare(Buffer.from(a.slice(i), 'utf8'), Buffer.from(b.slice(i), 'utf8'));
  }
  return a.length - b.length;
}

export function leafHash(head: ChainHead): Buffer {
  const { caseId, seq, hash } = head;
  // RFC 8785 for these three members is JSON.stringify with the keys in code-unit order and an
  // integer seq: the same bytes as canonicalJson, without its generic walk (a leaf per case, per
  // checkpoint, adds up).
  const canonical = Number.isSafeInteger(seq)
    ? JSON.stringify({ caseId, hash, seq })
    : canonicalJson({ caseId, seq, hash });
  return hashLeaf(Buffer.from(canonical, 'utf8'));
}

/** The heads in leaf order: by case id, in byte order. */
export function sortedHeads(heads: readonly ChainHead[]): ChainHead[] {
  return [...heads].sort((a, b) => compareCaseIds(a.caseId, b.caseId));
}

/** The version 1 Merkle root (hex) over the heads, sorted by case id. No heads: SHA-256 of nothing. */
export function merkleRoot(heads: readonly ChainHead[]): string {
  return treeHash(sortedHeads(heads).map(leafHash)).toString('hex');
}

/**
 * A checkpoint's heads in its leaf order: sorted by case id for version 1; for version 2 the order
 * they come in, which must be the leaf order (only the checkpoints themselves know it).
 */
export function leafOrder(
  checkpoint: Pick<CheckpointBody, 'version'>,
  heads: readonly ChainHead[],
): ChainHead[] {
  return checkpoint.version === CHECKPOINT_TREE_VERSION ? [...heads] : sortedHeads(heads);
}

/** The root (hex) a checkpoint of this version signs over these heads (version 2: in leaf order). */
export function checkpointRoot(
  checkpoint: Pick<CheckpointBody, 'version'>,
  heads: readonly ChainHead[],
): string {
  return treeHash(leafOrder(checkpoint, heads).map(leafHash)).toString('hex');
}

export function checkpointHash(body: CheckpointBody): string {
  return createHash('sha256')
    .update(canonicalJson(bodyOf(body)), 'utf8')
    .digest('hex');
}

function bodyOf(checkpoint: CheckpointBody): CheckpointBody {
  const { seq, at, caseCount, eventCount, root, prevHash, version } = checkpoint;
  // Version 1 bodies have no `version` member at all: their hashes were computed without it.
  return version === undefined
    ? { seq, at, caseCount, eventCount, root, prevHash }
    : { seq, at, caseCount, eventCount, root, prevHash, version };
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Builds the next version 1 checkpoint over these heads, signed when a private key is given. */
export function makeCheckpoint(
  heads: readonly ChainHead[],
  previous: Pick<Checkpoint, 'seq' | 'hash'> | null,
  at: string,
  signingKey: KeyObject | null,
): Checkpoint {
  return sealCheckpoint(
    {
      seq: (previous?.seq ?? 0) + 1,
      at,
      caseCount: heads.length,
      eventCount: heads.reduce((sum, head) => sum + head.seq, 0),
      root: merkleRoot(heads),
      prevHash: previous?.hash ?? GENESIS_HASH,
    },
    signingKey,
  );
}

/**
 * Builds the next version 2 checkpoint over a tree the caller kept up to date: its root (hex), its
 * number of leaves, and the sum of their sequence numbers.
 */
export function makeTreeCheckpoint(
  tree: { root: string; caseCount: number; eventCount: number },
  previous: Pick<Checkpoint, 'seq' | 'hash'> | null,
  at: string,
  signingKey: KeyObject | null,
): Checkpoint {
  return sealCheckpoint(
    {
      seq: (previous?.seq ?? 0) + 1,
      at,
      caseCount: tree.caseCount,
      eventCount: tree.eventCount,
      root: tree.root,
      prevHash: previous?.hash ?? GENESIS_HASH,
      version: CHECKPOINT_TREE_VERSION,
    },
    signingKey,
  );
}

function sealCheckpoint(body: CheckpointBody, signingKey: KeyObject | null): Checkpoint {
  const message = Buffer.from(canonicalJson(bodyOf(body)), 'utf8');
  return {
    ...body,
    hash: checkpointHash(body),
    signature: signingKey === null ? null : sign(null, message, signingKey).toString('base64'),
    keyId: signingKey === null ? null : keyIdOf(signingKey),
  };
}

export function signatureIsValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  if (checkpoint.signature === null) return false;
  const message = Buffer.from(canonicalJson(bodyOf(checkpoint)), 'utf8');
  try {
    return verify(null, message, publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

export type ContinuityProblem = 'CASE_MISSING' | 'CASE_TRUNCATED' | 'CASE_FORKED';

export interface ContinuityBreak {
  problem: ContinuityProblem;
  caseId: string;
  /** The head the earlier checkpoint signed. */
  signed: { seq: number; hash: string };
}

/**
 * Whether the chains today still contain every head an earlier checkpoint signed: a case that
 * vanished, lost records, or has another record at the signed position is named. `hashAt` answers
 * the hash of a case's record at a sequence number, or null if there is none.
 */
export function checkContinuity(
  signed: readonly ChainHead[],
  hashAt: (caseId: string, seq: number) => string | null,
  caseExists: (caseId: string) => boolean,
): ContinuityBreak[] {
  const breaks: ContinuityBreak[] = [];
  for (const head of signed) {
    const signedHead = { seq: head.seq, hash: head.hash };
    if (!caseExists(head.caseId)) {
      breaks.push({ problem: 'CASE_MISSING', caseId: head.caseId, signed: signedHead });
      continue;
    }
    const current = hashAt(head.caseId, head.seq);
    if (current === null) {
      breaks.push({ problem: 'CASE_TRUNCATED', caseId: head.caseId, signed: signedHead });
    } else if (current !== head.hash) {
      breaks.push({ problem: 'CASE_FORKED', caseId: head.caseId, signed: signedHead });
    }
  }
  return breaks;
}
