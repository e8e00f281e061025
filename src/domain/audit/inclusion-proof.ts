import { leafHash, sortedHeads, type ChainHead } from './checkpoint';
import { auditPaths, rootFromAuditPath } from './merkle-tree';

/**
 * That a checkpoint signed one case's head, shown without the other heads: the head, its place
 * among the checkpoint's leaves, and the sibling hashes on its way up to the signed root (RFC 9162
 * §2.1.3). The siblings are hashes of hashes: nothing in them names another case or tells its
 * length; the number of leaves is the checkpoint's `caseCount`, which it states anyway.
 */
export interface InclusionProof {
  caseId: string;
  seq: number;
  hash: string;
  /**
   * The head's position among the checkpoint's leaves (0-based; version 1: case ids in byte order,
   * version 2: the order cases were first signed in).
   */
  leafIndex: number;
  /** Sibling hashes (hex), the deepest first. */
  path: string[];
}

/** A proof for the head of every case `covers` accepts, in leaf order (version 1: by case id). */
export function inclusionProofs(
  heads: readonly ChainHead[],
  covers: (caseId: string) => boolean,
): InclusionProof[] {
  return inclusionProofsInLeafOrder(sortedHeads(heads), covers);
}

/**
 * The same over leaves already in leaf order (checkpoint.ts, leafOrder): what a version 2
 * checkpoint needs, whose leaf order is not the case ids'.
 */
export function inclusionProofsInLeafOrder(
  sorted: readonly ChainHead[],
  covers: (caseId: string) => boolean,
): InclusionProof[] {
  const wanted = sorted.flatMap((head, index) => (covers(head.caseId) ? [index] : []));
  if (wanted.length === 0) return [];
  const paths = auditPaths(sorted.map(leafHash), wanted);
  return wanted.map((leafIndex) => {
    const { caseId, seq, hash } = sorted[leafIndex];
    const path = paths.get(leafIndex)!.map((sibling) => sibling.toString('hex'));
    return { caseId, seq, hash, leafIndex, path };
  });
}

/** Whether the proof leads from its head to `root` in a tree of `treeSize` leaves. */
export function proofLeadsToRoot(proof: InclusionProof, treeSize: number, root: string): boolean {
  const { caseId, seq, hash } = proof;
  const reached = rootFromAuditPath(
    leafHash({ caseId, seq, hash }),
    proof.leafIndex,
    treeSize,
    proof.path.map((sibling) => Buffer.from(sibling, 'hex')),
  );
  return reached !== null && reached.toString('hex') === root;
}
