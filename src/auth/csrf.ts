import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The anti-CSRF token of a browser session: an HMAC of its id under the server's secret, so it
 * needs no storage, stays the same for the session's whole life (through every refresh), and
 * cannot be computed by a page that does not already have it.
 */
export function csrfTokenFor(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(given: unknown, sessionId: string, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
