import { AppError } from '../common/errors';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { TargetProblems } from '../domain/registrations/registration-rules';

/** The problems a registration answers with (RFC 9457 bodies through the global filter). */

/** A movement the caller may not see answers exactly like one that does not exist. */
export const movementNotFound = (movementId: string) =>
  new AppError(
    'MOVEMENT.NOT_FOUND',
    'not_found',
    `No movement ${movementId}.`,
    { movementId },
    {
      vi: `Không tìm thấy phong trào thi đua ${movementId}.`,
      en: `No movement ${movementId}.`,
    },
  );

export const registrationClosed = (movementId: string) =>
  new AppError(
    'REGISTRATION.CLOSED',
    'conflict',
    'The movement does not take registrations now (it is not launched, or it is past its launch stage).',
    { movementId },
    {
      vi: 'Phong trào hiện không nhận đăng ký thi đua (chưa phát động hoặc đã qua giai đoạn đăng ký).',
      en: 'The movement does not take registrations now (it is not launched, or it is past its launch stage).',
    },
  );

export const registeredAfterDeadline = (registeredOn: string, deadline: string) =>
  new AppError(
    'REGISTRATION.AFTER_DEADLINE',
    'unprocessable',
    `The registration is dated ${registeredOn}, after the movement's registration deadline ${deadline}.`,
    { registeredOn, registrationDeadline: deadline },
    {
      vi: `Ngày đăng ký ${toVietnameseDate(registeredOn)} sau hạn đăng ký của phong trào (${toVietnameseDate(deadline)}).`,
      en: `The registration is dated ${registeredOn}, after the movement's registration deadline ${deadline}.`,
    },
  );

export const registeredInFuture = (registeredOn: string, today: string) =>
  new AppError(
    'REGISTRATION.DATE_IN_FUTURE',
    'unprocessable',
    `The day of registration ${registeredOn} is after today (${today}).`,
    { registeredOn, today },
    {
      vi: `Ngày đăng ký ${toVietnameseDate(registeredOn)} sau ngày hôm nay (${toVietnameseDate(today)}).`,
      en: `The day of registration ${registeredOn} is after today (${today}).`,
    },
  );

export const outsideParticipatingSubtree = (subjectId: string) =>
  new AppError(
    'REGISTRATION.OUTSIDE_MOVEMENT',
    'unprocessable',
    'The registrant is not in the units that take part in the movement.',
    { subjectId },
    {
      vi: 'Đơn vị hoặc cá nhân đăng ký không thuộc phạm vi tham gia phong trào.',
      en: 'The registrant is not in the units that take part in the movement.',
    },
  );

export const targetsNotOnOffer = (problems: TargetProblems) =>
  new AppError(
    'REGISTRATION.TARGETS_NOT_ON_OFFER',
    'unprocessable',
    'The targets name awards the movement does not offer or criteria it does not have.',
    { ...problems },
    {
      vi: `Mục tiêu đăng ký có danh hiệu phong trào không đưa ra (${problems.awardsNotOnOffer.join(', ') || '—'}) hoặc tiêu chí không thuộc phong trào (${problems.criteriaNotOfMovement.join(', ') || '—'}).`,
      en: `The targets name awards the movement does not offer (${problems.awardsNotOnOffer.join(', ') || '—'}) or criteria it does not have (${problems.criteriaNotOfMovement.join(', ') || '—'}).`,
    },
  );

export const alreadyRegistered = (existingCaseId: string) =>
  new AppError(
    'REGISTRATION.DUPLICATE',
    'conflict',
    'This unit or person is already registered for the movement (a registration not refused or withdrawn exists).',
    { existingCaseId },
    {
      vi: 'Đơn vị hoặc cá nhân này đã đăng ký thi đua trong phong trào (đang có đăng ký chưa bị từ chối hoặc rút).',
      en: 'This unit or person is already registered for the movement (a registration not refused or withdrawn exists).',
    },
  );

export const registeredTwiceInBulk = (subjectId: string) =>
  new AppError(
    'REGISTRATION.DUPLICATE',
    'conflict',
    'The same person is listed twice in the registration.',
    { subjectId },
    {
      vi: 'Một người được liệt kê hai lần trong danh sách đăng ký.',
      en: 'The same person is listed twice in the registration.',
    },
  );

export interface RefusedRow {
  index: number;
  /** `unit` for the unit's own registration, `people` for a person's. */
  part: 'unit' | 'people';
  code: string;
  message: string;
  localized?: { vi: string; en: string };
}

export const bulkRefused = (rows: RefusedRow[]) =>
  new AppError(
    'REGISTRATION.BULK_REFUSED',
    'unprocessable',
    `${rows.length} row(s) of the registration were refused; nothing was registered.`,
    { rows },
    {
      vi: `${rows.length} dòng đăng ký không hợp lệ; chưa có đăng ký nào được ghi nhận.`,
      en: `${rows.length} row(s) of the registration were refused; nothing was registered.`,
    },
  );

export const emptyBulk = () =>
  new AppError(
    'REGISTRATION.BULK_EMPTY',
    'invalid',
    'Register the unit, some people, or both.',
    {},
    {
      vi: 'Cần đăng ký cho đơn vị, cho cá nhân, hoặc cả hai.',
      en: 'Register the unit, some people, or both.',
    },
  );
