import type { Database } from '../database';
import { param, placeholders, returnedRows } from '../sql';
import {
  ACTIVE_IMPORT_JOB_STATUSES,
  type ImportJobProgress,
  type ImportJobsRepository,
  type StoredImportJob,
} from './import-jobs.repository';

const COLUMNS = [
  'id',
  'kind',
  'format',
  'status',
  'skip_invalid',
  'started_by_user_id',
  'started_by_username',
  'file_bytes',
  'rows_total',
  'rows_read',
  'rows_to_write',
  'rows_written',
  'report_json',
  'problem_json',
  'created_at',
  'updated_at',
  'heartbeat_at',
  'finished_at',
] as const;

type Row = Record<(typeof COLUMNS)[number], unknown>;

const PROGRESS_COLUMNS: Record<keyof ImportJobProgress, string> = {
  status: 'status',
  rowsTotal: 'rows_total',
  rowsRead: 'rows_read',
  rowsToWrite: 'rows_to_write',
  rowsWritten: 'rows_written',
  report: 'report_json',
  problem: 'problem_json',
};

const FINISHED = ['done', 'failed'];
const ACTIVE_LIST = ACTIVE_IMPORT_JOB_STATUSES.map((status) => `'${status}'`).join(', ');

export class SqlImportJobsRepository implements ImportJobsRepository {
  constructor(private readonly database: Database) {}

  async insert(job: StoredImportJob): Promise<void> {
    const { dialect } = this.database;
    await this.database.write((manager) =>
      manager.query(
        `INSERT INTO import_jobs (${COLUMNS.join(', ')}) VALUES (${placeholders(dialect, COLUMNS.length)})`,
        [
          job.id,
          job.kind,
          job.format,
          job.status,
          job.skipInvalid,
          job.startedByUserId,
          job.startedByUsername,
          job.fileBytes,
          job.rowsTotal,
          job.rowsRead,
          job.rowsToWrite,
          job.rowsWritten,
          jsonOrNull(job.report),
          jsonOrNull(job.problem),
          job.createdAt,
          job.updatedAt,
          job.heartbeatAt,
          job.finishedAt,
        ],
      ),
    );
  }

  async find(id: string): Promise<StoredImportJob | null> {
    const p = param(this.database.dialect, 1);
    const rows: Row[] = await this.database.read((manager) =>
      manager.query(`SELECT ${COLUMNS.join(', ')} FROM import_jobs WHERE id = ${p}`, [id]),
    );
    return rows.length ? toJob(rows[0]) : null;
  }

  async update(id: string, progress: ImportJobProgress, at: string): Promise<boolean> {
    const { dialect } = this.database;
    const assignments: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      values.push(value);
      assignments.push(`${column} = ${param(dialect, values.length)}`);
    };
    for (const [key, column] of Object.entries(PROGRESS_COLUMNS)) {
      const value = progress[key as keyof ImportJobProgress];
      if (value === undefined) continue;
      set(column, key === 'report' || key === 'problem' ? jsonOrNull(value) : value);
    }
    set('updated_at', at);
    set('heartbeat_at', at);
    if (progress.status !== undefined && FINISHED.includes(progress.status)) set('finished_at', at);
    values.push(id);
    const sql =
      `UPDATE import_jobs SET ${assignments.join(', ')} ` +
      `WHERE id = ${param(dialect, values.length)} AND status IN (${ACTIVE_LIST}) RETURNING id`;
    return this.database.write(
      async (manager) => returnedRows(await manager.query(sql, values)) > 0,
    );
  }

  async heartbeat(ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    const { dialect } = this.database;
    await this.database.write((manager) =>
      manager.query(
        `UPDATE import_jobs SET heartbeat_at = ${param(dialect, 1)} ` +
          `WHERE id IN (${placeholders(dialect, ids.length, 2)}) AND status IN (${ACTIVE_LIST})`,
        [at, ...ids],
      ),
    );
  }

  async failStale(staleBefore: string, problem: unknown, at: string, id?: string): Promise<number> {
    const { dialect } = this.database;
    const values: unknown[] = [JSON.stringify(problem), at, at, at, staleBefore];
    let sql =
      `UPDATE import_jobs SET status = 'failed', problem_json = ${param(dialect, 1)}, ` +
      `updated_at = ${param(dialect, 2)}, finished_at = ${param(dialect, 3)}, ` +
      `heartbeat_at = ${param(dialect, 4)} ` +
      `WHERE status IN (${ACTIVE_LIST}) AND heartbeat_at < ${param(dialect, 5)}`;
    if (id !== undefined) {
      values.push(id);
      sql += ` AND id = ${param(dialect, values.length)}`;
    }
    sql += ' RETURNING id';
    return this.database.write(async (manager) => returnedRows(await manager.query(sql, values)));
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toJob(row: Row): StoredImportJob {
  const number = (value: unknown) => (value === null ? null : Number(value));
  const json = (value: unknown) => (value === null ? null : JSON.parse(String(value)));
  return {
    id: String(row.id),
    kind: row.kind as StoredImportJob['kind'],
    format: row.format as StoredImportJob['format'],
    status: row.status as StoredImportJob['status'],
    skipInvalid: Boolean(row.skip_invalid),
    startedByUserId: row.started_by_user_id === null ? null : String(row.started_by_user_id),
    startedByUsername: String(row.started_by_username),
    fileBytes: Number(row.file_bytes),
    rowsTotal: number(row.rows_total),
    rowsRead: Number(row.rows_read),
    rowsToWrite: number(row.rows_to_write),
    rowsWritten: Number(row.rows_written),
    report: json(row.report_json),
    problem: json(row.problem_json),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    heartbeatAt: String(row.heartbeat_at),
    finishedAt: row.finished_at === null ? null : String(row.finished_at),
  };
}
