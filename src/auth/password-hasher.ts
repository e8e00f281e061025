import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';

/**
 * How a password is stored: a memory-hard key derivation at the cost OWASP's Password Storage
 * Cheat Sheet recommends, in a self-describing format, so the parameters can be raised later and
 * every stored hash still verifies (and is replaced at its owner's next sign-in).
 *
 * - Argon2id (m = 19 MiB, t = 2, p = 1, OWASP's first choice) where the runtime has it:
 *   `crypto.argon2`, Node ≥ 24.7, detected at run time. Stored in the PHC string format,
 *   `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>`, which other tools read too.
 * - Otherwise scrypt with N = 2^15, r = 8, p = 3 (OWASP's equivalent of N = 2^17, p = 1): 32 MiB
 *   per hash rather than 128, because libuv runs four at a time. Stored as
 *   `scrypt$N$r$p$<salt>$<key>` (base64url), the format this project has always used.
 *
 * An instance that does not have Argon2 cannot verify an Argon2id hash (mixed Node versions in
 * one deployment): such a sign-in fails as a wrong password would, and the log says nothing of it.
 * Upgrade every instance before the first one stores an Argon2id hash.
 */
export type HashParameters =
  | { algorithm: 'scrypt'; N: number; r: number; p: number }
  | { algorithm: 'argon2id'; memoryKiB: number; passes: number; parallelism: number };

export const OWASP_SCRYPT: HashParameters = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 3 };
export const OWASP_ARGON2ID: HashParameters = {
  algorithm: 'argon2id',
  memoryKiB: 19_456,
  passes: 2,
  parallelism: 1,
};

/** A password check's result; `outdated`: the stored hash should be replaced by a current one. */
export interface Verification {
  matches: boolean;
  outdated: boolean;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash with larger parameters than this is refused unverified (memory is the cost). */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** `crypto.argon2` of Node ≥ 24.7, which @types/node for Node 20 does not know yet. */
type Argon2 = (
  algorithm: 'argon2id',
  parameters: {
    message: string;
    nonce: Buffer;
    parallelism: number;
    tagLength: number;
    memory: number;
    passes: number;
  },
  callback: (error: Error | null, key: Buffer) => void,
) => void;

const argon2: Argon2 | undefined = (crypto as unknown as { argon2?: Argon2 }).argon2;

/** The parameters new hashes use on this runtime. */
export function currentParameters(): HashParameters {
  return typeof argon2 === 'function' ? OWASP_ARGON2ID : OWASP_SCRYPT;
}

@Injectable()
export class PasswordHasher {
  private parameters: HashParameters = currentParameters();

  async hash(password: string): Promise<string> {
    const salt = crypto.randomBytes(SALT_BYTES);
    return format(this.parameters, salt, await derive(password, salt, this.parameters));
  }

  /**
   * Checks `password` against `stored`; with no stored hash (an unknown user), against a hash of
   * the current parameters that nothing matches, so an unknown username takes as long to refuse
   * as a wrong password.
   */
  async verify(password: string, stored: string | null): Promise<Verification> {
    const parsed = stored === null ? null : parse(stored);
    const target = parsed ?? {
      parameters: this.parameters,
      salt: Buffer.alloc(SALT_BYTES),
      key: Buffer.alloc(KEY_BYTES),
    };
    if (!runnable(target)) return { matches: false, outdated: false };
    const actual = await derive(password, target.salt, target.parameters, target.key.length);
    const matches =
      parsed !== null &&
      actual.length === target.key.length &&
      crypto.timingSafeEqual(actual, target.key);
    return { matches, outdated: matches && !sameParameters(target.parameters, this.parameters) };
  }

