import type { AuditRecord } from '../../domain/audit/audit-record';
import type { CaseContext } from '../../domain/workflow/case-event';
import type { CaseSubject, StoredCase } from '../../domain/cases/stored-case';
import type { Page } from './page';

export const CASES_REPOSITORY = Symbol('CasesRepository');

export interface CaseListQuery {
  /** Only cases in these subtrees; null = every case. */
  scopes: string[] | null;
  /**
   * Only the cases this reader may find (need-to-know workflows); the subject search and the data
   * matches look only into the cases they read in full, so they reveal nothing of the others.
   */
  readable?: ReadableFilter;
  caseType?: string;
  /** One state, or any of several. */
  state?: string | readonly string[];
  /** Only cases of the unit at this path and of the units below it. */
  unitPath?: string;
  /** Only cases about this person (as the subject). */
  aboutPersonId?: string;
  /** Only cases whose subject's name, folded (domain/text/fold.ts), contains this folded text. */
  subjectSearch?: string;
  /** Only cases whose data holds each of these values (every match must hold). */
  dataMatches?: readonly DataMatch[];
  /** Only cases on which someone may (or, with `wanted` false, may not) act now. */
  work?: WorkFilter;
  cursor?: string;
  limit: number;
}

/**
 * Who may find which case: a case of a version listed in `pinned` by that version's rule, every
 * other case when it lies in `defaultScopes`. Scopes are subtrees (unit paths); null = every unit.
 */
export interface ReadableFilter {
  defaultScopes: readonly string[] | null;
  pinned: readonly PinnedReading[];
}

/** One workflow version's access rule, for one reader. */
export interface PinnedReading {
  workflowId: string;
  version: number;
  /** Where the reader reads cases of this version in full. */
  fullScopes: readonly string[] | null;
  /** The reader's own person when the subject reads their case (null: no such reading). */
  subjectPersonId: string | null;
  /** Where the reader only knows that a case exists and its state. */
  existenceScopes: readonly string[] | null;
}

/**
 * A value in a case's `data`, at a key that depends on the case type (each workflow names its own
 * fields); a case of a type not named here never matches. Compared as text.
 */
export interface DataMatch {
  keyByCaseType: Readonly<Record<string, string>>;
  value: string;
}

/**
 * Where a caller may act: a case matches when one clause covers it (its unit lies in one of the
 * clause's subtrees, and its workflow version and state are among the clause's) and it is not about
 * the person excluded.
 */
export interface WorkFilter {
  clauses: readonly WorkClause[];
  /** The caller's own person: nobody acts on a case about themselves… */
  notAboutPersonId: string | null;
  /** …but through the subject's own events: where (workflow version, state) they may send one. */
  subjectStates?: readonly { workflowId: string; version: number; states: readonly string[] }[];
  wanted: boolean;
}

export interface WorkClause {
  /** Subtrees (unit paths); null = every unit. */
  scopes: readonly string[] | null;
  states: readonly { workflowId: string; version: number; states: readonly string[] }[];
}

/** A case as a list shows it: with its unit's current name. */
export interface ListedCase extends StoredCase {
  unitName: string | null;
}

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** A case changed by one accepted event: the new snapshot and the record that explains it. */
export interface CaseTransition {
  caseId: string;
  expectedVersion: number;
  state: string;
  closed: boolean;
  context: CaseContext;
  record: AuditRecord;
}

