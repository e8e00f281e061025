import type { EntityManager } from 'typeorm';
import type { Localized } from '../domain/localized';
import type { Dialect } from '../persistence/database';
import { writeWithNext } from '../persistence/fewer-round-trips';
import { byteOrder, param, returnedRows, valueRows } from '../persistence/sql';

export type TimerStatus = 'pending' | 'fired' | 'skipped' | 'cancelled' | 'failed';

export const TIMER_STATUSES: readonly TimerStatus[] = [
  'pending',
  'fired',
  'skipped',
  'cancelled',
  'failed',
];

/** One row of `case_timers` (see the migration 1764240000000-case-timers). */
export interface StoredTimer {
  id: string;
  caseId: string;
  unitId: string | null;
  workflowId: string;
  workflowVersion: number;
  state: string;
  enteredSeq: number;
  name: string;
  label: Localized;
  dueOn: string | null;
  firesAt: string | null;
  sendEvent: string | null;
  remind: string[];
  escalate: string[];
  status: TimerStatus;
  problem: string | null;
  message: Localized | null;
  createdAt: string;
  settledAt: string | null;
  firedSeq: number | null;
}

/** A timer with what the scoped lists need to know of its case. */
export interface ListedTimer extends StoredTimer {
  caseType: string;
  unitPath: string;
  subjectPersonId: string | null;
  subjectName: string;
}

interface TimerRow {
  id: string;
  case_id: string;
  unit_id: string | null;
  workflow_id: string;
  workflow_version: number | string;
  state: string;
  entered_seq: number | string;
  name: string;
  label_vi: string;
  label_en: string;
  due_on: string | null;
  fires_at: string | null;
  send_event: string | null;
  remind_roles: string;
  escalate_roles: string;
  status: TimerStatus;
  problem: string | null;
  message_vi: string | null;
  message_en: string | null;
  created_at: string;
  settled_at: string | null;
  fired_seq: number | string | null;
}

interface ListedRow extends TimerRow {
  case_type: string;
  unit_path: string;
  subject_person_id: string | null;
  subject_json: string;
}

const COLUMNS = [
  'id',
  'case_id',
  'unit_id',
  'workflow_id',
  'workflow_version',
  'state',
  'entered_seq',
  'name',
  'label_vi',
  'label_en',
  'due_on',
  'fires_at',
  'send_event',
  'remind_roles',
  'escalate_roles',
  'status',
  'problem',
  'message_vi',
  'message_en',
  'created_at',
  'settled_at',
  'fired_seq',
] as const;

/** A failed timer has no firing time: it sorts first, and keyset pages still work. */
const FIRES = "COALESCE(t.fires_at, '')";

const SELECT_TIMER = COLUMNS.map((column) => `t.${column}`).join(', ');

/** A timer's statement parameters, in COLUMNS order. */
function valuesOf(timer: StoredTimer): unknown[] {
  return [
    timer.id,
    timer.caseId,
    timer.unitId,
    timer.workflowId,
    timer.workflowVersion,
    timer.state,
    timer.enteredSeq,
    timer.name,
    timer.label.vi,
    timer.label.en,
    timer.dueOn,
    timer.firesAt,
    timer.sendEvent,
    JSON.stringify(timer.remind),
    JSON.stringify(timer.escalate),
    timer.status,
    timer.problem,
    timer.message?.vi ?? null,
    timer.message?.en ?? null,
    timer.createdAt,
    timer.settledAt,
    timer.firedSeq,
  ];
}

function toTimer(row: TimerRow): StoredTimer {
  return {
    id: row.id,
    caseId: row.case_id,
    unitId: row.unit_id,
    workflowId: row.workflow_id,
    workflowVersion: Number(row.workflow_version),
    state: row.state,
    enteredSeq: Number(row.entered_seq),
    name: row.name,
    label: { vi: row.label_vi, en: row.label_en },
    dueOn: row.due_on,
    firesAt: row.fires_at,
    sendEvent: row.send_event,
    remind: JSON.parse(row.remind_roles) as string[],
    escalate: JSON.parse(row.escalate_roles) as string[],
    status: row.status,
    problem: row.problem,
    message:
      row.message_vi === null || row.message_en === null
        ? null
        : { vi: row.message_vi, en: row.message_en },
    createdAt: row.created_at,
    settledAt: row.settled_at,
    firedSeq: row.fired_seq === null ? null : Number(row.fired_seq),
  };
}

