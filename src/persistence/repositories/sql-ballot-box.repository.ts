import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Database, type Dialect } from '../database';
import { byteOrder, param, placeholders } from '../sql';
import {
  AlreadyVotedError,
  BALLOT_CHOICES,
  type BallotBox,
  type BallotChoice,
  type BallotContentSealer,
  type OpenBallot,
  type PublishedBallot,
} from './ballot-box.repository';
import { sqlManagerOf } from './case-transaction-sql';
import type { CaseTransaction } from './cases.repository';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand stays unambiguous. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_BYTES = 10;
const RECEIPT_LENGTH = 16;
const RECEIPT_GROUP = 4;

const CONTENT_COLUMNS = 4;
const CONTENTS_PER_STATEMENT = 100;

interface SealedRow {
  item_case_id: string;
  sealed: string;
}

interface ContentRow {
  item_case_id: string;
  receipt_hash: string;
  choice: string;
}

interface OpenBallotRow {
  item_case_id: string;
  person_id: string;
  choice: string;
}

interface ParticipationRow {
  item_case_id: string;
  person_id: string;
}

export class SqlBallotBox implements BallotBox {
  private readonly dialect: Dialect;

  constructor(
    private readonly database: Database,
    private readonly sealer: BallotContentSealer,
  ) {
    this.dialect = database.dialect;
  }

  async castIn(
    tx: CaseTransaction,
    vote: {
      sessionId: string;
      itemCaseId: string;
      personId: string;
      choice: BallotChoice;
      mode: 'secret' | 'open';
    },
  ): Promise<{ receipt: string }> {
    if (!BALLOT_CHOICES.includes(vote.choice)) {
      throw new Error(`"${String(vote.choice)}" is not a ballot choice`);
    }
    const manager = sqlManagerOf(tx);
    const p = (index: number) => param(this.dialect, index);
    const key = [vote.sessionId, vote.itemCaseId, vote.personId];
    // Asked first rather than caught from the INSERT: on PostgreSQL a failed statement aborts the
    // whole transaction the caller is still using.
    const voted: unknown[] = await manager.query(
      'SELECT 1 AS voted FROM ballot_participation ' +
        `WHERE session_id = ${p(1)} AND item_case_id = ${p(2)} AND person_id = ${p(3)}`,
      key,
    );
    if (voted.length > 0) throw new AlreadyVotedError(vote.itemCaseId);

    await manager.query(
      'INSERT INTO ballot_participation (session_id, item_case_id, person_id) ' +
        `VALUES (${placeholders(this.dialect, 3)})`,
      key,
    );
    const receipt = newReceipt();
    const receiptHash = receiptHashOf(vote.sessionId, receipt);
    if (vote.mode === 'secret') {
      // A random (v4) id: a time-ordered one would date the ballot and order it among the others.
      const sealed = this.sealer.seal(
        { itemCaseId: vote.itemCaseId, choice: vote.choice, receiptHash },
        vote.sessionId,
      );
      await manager.query(
        'INSERT INTO sealed_ballots (id, session_id, item_case_id, sealed) ' +
          `VALUES (${placeholders(this.dialect, 4)})`,
        [randomUUID(), vote.sessionId, vote.itemCaseId, sealed],
      );
    } else {
      await manager.query(
        'INSERT INTO open_ballots (session_id, item_case_id, person_id, choice, receipt_hash) ' +
          `VALUES (${placeholders(this.dialect, 5)})`,
        [...key, vote.choice, receiptHash],
      );
    }
    return { receipt: formatReceipt(receipt) };
  }

  participationIn(
    tx: CaseTransaction,
    sessionId: string,
  ): Promise<{ itemCaseId: string; personId: string }[]> {
    return this.participation(sqlManagerOf(tx), sessionId);
  }

  participationOf(sessionId: string): Promise<{ itemCaseId: string; personId: string }[]> {
    return this.database.read((manager) => this.participation(manager, sessionId));
  }

  async countIn(
    tx: CaseTransaction,
    sessionId: string,
  ): Promise<{ secret: PublishedBallot[]; open: OpenBallot[] }> {
    const manager = sqlManagerOf(tx);
    const sealedRows: SealedRow[] = await manager.query(
      `SELECT item_case_id, sealed FROM sealed_ballots WHERE session_id = ${param(this.dialect, 1)}`,
      [sessionId],
    );
    const contents = sealedRows.map((row) => this.unsealed(row, sessionId));
    await this.insertContents(manager, sessionId, shuffled(contents));
    await manager.query(`DELETE FROM sealed_ballots WHERE session_id = ${param(this.dialect, 1)}`, [
      sessionId,
    ]);
    return {
      secret: await this.contents(manager, sessionId),
      open: await this.openBallotsOf(manager, sessionId),
    };
  }

  async discardIn(tx: CaseTransaction, sessionId: string): Promise<void> {
    await sqlManagerOf(tx).query(
      `DELETE FROM sealed_ballots WHERE session_id = ${param(this.dialect, 1)}`,
      [sessionId],
    );
  }

  published(sessionId: string): Promise<PublishedBallot[]> {
    return this.database.read((manager) => this.contents(manager, sessionId));
  }

  openBallots(sessionId: string): Promise<OpenBallot[]> {
    return this.database.read((manager) => this.openBallotsOf(manager, sessionId));
  }

