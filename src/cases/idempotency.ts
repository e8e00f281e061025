import { canonicalJson, sha256Hex } from '../domain/audit/canonical-json';
import {
  DuplicateIdempotencyKeyError,
  type CasesRepository,
  type CaseTransaction,
  type StoredResponse,
} from '../persistence/repositories/cases.repository';
import { idempotencyKeyReused } from './case-errors';
import type { CaseView } from './case-view';

/** How a command arrived: an `Idempotency-Key` makes repeating it safe. */
export interface IdempotentRequest {
  key?: string;
  method: string;
  path: string;
}

/** A command's answer: what to send, and whether it is the replay of an earlier identical request. */
export interface CommandResult<View = CaseView> {
  status: number;
  body: View;
  replayed: boolean;
}

/**
 * Repeats of a keyed request answer as the first one did, and apply nothing; the same key with a
 * different request is refused. The first answer is stored in the transaction of the change it
 * reports, so a crash loses both or neither.
 */
export class Idempotency {
  private readonly requestHash: string;

  constructor(
    private readonly request: IdempotentRequest,
    body: object,
  ) {
    this.requestHash = sha256Hex(
      canonicalJson({ method: request.method, path: request.path, body }),
    );
  }

  /** Whether the request carries a key (and so may be a repeat). */
  get keyed(): boolean {
    return this.request.key !== undefined;
  }

  /**
   * Before the case is locked: the stored answer replayIn will look for is read with the lock,
   * after it is held (one round trip for both on PostgreSQL). `userId`: who the caller expects
   * to act as; replayIn for anyone else reads again.
   */
  readWithLock(tx: CaseTransaction, userId: string | undefined): void {
    if (this.request.key !== undefined && userId !== undefined) {
      tx.findResponseWithLock(userId, this.request.key);
    }
  }

  /**
   * The answer stored so far for this request's key, read outside any transaction (null without
   * a key); `replayOf` says whether this request repeats it.
   */
  async storedAnswer(
    cases: CasesRepository,
    userId: string | undefined,
  ): Promise<StoredResponse | null> {
    if (this.request.key === undefined || userId === undefined) return null;
    return cases.findResponse(userId, this.request.key);
  }

  /** The stored answer to an earlier identical request, if this one repeats it. */
  async replayIn<View = CaseView>(
    tx: CaseTransaction,
    userId: string,
  ): Promise<CommandResult<View> | null> {
    if (this.request.key === undefined) return null;
    return this.replayOf<View>(await tx.findResponse(userId, this.request.key));
  }

  /** Stores the answer with the change (for a keyed request) and returns it. */
  async answer<View = CaseView>(
    tx: CaseTransaction,
    userId: string,
    status: number,
    body: View,
    at: string,
  ): Promise<CommandResult<View>> {
    if (this.request.key !== undefined) {
      await tx.rememberResponse(
        userId,
        this.request.key,
        { requestHash: this.requestHash, status, body },
        at,
      );
    }
    return { status, body, replayed: false };
  }

  /** Two identical keyed requests raced and the other committed first: answer as it did. */
  async afterRace<View = CaseView>(
    error: unknown,
    cases: CasesRepository,
    userId: string,
  ): Promise<CommandResult<View>> {
    const key = this.request.key;
    if (!(error instanceof DuplicateIdempotencyKeyError) || key === undefined) throw error;
    const replay = this.replayOf<View>(await cases.findResponse(userId, key));
    if (!replay) throw error;
    return replay;
  }

  /** The replay of a stored answer; refused if the key was used for another request. */
  replayOf<View>(stored: StoredResponse | null): CommandResult<View> | null {
    if (!stored) return null;
    if (stored.requestHash !== this.requestHash) throw idempotencyKeyReused();
    return { status: stored.status, body: stored.body as View, replayed: true };
  }
}
