import { Inject, Injectable } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import type { ChangeAuthor } from '../domain/org/change-log';
import { scopesFor, type Principal } from '../domain/org/principal';
import {
  ACTIVE_IMPORT_JOB_STATUSES,
  IMPORT_JOBS_REPOSITORY,
  type ImportJobKind,
  type ImportJobsRepository,
  type StoredImportJob,
} from '../persistence/repositories/import-jobs.repository';
import { importJobDto, type ImportJobDto } from './dto/import.dto';
import { ImportJobRunner, MAX_QUEUED_IMPORTS, STALE_AFTER_MS } from './import-job-runner';
import { emptyFile, unreadable } from './import-problems';
import type { ImportReport } from './import-report';
import type { SpreadsheetFormat } from './spreadsheet';

export interface ImportOptions {
  /** Import the valid rows and report the others, instead of refusing the whole file. */
  skipInvalid: boolean;
}

export interface ImportUpload {
  content: Buffer;
  format: SpreadsheetFormat;
}

/**
 * An import answered as it happens: the job when the caller prefers to poll it (or it takes longer
 * than a synchronous answer may wait), else its report.
 */
export type ImportAnswer =
  { accepted: ImportJobDto; preferenceApplied: boolean } | { report: ImportReport };

/** How long a synchronous answer waits for its job before answering 202 all the same. */
export const SYNCHRONOUS_WAIT_MS = 30_000;

/** How often the command line looks at its job. */
const POLL_EVERY_MS = 200;

/** Every XLSX file is a zip archive, and every zip archive starts with these bytes. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Bulk import of the unit tree, the people registry and their past awards from spreadsheets, as
 * jobs: an upload is checked cheaply and stored with its job at once; the job reads and checks
 * every row (in a worker thread), then writes the accepted rows in short batches. Rows are
 * matched to the registry by code (awards by subject, award and year), so importing the same
 * file again changes nothing, and completes an import that was interrupted half-way.
 */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(IMPORT_JOBS_REPOSITORY) private readonly jobs: ImportJobsRepository,
    private readonly runner: ImportJobRunner,
    private readonly clock: Clock,
  ) {}

  async start(
    author: ChangeAuthor,
    kind: ImportJobKind,
    upload: ImportUpload,
    options: ImportOptions,
  ): Promise<ImportJobDto> {
    refuseAtOnce(upload);
    if (!this.runner.hasRoom()) throw importsBusy();
    const now = this.clock.nowIso();
    const job: StoredImportJob = {
      id: uuidv7(),
      kind,
      format: upload.format,
      status: 'queued',
      skipInvalid: options.skipInvalid,
      startedByUserId: author.userId,
      startedByUsername: author.username,
      fileBytes: upload.content.length,
      rowsTotal: null,
      rowsRead: 0,
      rowsToWrite: null,
      rowsWritten: 0,
      report: null,
      problem: null,
      createdAt: now,
      updatedAt: now,
      heartbeatAt: now,
      finishedAt: null,
    };
    await this.jobs.insert(job);
    this.runner.enqueue({ job, file: upload.content, author });
    return importJobDto(job);
  }

  /**
   * Starts the import; with `respondAsync` answers with the job at once, else waits for it (up to
   * SYNCHRONOUS_WAIT_MS) and answers with its report, or throws the problem that refused the file.
   */
  async importFile(
    author: ChangeAuthor,
    kind: ImportJobKind,
    upload: ImportUpload,
    options: ImportOptions,
    respondAsync: boolean,
  ): Promise<ImportAnswer> {
    const job = await this.start(author, kind, upload, options);
    if (respondAsync) return { accepted: job, preferenceApplied: true };
    const end = await this.runner.settled(job.id, SYNCHRONOUS_WAIT_MS);
    if (end === null) {
      const current = await this.jobs.find(job.id);
      return { accepted: current ? importJobDto(current) : job, preferenceApplied: false };
    }
    if ('error' in end) throw end.error;
    return { report: end.report };
  }

  /**
   * The job as its starter, an administrator or an auditor over the whole organisation sees it
   * (others: as if it did not exist). A job whose instance stopped is reported failed.
   */
  async find(actor: Principal, id: string): Promise<ImportJobDto> {
    const job = await this.jobs.find(id);
    if (!job || !mayRead(actor, job)) throw jobNotFound(id);
    return importJobDto(await this.freshen(job));
  }

  /** Waits for the job to end, telling `onProgress` how it stands meanwhile (the command line). */
  async waitFor(
    id: string,
    onProgress: (job: StoredImportJob) => void = () => undefined,
  ): Promise<StoredImportJob> {
    for (;;) {
      const found = await this.jobs.find(id);
      if (!found) throw jobNotFound(id);
      const job = await this.freshen(found);
      onProgress(job);
      if (!ACTIVE_IMPORT_JOB_STATUSES.includes(job.status)) return job;
      await sleep(POLL_EVERY_MS);
    }
  }

  private async freshen(job: StoredImportJob): Promise<StoredImportJob> {
    if (!ACTIVE_IMPORT_JOB_STATUSES.includes(job.status)) return job;
    const staleBefore = this.clock.now().getTime() - STALE_AFTER_MS;
    if (Date.parse(job.heartbeatAt) >= staleBefore) return job;
    await this.runner.failStaleJobs(job.id);
    return (await this.jobs.find(job.id)) ?? job;
  }
}

/** What can be refused without reading the file: the job then never starts. */
function refuseAtOnce(upload: ImportUpload): void {
  if (upload.content.length === 0) {
    if (upload.format === 'csv') throw emptyFile();
    throw unreadable(
      'The file is empty, not an XLSX workbook.',
      'Tệp trống, không phải bảng tính XLSX.',
    );
  }
  if (upload.format === 'xlsx' && !upload.content.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw unreadable(
      'The file is not an XLSX workbook (it is not a zip archive).',
      'Tệp không phải bảng tính XLSX (không phải tệp nén zip).',
    );
  }
  if (upload.format === 'csv' && !isUtf8(upload.content)) {
    throw unreadable(
      'The CSV file is not UTF-8 text; save it as "CSV UTF-8".',
      'Tệp CSV không ở dạng UTF-8; hãy lưu lại với kiểu "CSV UTF-8".',
    );
  }
}

function mayRead(actor: Principal, job: StoredImportJob): boolean {
  return (
    (job.startedByUserId !== null && job.startedByUserId === actor.userId) ||
    scopesFor(actor, ['admin', 'auditor']) === null
  );
}

/** The same answer whether the job does not exist or the caller may not read it. */
function jobNotFound(id: string): AppError {
  const en = `No import job ${id}.`;
  return new AppError(
    'IMPORT.JOB_NOT_FOUND',
    'not_found',
    en,
    {},
    {
      vi: `Không có lượt nhập ${id}.`,
      en,
    },
  );
}

function importsBusy(): AppError {
  const en =
    `${MAX_QUEUED_IMPORTS} imports are already waiting on this server; ` +
    'try again when one of them is done.';
  return new AppError(
    'IMPORT.BUSY',
    'unavailable',
    en,
    { retryAfterSeconds: 30 },
    {
      vi: `Đã có ${MAX_QUEUED_IMPORTS} lượt nhập đang chờ trên máy chủ; hãy thử lại khi một lượt xong.`,
      en,
    },
  );
}
