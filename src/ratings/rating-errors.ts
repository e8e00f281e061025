import { AppError } from '../common/errors';
import type { RowProblem } from '../imports/row-checks';

/** The refusals of the ratings register, each in Vietnamese and English. */

export function subjectNotFound(kind: string, id: string): AppError {
  return new AppError(
    'RATING.SUBJECT_NOT_FOUND',
    'not_found',
    `No ${kind} ${id} that you may see.`,
    { kind, subjectId: id },
    kind === 'person'
      ? {
          vi: 'Không tìm thấy cán bộ (hoặc bạn không có quyền xem).',
          en: 'No such person that you may see.',
        }
      : {
          vi: 'Không tìm thấy đơn vị (hoặc bạn không có quyền xem).',
          en: 'No such unit that you may see.',
        },
  );
}

export function unitNotFound(id: string): AppError {
  return new AppError(
    'RATING.UNIT_NOT_FOUND',
    'not_found',
    `No unit ${id} that you may see.`,
    { unitId: id },
    {
      vi: 'Không tìm thấy đơn vị (hoặc bạn không có quyền xem).',
      en: 'No such unit that you may see.',
    },
  );
}

/** Nobody rates themselves: a rating counts towards their own commendation. */
export function mayNotRateSelf(): AppError {
  const en = 'You may not rate yourself: your rating is entered by someone else.';
  return new AppError(
    'RATING.SELF',
    'forbidden',
    en,
    {},
    {
      vi: 'Không được tự xếp loại chính mình: việc xếp loại do người khác thực hiện.',
      en,
    },
  );
}

export function mayNotRate(): AppError {
  const en =
    'Only an administrator, or the secretariat or a leader of a unit whose subtree holds the ' +
    'subject, may rate it.';
  return new AppError(
    'RATING.FORBIDDEN',
    'forbidden',
    en,
    {},
    {
      vi: 'Chỉ quản trị viên, hoặc bộ phận thường trực hay lãnh đạo của đơn vị quản lý đối tượng này, được xếp loại.',
      en,
    },
  );
}

export function unknownRating(rating: string, year: number, codes: readonly string[]): AppError {
  const en = `"${rating}" is not a rating of ${year}; use one of: ${codes.join(', ')}.`;
  return new AppError(
    'RATING.UNKNOWN_CODE',
    'unprocessable',
    en,
    { field: 'rating', rating, year, accepted: codes },
    {
      vi: `"${rating}" không phải mức xếp loại của năm ${year}; dùng một trong: ${codes.join(', ')}.`,
      en,
    },
  );
}

export function futureYear(year: number, thisYear: number): AppError {
  const en = `${year} has not begun; a year can be rated from ${thisYear} back.`;
  return new AppError(
    'RATING.FUTURE_YEAR',
    'unprocessable',
    en,
    { field: 'year', year },
    { vi: `Năm ${year} chưa đến; chỉ xếp loại từ năm ${thisYear} trở về trước.`, en },
  );
}

export function noScale(year: number): AppError {
  const en = `No rule set gives a rating scale for ${year}.`;
  return new AppError(
    'RATING.NO_SCALE',
    'unprocessable',
    en,
    { field: 'year', year },
    { vi: `Chưa có bộ quy tắc nào quy định thang xếp loại cho năm ${year}.`, en },
  );
}

export function ratingNotFound(): AppError {
  const en = 'The subject has no rating for that year.';
  return new AppError(
    'RATING.NOT_FOUND',
    'not_found',
    en,
    {},
    { vi: 'Đối tượng chưa được xếp loại năm này.', en },
  );
}

export function changedMeanwhile(): AppError {
  const en = 'Someone else changed this rating meanwhile; load it again and retry.';
  return new AppError(
    'RATING.CONCURRENT_CHANGE',
    'conflict',
    en,
    {},
    { vi: 'Người khác vừa thay đổi xếp loại này; hãy tải lại rồi thử lại.', en },
  );
}

/** The same code and details as every other import's refusal of bad rows. */
export function invalidRows(problems: RowProblem[], maxListed: number): AppError {
  const rows = new Set(problems.map((problem) => problem.line)).size;
  const en = `${rows} row(s) of the file have errors; nothing was imported.`;
  return new AppError(
    'IMPORT.INVALID_ROWS',
    'unprocessable',
    en,
    { errors: problems.slice(0, maxListed), errorCount: problems.length },
    { vi: `${rows} dòng trong tệp có lỗi; chưa nhập dữ liệu nào.`, en },
  );
}
