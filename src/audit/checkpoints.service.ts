import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { GENESIS_HASH } from '../domain/audit/audit-record';
import {
  CHECKPOINT_TREE_VERSION,
  checkContinuity,
  checkpointHash,
  compareCaseIds,
  leafHash,
  makeTreeCheckpoint,
  merkleRoot,
  signatureIsValid,
  type ChainHead,
  type Checkpoint,
  type ContinuityBreak,
  type ContinuityProblem,
} from '../domain/audit/checkpoint';
import { MemoryMerkleTree, TreeUpdate, TreeUpdatePlan } from '../domain/audit/merkle-tree';
import { AppConfig } from '../config/app-config';
import {
  BuilderLeaseLostError,
  CHECKPOINT_LEDGER,
  type CheckpointLedger,
  type LeafHead,
  type PendingHead,
  type TreeState,
} from '../persistence/repositories/checkpoint-ledger.repository';

/** What one attempt to write a checkpoint came to. */
export type CheckpointOutcome =
  | { kind: 'created'; checkpoint: Checkpoint }
  /** createIfDue only: too few new records, or too little time, since the last checkpoint. */
  | { kind: 'not_due' }
  /**
   * The chains no longer contain what the previous checkpoint signed: nothing was written (a
   * signed checkpoint must never bless a deletion), and the breaks are named.
   */
  | { kind: 'refused'; previousSeq: number; breaks: ContinuityBreak[] }
  /** Another instance writes (or wrote) this seq; nothing to do. */
  | { kind: 'raced'; seq: number };

export type CheckpointProblemKind =
  | 'SEQ_GAP'
  | 'HASH_MISMATCH'
  | 'CHAIN_BROKEN'
  | 'ROOT_MISMATCH'
  | 'COUNT_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_MISSING'
  | ContinuityProblem;

export interface CheckpointProblem {
  checkpointSeq: number;
  kind: CheckpointProblemKind;
  /** For the continuity problems: the case whose chain no longer holds the signed head. */
  caseId: string | null;
  detail: string;
}

export interface CheckpointVerification {
  checked: number;
  /** Checkpoints whose signature was checked against the configured key and held. */
  verified: number;
  /** Unsigned checkpoints that are not failures: no key configured, or written before the first signed one. */
  unsigned: number[];
  /** Signed checkpoints that could not be checked because no key is configured. */
  unverifiable: number[];
  problems: CheckpointProblem[];
}

/** Pending cases read at a time, and ids per continuity query: about a millisecond each. */
const PAGE = 500;
/**
 * Most heads one checkpoint folds. Bounds its memory and duration when a backlog waits (the first
 * checkpoint after the upgrade folds every case); the rest stay pending, the checkpoint is due
 * again at once, and the next one goes on.
 */
export const MAX_HEADS_PER_CHECKPOINT = 20_000;
/**
 * Signed heads each checkpoint re-reads from the log although their case did not change, moving
 * on each time and wrapping around: a deletion made behind the engine's back (triggers and all)
 * is caught within ⌈cases / this⌉ checkpoints without a full scan in any one of them. A case
 * deleted with the triggers in place is marked pending, and caught by the next checkpoint.
 */
export const SWEEP_PER_CHECKPOINT = 5_000;
/**
 * Up to this many changed heads and tree nodes, a checkpoint writes all of it in one transaction
 * of a few milliseconds (about a dozen statements of 500 rows); beyond, in transactions of 500.
 */
const SMALL_CHECKPOINT_HEADS = 500;
const SMALL_CHECKPOINT_NODES = 4_000;
/**
 * Hashes between two turns of the event loop: a few milliseconds. 2,000 took 15–28 ms a step
 * during the first fold at 1M records, with the background connection busy on the other core.
 */
const HASHES_PER_STEP = 500;
/** How long a builder may hold the lease without renewing it (each write renews nothing: generous). */
const LEASE_MS = 15 * 60_000;

