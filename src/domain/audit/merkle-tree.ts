import { createHash } from 'node:crypto';

/**
 * The Merkle Tree Hash of RFC 9162 §2.1 (RFC 6962 §2.1), over leaf hashes the caller computed:
 * leaves and interior nodes are hashed with different one-byte prefixes (0x00, 0x01), so a node can
 * never pass for a leaf; a tree of n > 1 leaves splits at k, the largest power of two smaller than
 * n, so an odd node is never paired with a copy of itself (the Bitcoin duplication flaw) and every
 * size has exactly one shape. Inclusion proofs (audit paths) follow §2.1.3 of the same RFC, so any
 * Certificate Transparency library can check them.
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** SHA-256(0x00 ‖ data): the hash of one leaf. */
export function hashLeaf(data: Buffer): Buffer {
  return sha256(LEAF_PREFIX, data);
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function hashChildren(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes; no leaves: SHA-256 of nothing. */
export function treeHash(leaves: readonly Buffer[]): Buffer {
  return leaves.length === 0 ? sha256() : walk(leaves, 0, leaves.length, [], new Map());
}

/**
 * The audit path (RFC 9162 §2.1.3.1, PATH(m, D[n])) of each wanted leaf index, deepest sibling
 * first, all from one walk over the tree: every node is hashed once however many paths are asked
 * for.
 */
export function auditPaths(
  leaves: readonly Buffer[],
  indices: readonly number[],
): Map<number, Buffer[]> {
  const paths = new Map<number, Buffer[]>();
  for (const index of indices) {
    if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
      throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
    }
    paths.set(index, []);
  }
  if (leaves.length > 0) {
    walk(
      leaves,
      0,
      leaves.length,
      [...paths.keys()].sort((a, b) => a - b),
      paths,
    );
  }
  return paths;
}

/**
 * MTH(D[lo:hi]) (hi > lo); `wanted` are the sorted leaf indices inside [lo, hi) whose paths are
 * being built: each gets the sibling of every subtree it is in, appended as the recursion returns
 * so the deepest comes first.
 */
function walk(
  leaves: readonly Buffer[],
  lo: number,
  hi: number,
  wanted: readonly number[],
  paths: Map<number, Buffer[]>,
): Buffer {
  if (hi - lo === 1) return leaves[lo];
  const mid = lo + splitPoint(hi - lo);
  let cut = 0;
  while (cut < wanted.length && wanted[cut] < mid) cut += 1;
  const inLeft = wanted.slice(0, cut);
  const inRight = wanted.slice(cut);
  const left = walk(leaves, lo, mid, inLeft, paths);
  const right = walk(leaves, mid, hi, inRight, paths);
  for (const index of inLeft) paths.get(index)!.push(right);
  for (const index of inRight) paths.get(index)!.push(left);
  return hashChildren(left, right);
}

/**
 * The root an audit path leads to from a leaf (RFC 9162 §2.1.3.2), or null when the path cannot
 * belong to a tree of that size (too long, too short, or the index outside the tree). The caller
 * compares the result with the root it trusts.
 */
export function rootFromAuditPath(
  leaf: Buffer,
  leafIndex: number,
  treeSize: number,
  path: readonly Buffer[],
): Buffer | null {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize)) return null;
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  // Plain arithmetic, not bit operators: those would cut the numbers to 32 bits.
  const isOdd = (n: number) => n % 2 === 1;
  const half = (n: number) => Math.floor(n / 2);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let hash = leaf;
  for (const sibling of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      hash = hashChildren(sibling, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      hash = hashChildren(hash, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? hash : null;
}
