/** What kind of failure an error is; the HTTP layer maps each kind to one status, in one place. */
export type ErrorKind =
  | 'invalid' // the request itself is malformed
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict' // valid, but the current state of things forbids it
  | 'unprocessable'; // well-formed, but fails a rule

/**
 * Base of every error raised on purpose. The `code` is stable and part of the public API (clients
 * switch on it); the domain stays framework-free.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
