import { Inject, Injectable, Logger } from '@nestjs/common';
import { GENESIS_HASH } from '../domain/audit/audit-record';
import {
  checkContinuity,
  checkpointHash,
  makeCheckpoint,
  merkleRoot,
  signatureIsValid,
  type ChainHead,
  type Checkpoint,
  type ContinuityBreak,
  type ContinuityProblem,
} from '../domain/audit/checkpoint';
import { AppConfig } from '../config/app-config';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';

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
  /** Another instance wrote this seq first; nothing to do. */
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

/**
 * Checkpoints over every case's chain head (src/domain/audit/checkpoint.ts): written when due,
 * never over a chain that lost what the previous checkpoint signed, and verified end to end.
 */
@Injectable()
export class CheckpointsService {
  private readonly logger = new Logger('Checkpoints');

  constructor(
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    private readonly config: AppConfig,
  ) {}

  /** Writes a checkpoint if enough records or enough time went by since the last one. */
  async createIfDue(now: Date): Promise<CheckpointOutcome> {
    const latest = await this.trail.latestCheckpoint();
    const events = await this.trail.countEvents();
    if (!this.isDue(latest, events, now)) return { kind: 'not_due' };
    return this.create(now, latest);
  }

  /**
   * Writes the next checkpoint now, over the chain heads as they stand, after checking that they
   * still contain every head the previous checkpoint signed.
   */
  async create(now: Date, latest?: Checkpoint | null): Promise<CheckpointOutcome> {
    const previous = latest === undefined ? await this.trail.latestCheckpoint() : latest;
    if (previous !== null) {
      const breaks = await this.continuityOf(await this.trail.headsOf(previous.seq));
      if (breaks.length > 0) {
        this.logger.error(
          `Checkpoint refused: the chains no longer hold what checkpoint ${previous.seq} signed: ` +
            breaks.map((b) => `${b.caseId} ${b.problem}`).join(', '),
        );
        return { kind: 'refused', previousSeq: previous.seq, breaks };
      }
    }
    const heads = await this.trail.chainHeads();
    const checkpoint = makeCheckpoint(
      heads,
      previous,
      now.toISOString(),
      this.config.checkpoints.signingKey?.privateKey ?? null,
    );
    if (!(await this.trail.appendCheckpoint(checkpoint, heads))) {
      return { kind: 'raced', seq: checkpoint.seq };
    }
    this.logger.log(
      `Checkpoint ${checkpoint.seq}: ${checkpoint.caseCount} cases, ${checkpoint.eventCount} records, ` +
        `root ${checkpoint.root}${checkpoint.signature ? '' : ' (unsigned)'}`,
    );
    return { kind: 'created', checkpoint };
  }

  /**
   * Walks every checkpoint: its seq, hash and link to the one before, its signature, its root
   * recomputed from the stored heads, and whether today's chains still hold each of those heads.
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
    for (const checkpoint of await this.trail.checkpoints()) {
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

      const heads = await this.trail.headsOf(seq);
      if (merkleRoot(heads) !== checkpoint.root) {
        problem(seq, 'ROOT_MISMATCH', 'the stored heads do not give the signed root');
      }
      const eventCount = heads.reduce((sum, head) => sum + head.seq, 0);
      if (heads.length !== checkpoint.caseCount || eventCount !== checkpoint.eventCount) {
        problem(
          seq,
          'COUNT_MISMATCH',
          `stored heads: ${heads.length} cases, ${eventCount} records; ` +
            `checkpoint: ${checkpoint.caseCount} cases, ${checkpoint.eventCount} records`,
        );
      }
      for (const broken of await this.continuityOf(heads)) {
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
    const all = await this.trail.checkpoints();
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

  private isDue(latest: Checkpoint | null, events: number, now: Date): boolean {
    const covered = latest?.eventCount ?? 0;
    if (events - covered >= this.config.checkpoints.everyEvents) return true;
    const { everyMinutes } = this.config.checkpoints;
    // Any change counts as "new": fewer records than covered (a deletion) must not stay silent.
    if (everyMinutes === 0 || events === covered) return false;
    if (latest === null) return true;
    return now.getTime() - Date.parse(latest.at) >= everyMinutes * 60_000;
  }

  private async continuityOf(heads: readonly ChainHead[]): Promise<ContinuityBreak[]> {
    if (heads.length === 0) return [];
    const hashes = await this.trail.hashesAt(heads);
    const existing = await this.trail.existingCases(heads.map((head) => head.caseId));
    // hashesAt answered for exactly these (case, seq) positions, one per case.
    return checkContinuity(
      heads,
      (caseId) => hashes.get(caseId) ?? null,
      (caseId) => existing.has(caseId),
    );
  }
}
