import type { ChainHead, Checkpoint } from '../../domain/audit/checkpoint';
import type { TreeNode } from '../../domain/audit/merkle-tree';

export const CHECKPOINT_LEDGER = Symbol('CheckpointLedger');

/** A chain head at its place among a version 2 checkpoint's leaves. */
export interface LeafHead extends ChainHead {
  leafIndex: number;
}

/** A case whose head changed since it was last folded; hash null: the case row was deleted. */
export interface PendingHead {
  caseId: string;
  hash: string | null;
}

/** The stored tree: which checkpoint it reflects, and whether a builder died half-way through it. */
export interface TreeState {
  /** The version 2 checkpoint the leaves and nodes are those of; 0: none yet (an empty tree). */
  checkpointSeq: number;
  leafCount: number;
  /** The sum of the leaves' sequence numbers. */
  eventCount: number;
  /** Leaves or nodes were rewritten and their checkpoint never written: rebuild before use. */
  dirty: boolean;
}

/** The builder's lease was taken over (it ran past its time): it must stop writing. */
export class BuilderLeaseLostError extends Error {
  constructor() {
    super('another instance took over building the checkpoint');
  }
}

/**
 * Where checkpoints and the tree behind them are kept (see the incremental-checkpoints
 * migration). Every read is one short query, every list-taking method works in bounded chunks,
 * and every write is its own small transaction, so on SQLite no call holds the database's one
 * gate for more than a few milliseconds, however large the log. Writes to the tree are fenced by
 * the builder's lease: a builder that lost it gets BuilderLeaseLostError and has written nothing
 * since.
 */
export interface CheckpointLedger {
  latestCheckpoint(): Promise<Checkpoint | null>;
  /** Every checkpoint, oldest first (a checkpoint an hour is under 9,000 a year). */
  checkpoints(): Promise<Checkpoint[]>;
  /** The newest version 1 checkpoint's seq, or null when there is none. */
  lastLegacySeq(): Promise<number | null>;
  /**
   * Every head a checkpoint signed, in its leaf order (version 1: case ids in byte order; version
   * 2: rebuilt from the changes of it and the checkpoints before it). Reads the whole leaf set: for
   * exports and verification, not for the checkpoint's own path.
   */
  headsOf(checkpointSeq: number): Promise<ChainHead[]>;
  /** A version 1 checkpoint's heads after `afterCaseId`, in the index's order. */
  legacyHeads(
    checkpointSeq: number,
    afterCaseId: string | null,
    limit: number,
  ): Promise<ChainHead[]>;
  legacyHeadsOf(checkpointSeq: number, caseIds: readonly string[]): Promise<Map<string, ChainHead>>;
  /** What a version 2 checkpoint changed, leaves after `afterLeaf`, in leaf order. */
  changesOf(checkpointSeq: number, afterLeaf: number, limit: number): Promise<LeafHead[]>;

  treeState(): Promise<TreeState>;
  pendingHeads(afterCaseId: string | null, limit: number): Promise<PendingHead[]>;
  /**
   * How many cases (of the first `limit` pending) changed, and by how many records in all: a
   * bounded look, enough to tell whether `limit` records are waiting.
   */
  pendingRecords(limit: number): Promise<{ cases: number; records: number }>;
  /** Each case's last record, as the audit log says (absent: no records). */
  currentHeads(caseIds: readonly string[]): Promise<Map<string, ChainHead>>;
  /** The hash of each case's record at the given seq (absent from the map: no such record). */
  hashesAt(positions: readonly { caseId: string; seq: number }[]): Promise<Map<string, string>>;
  existingCases(caseIds: readonly string[]): Promise<Set<string>>;
  leavesOfCases(caseIds: readonly string[]): Promise<Map<string, LeafHead>>;
  /** Leaves from `fromLeaf` on, in leaf order. */
  leavesFrom(fromLeaf: number, limit: number): Promise<LeafHead[]>;
  /** Stored hashes of these nodes, keyed `level/index` (level 0: the leaves' heads, hashed). */
  storedNodes(nodes: readonly TreeNode[]): Promise<Map<string, Buffer>>;

  /** Takes the builder's lease if nobody holds it or it expired at `now`; false: someone builds. */
  acquireLease(builder: string, now: string, until: string): Promise<boolean>;
  releaseLease(builder: string): Promise<void>;
  /** Removes what an attempt at this seq that never wrote its checkpoint left behind. */
  discardUnfinished(checkpointSeq: number, builder: string): Promise<void>;
  appendChanges(
    checkpointSeq: number,
    changes: readonly LeafHead[],
    builder: string,
  ): Promise<void>;
  markDirty(builder: string): Promise<void>;
  writeLeaves(checkpointSeq: number, leaves: readonly LeafHead[], builder: string): Promise<void>;
  writeNodes(nodes: Iterable<TreeNode & { hash: Buffer }>, builder: string): Promise<void>;
  /** Removes leaves from `leafCount` on and the nodes over them (a rebuild after a dead builder). */
  truncateTree(leafCount: number, builder: string): Promise<void>;
  /** Sets the tree state (a rebuild); the builder keeps its lease. */
  setTreeState(state: Omit<TreeState, 'dirty'>, builder: string): Promise<void>;
  /**
   * Writes the checkpoint and the tree state it leaves, in one transaction, and gives up the
   * lease; false if that seq exists already. With `written`, its changes, leaves and nodes go in
   * the same transaction (a small checkpoint: one commit instead of four or more).
   */
  commitCheckpoint(
    checkpoint: Checkpoint,
    tree: { leafCount: number; eventCount: number },
    builder: string,
    written?: { changes: readonly LeafHead[]; nodes: readonly (TreeNode & { hash: Buffer })[] },
  ): Promise<boolean>;
  /** Clears each pending mark that still carries the hash folded (null: a deletion looked at). */
  clearPending(folded: readonly PendingHead[]): Promise<void>;
}
