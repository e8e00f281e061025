import type { Clock } from '../common/clock';
import type { ChainVerification } from '../domain/audit/verify-chain';
import type { StoredCase } from '../domain/cases/stored-case';
import type { CasesRepository } from '../persistence/repositories/cases.repository';
import type { ChainVerificationsRepository } from '../persistence/repositories/chain-verifications.repository';
import type { VerificationRowsRepository } from '../persistence/repositories/verification-rows.repository';
import type { WorkerPool } from '../workers/worker-pool';
import { VERIFY_CHAIN } from './case-verification.tasks';
import { SharedRuns } from '../workers/shared-runs';

/**
 * A check claimed for redoing but not redone (the pool was busy, the instance stopped) is due
 * again this long after, rather than a whole period later.
 */
const CLAIM_LEASE_MS = 15 * 60 * 1000;

/**
 * A case's hash-chain check, made once per head and stored. Every accepted event moves the head
 * (the row's version and head hash), so a stored check made at the current head covers every
 * record the case has through the normal write path; it is redone, in a worker thread, only when
 * the head has moved, and redone in the background once it is old (recheckMadeBefore), which is
 * what catches an earlier record rewritten behind the application's back while the head stayed.
 */
export class ChainVerifications {
  /** Checks running in this process, by case and head: concurrent askers share one. */
  private readonly running = new SharedRuns<ChainVerification>();

  constructor(
    private readonly verifications: ChainVerificationsRepository,
    private readonly cases: CasesRepository,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
    /** Rows as stored: their records are proved by hashing the stored text (no canonicalising). */
    private readonly rows?: VerificationRowsRepository,
  ) {}

  /** The check of the case at its current head: the stored one, or one made now and stored. */
  async atHead(stored: StoredCase): Promise<ChainVerification> {
    const saved = await this.verifications.find(stored.id);
    if (
      saved !== null &&
      saved.head.seq === stored.version &&
      saved.head.hash === stored.headHash
    ) {
      return saved.result;
    }
    return this.verifyOnce(stored);
  }

  /**
   * Redoes up to `limit` stored checks made before `before`, oldest first, one at a time (so the
   * worker pool stays free for requests); each is claimed first, so several app instances sharing
   * the database do not redo the same one. Returns how many were redone.
   */
  async recheckMadeBefore(before: string, limit: number): Promise<number> {
    // Claimed as if made just after `before`: if it is not redone, it is due again soon.
    const claimedAt = new Date(Date.parse(before) + CLAIM_LEASE_MS).toISOString();
    let redone = 0;
    for (const due of await this.verifications.madeBefore(before, limit)) {
      const claimed = await this.verifications.claim(due.caseId, due.verifiedAt, claimedAt);
      if (!claimed) continue;
      const stored = await this.cases.findById(due.caseId);
      if (stored === null) continue;
      await this.verifyOnce(stored);
      redone += 1;
    }
    return redone;
  }

  private verifyOnce(stored: StoredCase): Promise<ChainVerification> {
    const key = `${stored.id}@${stored.version}:${stored.headHash}`;
    return this.running.run(key, () => this.verifyAndStore(stored));
  }

  private async verifyAndStore(stored: StoredCase): Promise<ChainVerification> {
    const caseId = stored.id;
    const result = await this.pool.run(
      VERIFY_CHAIN,
      this.rows === undefined
        ? { caseId, records: await this.cases.fullHistory(caseId) }
        : { caseId, rows: await this.rows.rowsOfCases([caseId]) },
    );
    await this.verifications.save({
      caseId: stored.id,
      head: { seq: stored.version, hash: stored.headHash },
      result,
      verifiedAt: this.clock.nowIso(),
    });
    return result;
  }
}
