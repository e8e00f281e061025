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

/*
 * The same tree kept up to date incrementally, for trees too large to rehash whole: a tree whose
 * leaves only change in place or are appended at the end. Every complete subtree — node (level,
 * index) over leaves [index·2^level, (index+1)·2^level) once all of them exist — is stored once and
 * never changes shape as leaves are appended, so a change of m leaves rehashes their m·log n
 * ancestors and reads their siblings, and MTH(D[n]) is the complete subtrees of n's binary
 * decomposition folded from the right (RFC 9162 §2.1.1 splits at the largest power of two, which
 * is exactly the leftmost of them).
 */

/** Node (level, index): the root of the complete subtree over leaves [index·2^level, (index+1)·2^level). */
export interface TreeNode {
  level: number;
  index: number;
}

/** Whether node (level, index) is complete in a tree of `size` leaves (all its leaves exist). */
export function isCompleteNode(level: number, index: number, size: number): boolean {
  return (index + 1) * 2 ** level <= size;
}

/** The complete subtrees MTH(D[size]) is made of, the largest (leftmost) first. */
export function rootSubtrees(size: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  let offset = 0;
  let width = 1;
  while (width * 2 <= size) width *= 2;
  for (let level = Math.log2(width); width >= 1; level -= 1, width /= 2) {
    if (size - offset >= width) {
      nodes.push({ level, index: offset / width });
      offset += width;
    }
  }
  return nodes;
}

/** MTH from the hashes of rootSubtrees(size), in that order; none: SHA-256 of nothing. */
export function rootFromSubtrees(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return sha256();
  let root = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = hashChildren(hashes[i], root);
  return root;
}

/**
 * What changing some leaves of a tree (and appending others) recomputes and must read: the
 * ancestors of the changed leaves that are complete in the new size, level by level, and the
 * stored nodes beside them that did not change (their siblings, and the root's subtrees none of
 * the changes is under). Every node to read is complete and untouched, so it was stored when it
 * became complete.
 */
export class TreeUpdatePlan {
  /** recompute[level]: ascending indices of the nodes whose hash changes (level 0: the leaves). */
  readonly recompute: number[][] = [];
  /** Stored nodes the update reads, deepest level first. */
  readonly reads: TreeNode[] = [];

  /** `changedLeaves`: ascending, distinct, all below `size` (appended leaves included). */
  constructor(
    readonly size: number,
    changedLeaves: readonly number[],
  ) {
    for (let i = 0; i < changedLeaves.length; i += 1) {
      const leaf = changedLeaves[i];
      if (!Number.isSafeInteger(leaf) || leaf < 0 || leaf >= size) {
        throw new RangeError(`leaf ${leaf} is not in a tree of ${size}`);
      }
      if (i > 0 && leaf <= changedLeaves[i - 1]) {
        throw new RangeError('changed leaves must be ascending and distinct');
      }
    }
    let level = 0;
    let current = [...changedLeaves];
    while (current.length > 0) {
      this.recompute[level] = current;
      const parents: number[] = [];
      // `current` is ascending, so a parent's changed children are next to each other.
      for (let i = 0; i < current.length;) {
        const parent = Math.floor(current[i] / 2);
        let left = false;
        let right = false;
        for (; i < current.length && Math.floor(current[i] / 2) === parent; i += 1) {
          if (current[i] % 2 === 0) left = true;
          else right = true;
        }
        if (!isCompleteNode(level + 1, parent, size)) continue;
        parents.push(parent);
        if (!left) this.reads.push({ level, index: parent * 2 });
        if (!right) this.reads.push({ level, index: parent * 2 + 1 });
      }
      current = parents;
      level += 1;
    }
    for (const node of rootSubtrees(size)) {
      if (!this.changes(node)) this.reads.push(node);
    }
  }

