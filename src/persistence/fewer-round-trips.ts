import { escapeLiteral } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * PostgreSQL transactions that wait for fewer round trips. node-postgres sends one statement and
 * waits for its answer before the next (it cannot pipeline), and a transition's transaction was
 * six in series: BEGIN, the lock, the case's update with its record, the notification, the
 * timers, COMMIT. Here BEGIN is not sent alone but with the transaction's first statement, and a
 * write whose answer the transaction does not read (writeWithNext) waits and goes with the next
 * statement, or with COMMIT: together as one query of the simple protocol, which PostgreSQL runs
 * in order and stops at the first error, inside the same transaction, so what the database sees
 * is what it saw when they were sent one by one. A transition's transaction is now two round
 * trips: BEGIN with the lock, and the writes with COMMIT; or one, when the case was read before
 * it and the lock itself waits, on the condition that the case is unchanged (expectUnchanged in
 * the cases repository), to go with the writes.
 *
 * The simple protocol takes no parameters: the values go into the text as literals, each as
 * node-postgres sends a parameter (text, its type left to the server to infer from where it
 * stands, as for a parameter) and quoted by its escapeLiteral. Only strings, numbers, booleans
 * and nulls are written so; a statement with any other value (a file's bytes) is sent alone, as
 * before.
 */

/** A statement of writeWithNext: run when the transaction sends its next statement. */
export interface LaterWrite {
  sql: string;
  values: readonly unknown[];
  /**
   * The error to throw instead when this write fails (a unique violation that means a race),
   * given the driver's failure; undefined when the failure is not this write's to name.
   */
  failure?: (error: unknown) => Error | undefined;
}

/**
 * Runs `write` now or with the transaction's next statement: on a PostgreSQL transaction of the
 * Database (see above) it waits, elsewhere (SQLite, whose statements cost no round trip) it runs
 * at once. For writes whose result the caller does not need; a failure may surface at the next
 * statement or at COMMIT instead of here, and fails the transaction either way.
 */
export async function writeWithNext(manager: EntityManager, write: LaterWrite): Promise<void> {
  const batcher = batcherOf(manager);
  if (batcher !== undefined && inlinable(write.values)) {
    batcher.later.push(write);
    return;
  }
  try {
    await manager.query(write.sql, [...write.values]);
  } catch (error) {
    throw write.failure?.(error) ?? error;
  }
}

/**
 * Runs the statements one after the other and answers each one's rows: on a PostgreSQL
 * transaction of the Database as one query (with BEGIN and the writes waiting, if any), so one
 * round trip for all; elsewhere one by one. Each statement still runs after the one before it has
 * finished (a lock taken by one is held when the next reads, which sees what was committed
 * meanwhile, as if sent alone). For SELECTs.
 */
export async function readTogether(
  manager: EntityManager,
  statements: readonly { sql: string; values: readonly unknown[] }[],
): Promise<unknown[][]> {
  if (statements.length === 0) return [];
  const batcher = batcherOf(manager);
  if (batcher !== undefined && statements.every((statement) => inlinable(statement.values))) {
    return batcher.readTogether(statements);
  }
  const answers: unknown[][] = [];
  for (const statement of statements) {
    answers.push((await manager.query(statement.sql, [...statement.values])) as unknown[]);
  }
  return answers;
}

/** One transaction on its own connection, its statements sent as described above. */
export async function transactionWithFewerRoundTrips<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('master');
  const batcher = new Batcher(runner);
  batchers.set(runner, batcher);
  try {
    return await runner.manager.transaction(work);
  } finally {
    batchers.delete(runner);
    await runner.release();
  }
}

const batchers = new WeakMap<QueryRunner, Batcher>();

/** The Batcher of the PostgreSQL transaction `manager` runs in; none elsewhere. */
function batcherOf(manager: EntityManager): Batcher | undefined {
  return manager.queryRunner ? batchers.get(manager.queryRunner) : undefined;
}

type Query = QueryRunner['query'];
type Send = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/** What node-postgres answers a statement with. */
interface PgResult {
  command: string;
  rows: unknown[];
  rowCount: number | null;
}
interface PgClient {
  query(text: string): Promise<PgResult | PgResult[]>;
}

const BEGIN = 'START TRANSACTION';

/**
 * Takes over one query runner's query(): TypeORM's transaction() sends its BEGIN, COMMIT and
 * ROLLBACK through it too, which is where this holds BEGIN back and sends the writes with COMMIT.
 */
class Batcher {
  readonly later: LaterWrite[] = [];
  private beginHeld = false;
  private begun = false;
  /** The statement before, settled or not: the next one waits for it. */
  private previous: Promise<unknown> = Promise.resolve();
  private readonly send: Send;

