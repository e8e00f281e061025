import type { AuditRecord } from '../../domain/audit/audit-record';
import type { ChainHead, Checkpoint } from '../../domain/audit/checkpoint';
import { Database, isUniqueViolation } from '../database';
import { writeWithNext } from '../fewer-round-trips';
import { byteOrder, escapeLike, param, placeholders, valueRows } from '../sql';
import { EVENT_COLUMNS, toAuditRecord, type EventRow } from './audit-record-rows';
import type {
  AuditEventFilter,
  AuditRead,
  AuditTrailRepository,
  EventCursor,
} from './audit-trail.repository';

/**
 * Records per page of an export: one round trip to a reader thread on SQLite (a page's rows cross
 * to the event loop at once, so it stays small).
 */
const EXPORT_PAGE_SIZE = 1000;

/** Ids per `IN (…)`, well under SQLite's and PostgreSQL's parameter limits. */
const IN_LIST_CHUNK = 500;

const CHECKPOINT_COLUMNS =
  'seq, at, case_count, event_count, root, prev_hash, hash, signature, key_id';

type Row = Record<string, unknown>;

/** The audit trail as auditors read it: search, export, checkpoints and the read log. */
export class TypeOrmAuditTrailRepository implements AuditTrailRepository {
  constructor(private readonly database: Database) {}

  async searchEvents(
    filter: AuditEventFilter,
    after: EventCursor | null,
    limit: number,
  ): Promise<AuditRecord[]> {
    const query = this.filtered(filter);
    const bytes = byteOrder(this.database.dialect);
    if (after !== null) {
      // A row-value comparison in the index's own order: both engines turn it into the start of
      // an index range (an OR of column comparisons may scan from the first row).
      query.conditions.push(
        `(e.occurred_at, e.case_id${bytes}, e.seq) > ` +
          `(${query.value(after.at)}, ${query.value(after.caseId)}${bytes}, ${query.value(after.seq)})`,
      );
    }
    const sql =
      `${query.select} WHERE ${query.where()} ` +
      `ORDER BY e.occurred_at, e.case_id${bytes}, e.seq LIMIT ${query.value(limit)}`;
    const rows = await this.database.readOnAReaderThread<EventRow>(sql, query.values);
    return rows.map(toAuditRecord);
  }

  async *streamEvents(filter: AuditEventFilter, pageSize?: number): AsyncGenerator<AuditRecord> {
    for await (const rows of this.streamEventRows(filter, pageSize)) {
      for (const row of rows) yield toAuditRecord(row);
    }
  }

  /**
   * Pages of the trail in (case id, seq) order. The next page is asked for as soon as a page has
   * come, before the caller writes it out: on SQLite it is read on a reader thread meanwhile.
   */
  async *streamEventRows(
    filter: AuditEventFilter,
    pageSize = EXPORT_PAGE_SIZE,
  ): AsyncGenerator<EventRow[]> {
    let next = this.eventRowsPage(filter, null, pageSize);
    try {
      for (;;) {
        const rows = await next;
        const last = rows.length === pageSize ? rows[rows.length - 1] : null;
        if (last !== null) {
          next = this.eventRowsPage(
            filter,
            { caseId: String(last.case_id), seq: Number(last.seq) },
            pageSize,
          );
        }
        if (rows.length > 0) yield rows;
        if (last === null) return;
      }
    } finally {
      // A caller that stopped early: nothing of the export is left running once it has stopped
      // (the page read ahead is waited for, unread; its failure is nobody's).
      await next.catch(() => undefined);
    }
  }

  private eventRowsPage(
    filter: AuditEventFilter,
    after: { caseId: string; seq: number } | null,
    pageSize: number,
  ): Promise<EventRow[]> {
    const bytes = byteOrder(this.database.dialect);
    const query = this.filtered(filter);
    if (after !== null) {
      // Keyset paging: each page starts where the index range of the last one ended, so a page
      // costs its own size wherever it is in the trail (OFFSET would re-read every row before).
      query.conditions.push(
        `(e.case_id${bytes}, e.seq) > (${query.value(after.caseId)}${bytes}, ${query.value(after.seq)})`,
      );
    }
    const sql =
      `${query.select} WHERE ${query.where()} ` +
      `ORDER BY e.case_id${bytes}, e.seq LIMIT ${query.value(pageSize)}`;
    return this.database.readOnAReaderThread<EventRow>(sql, query.values);
  }

  async countEvents(): Promise<number> {
    const rows = await this.database.readOnAReaderThread('SELECT COUNT(*) AS n FROM case_events');
    return Number(rows[0].n);
  }