  async checkReceipt(sessionId: string, receipt: string): Promise<PublishedBallot | null> {
    const normalized = normalizeReceipt(receipt);
    if (normalized === null) return null;
    const receiptHash = receiptHashOf(sessionId, normalized);
    const p = (index: number) => param(this.dialect, index);
    const rows: ContentRow[] = await this.database.read((manager) =>
      manager.query(
        'SELECT item_case_id, receipt_hash, choice FROM ballot_contents ' +
          `WHERE session_id = ${p(1)} AND receipt_hash = ${p(2)} ` +
          'UNION ALL SELECT item_case_id, receipt_hash, choice FROM open_ballots ' +
          `WHERE session_id = ${p(3)} AND receipt_hash = ${p(4)}`,
        [sessionId, receiptHash, sessionId, receiptHash],
      ),
    );
    return rows.length === 0 ? null : toPublished(rows[0]);
  }

  private unsealed(row: SealedRow, sessionId: string): PublishedBallot {
    const content = this.sealer.unseal(row.sealed, sessionId) as Partial<PublishedBallot>;
    // The item is inside the seal too: a sealed row moved to another item of the session is
    // refused rather than counted there.
    if (
      content.itemCaseId !== row.item_case_id ||
      !BALLOT_CHOICES.includes(content.choice as BallotChoice) ||
      typeof content.receiptHash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(content.receiptHash)
    ) {
      throw new Error(`A sealed ballot of session ${sessionId} does not match its row`);
    }
    return {
      itemCaseId: content.itemCaseId,
      receiptHash: content.receiptHash,
      choice: content.choice as BallotChoice,
    };
  }

  /** Several rows per statement, in the order given: the stored order is the shuffled one. */
  private async insertContents(
    manager: EntityManager,
    sessionId: string,
    contents: readonly PublishedBallot[],
  ): Promise<void> {
    for (let start = 0; start < contents.length; start += CONTENTS_PER_STATEMENT) {
      const batch = contents.slice(start, start + CONTENTS_PER_STATEMENT);
      const rows = batch.map(
        (_, index) =>
          `(${placeholders(this.dialect, CONTENT_COLUMNS, index * CONTENT_COLUMNS + 1)})`,
      );
      await manager.query(
        'INSERT INTO ballot_contents (session_id, item_case_id, receipt_hash, choice) ' +
          `VALUES ${rows.join(', ')}`,
        batch.flatMap((content) => [
          sessionId,
          content.itemCaseId,
          content.receiptHash,
          content.choice,
        ]),
      );
    }
  }

  private async contents(manager: EntityManager, sessionId: string): Promise<PublishedBallot[]> {
    const collate = byteOrder(this.dialect);
    const rows: ContentRow[] = await manager.query(
      'SELECT item_case_id, receipt_hash, choice FROM ballot_contents ' +
        `WHERE session_id = ${param(this.dialect, 1)} ` +
        `ORDER BY item_case_id${collate}, receipt_hash${collate}`,
      [sessionId],
    );
    return rows.map(toPublished);
  }

  private async openBallotsOf(manager: EntityManager, sessionId: string): Promise<OpenBallot[]> {
    const collate = byteOrder(this.dialect);
    const rows: OpenBallotRow[] = await manager.query(
      'SELECT item_case_id, person_id, choice FROM open_ballots ' +
        `WHERE session_id = ${param(this.dialect, 1)} ` +
        `ORDER BY item_case_id${collate}, person_id${collate}`,
      [sessionId],
    );
    return rows.map((row) => ({
      itemCaseId: row.item_case_id,
      personId: row.person_id,
      choice: row.choice as BallotChoice,
    }));
  }

  private async participation(
    manager: EntityManager,
    sessionId: string,
  ): Promise<{ itemCaseId: string; personId: string }[]> {
    const collate = byteOrder(this.dialect);
    const rows: ParticipationRow[] = await manager.query(
      'SELECT item_case_id, person_id FROM ballot_participation ' +
        `WHERE session_id = ${param(this.dialect, 1)} ` +
        `ORDER BY item_case_id${collate}, person_id${collate}`,
      [sessionId],
    );
    return rows.map((row) => ({ itemCaseId: row.item_case_id, personId: row.person_id }));
  }
}

/** 80 random bits as 16 base-32 characters, without dashes. */
function newReceipt(): string {
  let bits = BigInt(`0x${randomBytes(RECEIPT_BYTES).toString('hex')}`);
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

function formatReceipt(code: string): string {
  return code.match(new RegExp(`.{${RECEIPT_GROUP}}`, 'g'))!.join('-');
}

/**
 * A receipt code as the voter may type it back: any case, dashes and spaces anywhere, and the
 * letters Crockford's alphabet leaves out read as the digits they look like. null: not a code.
 */
export function normalizeReceipt(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_LENGTH) return null;
  return [...code].every((char) => CROCKFORD.includes(char)) ? code : null;
}

/**
 * The session is hashed in so that the same code in two sessions gives unrelated hashes; 80
 * random bits are far beyond guessing, so a plain SHA-256 suffices.
 */
export function receiptHashOf(sessionId: string, normalizedReceipt: string): string {
  return createHash('sha256')
    .update(`ballot-receipt:${sessionId}:${normalizedReceipt}`)
    .digest('hex');
}

/** Fisher–Yates with a cryptographic source: an order no one can predict or reproduce. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

function toPublished(row: ContentRow): PublishedBallot {
  return {
    itemCaseId: row.item_case_id,
    receiptHash: row.receipt_hash,
    choice: row.choice as BallotChoice,
  };
}
