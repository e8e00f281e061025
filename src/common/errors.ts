import { DomainError, type ErrorKind } from '../domain/errors';
import type { Localized } from '../domain/localized';

/** An application-level error with a stable code; `localized` is shown to users when present. */
export class AppError extends DomainError {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    details: Record<string, unknown> = {},
    readonly localized?: Localized,
  ) {
    super(message, details);
  }
}

export const notFound = (
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  vi?: string,
) =>
  new AppError(
    code,
    'not_found',
    message,
    details,
    vi === undefined ? undefined : { vi, en: message },
  );

/** One field's problem as VALIDATION.FAILED-style `errors` list it: the English and the Vietnamese. */
export const fieldProblem = (
  field: string,
  message: Localized,
): { field: string; messages: string[]; messagesVi: string[] } => ({
  field,
  messages: [message.en],
  messagesVi: [message.vi],
});