/** What the pending heads come to: the new leaf values, the marks to clear, and any break. */
interface Fold {
  /** Changed leaves (existing cases that moved on, then new cases in case-id order), with leaf hashes. */
  changes: LeafHead[];
  leafHashes: Map<number, Buffer>;
  leafCount: number;
  eventCount: number;
  folded: PendingHead[];
  breaks: ContinuityBreak[];
}

/**
 * Checkpoints over every case's chain head (src/domain/audit/checkpoint.ts): written when due,
 * never over a chain that lost what the previous checkpoint signed, and verified end to end.
 *
 * A checkpoint folds only the heads that changed since the previous one (marked pending by the
 * transition's own transaction) into a Merkle tree kept on disk, so its cost follows the changes,
 * not the size of the log. On SQLite every database call it makes is one short read or one small
 * write, with the hashing done between them, so a request never waits behind a checkpoint for
 * more than one of those (bench/checkpoint-stall.ts measures it at 1M and 10M records).
 */
@Injectable()
export class CheckpointsService {
  private readonly logger = new Logger('Checkpoints');

  constructor(
    @Inject(CHECKPOINT_LEDGER) private readonly ledger: CheckpointLedger,
    private readonly config: AppConfig,
  ) {}

  /** Writes a checkpoint if enough records or enough time went by since the last one. */
  async createIfDue(now: Date): Promise<CheckpointOutcome> {
    const latest = await this.ledger.latestCheckpoint();
    if (!(await this.isDue(latest, now))) return { kind: 'not_due' };
    return this.create(now, latest);
  }

  /**
   * Writes the next checkpoint now, over the chain heads as they stand, after checking that they
   * still contain every head the previous checkpoint signed. `latest`: the checkpoint the caller
   * saw last; if another was written since, this one is `raced`.
   */
  async create(now: Date, latest?: Checkpoint | null): Promise<CheckpointOutcome> {
    const builder = randomUUID();
    const startedAt = performance.now();
    const leaseUntil = () =>
      new Date(now.getTime() + (performance.now() - startedAt) + LEASE_MS).toISOString();
    const raced = async (): Promise<CheckpointOutcome> => ({
      kind: 'raced',
      seq: ((latest === undefined ? await this.ledger.latestCheckpoint() : latest)?.seq ?? 0) + 1,
    });
    if (!(await this.ledger.acquireLease(builder, now.toISOString(), leaseUntil()))) {
      return raced();
    }
    let released = false;
    try {
      const previous = await this.ledger.latestCheckpoint();
      if (latest !== undefined && (previous?.seq ?? 0) !== (latest?.seq ?? 0)) return raced();
      let state = await this.ledger.treeState();
      const treeSeq = previous?.version === CHECKPOINT_TREE_VERSION ? previous.seq : 0;
      if (state.dirty || state.checkpointSeq !== treeSeq) {
        state = await this.rebuildTree(builder, treeSeq, previous);
      }

      const fold = await this.fold(previous, state);
      if (fold.breaks.length > 0) {
        this.logger.error(
          `Checkpoint refused: the chains no longer hold what checkpoint ${previous?.seq} signed: ` +
            fold.breaks.map((b) => `${b.caseId} ${b.problem}`).join(', '),
        );
        return { kind: 'refused', previousSeq: previous?.seq ?? 0, breaks: fold.breaks };
      }
      const update = await this.updateTree(state, fold);
      const checkpoint = makeTreeCheckpoint(
        {
          root: update.root.toString('hex'),
          caseCount: fold.leafCount,
          eventCount: fold.eventCount,
        },
        previous,
        now.toISOString(),
        this.config.checkpoints.signingKey?.privateKey ?? null,
      );
      await this.ledger.discardUnfinished(checkpoint.seq, builder);
      const tree = { leafCount: fold.leafCount, eventCount: fold.eventCount };
      const nodes = [...update.changedNodes()];
      let committed: boolean;
      if (fold.changes.length <= SMALL_CHECKPOINT_HEADS && nodes.length <= SMALL_CHECKPOINT_NODES) {
        // Small (the usual case once the tree exists): all of it in one short transaction, as
        // each commit costs an fsync that readers on SQLite wait behind.
        committed = await this.ledger.commitCheckpoint(checkpoint, tree, builder, {
          changes: fold.changes,
          nodes,
        });
      } else {
        // The changes first (invisible until the checkpoint row exists), then the tree, marked
        // dirty meanwhile so that a builder dying half-way is rebuilt from the changes, then the
        // checkpoint with the new tree state in one commit.
        await this.ledger.appendChanges(checkpoint.seq, fold.changes, builder);
        await this.ledger.markDirty(builder);
        await this.ledger.writeLeaves(checkpoint.seq, fold.changes, builder);
        await this.ledger.writeNodes(nodes, builder);
        committed = await this.ledger.commitCheckpoint(checkpoint, tree, builder);
      }
      if (!committed) return raced();
      // The commit gave up the lease already.
      released = true;
      await this.ledger.clearPending(fold.folded);
      this.logger.log(
        `Checkpoint ${checkpoint.seq}: ${checkpoint.caseCount} cases (${fold.changes.length} changed), ` +
          `${checkpoint.eventCount} records, root ${checkpoint.root}` +
          `${checkpoint.signature ? '' : ' (unsigned)'}`,
      );
      return { kind: 'created', checkpoint };
    } catch (error) {
      if (error instanceof BuilderLeaseLostError) return raced();
      throw error;
    } finally {
      if (!released) await this.ledger.releaseLease(builder);
    }
  }

