import type { Checkpoint, PublicKey } from './api';

/**
 * The checks a browser can make on the checkpoints with what GET /audit/checkpoints and
 * GET /audit/public-key give (the controller serves them so auditors can check the checkpoints
 * away from the server): each checkpoint's hash recomputed from its body, its Ed25519 signature
 * against the published key, and the link to the checkpoint before. The same algorithm as
 * src/domain/audit/checkpoint.ts, with the browser's Web Crypto instead of node:crypto.
 *
 * What needs the stored chain heads (the Merkle root, and whether today's chains still hold what
 * a checkpoint signed) cannot be checked here: `npm run cli -- verify --checkpoints` on the server,
 * or an export checked offline with `npm run verify-export`, do that.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type SignatureVerdict =
  /** Signed, and the signature holds against the published key. */
  | 'valid'
  /** Signed with the published key's id, but the signature does not match the checkpoint. */
  | 'invalid'
  /** Signed by a key other than the published one. */
  | 'other_key'
  /** Not signed (no key was configured when it was written). */
  | 'unsigned'
  /** Signed, but the server publishes no key to check it against. */
  | 'no_key'
  /** This browser cannot check Ed25519 signatures (or the page is not on HTTPS). */
  | 'unsupported';

export type LinkVerdict = 'linked' | 'broken' | 'unknown';

export interface CheckpointCheck {
  /** The stored hash is the SHA-256 of the checkpoint's canonical body. */
  hashMatches: boolean | null;
  signature: SignatureVerdict;
  /** prevHash is the hash of the checkpoint before (or the genesis hash for the first). */
  link: LinkVerdict;
}

/** RFC 8785 canonical JSON of plain JSON values: keys in UTF-16 order, ES number and string forms. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    .join(',')}}`;
}

function bodyOf(checkpoint: Checkpoint) {
  const { seq, at, caseCount, eventCount, root, prevHash } = checkpoint;
  return { seq, at, caseCount, eventCount, root, prevHash };
}

function bytesOf(text: string): Uint8Array<ArrayBuffer> {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(new ArrayBuffer(encoded.length));
  bytes.set(encoded);
  return bytes;
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem
    .replace(/-----BEGIN [^-]+-----/, '')
    .replace(/-----END [^-]+-----/, '')
    .replace(/\s+/g, '');
  return base64Bytes(base64);
}

/** Web Crypto exists only in secure contexts (HTTPS, or localhost). */
function subtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle ?? null;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  const crypto = subtle();
  return crypto ? hex(await crypto.digest('SHA-256', bytes)) : null;
}

export interface LoadedKey {
  key: CryptoKey | null;
  /** The key id recomputed from the PEM (SHA-256 of the SPKI, first 16 hex digits). */
  keyIdMatches: boolean | null;
}

/** Imports the published key; `key` is null when this browser cannot use Ed25519. */
export async function importPublicKey(published: PublicKey): Promise<LoadedKey> {
  const crypto = subtle();
  if (!crypto) return { key: null, keyIdMatches: null };
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = pemToDer(published.pem);
  } catch {
    return { key: null, keyIdMatches: false };
  }
  const digest = await sha256Hex(der);
  const keyIdMatches = digest === null ? null : digest.slice(0, 16) === published.keyId;
  try {
    const key = await crypto.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    return { key, keyIdMatches };
  } catch {
    return { key: null, keyIdMatches };
  }
}

/**
 * Checks each checkpoint of a newest-first list. `published` is null when the server has no key
 * (GET /audit/public-key answered 404); `loaded.key` null when the browser cannot verify.
 */
export async function checkCheckpoints(
  checkpoints: readonly Checkpoint[],
  published: PublicKey | null,
  loaded: LoadedKey | null,
): Promise<Map<number, CheckpointCheck>> {
  const bySeq = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  const checks = new Map<number, CheckpointCheck>();
  for (const checkpoint of checkpoints) {
    const message = bytesOf(canonicalJson(bodyOf(checkpoint)));
    const digest = await sha256Hex(message);
    const hashMatches = digest === null ? null : digest === checkpoint.hash;

    const previous = bySeq.get(checkpoint.seq - 1);
    const link: LinkVerdict =
      checkpoint.seq === 1
        ? checkpoint.prevHash === GENESIS_HASH
          ? 'linked'
          : 'broken'
        : previous === undefined
          ? 'unknown'
          : previous.hash === checkpoint.prevHash
            ? 'linked'
            : 'broken';

    checks.set(checkpoint.seq, {
      hashMatches,
      link,
      signature: await signatureVerdict(checkpoint, message, published, loaded),
    });
  }
  return checks;
}

async function signatureVerdict(
  checkpoint: Checkpoint,
  message: Uint8Array<ArrayBuffer>,
  published: PublicKey | null,
  loaded: LoadedKey | null,
): Promise<SignatureVerdict> {
  if (checkpoint.signature === null) return 'unsigned';
  if (published === null) return 'no_key';
  if (checkpoint.keyId !== published.keyId) return 'other_key';
  const crypto = subtle();
  if (!crypto || !loaded?.key) return 'unsupported';
  try {
    const ok = await crypto.verify(
      { name: 'Ed25519' },
      loaded.key,
      base64Bytes(checkpoint.signature),
      message,
    );
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
