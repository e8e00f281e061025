import { AppError } from '../common/errors';
import type { UploadUsageRepository } from './upload-usage.repository';

/** The rolling window of the per-user quota. */
const DAY_MS = 24 * 60 * 60 * 1000;

export interface UploadQuotaLimits {
  userBytesPerDay: number;
  caseBytes: number;
}

/**
 * Dossier uploads are bounded twice: what one user may upload in any 24 hours (a stolen or
 * runaway account cannot fill the disk), and what one case may hold in all (documents are never
 * deleted, so a case's dossier only grows). Checked in the transaction that writes the document's
 * row, after the case is locked (which makes the case's sum exact) and after the user's other
 * uploads are held back (UploadUsageRepository.serialiseUploadsBy): uploads racing each other are
 * judged one after the other, each counting those committed before it, so neither quota is ever
 * overshot. A refusal rolls the whole upload back.
 */
export class UploadQuota {
  constructor(private readonly limits: UploadQuotaLimits) {}

  /**
   * Refuses (422 UPLOAD.QUOTA_EXCEEDED) an upload of `size` bytes that would pass a quota; `usage`
   * reads in the transaction that then writes the upload, with its case locked.
   */
  async check(
    usage: UploadUsageRepository,
    upload: { userId: string; caseId: string; size: number; now: Date },
  ): Promise<void> {
    const { userId, caseId, size, now } = upload;
    await usage.serialiseUploadsBy(userId);
    const since = new Date(now.getTime() - DAY_MS).toISOString();
    const uploaded = await usage.bytesUploadedBy(userId, since);
    if (uploaded + size > this.limits.userBytesPerDay) {
      throw quotaExceeded('user_day', this.limits.userBytesPerDay, uploaded, size);
    }
    const stored = await usage.bytesStoredFor(caseId);
    if (stored + size > this.limits.caseBytes) {
      throw quotaExceeded('case', this.limits.caseBytes, stored, size);
    }
  }
}

export type UploadQuotaName = 'user_day' | 'case';

function quotaExceeded(
  quota: UploadQuotaName,
  limitBytes: number,
  usedBytes: number,
  size: number,
): AppError {
  const limit = mebibytes(limitBytes);
  const used = mebibytes(usedBytes);
  const file = mebibytes(size);
  const text =
    quota === 'user_day'
      ? {
          vi:
            `Vượt hạn mức tải lên của mỗi người dùng: tối đa ${limit} MiB trong 24 giờ ` +
            `(đã tải ${used} MiB, tệp này ${file} MiB). Hãy thử lại sau.`,
          en:
            `Over the upload quota per user: at most ${limit} MiB in any 24 hours ` +
            `(${used} MiB uploaded, this file ${file} MiB). Try again later.`,
        }
      : {
          vi:
            `Vượt hạn mức tài liệu của một hồ sơ: tối đa ${limit} MiB ` +
            `(hồ sơ đã có ${used} MiB, tệp này ${file} MiB).`,
          en:
            `Over the document quota per case: at most ${limit} MiB ` +
            `(the case holds ${used} MiB, this file ${file} MiB).`,
        };
  return new AppError(
    'UPLOAD.QUOTA_EXCEEDED',
    'unprocessable',
    text.en,
    { quota, limitBytes, usedBytes, size },
    text,
  );
}

/** Bytes as MiB with one decimal, as people read file sizes. */
function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
