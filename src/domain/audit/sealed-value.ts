import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256Hex } from './canonical-json';

/**
 * A commitment to a value kept out of the audit chain: the chain stores only
 * SHA-256(canonical JSON of `{ value, nonce }`), the value and its nonce are stored apart for the
 * readers who may see them. The nonce (256 random bits) is what stops anyone from confirming a
 * guessed value (an objector's name) by hashing it: without it the hash says nothing.
 */
export interface Sealed {
  commitment: string;
  nonce: string;
}

export function seal(value: unknown): Sealed {
  const nonce = randomBytes(32).toString('hex');
  return { commitment: commitmentOf(value, nonce), nonce };
}

export function commitmentOf(value: unknown, nonce: string): string {
  return sha256Hex(canonicalJson({ value, nonce }));
}