  /**
   * Walks every checkpoint: its seq, hash and link to the one before, its signature, its root
   * recomputed from the stored heads (version 2: the changes replayed into a tree in memory), and
   * whether today's chains still hold each of those heads.
   */
  async verifyCheckpoints(): Promise<CheckpointVerification> {
    const key = this.config.checkpoints.signingKey;
    const result: CheckpointVerification = {
      checked: 0,
      verified: 0,
      unsigned: [],
      unverifiable: [],
      problems: [],
    };
    const problem = (
      checkpointSeq: number,
      kind: CheckpointProblemKind,
      detail: string,
      caseId: string | null = null,
    ) => result.problems.push({ checkpointSeq, kind, caseId, detail });

    let previous: Checkpoint | null = null;
    let signedSeen = false;
    const replay = new TreeReplay();
    for (const checkpoint of await this.ledger.checkpoints()) {
      const { seq } = checkpoint;
      result.checked += 1;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (seq !== expectedSeq) {
        problem(seq, 'SEQ_GAP', `expected checkpoint ${expectedSeq}, found ${seq}`);
      }
      if (checkpointHash(checkpoint) !== checkpoint.hash) {
        problem(seq, 'HASH_MISMATCH', 'the stored hash does not match the checkpoint');
      }
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (checkpoint.prevHash !== expectedPrev) {
        problem(seq, 'CHAIN_BROKEN', 'prevHash is not the hash of the checkpoint before');
      }

      if (checkpoint.signature === null) {
        if (key !== null && signedSeen) {
          problem(seq, 'SIGNATURE_MISSING', 'unsigned, after signed checkpoints');
        } else {
          result.unsigned.push(seq);
        }
      } else {
        signedSeen = true;
        if (key === null) {
          result.unverifiable.push(seq);
        } else if (checkpoint.keyId !== key.keyId) {
          problem(
            seq,
            'SIGNATURE_INVALID',
            `signed by key ${checkpoint.keyId ?? '(none)'}, the configured key is ${key.keyId}`,
          );
        } else if (!signatureIsValid(checkpoint, key.publicKey)) {
          problem(seq, 'SIGNATURE_INVALID', 'the signature does not match the checkpoint');
        } else {
          result.verified += 1;
        }
      }

      const tree =
        checkpoint.version === CHECKPOINT_TREE_VERSION
          ? await this.replayTreeCheckpoint(replay, seq)
          : await this.legacyTreeOf(seq);
      for (const detail of tree.structure) problem(seq, 'ROOT_MISMATCH', detail);
      if (tree.root !== checkpoint.root) {
        problem(seq, 'ROOT_MISMATCH', 'the stored heads do not give the signed root');
      }
      if (tree.caseCount !== checkpoint.caseCount || tree.eventCount !== checkpoint.eventCount) {
        problem(
          seq,
          'COUNT_MISMATCH',
          `stored heads: ${tree.caseCount} cases, ${tree.eventCount} records; ` +
            `checkpoint: ${checkpoint.caseCount} cases, ${checkpoint.eventCount} records`,
        );
      }
      for (const broken of tree.breaks) {
        problem(
          seq,
          broken.problem,
          `signed head: record ${broken.signed.seq}, hash ${broken.signed.hash}`,
          broken.caseId,
        );
      }
      previous = checkpoint;
    }
    return result;
  }

