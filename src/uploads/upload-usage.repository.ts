import type { EntityManager } from 'typeorm';
import type { Dialect } from '../persistence/database';
import { param } from '../persistence/sql';

/** What dossier documents already hold, for the upload quota, read in the upload's transaction. */
export interface UploadUsageRepository {
  /**
   * Holds back every other upload by `userId` until this transaction ends, so that the user's
   * sum read next stays exact until this upload's row is written.
   */
  serialiseUploadsBy(userId: string): Promise<void>;
  /** Bytes of the documents `userId` uploaded after `since` (ISO instant). */
  bytesUploadedBy(userId: string, since: string): Promise<number>;
  /** Bytes of every document of the case (documents are never deleted). */
  bytesStoredFor(caseId: string): Promise<number>;
}

/**
 * Sums over `case_documents` on the manager of the transaction that writes the upload's row; the
 * uploader's sum runs on the (uploaded_by, uploaded_at) index of migration 1764170000000, the
 * case's on case_documents_case.
 */
export class SqlUploadUsageRepository implements UploadUsageRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  async serialiseUploadsBy(userId: string): Promise<void> {
    // SQLite: the single writer already runs one transaction at a time. PostgreSQL: the user's
    // row, locked FOR NO KEY UPDATE: it waits for another upload by the user holding it, but not
    // for (nor does it hold back) rows that merely refer to the user (its sessions, its records).
    if (this.dialect !== 'postgres') return;
    await this.manager.query(`SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
  }

  bytesUploadedBy(userId: string, since: string): Promise<number> {
    const p = (index: number) => param(this.dialect, index);
    return this.sum(
      `SELECT COALESCE(SUM(size), 0) AS bytes FROM case_documents ` +
        `WHERE uploaded_by = ${p(1)} AND uploaded_at > ${p(2)}`,
      [userId, since],
    );
  }

  bytesStoredFor(caseId: string): Promise<number> {
    const p = (index: number) => param(this.dialect, index);
    return this.sum(
      `SELECT COALESCE(SUM(size), 0) AS bytes FROM case_documents WHERE case_id = ${p(1)}`,
      [caseId],
    );
  }

  private async sum(sql: string, parameters: unknown[]): Promise<number> {
    // PostgreSQL answers SUM over integers as a bigint, which the driver hands over as text.
    const rows: { bytes: number | string }[] = await this.manager.query(sql, parameters);
    return Number(rows[0]?.bytes ?? 0);
  }
}
