import { AppError } from '../common/errors';
import type { Localized } from '../domain/localized';

export function invalidNominationData(field: string, message: Localized): AppError {
  return new AppError('CASE.INVALID_DATA', 'unprocessable', message.en, { field }, message);
}

export function unknownDocumentCode(code: string, known: string[]): AppError {
  return new AppError(
    'DOCUMENT.UNKNOWN_CODE',
    'unprocessable',
    `"${code}" is not a dossier document of the rule set (${known.join(', ')}).`,
    { code, known },
    {
      vi: `"${code}" không phải loại tài liệu hồ sơ trong bộ quy tắc (${known.join(', ')}).`,
      en: `"${code}" is not a dossier document of the rule set (${known.join(', ')}).`,
    },
  );
}

export function unacceptableDocument(reason: Localized): AppError {
  return new AppError('DOCUMENT.NOT_ACCEPTED', 'unprocessable', reason.en, {}, reason);
}

export function documentNotFound(id: string): AppError {
  return new AppError(
    'DOCUMENT.NOT_FOUND',
    'not_found',
    `No document ${id}.`,
    { documentId: id },
    { vi: `Không tìm thấy tài liệu ${id}.`, en: `No document ${id}.` },
  );
}

export function noticeNotFound(id: string): AppError {
  return new AppError(
    'NOTICE.NOT_FOUND',
    'not_found',
    `No nomination ${id} is under public notice.`,
    { caseId: id },
    {
      vi: `Không có đề nghị khen thưởng ${id} đang công khai lấy ý kiến.`,
      en: `No nomination ${id} is under public notice.`,
    },
  );
}

export function certificateNotFound(): AppError {
  return new AppError(
    'CERTIFICATE.NOT_FOUND',
    'not_found',
    'No certificate has this verification code.',
    {},
    {
      vi: 'Không có giấy khen, bằng khen nào mang mã xác thực này.',
      en: 'No certificate has this verification code.',
    },
  );
}

/** A reader of the case whose roles there do not include reading objectors' identities. */
export function objectorIdentitiesForbidden(): AppError {
  return new AppError(
    'OBJECTIONS.FORBIDDEN',
    'forbidden',
    "Objectors' names and contacts are for the secretariat and auditors of the case's unit.",
    {},
    {
      vi: 'Họ tên và thông tin liên hệ của người phản ánh chỉ dành cho cơ quan thường trực và kiểm toán viên của đơn vị có hồ sơ.',
      en: "Objectors' names and contacts are for the secretariat and auditors of the case's unit.",
    },
  );
}