/** An uploaded dossier file; its description and hash also go into the case's audit record. */
export interface StoredDocument {
  id: string;
  caseId: string;
  code: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A printed certificate's verification code and the audit record of the decision it proves. */
export interface StoredCertificate {
  verificationCode: string;
  caseId: string;
  seq: number;
  recordHash: string;
  issuingUnitId: string;
  decisionNumber: string;
  issuedAt: string;
}

/** Whose cases to find: people (as subjects) and units (as collective subjects). */
export interface SubjectSet {
  personIds: readonly string[];
  unitIds: readonly string[];
}

/** A case moved to another version of its workflow by a WORKFLOW_MIGRATED record. */
export interface CaseMigration {
  caseId: string;
  expectedVersion: number;
  state: string;
  workflow: { id: string; version: number; hash: string };
  record: AuditRecord;
}

/** Operations that must commit together; obtained only through `CasesRepository.transaction`. */
export interface CaseTransaction {
  /** Loads the case and, on PostgreSQL, locks its row until the transaction ends. */
  findForUpdate(id: string): Promise<StoredCase | null>;
  /**
   * Locks the case as findForUpdate does and says whether it still is the copy read before the
   * transaction (same version, its unit at the same place in the tree): then that copy stands
   * for it, and the row is not read and parsed a second time.
   */
  lockIfUnchanged(copy: StoredCase): Promise<boolean>;
  /**
   * Locks the case on the condition that it still is the copy read before the transaction (as
   * lockIfUnchanged), which then stands for it; when it is not, the transaction fails with
   * CaseChangedMeanwhile. On PostgreSQL the condition is not waited for: it goes with the
   * transaction's next statement, its writes and COMMIT when it reads nothing more (one round
   * trip for the whole transaction), and a change surfaces there. True when the condition was
   * checked now (SQLite): the copy is the case; false when it is still to be checked.
   */
  expectUnchanged(copy: StoredCase): Promise<boolean>;
  /**
   * The open cases of one type about this subject (a person; or a unit as the subject, not its
   * members), locked like `findForUpdate` and in id order, so an effect judges their states and
   * writes to them in one transaction without another writer moving them in between.
   */
  openCasesAboutForUpdate(
    subject: Pick<CaseSubject, 'kind' | 'id'>,
    caseType: string,
  ): Promise<StoredCase[]>;
  insert(created: StoredCase, opening: AuditRecord): Promise<void>;
  /**
   * Version-checked update plus audit append; false (and nothing written) if the version moved.
   * On a case this transaction locked at that version it cannot move: the write may then be sent
   * with the transaction's next statement (see fewer-round-trips.ts) and a failure of it surface
   * there, failing the transaction.
   */
  applyTransition(transition: CaseTransition): Promise<boolean>;
  /** Version-checked re-pin to the new workflow version plus the migration record. */
  applyMigration(migration: CaseMigration): Promise<boolean>;
  /**
   * Says that findResponse(userId, key) will be asked right after the next lock (findForUpdate
   * or lockIfUnchanged): the answer is then read with the lock, after it is held (in the same
   * round trip on PostgreSQL).
   */
  findResponseWithLock(userId: string, key: string): void;
  findResponse(userId: string, key: string): Promise<StoredResponse | null>;
  /** The next decision number of this issuing unit in this year (1, 2, 3…; never reused). */
  allocateDecisionNumber(issuingUnitId: string, year: number): Promise<number>;
  insertDocument(document: StoredDocument, content: Buffer): Promise<void>;
  insertCertificate(certificate: StoredCertificate): Promise<void>;
  rememberResponse(
    userId: string,
    key: string,
    response: StoredResponse,
    at: string,
  ): Promise<void>;
}

export interface CasesRepository {
  findById(id: string): Promise<StoredCase | null>;
  list(query: CaseListQuery): Promise<Page<ListedCase>>;
  /** Records with seq > afterSeq, in order. */
  history(caseId: string, afterSeq: number, limit: number): Promise<AuditRecord[]>;
  fullHistory(caseId: string): Promise<AuditRecord[]>;
  /** Every case of these types about these people or units (as the subject), oldest first. */
  casesAbout(subjects: SubjectSet, caseTypes: readonly string[]): Promise<StoredCase[]>;
  findDocument(
    caseId: string,
    documentId: string,
  ): Promise<{ document: StoredDocument; content: Buffer } | null>;
  findCertificate(verificationCode: string): Promise<StoredCertificate | null>;
  certificatesOf(caseId: string): Promise<StoredCertificate[]>;
  /** Every certificate of one decision (one decision may commend many), in case order. */
  certificatesOfDecision(
    issuingUnitId: string,
    decisionNumber: string,
  ): Promise<StoredCertificate[]>;
  findResponse(userId: string, key: string): Promise<StoredResponse | null>;
  /** Runs `work` in one write transaction; a thrown error rolls everything back. */
  transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T>;
}

/**
 * Thrown by a transaction whose `expectUnchanged` copy was no longer the case it locked: the
 * transaction is rolled back, and the caller starts again from the case as it stands.
 */
export class CaseChangedMeanwhile extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} changed after it was read`);
  }
}

/**
 * Thrown by `rememberResponse` when another request with the same key committed first; the
 * transaction is rolled back and the caller replays the stored response.
 */
export class DuplicateIdempotencyKeyError extends Error {
  constructor() {
    super('idempotency key already stored');
  }
}
