import { EntityManager, type DataSource, type QueryRunner } from 'typeorm';
import type { BackgroundStatement } from './background-connection';
import { onlyPlainValues } from './sql';

/**
 * Blind writes: a transaction that reads nothing inside it. Everything it runs is a write whose
 * answer it does not need (writeWithNext) or a precondition whose answer is only a number of rows
 * (expectWithNext), so its statements can be collected while its code runs and committed later,
 * elsewhere, in one piece: on SQLite, by the writer thread (Database.writeBlind), off the event
 * loop that serves the requests. The copy of the case it writes over was read before it, and a
 * precondition makes sure that copy is still the case when the writes commit.
 *
 * Code that does read in such a transaction (a plug-in's effect that looks at other cases), or
 * writes something that cannot cross to a thread (a file's bytes), is not refused: the attempt
 * throws NotABlindWrite, its collected statements are dropped, and the Database runs the whole
 * unit of work again as an ordinary transaction. So a unit of work given to writeBlind must be
 * safe to run twice: it may only change the database through its manager (the engine's case
 * transactions are: they compute, then write).
 */

/** A held statement: a write, or a precondition on the number of rows a statement gives. */
export interface HeldWrite extends BackgroundStatement {
  /**
   * The error to throw instead when this statement fails or its precondition does not hold
   * (given a PreconditionFailedError, or the driver's failure as a QueryFailedError); undefined
   * when it is not this statement's to name.
   */
  failure?: (error: unknown) => Error | undefined;
}

/** The unit of work did something a blind write cannot hold: run it again in a transaction. */
export class NotABlindWrite extends Error {
  constructor(what: string) {
    super(`not a blind write: ${what}`);
  }
}

/**
 * The manager a blind write runs on: it runs nothing. Its query(), and everything TypeORM would
 * run through its query runner (repositories, query builders, transactions), throw
 * NotABlindWrite; writeWithNext and expectWithNext hold their statements on it.
 */
export class BlindWriteManager extends EntityManager {
  readonly held: HeldWrite[] = [];

  constructor(dataSource: DataSource) {
    super(dataSource, refusingQueryRunner());
  }

  /** Holds the statement; only values that cross to a thread as they are (no bytes). */
  hold(write: HeldWrite): void {
    if (!onlyPlainValues(write.values)) throw new NotABlindWrite(`a value of ${write.sql}`);
    this.held.push(write);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query<T = any>(sql: string): Promise<T> {
    return Promise.reject(new NotABlindWrite(`a statement whose answer is read: ${sql}`));
  }
}

/** The blind write `manager` collects statements for, if it is one. */
export function blindWriteOf(manager: EntityManager): BlindWriteManager | undefined {
  return manager instanceof BlindWriteManager ? manager : undefined;
}

/**
 * The error a held statement's failure is reported as: its own `failure`'s, else the failure
 * itself (a PreconditionFailedError, a QueryFailedError).
 */
export function failureOf(write: HeldWrite | undefined, error: unknown): unknown {
  return write?.failure?.(error) ?? error;
}

/**
 * A query runner that refuses everything: TypeORM reaches the database only through it, so a
 * repository or query builder used on a blind write fails here (and the unit runs again as a
 * transaction) rather than run on the shared connection outside any transaction.
 */
function refusingQueryRunner(): QueryRunner {
  const state: Record<string | symbol, unknown> = { isReleased: false, data: {} };
  return new Proxy(state, {
    get(target, property) {
      if (Object.hasOwn(target, property)) return target[property];
      // Promises and inspection ask for these; they are not a use of the database.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new NotABlindWrite(`the query runner's ${String(property)}`);
    },
    set(target, property, value) {
      target[property] = value;
      return true;
    },
  }) as unknown as QueryRunner;
}
