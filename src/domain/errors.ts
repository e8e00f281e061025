/**
 * Base of every error the domain and application layers raise on purpose. The `code` is stable and
 * part of the public API (clients switch on it); the HTTP status is chosen in one place, the
 * problem-details filter, so the domain stays framework-free.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