  /** Newest first, `limit` at most, those before seq `before` when given. */
  async list(before: number | undefined, limit: number): Promise<Checkpoint[]> {
    // A checkpoint an hour is under 9,000 a year: reading them all is cheaper than a new query.
    const all = await this.ledger.checkpoints();
    return all
      .filter((checkpoint) => before === undefined || checkpoint.seq < before)
      .reverse()
      .slice(0, limit);
  }

  /** The configured key's public half (PEM) and id; null when checkpoints are unsigned. */
  signingKey(): { keyId: string; publicKeyPem: string } | null {
    const key = this.config.checkpoints.signingKey;
    return key === null ? null : { keyId: key.keyId, publicKeyPem: key.publicKeyPem };
  }

  private async isDue(latest: Checkpoint | null, now: Date): Promise<boolean> {
    const { everyEvents, everyMinutes } = this.config.checkpoints;
    // A bounded look at the pending cases rather than a count of the whole log (a full scan at
    // millions of records). Any change counts as new: a deleted case must not stay silent.
    const waiting = await this.ledger.pendingRecords(everyEvents);
    if (waiting.records >= everyEvents) return true;
    if (everyMinutes === 0 || waiting.cases === 0) return false;
    if (latest === null) return true;
    return now.getTime() - Date.parse(latest.at) >= everyMinutes * 60_000;
  }