  /** Whether the plan recomputes this node. */
  changes(node: TreeNode): boolean {
    const indices = this.recompute[node.level];
    if (indices === undefined) return false;
    let lo = 0;
    let hi = indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (indices[mid] === node.index) return true;
      if (indices[mid] < node.index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * Carries out a TreeUpdatePlan a bounded number of hashes at a time (`step`), so a large update
 * can give way to other work between steps. `newLeaves` holds the hash of every changed leaf;
 * `stored` answers the plan's reads. The result: every recomputed node above the leaves, and the
 * new root.
 */
export class TreeUpdate {
  /** Level 0 is the caller's map, only ever read. */
  private readonly levels: Map<number, Buffer>[];
  private level = 1;
  private position = 0;
  private finalRoot: Buffer | null = null;

  constructor(
    private readonly plan: TreeUpdatePlan,
    newLeaves: ReadonlyMap<number, Buffer>,
    private readonly stored: (node: TreeNode) => Buffer,
  ) {
    for (const leaf of plan.recompute[0] ?? []) {
      if (!newLeaves.has(leaf)) throw new RangeError(`no hash for changed leaf ${leaf}`);
    }
    this.levels = [newLeaves as Map<number, Buffer>];
  }

  /** Does up to `budget` hashes; true once the root is known. */
  step(budget: number): boolean {
    let done = 0;
    while (this.level < this.plan.recompute.length) {
      const indices = this.plan.recompute[this.level];
      const below = this.levels[this.level - 1];
      const here = (this.levels[this.level] ??= new Map());
      while (this.position < indices.length) {
        if (done >= budget) return false;
        const index = indices[this.position];
        const child = (offset: number): Buffer =>
          below.get(index * 2 + offset) ??
          this.stored({ level: this.level - 1, index: index * 2 + offset });
        here.set(index, hashChildren(child(0), child(1)));
        this.position += 1;
        done += 1;
      }
      this.level += 1;
      this.position = 0;
    }
    if (this.finalRoot === null) {
      const subtrees = rootSubtrees(this.plan.size).map(
        (node) => this.levels[node.level]?.get(node.index) ?? this.stored(node),
      );
      this.finalRoot = rootFromSubtrees(subtrees);
    }
    return true;
  }

  get root(): Buffer {
    if (this.finalRoot === null) throw new Error('the update is not finished');
    return this.finalRoot;
  }

  /** The recomputed nodes above the leaves (level ≥ 1), deepest first. */
  *changedNodes(): Generator<TreeNode & { hash: Buffer }> {
    for (let level = 1; level < this.levels.length; level += 1) {
      for (const [index, hash] of this.levels[level]) yield { level, index, hash };
    }
  }
}

/**
 * A whole tree held in memory, one contiguous buffer a level (32 bytes a node): what a verifier
 * replays a sequence of incremental checkpoints into, about 64 bytes a leaf in all.
 */
export class MemoryMerkleTree {
  private levels: Buffer[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Sets the leaves (changed in place or appended, so the tree grows to `size`); returns the root. */
  update(size: number, leaves: ReadonlyMap<number, Buffer>): Buffer {
    if (size < this.count) throw new RangeError('a tree does not shrink');
    const plan = new TreeUpdatePlan(
      size,
      [...leaves.keys()].sort((a, b) => a - b),
    );
    const update = new TreeUpdate(plan, leaves, (node) => this.node(node));
    update.step(Number.POSITIVE_INFINITY);
    for (const [index, hash] of leaves) this.store(0, index, hash);
    for (const node of update.changedNodes()) this.store(node.level, node.index, node.hash);
    this.count = size;
    return update.root;
  }

  /** Every complete node above the leaves (level ≥ 1), deepest first: what a store keeps. */
  *completeNodes(): Generator<TreeNode & { hash: Buffer }> {
    for (let level = 1; 2 ** level <= this.count; level += 1) {
      for (let index = 0; isCompleteNode(level, index, this.count); index += 1) {
        yield { level, index, hash: Buffer.from(this.node({ level, index })) };
      }
    }
  }

  private node({ level, index }: TreeNode): Buffer {
    const buffer = this.levels[level];
    if (buffer === undefined || (index + 1) * 32 > buffer.length) {
      throw new RangeError(`node ${level}/${index} is not stored`);
    }
    return buffer.subarray(index * 32, index * 32 + 32);
  }

  private store(level: number, index: number, hash: Buffer): void {
    let buffer = this.levels[level];
    const needed = (index + 1) * 32;
    if (buffer === undefined || buffer.length < needed) {
      const grown = Buffer.alloc(Math.max(needed, (buffer?.length ?? 0) * 2, 1024));
      buffer?.copy(grown);
      this.levels[level] = buffer = grown;
    }
    hash.copy(buffer, index * 32);
  }
}
