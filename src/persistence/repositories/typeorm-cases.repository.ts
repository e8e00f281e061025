import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '../../domain/audit/audit-record';
import { foldForSearch } from '../../domain/text/fold';
import { Database, driverErrorCode, isUniqueViolation, type Dialect } from '../database';
import { containsEveryWord, escapeLike, param, placeholders, updatedRows } from '../sql';
import { readTogether, writeWithNext } from '../fewer-round-trips';
import { EVENT_COLUMNS, eventValues, toAuditRecord, type EventRow } from './audit-record-rows';
import {
  CaseChangedMeanwhile,
  DuplicateIdempotencyKeyError,
  type CaseListQuery,
  type CasesRepository,
  type DataMatch,
  type ListedCase,
  type PinnedReading,
  type ReadableFilter,
  type WorkClause,
  type WorkFilter,
  type CaseTransaction,
  type CaseMigration,
  type CaseTransition,
  type StoredCertificate,
  type StoredDocument,
  type StoredResponse,
  type SubjectSet,
} from './cases.repository';
import type { Page } from './page';
import type { CaseSubject, StoredCase } from '../../domain/cases/stored-case';

const CASE_COLUMNS = [
  'id',
  'case_type',
  'workflow_id',
  'workflow_version',
  'workflow_hash',
  'state',
  'closed',
  'context_json',
  'subject_json',
  'data_json',
  'version',
  'head_hash',
  'created_by',
  'created_at',
  'updated_at',
  'unit_id',
  'subject_person_id',
] as const;