  /**
   * Reads the pending heads (at most MAX_HEADS_PER_CHECKPOINT) and what the log says of each, and
   * checks continuity: the pending cases against what was signed for them (by the tree, or by the
   * last version 1 checkpoint for a case the tree has not reached yet), a slice of the unchanged
   * leaves (SWEEP_PER_CHECKPOINT), and, once, every head of a version 1 predecessor.
   */
  private async fold(previous: Checkpoint | null, state: TreeState): Promise<Fold> {
    const breaks = new Map<string, ContinuityBreak>();
    const noteBreaks = (found: ContinuityBreak[]) => {
      for (const broken of found) if (!breaks.has(broken.caseId)) breaks.set(broken.caseId, broken);
    };
    const legacySeq =
      previous === null
        ? null
        : previous.version === CHECKPOINT_TREE_VERSION
          ? await this.ledger.lastLegacySeq()
          : previous.seq;

    const changed: LeafHead[] = [];
    const newCases: ChainHead[] = [];
    const folded: PendingHead[] = [];
    let eventDelta = 0;
    let after: string | null = null;
    let taken = 0;
    while (taken < MAX_HEADS_PER_CHECKPOINT) {
      const page = await this.ledger.pendingHeads(
        after,
        Math.min(PAGE, MAX_HEADS_PER_CHECKPOINT - taken),
      );
      if (page.length === 0) break;
      taken += page.length;
      after = page[page.length - 1].caseId;
      const ids = page.map((pending) => pending.caseId);
      const leaves = await this.ledger.leavesOfCases(ids);
      const current = await this.ledger.currentHeads(ids);
      const existing = await this.ledger.existingCases(ids);
      const unplaced = ids.filter((id) => !leaves.has(id));
      const legacy =
        legacySeq === null || unplaced.length === 0
          ? new Map<string, ChainHead>()
          : await this.ledger.legacyHeadsOf(legacySeq, unplaced);
      const signed = ids.flatMap((id) => leaves.get(id) ?? legacy.get(id) ?? []);
      noteBreaks(await this.continuityOf(signed, current, existing));

      for (const pending of page) {
        const { caseId } = pending;
        const head = current.get(caseId);
        const leaf = leaves.get(caseId);
        if (breaks.has(caseId)) continue;
        if (head === undefined || !existing.has(caseId)) {
          // Nothing to sign: a case deleted (or never written) before any checkpoint signed it.
          if (leaf === undefined && !legacy.has(caseId))
            folded.push({ caseId, hash: pending.hash });
          continue;
        }
        folded.push({ caseId, hash: head.hash });
        if (leaf === undefined) {
          newCases.push(head);
        } else if (head.seq > leaf.seq) {
          changed.push({ ...head, leafIndex: leaf.leafIndex });
          eventDelta += head.seq - leaf.seq;
        }
      }
    }

    noteBreaks(await this.sweep(state, (previous?.seq ?? 0) + 1));
    if (previous !== null && previous.version !== CHECKPOINT_TREE_VERSION) {
      noteBreaks(await this.legacyContinuity(previous.seq));
    }

    // New leaves go at the end, in case-id order (the definition of version 2's leaf order). The
    // pages usually come in that order already (SQLite's, and PostgreSQL's for uuids): a sort
    // of thousands with this comparator would hold the event loop for tens of milliseconds.
    if (
      !newCases.every(
        (head, i) => i === 0 || compareCaseIds(newCases[i - 1].caseId, head.caseId) < 0,
      )
    ) {
      newCases.sort((a, b) => compareCaseIds(a.caseId, b.caseId));
    }
    const changes = [
      ...changed.sort((a, b) => a.leafIndex - b.leafIndex),
      ...newCases.map((head, i) => ({ ...head, leafIndex: state.leafCount + i })),
    ];
    eventDelta += newCases.reduce((sum, head) => sum + head.seq, 0);
    const leafHashes = new Map<number, Buffer>();
    for (let i = 0; i < changes.length; i += 1) {
      leafHashes.set(changes[i].leafIndex, leafHash(changes[i]));
      if (i % HASHES_PER_STEP === HASHES_PER_STEP - 1) await nextTurn();
    }
    return {
      changes,
      leafHashes,
      leafCount: state.leafCount + newCases.length,
      eventCount: state.eventCount + eventDelta,
      folded,
      breaks: [...breaks.values()],
    };
  }

  /** Rehashes the changed leaves' ancestors, reading the stored siblings, a step at a time. */
  private async updateTree(state: TreeState, fold: Fold): Promise<TreeUpdate> {
    const plan = new TreeUpdatePlan(
      fold.leafCount,
      fold.changes.map((change) => change.leafIndex),
    );
    const stored = await this.ledger.storedNodes(plan.reads);
    const update = new TreeUpdate(plan, fold.leafHashes, ({ level, index }) => {
      const hash = stored.get(`${level}/${index}`);
      if (hash === undefined) {
        throw new Error(
          `checkpoint tree node ${level}/${index} is missing (tree of ${state.leafCount} leaves at ` +
            `checkpoint ${state.checkpointSeq}): run \`thidua verify --checkpoints\``,
        );
      }
      return hash;
    });
    while (!update.step(HASHES_PER_STEP)) await nextTurn();
    return update;
  }