  async chainHeads(): Promise<ChainHead[]> {
    const rows: Row[] = await this.database.read((m) =>
      m.query(
        'SELECT e.case_id, e.seq, e.hash FROM case_events e JOIN ' +
          '(SELECT case_id, MAX(seq) AS last_seq FROM case_events GROUP BY case_id) h ' +
          'ON h.case_id = e.case_id AND h.last_seq = e.seq',
      ),
    );
    return rows.map((row) => ({
      caseId: String(row.case_id),
      seq: Number(row.seq),
      hash: String(row.hash),
    }));
  }

  async latestCheckpoint(): Promise<Checkpoint | null> {
    const rows: Row[] = await this.database.read((m) =>
      m.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`),
    );
    return rows.length ? toCheckpoint(rows[0]) : null;
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const rows: Row[] = await this.database.read((m) =>
      m.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq`),
    );
    return rows.map(toCheckpoint);
  }

  async headsOf(checkpointSeq: number): Promise<ChainHead[]> {
    const p = (i: number) => param(this.database.dialect, i);
    const rows: Row[] = await this.database.read((m) =>
      m.query(
        `SELECT case_id, seq, hash FROM audit_checkpoint_heads WHERE checkpoint_seq = ${p(1)} ` +
          `ORDER BY case_id${byteOrder(this.database.dialect)}`,
        [checkpointSeq],
      ),
    );
    return rows.map((row) => ({
      caseId: String(row.case_id),
      seq: Number(row.seq),
      hash: String(row.hash),
    }));
  }

  async appendCheckpoint(checkpoint: Checkpoint, heads: readonly ChainHead[]): Promise<boolean> {
    const { dialect } = this.database;
    try {
      await this.database.write(async (manager) => {
        await manager.query(
          `INSERT INTO audit_checkpoints (${CHECKPOINT_COLUMNS}) VALUES (${placeholders(dialect, 9)})`,
          [
            checkpoint.seq,
            checkpoint.at,
            checkpoint.caseCount,
            checkpoint.eventCount,
            checkpoint.root,
            checkpoint.prevHash,
            checkpoint.hash,
            checkpoint.signature,
            checkpoint.keyId,
          ],
        );
        // Multi-row inserts, 4 values a row, in chunks under the parameter limits.
        for (let i = 0; i < heads.length; i += IN_LIST_CHUNK) {
          const chunk = heads.slice(i, i + IN_LIST_CHUNK);
          await manager.query(
            'INSERT INTO audit_checkpoint_heads (checkpoint_seq, case_id, seq, hash) ' +
              `VALUES ${valueRows(dialect, chunk.length, 4)}`,
            chunk.flatMap((head) => [checkpoint.seq, head.caseId, head.seq, head.hash]),
          );
        }
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async hashesAt(
    positions: readonly { caseId: string; seq: number }[],
  ): Promise<Map<string, string>> {
    const { dialect } = this.database;
    const found = new Map<string, string>();
    for (let i = 0; i < positions.length; i += IN_LIST_CHUNK) {
      const chunk = positions.slice(i, i + IN_LIST_CHUNK);
      const pairs = chunk.map(
        (_, j) => `(case_id = ${param(dialect, j * 2 + 1)} AND seq = ${param(dialect, j * 2 + 2)})`,
      );
      const rows: Row[] = await this.database.read((m) =>
        m.query(
          `SELECT case_id, seq, hash FROM case_events WHERE ${pairs.join(' OR ')}`,
          chunk.flatMap((position) => [position.caseId, position.seq]),
        ),
      );
      for (const row of rows) found.set(String(row.case_id), String(row.hash));
    }
    return found;
  }

  async existingCases(caseIds: readonly string[]): Promise<Set<string>> {
    const { dialect } = this.database;
    const found = new Set<string>();
    for (let i = 0; i < caseIds.length; i += IN_LIST_CHUNK) {
      const chunk = caseIds.slice(i, i + IN_LIST_CHUNK);
      const rows: Row[] = await this.database.read((m) =>
        m.query(`SELECT id FROM cases WHERE id IN (${placeholders(dialect, chunk.length)})`, chunk),
      );
      for (const row of rows) found.add(String(row.id));
    }
    return found;
  }

  async recordRead(read: AuditRead): Promise<void> {
    // With its COMMIT on PostgreSQL: one round trip for each read an auditor makes.
    await this.database.write((manager) =>
      writeWithNext(manager, {
        sql:
          'INSERT INTO audit_reads (id, at, user_id, username, action, query_json, result_count) ' +
          `VALUES (${placeholders(this.database.dialect, 7)})`,
        values: [
          read.id,
          read.at,
          read.userId,
          read.username,
          read.action,
          JSON.stringify(read.query),
          read.resultCount,
        ],
      }),
    );
  }

  async readsBy(userId: string, limit: number): Promise<AuditRead[]> {
    const p = (i: number) => param(this.database.dialect, i);
    const rows: Row[] = await this.database.read((m) =>
      m.query(
        'SELECT id, at, user_id, username, action, query_json, result_count FROM audit_reads ' +
          `WHERE user_id = ${p(1)} ORDER BY at DESC, id DESC LIMIT ${p(2)}`,
        [userId, limit],
      ),
    );
    return rows.map((row) => ({
      id: String(row.id),
      at: String(row.at),
      userId: String(row.user_id),
      username: String(row.username),
      action: String(row.action),
      query: JSON.parse(String(row.query_json)) as Record<string, unknown>,
      resultCount: row.result_count === null ? null : Number(row.result_count),
    }));
  }

  /**
   * The audit records narrowed by the filter, read from `case_events` alone where the filter
   * allows, so every page walks one of its indexes in the page's order.
   *
   * A subject names a few cases: those are found through the cases table (joined), and their
   * records sorted, which costs that subject's records. Scopes may cover most of the trail: they
   * are checked record by record against its case (a key lookup) while the index is walked, so
   * a page costs its own size and an export stays linear. Joined instead, PostgreSQL may hash the
   * cases in scope and sort all their records for every page.
   */
  private filtered(filter: AuditEventFilter) {
    const { dialect } = this.database;
    const bytes = byteOrder(dialect);
    const values: unknown[] = [];
    const conditions: string[] = [];
    const value = (v: unknown) => {
      values.push(v);
      return param(dialect, values.length);
    };
    const bySubject = Boolean(filter.subjectPersonId || filter.subjectUnitId);
    if (filter.scopes !== null) {
      const inScope = filter.scopes.map(
        (scope) => `u.path LIKE ${value(`${escapeLike(scope)}%`)} ESCAPE '\\'`,
      );
      const scoped = inScope.length ? `(${inScope.join(' OR ')})` : '1 = 0';
      conditions.push(
        bySubject
          ? scoped
          : // OFFSET 0 keeps PostgreSQL from turning the check into a join (see above).
            `EXISTS (SELECT 1 FROM cases c JOIN units u ON u.id = c.unit_id ` +
              `WHERE c.id = e.case_id AND ${scoped}${dialect === 'postgres' ? ' OFFSET 0' : ''})`,
      );
    }
    // In byte order on PostgreSQL too (equality is the same in any deterministic collation): the
    // byte-order indexes then find the case, and its export needs no sort.
    if (filter.caseId) conditions.push(`e.case_id${bytes} = ${value(filter.caseId)}`);
    if (filter.subjectPersonId) {
      conditions.push(`c.subject_person_id = ${value(filter.subjectPersonId)}`);
    }
    if (filter.subjectUnitId) {
      conditions.push(
        `(c.subject_person_id IS NULL AND c.unit_id = ${value(filter.subjectUnitId)})`,
      );
    }
    if (filter.actorUserId) conditions.push(`e.actor_user_id = ${value(filter.actorUserId)}`);
    if (filter.eventType) conditions.push(`e.event_type = ${value(filter.eventType)}`);
    if (filter.toState) conditions.push(`e.to_state = ${value(filter.toState)}`);
    if (filter.from) conditions.push(`e.occurred_at >= ${value(filter.from)}`);
    if (filter.to) conditions.push(`e.occurred_at < ${value(filter.to)}`);
    const columns = EVENT_COLUMNS.map((column) => `e.${column}`).join(', ');
    return {
      select:
        `SELECT ${columns} FROM case_events e` +
        (bySubject
          ? ' JOIN cases c ON c.id = e.case_id LEFT JOIN units u ON u.id = c.unit_id'
          : ''),
      conditions,
      values,
      value,
      where: () => (conditions.length ? conditions.join(' AND ') : '1 = 1'),
    };
  }
}

function toCheckpoint(row: Row): Checkpoint {
  return {
    seq: Number(row.seq),
    at: String(row.at),
    caseCount: Number(row.case_count),
    eventCount: Number(row.event_count),
    root: String(row.root),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    signature: row.signature === null ? null : String(row.signature),
    keyId: row.key_id === null ? null : String(row.key_id),
  };
}
