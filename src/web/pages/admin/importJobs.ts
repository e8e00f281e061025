import { api, ApiError, type Problem } from '../../api/client';
import type { ImportKind, ImportReport } from './api';

/** An import job as the server reports it (src/imports/dto/import.dto.ts). */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: 'queued' | 'checking' | 'applying' | 'done' | 'failed';
  progress: {
    rowsRead: number;
    rowsTotal: number | null;
    rowsWritten: number;
    rowsToWrite: number | null;
  };
  report?: ImportReport & { errorCount?: number };
  problem?: Problem;
}

/** How often the page asks how its job stands. */
const POLL_EVERY_MS = 700;

/**
 * Uploads the file as an import job (Prefer: respond-async) and follows the job until it ends:
 * the report, or the job's problem thrown as an ApiError (as a synchronous answer would be).
 */
export async function importAsJob(
  kind: ImportKind,
  file: File,
  contentType: string,
  skipInvalid: boolean,
  onUploadPercent: (percent: number) => void,
  onJob: (job: ImportJob) => void,
  stillWanted: () => boolean,
): Promise<ImportReport & { errorCount?: number }> {
  let job = await api.upload<ImportJob>(
    `/imports/${kind}`,
    file,
    contentType,
    { skipInvalid: skipInvalid ? 'true' : undefined },
    onUploadPercent,
    { prefer: 'respond-async' },
  );
  while (job.status !== 'done' && job.status !== 'failed' && stillWanted()) {
    onJob(job);
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    job = await api.get<ImportJob>(`/imports/jobs/${job.id}`);
  }
  onJob(job);
  if (job.status === 'failed' && job.problem) throw new ApiError(job.problem);
  if (!job.report)
    throw new ApiError({ status: 0, code: 'IMPORT.ABANDONED', title: '', detail: '' });
  return job.report;
}