function toListed(row: ListedRow): ListedTimer {
  const subject = JSON.parse(row.subject_json) as { name?: unknown };
  return {
    ...toTimer(row),
    caseType: row.case_type,
    unitPath: row.unit_path,
    subjectPersonId: row.subject_person_id,
    subjectName: typeof subject.name === 'string' ? subject.name : '',
  };
}

/** Where the list may look: subtrees (unit paths); null = every unit. */
export interface TimerListFilter {
  scopes: readonly string[] | null;
  statuses: readonly TimerStatus[];
  /** Only timers firing at or before this instant. */
  firesBefore?: string;
  /** Only timers of cases in this unit's subtree. */
  unitPath?: string;
  /** Keyset: after this (fires_at, id). */
  after?: { firesAt: string; id: string };
  limit: number;
}

/**
 * The SQL of `case_timers`, on the manager of the caller's transaction (the effect's, the
 * scheduler's) or of a read. Plain SQL valid on both engines; only placeholders and the claim's
 * row locks differ.
 */
export class CaseTimersSql {
  constructor(private readonly dialect: Dialect) {}

  private p(index: number): string {
    return param(this.dialect, index);
  }

  async insert(manager: EntityManager, ...timers: StoredTimer[]): Promise<void> {
    if (timers.length === 0) return;
    await writeWithNext(manager, {
      sql: this.insertSql(timers.length),
      values: timers.flatMap(valuesOf),
    });
  }

  /**
   * A case moved from one state to another: its pending and failed timers are cancelled (none can
   * fire any more; a failed one keeps its reason) and the new state's timers inserted. On
   * PostgreSQL one statement, one round trip: the UPDATE in its WITH sees the rows as they were
   * when the statement began, so it never cancels the timers the same statement inserts.
   */
  async replacePending(
    manager: EntityManager,
    caseId: string,
    at: string,
    timers: readonly StoredTimer[],
  ): Promise<void> {
    const cancel = (first: number) =>
      `UPDATE case_timers SET status = 'cancelled', settled_at = ${this.p(first)} ` +
      `WHERE case_id = ${this.p(first + 1)} AND status IN ('pending', 'failed')`;
    const values = timers.flatMap(valuesOf);
    if (this.dialect === 'postgres' && timers.length > 0) {
      const first = values.length + 1;
      await writeWithNext(manager, {
        sql: `WITH cancelled AS (${cancel(first)}) ${this.insertSql(timers.length)}`,
        values: [...values, at, caseId],
      });
      return;
    }
    await writeWithNext(manager, { sql: cancel(1), values: [at, caseId] });
    await this.insert(manager, ...timers);
  }

  private insertSql(rows: number): string {
    return (
      `INSERT INTO case_timers (${COLUMNS.join(', ')}) ` +
      `VALUES ${valueRows(this.dialect, rows, COLUMNS.length)}`
    );
  }

  /**
   * The pending timer that fell due first, locked for this transaction. On PostgreSQL the case's
   * row is locked with it and either lock held elsewhere skips the timer (`SKIP LOCKED`): another
   * scheduler is firing it, or a request is moving its case (whose effect cancels or keeps it).
   * Locking both at once, never one then the other, is what keeps two schedulers and a request
   * from waiting on each other in a cycle. SQLite has one writer: nothing to lock.
   */
  async claimNextDue(manager: EntityManager, now: string): Promise<StoredTimer | null> {
    const lock = this.dialect === 'postgres' ? ' FOR UPDATE OF t, c SKIP LOCKED' : '';
    const rows: TimerRow[] = await manager.query(
      `SELECT ${SELECT_TIMER} FROM case_timers t JOIN cases c ON c.id = t.case_id ` +
        `WHERE t.status = 'pending' AND t.fires_at <= ${this.p(1)} ` +
        `ORDER BY t.fires_at, t.id LIMIT 1${lock}`,
      [now],
    );
    return rows.length === 0 ? null : toTimer(rows[0]);
  }

