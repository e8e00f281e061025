import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/**
 * GCM's ciphertext is exactly as long as its plaintext, and "reject" is one letter shorter than
 * "approve" or "abstain": unpadded, the length of a sealed ballot would tell its choice. Every
 * plaintext is padded with spaces (which JSON ignores) to a multiple of this many bytes.
 */
const PADDED_BLOCK = 256;

/**
 * Seals a secret ballot's content until the voting closes: AES-256-GCM, a fresh random 12-byte IV
 * per ballot, and the session's id as associated data, so a sealed row copied into another session
 * does not open there. Anyone reading the database while the voting is open sees who took part but
 * not what they chose.
 */
export class BallotSealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new Error(`The ballot sealing key must be ${KEY_BYTES} bytes, not ${key.length}`);
    }
    this.key = Buffer.from(key);
  }

  /** `sessionId` is bound to the result: only `unseal(…, sessionId)` with the same id opens it. */
  seal(content: object, sessionId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(sessionId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(padded(content)), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    return `${FORMAT}.${sealed.toString('base64url')}`;
  }

  /** Throws when the text was not sealed with this key for this session, or was altered. */
  unseal(sealed: string, sessionId: string): object {
    const [format, body, ...rest] = sealed.split('.');
    if (format !== FORMAT || body === undefined || rest.length > 0) {
      throw new Error('Not a sealed ballot');
    }
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('Not a sealed ballot');
    const decipher = createDecipheriv(ALGORITHM, this.key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(sessionId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    const content: unknown = JSON.parse(plaintext.toString('utf8'));
    if (typeof content !== 'object' || content === null) throw new Error('Not a sealed ballot');
    return content;
  }
}

function padded(content: object): Buffer {
  const json = Buffer.from(JSON.stringify(content), 'utf8');
  const length = Math.max(PADDED_BLOCK, Math.ceil(json.length / PADDED_BLOCK) * PADDED_BLOCK);
  return Buffer.concat([json, Buffer.alloc(length - json.length, ' ')]);
}
