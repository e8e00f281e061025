export const IMPORT_JOBS_REPOSITORY = Symbol('ImportJobsRepository');

export const IMPORT_JOB_KINDS = ['units', 'people', 'awards'] as const;
export type ImportJobKind = (typeof IMPORT_JOB_KINDS)[number];

/** queued → checking → applying → done, or failed from any of the first three. */
export const IMPORT_JOB_STATUSES = ['queued', 'checking', 'applying', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
export const ACTIVE_IMPORT_JOB_STATUSES: readonly ImportJobStatus[] = [
  'queued',
  'checking',
  'applying',
];

/** One uploaded import file and how far its import got. */
export interface StoredImportJob {
  id: string;
  kind: ImportJobKind;
  format: 'csv' | 'xlsx';
  status: ImportJobStatus;
  skipInvalid: boolean;
  /** Null when the command line started it. */
  startedByUserId: string | null;
  startedByUsername: string;
  fileBytes: number;
  /** Data rows in the file, once it has been read. */
  rowsTotal: number | null;
  rowsRead: number;
  /** Rows that create or change something, once every row is checked. */
  rowsToWrite: number | null;
  rowsWritten: number;
  /** When done: what the import did (counts and the bad rows). */
  report: unknown;
  /** When failed: the problem (RFC 9457 body) a synchronous answer would have been. */
  problem: unknown;
  createdAt: string;
  updatedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
}

export type ImportJobProgress = Partial<
  Pick<
    StoredImportJob,
    'status' | 'rowsTotal' | 'rowsRead' | 'rowsToWrite' | 'rowsWritten' | 'report' | 'problem'
  >
>;

export interface ImportJobsRepository {
  insert(job: StoredImportJob): Promise<void>;
  find(id: string): Promise<StoredImportJob | null>;
  /**
   * Records progress (and renews the heartbeat) of a job still active; false when the job is no
   * longer active (it was marked interrupted meanwhile), so its runner stops.
   */
  update(id: string, progress: ImportJobProgress, at: string): Promise<boolean>;
  /** Renews the heartbeat of these jobs, which this instance is running or has queued. */
  heartbeat(ids: readonly string[], at: string): Promise<void>;
  /**
   * Marks failed, with `problem`, every active job whose heartbeat is older than `staleBefore`
   * (or only the job `id`, when given); returns how many.
   */
  failStale(staleBefore: string, problem: unknown, at: string, id?: string): Promise<number>;
}
