import { AppError, fieldProblem } from '../common/errors';
import type { Localized } from '../domain/localized';
import { MIN_PASSWORD_SCORE } from './password-strength.tasks';

/** The refusals of sign-in, sessions and passwords: stable codes, in Vietnamese and English. */

export const unauthenticated = (vi: string, en: string) =>
  new AppError('AUTH.UNAUTHENTICATED', 'unauthenticated', en, {}, { vi, en });

export const invalidCredentials = () =>
  new AppError(
    'AUTH.INVALID_CREDENTIALS',
    'unauthenticated',
    'Wrong username or password.',
    {},
    { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  );

export function temporarilyLocked(lockedUntil: string, now: Date): AppError {
  const retryAfterSeconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
  return new AppError(
    'AUTH.TEMPORARILY_LOCKED',
    'rate_limited',
    `Too many failed logins: try again after ${lockedUntil}.`,
    { retryAfterSeconds, lockedUntil },
    {
      vi: `Đăng nhập sai quá nhiều lần: vui lòng thử lại sau ${retryAfterSeconds} giây.`,
      en: `Too many failed logins: try again in ${retryAfterSeconds} seconds.`,
    },
  );
}

/** No refresh cookie, or one whose session expired or was ended: sign in again. */
export const sessionEnded = () =>
  new AppError(
    'AUTH.SESSION_ENDED',
    'unauthenticated',
    'The session has ended: please sign in again.',
    {},
    {
      vi: 'Phiên làm việc đã kết thúc: vui lòng đăng nhập lại.',
      en: 'The session has ended: please sign in again.',
    },
  );

export const csrfRefused = () =>
  new AppError(
    'AUTH.CSRF',
    'forbidden',
    'A request signed in by cookie must carry the X-CSRF-Token header of its session.',
    {},
    {
      vi: 'Yêu cầu thiếu hoặc sai mã chống giả mạo (X-CSRF-Token) của phiên làm việc.',
      en: 'A request signed in by cookie must carry the X-CSRF-Token header of its session.',
    },
  );

export const passwordChangeRequired = () =>
  new AppError(
    'AUTH.PASSWORD_CHANGE_REQUIRED',
    'forbidden',
    'Choose a new password (POST /api/v1/auth/password) before doing anything else.',
    {},
    {
      vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
      en: 'Choose a new password before doing anything else.',
    },
  );

/** Names the field, like a validation error, so a form can show it next to the input. */
export const wrongCurrentPassword = () =>
  new AppError(
    'AUTH.WRONG_CURRENT_PASSWORD',
    'forbidden',
    'The current password is wrong.',
    {
      errors: [
        fieldProblem('currentPassword', {
          vi: 'Mật khẩu hiện tại không đúng.',
          en: 'The current password is wrong.',
        }),
      ],
    },
    { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  );

export const passwordUnchanged = () =>
  new AppError(
    'AUTH.PASSWORD_UNCHANGED',
    'unprocessable',
    'The new password must differ from the current one.',
    {
      errors: [
        fieldProblem('newPassword', {
          vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
          en: 'The new password must differ from the current one.',
        }),
      ],
    },
    {
      vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
      en: 'The new password must differ from the current one.',
    },
  );

/**
 * The new password is too easy to guess: a field error, like a validation error, so the form shows
 * the reason under the input, in the reader's language.
 */
export function passwordTooWeak(field: string, reason: Localized, score: number): AppError {
  return new AppError(
    'AUTH.PASSWORD_TOO_WEAK',
    'unprocessable',
    reason.en,
    {
      score,
      requiredScore: MIN_PASSWORD_SCORE,
      errors: [fieldProblem(field, reason)],
    },
    reason,
  );
}

/**
 * A token issued before the account's tokens were withdrawn (deactivation, reactivation, a new
 * password, a grant removed): sign in again.
 */
export const tokenWithdrawn = () =>
  unauthenticated(
    'Mã truy cập đã bị thu hồi vì tài khoản vừa thay đổi (mật khẩu, quyền hoặc trạng thái): ' +
      'vui lòng đăng nhập lại.',
    'The token was withdrawn because the account changed since it was issued (its password, ' +
      'roles or status): please sign in again.',
  );

/**
 * A sign-in whose password was right when checked, but whose account changed before its session
 * was stored (a new password, a reset, a deactivation, a role withdrawn: its token generation
 * moved on): no session is started; signing in again is judged against the account as it is now.
 */
export const accountChangedDuringSignIn = () =>
  new AppError(
    'AUTH.ACCOUNT_CHANGED',
    'conflict',
    'The account changed (its password, roles or status) while signing in: please sign in again.',
    {},
    {
      vi:
        'Tài khoản vừa thay đổi (mật khẩu, quyền hoặc trạng thái) trong lúc đăng nhập: ' +
        'vui lòng đăng nhập lại.',
      en: 'The account changed (its password, roles or status) while signing in: please sign in again.',
    },
  );

/**
 * A password change whose current password was checked against a stored password that was
 * replaced before the new one was written (an administrator's reset, another change): nothing is
 * written, so the other change stands.
 */
export const passwordChangedMeanwhile = () =>
  new AppError(
    'AUTH.PASSWORD_CHANGED_MEANWHILE',
    'conflict',
    'The password was changed or reset while this change was being made: the new password was ' +
      'not saved. Sign in with the password now in force.',
    {},
    {
      vi:
        'Mật khẩu vừa được thay đổi hoặc đặt lại trong lúc bạn đổi mật khẩu: mật khẩu mới chưa ' +
        'được lưu. Vui lòng đăng nhập bằng mật khẩu hiện hành.',
      en:
        'The password was changed or reset while this change was being made: the new password ' +
        'was not saved. Sign in with the password now in force.',
    },
  );
