/** How many verified tokens are remembered (~300 bytes each); the oldest is forgotten first. */
const REMEMBERED = 10_000;

interface Claims {
  exp?: unknown;
  nbf?: unknown;
}

/**
 * The claims of tokens whose signature this process has already checked, by the whole token
 * text: a client sends the same token with every request until it expires, and checking it again
 * (base64, the HMAC, JSON) was ~3% of a light transition's server time (profiled). The signature
 * of a given text under the process's secret never changes, so only the expiry is checked again,
 * exactly as jsonwebtoken checks it (expired from the second `exp` names on). A token with a
 * not-before time is always checked anew. Everything the guard checks besides the signature (the
 * claims' shape, the user, the token generation, the session) it still checks on every request.
 */
export class VerifiedTokens<T extends Claims> {
  private readonly verified = new Map<string, T>();

  async claimsOf(token: string, verify: (token: string) => Promise<T>): Promise<T> {
    const known = this.verified.get(token);
    if (known !== undefined && !expired(known)) return known;
    if (known !== undefined) this.verified.delete(token);
    const claims = await verify(token);
    if (typeof claims.exp === 'number' && claims.nbf === undefined) this.remember(token, claims);
    return claims;
  }

  private remember(token: string, claims: T): void {
    this.verified.set(token, claims);
    if (this.verified.size > REMEMBERED) {
      this.verified.delete(this.verified.keys().next().value!);
    }
  }
}

/** jsonwebtoken's test (no clock tolerance): expired once the current second reaches `exp`. */
function expired(claims: Claims): boolean {
  return Math.floor(Date.now() / 1000) >= (claims.exp as number);
}
