import { AppError, fieldProblem } from '../common/errors';
import type { Refusal, RefusalReason } from '../domain/workflow/step';
import type { ErrorKind } from '../domain/errors';
import type { EventFacts } from '../domain/workflow/case-event';

const KIND_BY_REFUSAL: Record<RefusalReason, ErrorKind> = {
  EVENT_UNKNOWN: 'unprocessable',
  EVENT_NOT_ALLOWED_IN_STATE: 'conflict',
  CASE_CLOSED: 'conflict',
  ROLE_NOT_ALLOWED: 'forbidden',
  GUARD_FAILED: 'unprocessable',
  PAYLOAD_INVALID: 'invalid',
};

export function caseNotFound(id: string): AppError {
  return new AppError(
    'CASE.NOT_FOUND',
    'not_found',
    `No case ${id}.`,
    { caseId: id },
    { vi: `Không tìm thấy hồ sơ ${id}.`, en: `No case ${id}.` },
  );
}

/** A refused event; a refusal by guards also shows the eligibility result they judged, if any. */
export function transitionRefused(refusal: Refusal, facts: EventFacts = {}): AppError {
  const { reason, message, payloadProblems, ...details } = refusal;
  const eligibility = reason === 'GUARD_FAILED' ? facts.eligibility : undefined;
  // Payload problems name their fields the way every validation error does, for forms to show.
  const errors = payloadProblems?.map(({ field, message }) => fieldProblem(field, message));
  return new AppError(
    `CASE.${reason}`,
    KIND_BY_REFUSAL[reason],
    message.en,
    {
      ...details,
      ...(errors === undefined ? {} : { errors }),
      ...(eligibility === undefined ? {} : { eligibility }),
    },
    message,
  );
}

export function invalidCaseData(problems: string[]): AppError {
  return new AppError(
    'CASE.INVALID_DATA',
    'unprocessable',
    `The case data is not valid: ${problems.join('; ')}`,
    { problems },
    {
      vi: `Dữ liệu hồ sơ không hợp lệ: ${problems.join('; ')}`,
      en: `The case data is not valid: ${problems.join('; ')}`,
    },
  );
}

export function staleVersion(expectedVersion: number, currentVersion: number): AppError {
  return new AppError(
    'CASE.STALE_VERSION',
    'conflict',
    `The case is at version ${currentVersion}, not ${expectedVersion}: reload it and try again.`,
    { expectedVersion, currentVersion },
    {
      vi: `Hồ sơ đã được cập nhật (phiên bản ${currentVersion}, không phải ${expectedVersion}): hãy tải lại.`,
      en: `The case is at version ${currentVersion}, not ${expectedVersion}: reload it and try again.`,
    },
  );
}

export function idempotencyKeyReused(): AppError {
  return new AppError(
    'IDEMPOTENCY.KEY_REUSED',
    'unprocessable',
    'This Idempotency-Key was already used for a different request.',
    {},
    {
      vi: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.',
      en: 'This Idempotency-Key was already used for a different request.',
    },
  );
}

export function pinnedWorkflowChanged(id: string, version: number): AppError {
  return new AppError(
    'WORKFLOW.PINNED_VERSION_CHANGED',
    'conflict',
    `Workflow ${id} v${version} on this server differs from the one the case was opened with; ` +
      'published versions must not be edited (publish a new version instead).',
    { workflowId: id, workflowVersion: version },
    {
      vi:
        `Quy trình ${id} phiên bản ${version} trên máy chủ khác với phiên bản hồ sơ đã dùng khi mở; ` +
        'không được sửa phiên bản đã ban hành (hãy ban hành phiên bản mới).',
      en:
        `Workflow ${id} v${version} on this server differs from the one the case was opened with; ` +
        'published versions must not be edited (publish a new version instead).',
    },
  );
}

export function payloadTooLarge(field: string, limit: number): AppError {
  return new AppError(
    'VALIDATION.FAILED',
    'invalid',
    `${field} is larger than ${limit} bytes of JSON.`,
    {
      errors: [
        fieldProblem(field, {
          vi: `tối đa ${limit} byte JSON`,
          en: `must be at most ${limit} bytes of JSON`,
        }),
      ],
    },
    {
      vi: `${field} lớn hơn ${limit} byte JSON.`,
      en: `${field} is larger than ${limit} bytes of JSON.`,
    },
  );
}

export function unknownCaseType(type: string, known: string[]): AppError {
  return new AppError(
    'CASE.UNKNOWN_TYPE',
    'unprocessable',
    `There is no workflow for case type "${type}" (known: ${known.join(', ')}).`,
    { caseType: type, knownTypes: known },
    {
      vi: `Không có quy trình cho loại hồ sơ "${type}".`,
      en: `There is no workflow for case type "${type}".`,
    },
  );
}

export function unknownSubject(id: string | undefined): AppError {
  return new AppError(
    'CASE.UNKNOWN_SUBJECT',
    'unprocessable',
    `No person or unit ${id ?? '(missing id)'} that you may open a case about.`,
    {
      errors: [
        fieldProblem('subject', {
          vi: 'không có cá nhân hoặc đơn vị này trong phạm vi của bạn',
          en: 'no such person or unit in your scope',
        }),
      ],
    },
    {
      vi: 'Không tìm thấy cá nhân hoặc đơn vị này trong phạm vi của bạn.',
      en: `No person or unit ${id ?? '(missing id)'} that you may open a case about.`,
    },
  );
}

export function selfAction(): AppError {
  return new AppError(
    'CASE.SELF_ACTION',
    'forbidden',
    'You cannot act on a case about yourself.',
    {},
    {
      vi: 'Không được tự đề nghị hoặc xử lý hồ sơ của chính mình.',
      en: 'You cannot act on a case about yourself.',
    },
  );
}
