import type { Database } from '../persistence/database';
import { param } from '../persistence/sql';

/** What dossier documents already hold, for the upload quota. */
export interface UploadUsageRepository {
  /** Bytes of the documents `userId` uploaded after `since` (ISO instant). */
  bytesUploadedBy(userId: string, since: string): Promise<number>;
  /** Bytes of every document of the case (documents are never deleted). */
  bytesStoredFor(caseId: string): Promise<number>;
}

/**
 * Sums over `case_documents`; the uploader's sum runs on the (uploaded_by, uploaded_at) index
 * of migration 1764170000000, the case's on case_documents_case.
 */
export class SqlUploadUsageRepository implements UploadUsageRepository {
  constructor(private readonly database: Database) {}

  bytesUploadedBy(userId: string, since: string): Promise<number> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.sum(
      `SELECT COALESCE(SUM(size), 0) AS bytes FROM case_documents ` +
        `WHERE uploaded_by = ${p(1)} AND uploaded_at > ${p(2)}`,
      [userId, since],
    );
  }

  bytesStoredFor(caseId: string): Promise<number> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.sum(
      `SELECT COALESCE(SUM(size), 0) AS bytes FROM case_documents WHERE case_id = ${p(1)}`,
      [caseId],
    );
  }

  private sum(sql: string, parameters: unknown[]): Promise<number> {
    return this.database.read(async (manager) => {
      // PostgreSQL answers SUM over integers as a bigint, which the driver hands over as text.
      const rows: { bytes: number | string }[] = await manager.query(sql, parameters);
      return Number(rows[0]?.bytes ?? 0);
    });
  }
}