  /**
   * Tests only: hash new passwords with cheaper parameters (a test suite signs users in hundreds
   * of times). What it stores stays self-describing, so the production parameters still verify.
   */
  useParametersForTests(parameters: HashParameters): void {
    this.parameters = parameters;
  }
}

function derive(
  password: string,
  salt: Buffer,
  parameters: HashParameters,
  keyLength = KEY_BYTES,
): Promise<Buffer> {
  const message = password.normalize('NFC');
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, key: Buffer) => (error ? reject(error) : resolve(key));
    if (parameters.algorithm === 'argon2id') {
      if (!argon2) {
        resolve(Buffer.alloc(0));
        return;
      }
      argon2(
        'argon2id',
        {
          message,
          nonce: salt,
          parallelism: parameters.parallelism,
          tagLength: keyLength,
          memory: parameters.memoryKiB,
          passes: parameters.passes,
        },
        done,
      );
      return;
    }
    const { N, r, p } = parameters;
    crypto.scrypt(message, salt, keyLength, { N, r, p, maxmem: MAX_MEMORY_BYTES }, done);
  });
}

function format(parameters: HashParameters, salt: Buffer, key: Buffer): string {
  if (parameters.algorithm === 'argon2id') {
    const { memoryKiB, passes, parallelism } = parameters;
    return `$argon2id$v=19$m=${memoryKiB},t=${passes},p=${parallelism}$${phc(salt)}$${phc(key)}`;
  }
  const { N, r, p } = parameters;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  parameters: HashParameters;
  salt: Buffer;
  key: Buffer;
}

const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,8})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const SCRYPT = /^scrypt\$(\d{1,10})\$(\d{1,4})\$(\d{1,4})\$([\w-]+)\$([\w-]+)$/;

/** Null for anything not in one of the two formats: it matches no password. */
function parse(stored: string): ParsedHash | null {
  const argon = ARGON2ID_PHC.exec(stored);
  if (argon) {
    const [, m, t, p, salt, key] = argon;
    return {
      parameters: {
        algorithm: 'argon2id',
        memoryKiB: Number(m),
        passes: Number(t),
        parallelism: Number(p),
      },
      salt: Buffer.from(salt, 'base64'),
      key: Buffer.from(key, 'base64'),
    };
  }
  const scrypt = SCRYPT.exec(stored);
  if (scrypt) {
    const [, N, r, p, salt, key] = scrypt;
    return {
      parameters: { algorithm: 'scrypt', N: Number(N), r: Number(r), p: Number(p) },
      salt: Buffer.from(salt, 'base64url'),
      key: Buffer.from(key, 'base64url'),
    };
  }
  return null;
}

/**
 * A stored hash whose parameters the KDF accepts and this server can afford: a row written by
 * hand or tampered with neither throws (a 500) nor exhausts memory or CPU; it matches nothing.
 */
function runnable({ parameters, salt, key }: ParsedHash): boolean {
  if (parameters.algorithm === 'argon2id') {
    const { memoryKiB, passes, parallelism } = parameters;
    return (
      salt.length >= 8 &&
      key.length >= 4 &&
      key.length <= 64 &&
      parallelism >= 1 &&
      parallelism <= 16 &&
      passes >= 1 &&
      passes <= 16 &&
      memoryKiB >= 8 * parallelism &&
      memoryKiB * 1024 <= MAX_MEMORY_BYTES
    );
  }
  const { N, r, p } = parameters;
  return (
    key.length >= 1 &&
    key.length <= 64 &&
    N >= 2 &&
    Number.isInteger(Math.log2(N)) &&
    r >= 1 &&
    p >= 1 &&
    128 * N * r <= MAX_MEMORY_BYTES &&
    N * r * p <= 2 ** 24
  );
}

function sameParameters(a: HashParameters, b: HashParameters): boolean {
  if (a.algorithm === 'argon2id' && b.algorithm === 'argon2id') {
    return a.memoryKiB === b.memoryKiB && a.passes === b.passes && a.parallelism === b.parallelism;
  }
  if (a.algorithm === 'scrypt' && b.algorithm === 'scrypt') {
    return a.N === b.N && a.r === b.r && a.p === b.p;
  }
  return false;
}

/** The PHC format's base64: standard alphabet, no padding. */
function phc(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
