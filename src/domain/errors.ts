/** What kind of failure an error is; the HTTP layer maps each kind to one status, in one place. */
export type ErrorKind =
  | 'invalid' // the request itself is malformed
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict' // valid, but the current state of things forbids it
  | 'unprocessable' // well-formed, but fails a rule
  | 'rate_limited' // too many attempts: try again later
  | 'unavailable'; // the server is too busy right now: try again shortly

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

/**
 * A data file (workflow, rule set, calendar) that cannot be used: every problem found, so its
 * author fixes it in one pass, and the file it came from. The server refuses to start on one.
 */
export abstract class InvalidDataFileError extends DomainError {
  readonly kind = 'invalid';

  constructor(
    readonly source: string,
    readonly problems: string[],
    what: string,
  ) {
    super(`${source}: invalid ${what}:\n  - ${problems.join('\n  - ')}`, { source, problems });
  }
}