const DOCUMENT_COLUMNS = [
  'id',
  'case_id',
  'code',
  'file_name',
  'media_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;
type DocumentRow = Record<(typeof DOCUMENT_COLUMNS)[number] | 'content', unknown>;

const CERTIFICATE_COLUMNS = [
  'verification_code',
  'case_id',
  'seq',
  'record_hash',
  'issuing_unit_id',
  'decision_number',
  'issued_at',
] as const;
type CertificateRow = Record<(typeof CERTIFICATE_COLUMNS)[number], unknown>;

/**
 * Written with the case, never read back into it: the subject's name folded for search (the name
 * itself stays exactly as the registry wrote it, in subject_json).
 */
const INSERTED_COLUMNS = [...CASE_COLUMNS, 'subject_search_name'] as const;

type CaseRow = Record<(typeof CASE_COLUMNS)[number] | 'unit_path' | 'unit_name', unknown>;

const CASE_SELECT = `SELECT ${CASE_COLUMNS.map((c) => `c.${c}`).join(', ')}, u.path AS unit_path`;

/** A case with its unit's current path: scope follows the tree when units move. */
const CASE_WITH_PATH = `${CASE_SELECT} FROM cases c LEFT JOIN units u ON u.id = c.unit_id`;

/** The same, with the unit's current name, for lists. */
const CASE_WITH_PATH_AND_UNIT_NAME = `${CASE_SELECT}, u.name AS unit_name FROM cases c LEFT JOIN units u ON u.id = c.unit_id`;

/**
 * Cases and their audit log. Every statement on the command path is plain SQL (see ../sql.ts for
 * why), and the version check is an explicit `WHERE id AND version` because TypeORM's `save()`
 * leaves the version out of its UPDATE.
 */
export class TypeOrmCasesRepository implements CasesRepository {
  private readonly sql: Statements;

  constructor(private readonly database: Database) {
    this.sql = statements(database.dialect);
  }

  findById(id: string): Promise<StoredCase | null> {
    return this.database.read(async (manager) => {
      const rows: CaseRow[] = await manager.query(this.sql.caseById, [id]);
      return rows.length ? toStoredCase(rows[0]) : null;
    });
  }

  async list(query: CaseListQuery): Promise<Page<ListedCase>> {
    const { dialect } = this.database;
    const conditions: string[] = [];
    const values: unknown[] = [];
    const value = (v: unknown) => {
      values.push(v);
      return param(dialect, values.length);
    };
    if (query.scopes !== null) conditions.push(inSubtrees('u.path', query.scopes, value));
    if (query.caseType) conditions.push(`c.case_type = ${value(query.caseType)}`);
    if (typeof query.state === 'string') conditions.push(`c.state = ${value(query.state)}`);
    if (Array.isArray(query.state)) {
      const states = (query.state as readonly string[]).map(value);
      conditions.push(states.length ? `c.state IN (${states.join(', ')})` : '1 = 0');
    }
    if (query.readable !== undefined) {
      const looksInside = query.subjectSearch !== undefined || (query.dataMatches ?? []).length > 0;
      const readable = readableCondition(query.readable, looksInside, value);
      if (readable === NOTHING_READABLE) return { items: [], nextCursor: null };
      conditions.push(readable);
    }
    if (query.unitPath !== undefined)
      conditions.push(inSubtrees('u.path', [query.unitPath], value));
    if (query.aboutPersonId !== undefined) {
      conditions.push(`c.subject_person_id = ${value(query.aboutPersonId)}`);
    }
    if (query.subjectSearch !== undefined) {
      // No index finds `%…%`, but the names alone (cases_search) are a small fraction of the
      // rows, whose 2–4 KB of context lie before the name: the matching ids are found in the
      // index first (at 200,000 cases ~540 ms of reading whole rows before). A case keeps the
      // name its subject had when it was opened; one whose person was renamed since (marriage, a
      // corrected spelling) is found by the registry's name too.
      const search = query.subjectSearch;
      // One IN over both lists of ids, UNION ALL (a UNION sorted the names' side by reading
      // whole rows; an OR of two INs read every case: 0.3–0.8 s at 200,000 cases against 20 ms).
      // CROSS JOIN: SQLite looks the few people up first, then their cases by cases_subject_person.
      const named = containsEveryWord('named.subject_search_name', search, value);
      const renamed = containsEveryWord('renamed.search_name', search, value);
      conditions.push(
        `c.id IN (SELECT named.id FROM cases named WHERE ${named} UNION ALL SELECT theirs.id ` +
          'FROM people renamed CROSS JOIN cases theirs WHERE theirs.subject_person_id = ' +
          `renamed.id AND ${renamed})`,
      );
    }
    for (const match of query.dataMatches ?? []) {
      conditions.push(dataMatchCondition(dialect, match, value));
    }
    if (query.work !== undefined) conditions.push(workCondition(query.work, value));
    // Nobody acts on a closed case (the engine refuses every event there): work to do is among
    // the open cases, read newest first from cases_open, so "My work" grows with the cases in
    // hand, not with years of closed ones (0.2–1 s at 200,000 closed cases before).
    if (query.work?.wanted === true) conditions.push(`c.closed = ${value(false)}`);
    if (query.cursor) conditions.push(`c.id < ${value(query.cursor)}`);
    const sql =
      CASE_WITH_PATH_AND_UNIT_NAME +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY c.id DESC LIMIT ${value(query.limit + 1)}`;
    // On a reader thread (Database.readOnAReaderThread): a narrow list may pass many cases before
    // it has a page, and a search by name reads every name (a cell leader's empty "My work" 25 ms,
    // a search 540 ms before cases_search, at 200,000 cases); there it delays only its request.
    const rows = await this.database.readOnAReaderThread<CaseRow>(sql, values);
    const items = rows.slice(0, query.limit).map((row) => ({
      ...toStoredCase(row),
      unitName:
        row.unit_name === null || row.unit_name === undefined ? null : String(row.unit_name),
    }));
    const nextCursor = rows.length > query.limit ? items[items.length - 1].id : null;
    return { items, nextCursor };
  }

  /**
   * On a reader thread (Database.readOnAReaderThread): at millions of records a case the OS has
   * not cached is a disk read per record, which delays only this request.
   */
  async history(caseId: string, afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.database.readOnAReaderThread<EventRow>(this.sql.historyPage, [
      caseId,
      afterSeq,
      limit,
    ]);
    return rows.map(toAuditRecord);
  }

  async fullHistory(caseId: string): Promise<AuditRecord[]> {
    const rows = await this.database.readOnAReaderThread<EventRow>(this.sql.fullHistory, [caseId]);
    return rows.map(toAuditRecord);
  }

  findResponse(userId: string, key: string): Promise<StoredResponse | null> {
    return this.database.read((manager) => findResponse(manager, this.sql, userId, key));
  }

  async casesAbout(subjects: SubjectSet, caseTypes: readonly string[]): Promise<StoredCase[]> {
    if (caseTypes.length === 0) return [];
    const found: StoredCase[] = [];
    const { dialect } = this.database;
    // Bounded IN lists: a collective's members can be many. A unit is the subject of a case
    // whose subject is no person; a person's cases carry the person.
    const chunks = [
      ...chunk(subjects.personIds, 500).map((ids) => ({ kind: 'person' as const, ids })),
      ...chunk(subjects.unitIds, 500).map((ids) => ({ kind: 'unit' as const, ids })),
    ];
    for (const { kind, ids } of chunks) {
      const types = placeholders(dialect, caseTypes.length);
      const list = placeholders(dialect, ids.length, caseTypes.length + 1);
      const subject =
        kind === 'person'
          ? `c.subject_person_id IN (${list})`
          : `c.subject_person_id IS NULL AND c.unit_id IN (${list})`;
      const sql = `${CASE_WITH_PATH} WHERE c.case_type IN (${types}) AND ${subject} ORDER BY c.id`;
      const rows: CaseRow[] = await this.database.read((manager) =>
        manager.query(sql, [...caseTypes, ...ids]),
      );
      found.push(...rows.map(toStoredCase));
    }
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  findDocument(
    caseId: string,
    documentId: string,
  ): Promise<{ document: StoredDocument; content: Buffer } | null> {
    return this.database.read(async (manager) => {
      const rows: DocumentRow[] = await manager.query(this.sql.documentById, [caseId, documentId]);
      if (!rows.length) return null;
      const row = rows[0];
      return { document: toStoredDocument(row), content: Buffer.from(row.content as Uint8Array) };
    });
  }

  findCertificate(verificationCode: string): Promise<StoredCertificate | null> {
    return this.database.read(async (manager) => {
      const rows: CertificateRow[] = await manager.query(this.sql.certificateByCode, [
        verificationCode,
      ]);
      return rows.length ? toStoredCertificate(rows[0]) : null;
    });
  }

  certificatesOfDecision(
    issuingUnitId: string,
    decisionNumber: string,
  ): Promise<StoredCertificate[]> {
    return this.database.read(async (manager) => {
      const rows: CertificateRow[] = await manager.query(this.sql.certificatesOfDecision, [
        issuingUnitId,
        decisionNumber,
      ]);
      return rows.map(toStoredCertificate);
    });
  }

  certificatesOf(caseId: string): Promise<StoredCertificate[]> {
    return this.database.read(async (manager) => {
      const rows: CertificateRow[] = await manager.query(this.sql.certificatesOfCase, [caseId]);
      return rows.map(toStoredCertificate);
    });
  }

  transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    return this.database.write((manager) => work(new SqlCaseTransaction(manager, this.sql)));
  }
}

class SqlCaseTransaction implements CaseTransaction {
  /**
   * The version of each case this transaction has locked (FOR UPDATE), as it stands now. No other
   * transaction can change a locked row before this one ends: an update of it at that version
   * cannot miss.
   */
  private readonly lockedVersions = new Map<string, number>();
  /** The stored answer findResponseWithLock asked for: to read with the next lock, then read. */
  private responseWanted: { userId: string; key: string } | null = null;
  private responseRead: { userId: string; key: string; rows: ResponseRow[] } | null = null;

  constructor(
    private readonly manager: EntityManager,
    private readonly sql: Statements,
  ) {}

  async findForUpdate(id: string): Promise<StoredCase | null> {
    const rows = (await this.lockWithResponse(this.sql.caseForUpdate, id)) as CaseRow[];
    return rows.length ? this.locked(toStoredCase(rows[0])) : null;
  }

  async lockIfUnchanged(copy: StoredCase): Promise<boolean> {
    const rows = (await this.lockWithResponse(this.sql.versionForUpdate, copy.id)) as {
      version: unknown;
      unit_path: unknown;
    }[];
    if (rows.length === 0) return false;
    this.lockedVersions.set(copy.id, Number(rows[0].version));
    const unitPath = rows[0].unit_path === null ? null : String(rows[0].unit_path);
    return Number(rows[0].version) === copy.version && unitPath === copy.unitPath;
  }

  async expectUnchanged(copy: StoredCase): Promise<boolean> {
    if (this.sql.lockIfUnchangedOrFail === null) {
      // SQLite: a read costs no round trip, and nothing else writes while this transaction runs.
      if (!(await this.lockIfUnchanged(copy))) throw new CaseChangedMeanwhile(copy.id);
      return true;
    }
    await writeWithNext(this.manager, {
      sql: this.sql.lockIfUnchangedOrFail,
      values: [copy.id, copy.version, copy.unitPath],
      failure: (error) => (isDivisionByZero(error) ? new CaseChangedMeanwhile(copy.id) : undefined),
    });
    this.lockedVersions.set(copy.id, copy.version);
    return false;
  }

  async openCasesAboutForUpdate(
    subject: Pick<CaseSubject, 'kind' | 'id'>,
    caseType: string,
  ): Promise<StoredCase[]> {
    const sql =
      subject.kind === 'person' ? this.sql.openCasesAboutPerson : this.sql.openCasesAboutUnit;
    const rows: CaseRow[] = await this.manager.query(sql, [caseType, false, subject.id]);
    return rows.map((row) => this.locked(toStoredCase(row)));
  }

  findResponseWithLock(userId: string, key: string): void {
    this.responseWanted = { userId, key };
  }

  /**
   * A lock's statement, and with it the stored answer findResponseWithLock asked for: read by a
   * statement of its own after the lock is held (so it sees an answer committed by the
   * transaction it waited for), in the same round trip on PostgreSQL.
   */
  private async lockWithResponse(lockSql: string, caseId: string): Promise<unknown[]> {
    const wanted = this.responseWanted;
    if (wanted === null) return (await this.manager.query(lockSql, [caseId])) as unknown[];
    this.responseWanted = null;
    const [locked, response] = await readTogether(this.manager, [
      { sql: lockSql, values: [caseId] },
      { sql: this.sql.findResponse, values: [wanted.userId, wanted.key] },
    ]);
    this.responseRead = { ...wanted, rows: response as ResponseRow[] };
    return locked;
  }

  private locked(found: StoredCase): StoredCase {
    this.lockedVersions.set(found.id, found.version);
    return found;
  }

  async insert(created: StoredCase, opening: AuditRecord): Promise<void> {
    // A new id: nothing waits for these answers. On PostgreSQL they go with the next statement
    // (with the effects' writes and COMMIT, when opening reads nothing more).
    await writeWithNext(this.manager, { sql: this.sql.insertCase, values: caseValues(created) });
    await writeWithNext(this.manager, { sql: this.sql.insertEvent, values: eventValues(opening) });
  }

  async applyTransition(transition: CaseTransition): Promise<boolean> {
    const { record } = transition;
    const caseValues = [
      transition.state,
      transition.closed,
      JSON.stringify(transition.context),
      record.seq,
      record.hash,
      record.at,
      transition.caseId,
      transition.expectedVersion,
    ];
    if (this.sql.transitionIfVersion !== null) {
      // PostgreSQL: the case's update and its record's insert in one statement. When this
      // transaction holds the case's lock at that version, the update cannot miss and nothing
      // waits for its answer: it goes with the next statement (the COMMIT, as a rule).
      const values = [...caseValues, ...eventValues(record)];
      const { caseId, expectedVersion } = transition;
      if (this.lockedVersions.get(caseId) === expectedVersion) {
        await writeWithNext(this.manager, { sql: this.sql.transitionIfVersion, values });
        this.lockedVersions.set(caseId, record.seq);
        return true;
      }
      const inserted = await this.manager.query(this.sql.transitionIfVersion, values);
      if ((inserted as unknown[]).length !== 1) return false;
      if (this.lockedVersions.has(caseId)) this.lockedVersions.set(caseId, record.seq);
      return true;
    }
    // RETURNING (SQLite ≥ 3.35) tells us whether the version still matched.
    const updated = await updatedRows(this.manager, this.sql.updateIfVersion, caseValues);
    if (updated.length !== 1) return false;
    await this.manager.query(this.sql.insertEvent, eventValues(record));
    return true;
  }

  async findResponse(userId: string, key: string): Promise<StoredResponse | null> {
    const read = this.responseRead;
    this.responseRead = null;
    if (read !== null && read.userId === userId && read.key === key) {
      return toStoredResponse(read.rows);
    }
    return findResponse(this.manager, this.sql, userId, key);
  }

  async applyMigration(migration: CaseMigration): Promise<boolean> {
    const { record, workflow } = migration;
    const updated = await updatedRows(this.manager, this.sql.migrateIfVersion, [
      migration.state,
      workflow.id,
      workflow.version,
      workflow.hash,
      record.seq,
      record.hash,
      record.at,
      migration.caseId,
      migration.expectedVersion,
    ]);
    if (updated.length !== 1) return false;
    await this.manager.query(this.sql.insertEvent, eventValues(record));
    if (this.lockedVersions.has(migration.caseId)) {
      this.lockedVersions.set(migration.caseId, record.seq);
    }
    return true;
  }

  async allocateDecisionNumber(issuingUnitId: string, year: number): Promise<number> {
    const rows: { last_sequence: number }[] = await this.manager.query(
      this.sql.nextDecisionNumber,
      [issuingUnitId, year],
    );
    return Number(rows[0].last_sequence);
  }

  async insertDocument(document: StoredDocument, content: Buffer): Promise<void> {
    await this.manager.query(this.sql.insertDocument, [
      document.id,
      document.caseId,
      document.code,
      document.fileName,
      document.mediaType,
      document.size,
      document.sha256,
      document.uploadedBy,
      document.uploadedAt,
      content,
    ]);
  }

  async insertCertificate(certificate: StoredCertificate): Promise<void> {
    await this.manager.query(this.sql.insertCertificate, [
      certificate.verificationCode,
      certificate.caseId,
      certificate.seq,
      certificate.recordHash,
      certificate.issuingUnitId,
      certificate.decisionNumber,
      certificate.issuedAt,
    ]);
  }

  async rememberResponse(
    userId: string,
    key: string,
    response: StoredResponse,
    at: string,
  ): Promise<void> {
    // Nothing reads it back in this transaction: on PostgreSQL it goes with the COMMIT.
    await writeWithNext(this.manager, {
      sql: this.sql.insertResponse,
      values: [
        userId,
        key,
        response.requestHash,
        response.status,
        JSON.stringify(response.body),
        at,
      ],
      failure: (error) =>
        isUniqueViolation(error, 'idempotency_keys')
          ? new DuplicateIdempotencyKeyError()
          : undefined,
    });
  }
}

type Statements = ReturnType<typeof statements>;

function statements(dialect: Dialect) {
  const p = (index: number) => param(dialect, index);
  const caseById = `${CASE_WITH_PATH} WHERE c.id = ${p(1)}`;
  // SQLite has no row locks and needs none: its units of work already run one at a time.
  const forUpdate = (sql: string) => (dialect === 'postgres' ? `${sql} FOR UPDATE OF c` : sql);
  const updateIfVersion =
    `UPDATE cases SET state = ${p(1)}, closed = ${p(2)}, context_json = ${p(3)}, version = ${p(4)}, ` +
    `head_hash = ${p(5)}, updated_at = ${p(6)} WHERE id = ${p(7)} AND version = ${p(8)} RETURNING version`;
  return {
    caseById,
    caseForUpdate: forUpdate(caseById),
    versionForUpdate: forUpdate(
      'SELECT c.version, u.path AS unit_path FROM cases c LEFT JOIN units u ON u.id = c.unit_id ' +
        `WHERE c.id = ${p(1)}`,
    ),
    // A person's cases carry the person; a unit is the subject of a case that names no person.
    openCasesAboutPerson: forUpdate(
      `${CASE_WITH_PATH} WHERE c.case_type = ${p(1)} AND c.closed = ${p(2)} AND c.subject_person_id = ${p(3)} ORDER BY c.id`,
    ),
    openCasesAboutUnit: forUpdate(
      `${CASE_WITH_PATH} WHERE c.case_type = ${p(1)} AND c.closed = ${p(2)} AND c.subject_person_id IS NULL AND c.unit_id = ${p(3)} ORDER BY c.id`,
    ),
    insertCase: `INSERT INTO cases (${INSERTED_COLUMNS.join(', ')}) VALUES (${placeholders(dialect, INSERTED_COLUMNS.length)})`,
    insertEvent: `INSERT INTO case_events (${EVENT_COLUMNS.join(', ')}) VALUES (${placeholders(dialect, EVENT_COLUMNS.length)})`,
    updateIfVersion,
    /**
     * PostgreSQL only (SQLite has no UPDATE inside WITH): updateIfVersion, then the record's
     * insert only if the update found the version it expected; the record's seq back if so.
     */
    transitionIfVersion:
      dialect === 'postgres'
        ? `WITH updated AS (${updateIfVersion}) INSERT INTO case_events (${EVENT_COLUMNS.join(', ')}) ` +
          `SELECT ${EVENT_COLUMNS.map((_, index) => p(index + 9)).join(', ')} FROM updated RETURNING seq`
        : null,
    migrateIfVersion:
      `UPDATE cases SET state = ${p(1)}, workflow_id = ${p(2)}, workflow_version = ${p(3)}, ` +
      `workflow_hash = ${p(4)}, version = ${p(5)}, head_hash = ${p(6)}, updated_at = ${p(7)} ` +
      `WHERE id = ${p(8)} AND version = ${p(9)} RETURNING version`,
    historyPage:
      `SELECT ${EVENT_COLUMNS.join(', ')} FROM case_events WHERE case_id = ${p(1)} AND seq > ${p(2)} ` +
      `ORDER BY seq LIMIT ${p(3)}`,
    fullHistory: `SELECT ${EVENT_COLUMNS.join(', ')} FROM case_events WHERE case_id = ${p(1)} ORDER BY seq`,
    findResponse:
      'SELECT request_hash, response_status, response_json FROM idempotency_keys ' +
      `WHERE user_id = ${p(1)} AND idempotency_key = ${p(2)}`,
    /**
     * PostgreSQL only: the case's lock on the condition that it is at this version, its unit at
     * this place in the tree, or else an error that fails the transaction (SQL has no assertion:
     * the division by the number of rows found is one). The row is locked before the condition is
     * checked, so a change committed while this waited for the lock is seen.
     */
    lockIfUnchangedOrFail:
      dialect === 'postgres'
        ? 'SELECT 1 / count(*) AS unchanged FROM (SELECT c.id FROM cases c LEFT JOIN units u ON u.id = c.unit_id ' +
          `WHERE c.id = ${p(1)} AND c.version = ${p(2)} AND u.path IS NOT DISTINCT FROM ${p(3)} FOR UPDATE OF c) AS locked`
        : null,
    // One statement on both engines: the row lock of the upsert orders concurrent allocations.
    nextDecisionNumber:
      `INSERT INTO decision_sequences (issuing_unit_id, year, last_sequence) VALUES (${p(1)}, ${p(2)}, 1) ` +
      'ON CONFLICT (issuing_unit_id, year) DO UPDATE SET last_sequence = decision_sequences.last_sequence + 1 ' +
      'RETURNING last_sequence',
    insertDocument: `INSERT INTO case_documents (${DOCUMENT_COLUMNS.join(', ')}, content) VALUES (${placeholders(dialect, DOCUMENT_COLUMNS.length + 1)})`,
    documentById: `SELECT ${DOCUMENT_COLUMNS.join(', ')}, content FROM case_documents WHERE case_id = ${p(1)} AND id = ${p(2)}`,
    insertCertificate: `INSERT INTO award_certificates (${CERTIFICATE_COLUMNS.join(', ')}) VALUES (${placeholders(dialect, CERTIFICATE_COLUMNS.length)})`,
    certificateByCode: `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM award_certificates WHERE verification_code = ${p(1)}`,
    certificatesOfDecision: `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM award_certificates WHERE issuing_unit_id = ${p(1)} AND decision_number = ${p(2)} ORDER BY case_id`,
    certificatesOfCase: `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM award_certificates WHERE case_id = ${p(1)} ORDER BY seq`,
    insertResponse:
      'INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, response_status, ' +
      `response_json, created_at) VALUES (${placeholders(dialect, 6)})`,
  };
}

/** PostgreSQL's division_by_zero: how lockIfUnchangedOrFail says the case has changed. */
function isDivisionByZero(error: unknown): boolean {
  return driverErrorCode(error) === '22012';
}

interface ResponseRow {
  request_hash: string;
  response_status: number;
  response_json: string;
}

async function findResponse(
  manager: EntityManager,
  sql: Statements,
  userId: string,
  key: string,
): Promise<StoredResponse | null> {
  return toStoredResponse(await manager.query(sql.findResponse, [userId, key]));
}

function toStoredResponse(rows: ResponseRow[]): StoredResponse | null {
  if (!rows.length) return null;
  return {
    requestHash: rows[0].request_hash,
    status: Number(rows[0].response_status),
    body: JSON.parse(rows[0].response_json),
  };
}

function toStoredCase(row: CaseRow): StoredCase {
  return {
    id: String(row.id),
    caseType: String(row.case_type),
    workflow: {
      id: String(row.workflow_id),
      version: Number(row.workflow_version),
      hash: String(row.workflow_hash),
    },
    state: String(row.state),
    closed: Boolean(row.closed),
    context: JSON.parse(String(row.context_json)),
    subject: JSON.parse(String(row.subject_json)),
    data: JSON.parse(String(row.data_json)),
    version: Number(row.version),
    headHash: String(row.head_hash),
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    unitId: row.unit_id === null ? null : String(row.unit_id),
    unitPath: row.unit_path === null || row.unit_path === undefined ? null : String(row.unit_path),
    subjectPersonId: row.subject_person_id === null ? null : String(row.subject_person_id),
  };
}

function caseValues(stored: StoredCase): unknown[] {
  return [
    stored.id,
    stored.caseType,
    stored.workflow.id,
    stored.workflow.version,
    stored.workflow.hash,
    stored.state,
    stored.closed,
    JSON.stringify(stored.context),
    JSON.stringify(stored.subject),
    JSON.stringify(stored.data),
    stored.version,
    stored.headHash,
    stored.createdBy,
    stored.createdAt,
    stored.updatedAt,
    stored.unitId,
    stored.subjectPersonId,
    foldForSearch(stored.subject.name),
  ];
}

function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: String(row.id),
    caseId: String(row.case_id),
    code: String(row.code),
    fileName: String(row.file_name),
    mediaType: String(row.media_type),
    size: Number(row.size),
    sha256: String(row.sha256),
    uploadedBy: String(row.uploaded_by),
    uploadedAt: String(row.uploaded_at),
  };
}

function toStoredCertificate(row: CertificateRow): StoredCertificate {
  return {
    verificationCode: String(row.verification_code),
    caseId: String(row.case_id),
    seq: Number(row.seq),
    recordHash: String(row.record_hash),
    issuingUnitId: String(row.issuing_unit_id),
    decisionNumber: String(row.decision_number),
    issuedAt: String(row.issued_at),
  };
}

type Bind = (value: unknown) => string;

/** Inside one of these subtrees; a case without a unit is inside none (never NULL, so NOT works). */
function inSubtrees(column: string, scopes: readonly string[], bind: Bind): string {
  if (scopes.length === 0) return '1 = 0';
  const tests = scopes.map(
    (scope) => `COALESCE(${column}, '') LIKE ${bind(`${escapeLike(scope)}%`)} ESCAPE '\\'`,
  );
  return `(${tests.join(' OR ')})`;
}

/** A subtree test where null means every unit (a case with no unit included). */
function inScopes(scopes: readonly string[] | null, bind: Bind): string {
  return scopes === null ? '1 = 1' : inSubtrees('u.path', scopes, bind);
}

/**
 * The cases the reader may find (see ReadableFilter). With `fullOnly` (a search by name or data),
 * only those read in full: a match must not reveal what an existence reader may not know.
 *
 * A way of reading that covers no unit is left out before anything is bound, not written as
 * `1 = 0`: an OR with a constant term is one no index serves, so a reader who may read only
 * their own cases (an administrator with a person) had every case read to find them (0.35 s at
 * 200,000 cases); left out, what remains is served by the subject's index. NOTHING_READABLE when
 * no way remains.
 */
function readableCondition(readable: ReadableFilter, fullOnly: boolean, bind: Bind): string {
  const pinOf = (pin: PinnedReading) =>
    `(c.workflow_id = ${bind(pin.workflowId)} AND c.workflow_version = ${bind(pin.version)})`;
  const terms: string[] = [];
  if (coversAUnit(readable.defaultScopes)) {
    terms.push(
      readable.pinned.length === 0
        ? inScopes(readable.defaultScopes, bind)
        : `(NOT (${readable.pinned.map(pinOf).join(' OR ')}) AND ${inScopes(readable.defaultScopes, bind)})`,
    );
  }
  for (const pin of readable.pinned) {
    const full = coversAUnit(pin.fullScopes);
    const existence = !fullOnly && coversAUnit(pin.existenceScopes);
    if (!full && !existence && pin.subjectPersonId === null) continue;
    // Bound in the order the placeholders appear: SQLite's "?" are positional.
    const ofPin = pinOf(pin);
    const ways: string[] = [];
    if (full) ways.push(inScopes(pin.fullScopes, bind));
    if (pin.subjectPersonId !== null) {
      ways.push(`c.subject_person_id = ${bind(pin.subjectPersonId)}`);
    }
    if (existence) ways.push(inScopes(pin.existenceScopes, bind));
    terms.push(`(${ofPin} AND (${ways.join(' OR ')}))`);
  }
  return terms.length === 0 ? NOTHING_READABLE : `(${terms.join(' OR ')})`;
}

/** The condition of a reader who may find no case: list() answers without asking the database. */
const NOTHING_READABLE = '1 = 0';

/** Whether scopes name any unit: null is every unit, [] none. */
function coversAUnit(scopes: readonly string[] | null): boolean {
  return scopes === null || scopes.length > 0;
}

/** The case's data value at its type's key, as text (a year 2025 reads "2025" on both engines). */
function dataMatchCondition(dialect: Dialect, match: DataMatch, bind: Bind): string {
  const alternatives = Object.entries(match.keyByCaseType).map(([caseType, key]) => {
    // Bound in the order the placeholders appear: SQLite's "?" are positional.
    const type = bind(caseType);
    const text =
      dialect === 'postgres'
        ? `(c.data_json::jsonb ->> ${bind(key)}::text)`
        : `CAST(json_extract(c.data_json, ${bind(`$."${key}"`)}) AS TEXT)`;
    return `(c.case_type = ${type} AND ${text} = ${bind(match.value)})`;
  });
  return alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '1 = 0';
}

/**
 * The cases someone may act on (or, not wanted, may not): one clause per role they hold, each its
 * subtrees and its (workflow version, state) pairs, never a case about themselves.
 */
function workCondition(work: WorkFilter, bind: Bind): string {
  const notAboutCaller =
    work.notAboutPersonId === null
      ? '1 = 1'
      : `(c.subject_person_id IS NULL OR c.subject_person_id <> ${bind(work.notAboutPersonId)})`;
  const inStates = (pins: WorkClause['states']) => {
    const tests = pins
      .filter((pin) => pin.states.length > 0)
      .map(
        (pin) =>
          `(c.workflow_id = ${bind(pin.workflowId)} AND c.workflow_version = ${bind(pin.version)} ` +
          `AND c.state IN (${pin.states.map(bind).join(', ')}))`,
      );
    return tests.length > 0 ? `(${tests.join(' OR ')})` : '1 = 0';
  };
  const clauses = work.clauses.map((clause) => {
    const where = clause.scopes === null ? '1 = 1' : inSubtrees('u.path', clause.scopes, bind);
    return `(${where} AND ${inStates(clause.states)})`;
  });
  const asMember = `(${notAboutCaller} AND ${clauses.length > 0 ? `(${clauses.join(' OR ')})` : '1 = 0'})`;
  const subjectStates = work.subjectStates ?? [];
  const may =
    work.notAboutPersonId === null || subjectStates.length === 0
      ? asMember
      : `(${asMember} OR (c.subject_person_id = ${bind(work.notAboutPersonId)} AND ${inStates(subjectStates)}))`;
  return work.wanted ? may : `NOT ${may}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