  async markFired(
    manager: EntityManager,
    id: string,
    firedSeq: number | null,
    at: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_timers SET status = 'fired', fired_seq = ${this.p(1)}, settled_at = ${this.p(2)}, ` +
        `problem = NULL, message_vi = NULL, message_en = NULL WHERE id = ${this.p(3)}`,
      [firedSeq, at, id],
    );
  }

  /**
   * Settles a still pending timer without firing it: `skipped` when its event was refused,
   * `failed` when firing it went wrong in an unexpected way.
   */
  async settleUnfired(
    manager: EntityManager,
    id: string,
    status: 'skipped' | 'failed',
    problem: string,
    message: Localized,
    at: string,
  ): Promise<boolean> {
    const result: unknown = await manager.query(
      `UPDATE case_timers SET status = ${this.p(1)}, problem = ${this.p(2)}, message_vi = ${this.p(3)}, ` +
        `message_en = ${this.p(4)}, settled_at = ${this.p(5)} ` +
        `WHERE id = ${this.p(6)} AND status = 'pending' RETURNING id`,
      [status, problem, message.vi, message.en, at, id],
    );
    return returnedRows(result) > 0;
  }

  /** A failed timer recomputed: pending again with its due day, or still failed with why. */
  async recompute(
    manager: EntityManager,
    id: string,
    outcome:
      | { ok: true; dueOn: string; firesAt: string }
      | { ok: false; problem: string; message: Localized },
    at: string,
  ): Promise<boolean> {
    const result: unknown = outcome.ok
      ? await manager.query(
          `UPDATE case_timers SET status = 'pending', due_on = ${this.p(1)}, fires_at = ${this.p(2)}, ` +
            `problem = NULL, message_vi = NULL, message_en = NULL, settled_at = NULL ` +
            `WHERE id = ${this.p(3)} AND status = 'failed' RETURNING id`,
          [outcome.dueOn, outcome.firesAt, id],
        )
      : await manager.query(
          `UPDATE case_timers SET problem = ${this.p(1)}, message_vi = ${this.p(2)}, ` +
            `message_en = ${this.p(3)}, settled_at = ${this.p(4)} WHERE id = ${this.p(5)} AND status = 'failed' RETURNING id`,
          [outcome.problem, outcome.message.vi, outcome.message.en, at, id],
        );
    return returnedRows(result) > 0;
  }

  async findById(manager: EntityManager, id: string): Promise<ListedTimer | null> {
    const rows: ListedRow[] = await manager.query(
      `${this.listedSelect()} WHERE t.id = ${this.p(1)}`,
      [id],
    );
    return rows.length === 0 ? null : toListed(rows[0]);
  }

  /** Every timer of a case, in the order they were scheduled. */
  async ofCase(manager: EntityManager, caseId: string): Promise<StoredTimer[]> {
    const rows: TimerRow[] = await manager.query(
      `SELECT ${SELECT_TIMER} FROM case_timers t WHERE t.case_id = ${this.p(1)} ` +
        `ORDER BY t.entered_seq, t.name`,
      [caseId],
    );
    return rows.map(toTimer);
  }

  /** Timers in scope, soonest (most overdue) first; keyset on (fires_at, id). */
  async list(manager: EntityManager, filter: TimerListFilter): Promise<ListedTimer[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const next = (value: unknown) => {
      values.push(value);
      return this.p(values.length);
    };
    where.push(`t.status IN (${filter.statuses.map((status) => next(status)).join(', ')})`);
    if (filter.scopes !== null) {
      if (filter.scopes.length === 0) return [];
      where.push(
        `(${filter.scopes.map((scope) => inSubtree(next(scope), next(scope))).join(' OR ')})`,
      );
    }
    if (filter.unitPath !== undefined) {
      where.push(inSubtree(next(filter.unitPath), next(filter.unitPath)));
    }
    if (filter.firesBefore !== undefined) where.push(`t.fires_at <= ${next(filter.firesBefore)}`);
    const order = byteOrder(this.dialect);
    if (filter.after !== undefined) {
      const { firesAt, id } = filter.after;
      where.push(
        `(${FIRES}${order} > ${next(firesAt)} OR ` +
          `(${FIRES} = ${next(firesAt)} AND t.id${order} > ${next(id)}))`,
      );
    }
    const rows: ListedRow[] = await manager.query(
      `${this.listedSelect()} WHERE ${where.join(' AND ')} ` +
        `ORDER BY ${FIRES}${order}, t.id${order} LIMIT ${next(filter.limit)}`,
      values,
    );
    return rows.map(toListed);
  }

  private listedSelect(): string {
    return (
      `SELECT ${SELECT_TIMER}, c.case_type, u.path AS unit_path, c.subject_person_id, ` +
      'c.subject_json FROM case_timers t JOIN cases c ON c.id = t.case_id ' +
      'JOIN units u ON u.id = c.unit_id'
    );
  }
}

/** The case's unit lies in the subtree at a path (a prefix of its path, as scope.ts tests it). */
function inSubtree(path: string, again: string): string {
  return `substr(u.path, 1, length(${path})) = ${again}`;
}