  /** Re-reads SWEEP_PER_CHECKPOINT signed leaves from where the previous checkpoint stopped. */
  private async sweep(state: TreeState, nextSeq: number): Promise<ContinuityBreak[]> {
    if (state.leafCount === 0) return [];
    const count = Math.min(SWEEP_PER_CHECKPOINT, state.leafCount);
    let from = ((nextSeq - 1) * SWEEP_PER_CHECKPOINT) % state.leafCount;
    let left = count;
    const breaks: ContinuityBreak[] = [];
    while (left > 0) {
      const leaves = await this.ledger.leavesFrom(from, Math.min(PAGE, left));
      if (leaves.length === 0) {
        from = 0;
        continue;
      }
      left -= leaves.length;
      from = leaves[leaves.length - 1].leafIndex + 1;
      breaks.push(...(await this.continuityOf(leaves)));
    }
    return breaks;
  }

  /** Every head a version 1 checkpoint signed, checked once: before the first version 2 one. */
  private async legacyContinuity(seq: number): Promise<ContinuityBreak[]> {
    const breaks: ContinuityBreak[] = [];
    let after: string | null = null;
    for (;;) {
      const heads = await this.ledger.legacyHeads(seq, after, PAGE);
      if (heads.length === 0) return breaks;
      after = heads[heads.length - 1].caseId;
      breaks.push(...(await this.continuityOf(heads)));
    }
  }

  /**
   * Whether the log still holds these signed heads. `current` and `existing` may carry what the
   * caller read already for these cases.
   */
  private async continuityOf(
    signed: readonly ChainHead[],
    current?: ReadonlyMap<string, ChainHead>,
    existing?: ReadonlySet<string>,
  ): Promise<ContinuityBreak[]> {
    if (signed.length === 0) return [];
    const atHead = (head: ChainHead) => current?.get(head.caseId)?.seq === head.seq;
    const hashes = await this.ledger.hashesAt(signed.filter((head) => !atHead(head)));
    const cases = existing ?? (await this.ledger.existingCases(signed.map((head) => head.caseId)));
    return checkContinuity(
      signed,
      (caseId, seq) =>
        current?.get(caseId)?.seq === seq
          ? current.get(caseId)!.hash
          : (hashes.get(caseId) ?? null),
      (caseId) => cases.has(caseId),
    );
  }

  /**
   * Rebuilds the stored tree from the changes of the committed version 2 checkpoints (after a
   * builder died half-way through rewriting it), checks it gives the last one's root, and writes
   * it back a chunk at a time.
   */
  private async rebuildTree(
    builder: string,
    treeSeq: number,
    previous: Checkpoint | null,
  ): Promise<TreeState> {
    this.logger.warn(`Rebuilding the checkpoint tree up to checkpoint ${treeSeq}`);
    const replay = new TreeReplay();
    const checkpoints = treeSeq === 0 ? [] : await this.ledger.checkpoints();
    let root = '';
    for (const checkpoint of checkpoints) {
      if (checkpoint.version !== CHECKPOINT_TREE_VERSION || checkpoint.seq > treeSeq) continue;
      root = (await this.replayTreeCheckpoint(replay, checkpoint.seq, false)).root;
    }
    if (previous !== null && treeSeq !== 0 && root !== previous.root) {
      throw new Error(
        `the stored changes do not give checkpoint ${treeSeq}'s root: run \`thidua verify --checkpoints\``,
      );
    }
    await this.ledger.truncateTree(replay.size, builder);
    await this.ledger.writeLeaves(treeSeq, replay.leaves(), builder);
    await this.ledger.writeNodes(replay.tree.completeNodes(), builder);
    const state = { checkpointSeq: treeSeq, leafCount: replay.size, eventCount: replay.eventCount };
    await this.ledger.setTreeState(state, builder);
    return { ...state, dirty: false };
  }

