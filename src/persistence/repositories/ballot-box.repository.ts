import { DomainError } from '../../domain/errors';
import type { Localized } from '../../domain/localized';
import type { CaseTransaction } from './cases.repository';

import type { BallotChoice } from '../../domain/council/collegial-vote';

export type { BallotChoice } from '../../domain/council/collegial-vote';
export { BALLOT_CHOICES } from '../../domain/council/collegial-vote';

export const BALLOT_BOX = Symbol('BallotBox');

/** A secret ballot as published at the close: what was chosen on which item, never by whom. */
export interface PublishedBallot {
  itemCaseId: string;
  /** SHA-256 of the voter's receipt code (and the session): only the voter can match it. */
  receiptHash: string;
  choice: BallotChoice;
}

export interface OpenBallot {
  itemCaseId: string;
  personId: string;
  choice: BallotChoice;
}

/**
 * Ballots, kept so that no path leads from a secret ballot's content to its voter: who took part
 * (`ballot_participation`) and what was chosen (sealed until the close, then `ballot_contents`)
 * are stored apart, and the published contents carry no voter, time or order of casting.
 */
export interface BallotBox {
  /**
   * Inside the transaction that holds the session case's lock (tx.findForUpdate(sessionId)).
   * Throws AlreadyVotedError (COUNCIL.ALREADY_VOTED, 409) if the person took part in the vote on
   * this item already. secret: participation row + sealed content; open: participation row + the
   * open ballot. Returns the receipt code: 4 groups of 4 Crockford base-32 characters (80 random
   * bits), shown to the voter once and stored only as a hash.
   */
  castIn(
    tx: CaseTransaction,
    vote: {
      sessionId: string;
      itemCaseId: string;
      personId: string;
      choice: BallotChoice;
      mode: 'secret' | 'open';
    },
  ): Promise<{ receipt: string }>;
  /** Who took part in the vote on which item, ordered by item then person. */
  participationIn(
    tx: CaseTransaction,
    sessionId: string,
  ): Promise<{ itemCaseId: string; personId: string }[]>;
  participationOf(sessionId: string): Promise<{ itemCaseId: string; personId: string }[]>;
  /**
   * At the close, in its transaction: unseal every sealed ballot of the session, insert the contents
   * shuffled, delete the sealed rows; return every content (published) and the open ballots. Called
   * again, it finds nothing left to unseal and returns the same.
   */
  countIn(
    tx: CaseTransaction,
    sessionId: string,
  ): Promise<{ secret: PublishedBallot[]; open: OpenBallot[] }>;
  /** A cancelled session: its sealed ballots are deleted unread. */
  discardIn(tx: CaseTransaction, sessionId: string): Promise<void>;
  /** Ordered by item then receipt hash. */
  published(sessionId: string): Promise<PublishedBallot[]>;
  /** Ordered by item then person. */
  openBallots(sessionId: string): Promise<OpenBallot[]>;
  /**
   * The published ballot (secret or open) a receipt code stands for, or null. The code is read
   * leniently as Crockford base 32: any case, with or without the dashes, O for 0, I and L for 1.
   */
  checkReceipt(sessionId: string, receipt: string): Promise<PublishedBallot | null>;
}

/**
 * What the ballot box needs of the sealing: `BallotSealer` (src/councils/ballot-sealing.ts) is one.
 * Named here so that persistence depends on no feature module.
 */
export interface BallotContentSealer {
  seal(content: object, sessionId: string): string;
  unseal(sealed: string, sessionId: string): object;
}

/** A member votes once on an item, and a ballot cast is never changed. */
export class AlreadyVotedError extends DomainError {
  readonly code = 'COUNCIL.ALREADY_VOTED';
  readonly kind = 'conflict';
  readonly localized: Localized = {
    vi: 'Bạn đã bỏ phiếu cho nội dung này; phiếu đã bỏ không thể thay đổi.',
    en: 'You have already voted on this item; a ballot cannot be changed.',
  };

  constructor(itemCaseId: string) {
    super('You have already voted on this item; a ballot cannot be changed.', {
      caseId: itemCaseId,
    });
  }
}