  constructor(private readonly runner: QueryRunner) {
    this.send = runner.query.bind(runner) as Send;
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) =>
      this.query(sql, parameters, structured)) as Query;
  }

  /**
   * Statements run one after the other in the order they were asked for, as node-postgres runs
   * them on one connection: one asked for while another is on its way waits for it, rather than
   * overtake it with the writes it would take along.
   */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const answer = this.previous.then(work);
    this.previous = answer.catch(() => undefined);
    return answer;
  }

  private query(sql: string, parameters?: unknown[], structured = false): Promise<unknown> {
    return this.inTurn(() => this.queryInTurn(sql, parameters, structured));
  }

  private async queryInTurn(
    sql: string,
    parameters?: unknown[],
    structured = false,
  ): Promise<unknown> {
    if (sql === BEGIN && !this.begun && !this.beginHeld) {
      this.beginHeld = true;
      return undefined;
    }
    if (sql === 'ROLLBACK') {
      this.later.length = 0;
      this.beginHeld = false;
      if (!this.begun) return undefined;
      this.begun = false;
      return this.send(sql);
    }
    if (sql === 'COMMIT' && !this.begun && this.later.length === 0) {
      // Nothing was sent: there is nothing to commit.
      this.beginHeld = false;
      return undefined;
    }
    const answer = await this.sendWithHeld(sql, parameters ?? [], structured);
    if (sql === 'COMMIT') this.begun = false;
    return answer;
  }

  /** The statement, after or (when it can be written as text) together with what is held. */
  private async sendWithHeld(
    sql: string,
    parameters: unknown[],
    structured: boolean,
  ): Promise<unknown> {
    const held = this.heldStatements();
    if (held.length === 0) return this.send(sql, parameters, structured);
    if (structured || !inlinable(parameters)) {
      await this.sendTogether(held);
      return this.send(sql, parameters, structured);
    }
    const answers = await this.sendTogether([...held, { text: inlined(sql, parameters) }]);
    const answer = answers[answers.length - 1];
    // As TypeORM's query() answers: rows, and for UPDATE and DELETE [rows, count].
    return answer.command === 'UPDATE' || answer.command === 'DELETE'
      ? [answer.rows, answer.rowCount]
      : answer.rows;
  }

  /** BEGIN if it is held, then the writes waiting, as texts; taken from the queue. */
  private heldStatements(): { text: string; write?: LaterWrite }[] {
    const held: { text: string; write?: LaterWrite }[] = [];
    if (this.beginHeld) held.push({ text: BEGIN });
    for (const write of this.later.splice(0)) {
      held.push({ text: inlined(write.sql, write.values), write });
    }
    return held;
  }

  /** readTogether's statements, in turn with any others, after what is held. */
  readTogether(
    statements: readonly { sql: string; values: readonly unknown[] }[],
  ): Promise<unknown[][]> {
    return this.inTurn(async () => {
      const texts = statements.map((statement) => ({
        text: inlined(statement.sql, statement.values),
      }));
      const answers = await this.sendTogether([...this.heldStatements(), ...texts]);
      return answers.slice(-texts.length).map((result) => result.rows);
    });
  }

  /** The statements as one query; each one's answer, in order. */
  private async sendTogether(
    statements: { text: string; write?: LaterWrite }[],
  ): Promise<PgResult[]> {
    const text = statements.map((statement) => statement.text).join(';\n');
    if (this.beginHeld) {
      this.beginHeld = false;
      this.begun = true;
    }
    const client = (await this.runner.connect()) as PgClient;
    try {
      const answer = await client.query(text);
      return Array.isArray(answer) ? answer : [answer];
    } catch (error) {
      for (const { write } of statements) {
        const named = write?.failure?.(error);
        if (named !== undefined) throw named;
      }
      throw new QueryFailedError(text, [], error as Error);
    }
  }
}

/** Values the simple protocol can carry as literals, as node-postgres would send them. */
function inlinable(values: readonly unknown[]): boolean {
  return values.every(
    (value) =>
      value === null ||
      value === undefined ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      typeof value === 'bigint' ||
      (typeof value === 'number' && Number.isFinite(value)),
  );
}

/** A literal for a value `inlinable` accepts: the text node-postgres sends, quoted; NULL. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return escapeLiteral(String(value as string | number | boolean | bigint));
}

/** A quoted text ('…' or "…", a doubled quote inside it) or a placeholder. */
const QUOTED_OR_PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;

/**
 * The statement with its placeholders ($1, $2, …) replaced by its values as literals. Quoted text
 * is copied as it is: a `$1` inside a string literal or a name is no placeholder.
 */
function inlined(sql: string, values: readonly unknown[]): string {
  // Without values there is nothing to put in (and a `$1` would be text, as in a $$-quoted body).
  if (values.length === 0) return sql;
  return sql.replace(QUOTED_OR_PLACEHOLDER, (match, index: string | undefined) => {
    if (index === undefined) return match;
    const position = Number(index);
    if (position < 1 || position > values.length) {
      throw new Error(`$${position} has no value (${values.length} given) in: ${sql}`);
    }
    return literal(values[position - 1]);
  });
}