  /**
   * Applies a version 2 checkpoint's changes to the replay, and says what the checkpoint should
   * then be: its root, counts, any change that breaks the leaf order's rules, and (unless
   * `checkContinuity` is off) the signed heads the log no longer holds.
   */
  private async replayTreeCheckpoint(
    replay: TreeReplay,
    seq: number,
    checkContinuity = true,
  ): Promise<ReplayedTree> {
    const structure: string[] = [];
    const changedHashes = new Map<number, Buffer>();
    let size = replay.size;
    let afterLeaf = -1;
    for (;;) {
      const changes = await this.ledger.changesOf(seq, afterLeaf, 2000);
      if (changes.length === 0) break;
      afterLeaf = changes[changes.length - 1].leafIndex;
      for (const change of changes) {
        const problem = replay.ruleBroken(change, size);
        if (problem !== null) {
          structure.push(problem);
          continue;
        }
        if (change.leafIndex === size) size += 1;
        changedHashes.set(change.leafIndex, leafHash(change));
        replay.set(change);
      }
      if (checkContinuity) {
        const breaks = await this.continuityOf(changes);
        for (const change of changes) replay.broken.delete(change.leafIndex);
        for (const broken of breaks) {
          const leaf = changes.find((change) => change.caseId === broken.caseId)!.leafIndex;
          replay.broken.set(leaf, broken);
        }
      }
    }
    const root = replay.tree.update(size, changedHashes).toString('hex');
    return {
      root,
      caseCount: replay.size,
      eventCount: replay.eventCount,
      structure,
      breaks: [...replay.broken.values()],
    };
  }

  /** A version 1 checkpoint: every head it signed, from its own table. */
  private async legacyTreeOf(seq: number): Promise<ReplayedTree> {
    const heads = await this.ledger.headsOf(seq);
    return {
      root: merkleRoot(heads),
      caseCount: heads.length,
      eventCount: heads.reduce((sum, head) => sum + head.seq, 0),
      structure: [],
      breaks: await this.continuityOf(heads),
    };
  }
}

interface ReplayedTree {
  root: string;
  caseCount: number;
  eventCount: number;
  /** Changes that cannot be: another case at a leaf, or a new leaf not at the end. */
  structure: string[];
  breaks: ContinuityBreak[];
}

/** The leaves of a sequence of version 2 checkpoints, replayed in memory (verification, rebuild). */
class TreeReplay {
  readonly tree = new MemoryMerkleTree();
  readonly broken = new Map<number, ContinuityBreak>();
  private readonly cases: string[] = [];
  private readonly seqs: number[] = [];
  private readonly hashes: string[] = [];
  private readonly leafOf = new Map<string, number>();
  eventCount = 0;

  get size(): number {
    return this.cases.length;
  }

  /** Why this change cannot follow the leaves so far (`size` counts this checkpoint's new ones). */
  ruleBroken(change: LeafHead, size: number): string | null {
    const { leafIndex, caseId } = change;
    if (leafIndex < this.cases.length) {
      return this.cases[leafIndex] === caseId
        ? null
        : `leaf ${leafIndex} belongs to case ${this.cases[leafIndex]}, a change gives it to ${caseId}`;
    }
    if (leafIndex !== size) return `leaf ${leafIndex} is not the next new leaf (${size})`;
    if (this.leafOf.has(caseId)) {
      return `case ${caseId} has leaf ${this.leafOf.get(caseId)}, a change gives it leaf ${leafIndex} too`;
    }
    return null;
  }

  set(change: LeafHead): void {
    const { leafIndex } = change;
    this.eventCount += change.seq - (this.seqs[leafIndex] ?? 0);
    this.cases[leafIndex] = change.caseId;
    this.seqs[leafIndex] = change.seq;
    this.hashes[leafIndex] = change.hash;
    this.leafOf.set(change.caseId, leafIndex);
  }

  leaves(): LeafHead[] {
    return this.cases.map((caseId, leafIndex) => ({
      caseId,
      leafIndex,
      seq: this.seqs[leafIndex],
      hash: this.hashes[leafIndex],
    }));
  }
}
