import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { keyIdOf } from '../domain/audit/checkpoint';

/**
 * The Ed25519 key that signs checkpoints, read once at start-up from AUDIT_SIGNING_KEY (the PEM
 * itself) or AUDIT_SIGNING_KEY_FILE (its path). A key that cannot be read, is not a private key or
 * is not Ed25519 stops start-up; the messages name the variable, never the key material.
 */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what auditors need to check signatures without the server. */
  publicKeyPem: string;
  keyId: string;
}

export function loadSigningKey(
  pem: string | undefined,
  file: string | undefined,
): SigningKey | null {
  if (pem !== undefined && file !== undefined) {
    throw new Error(
      'AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY_FILE are both set: configure the key one way only',
    );
  }
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`AUDIT_SIGNING_KEY_FILE: cannot read ${file} (${code})`);
    }
    return parseSigningKey(text, 'AUDIT_SIGNING_KEY_FILE');
  }
  return pem === undefined ? null : parseSigningKey(pem, 'AUDIT_SIGNING_KEY');
}

/** Parses a PEM PKCS#8 Ed25519 private key; `variable` names where it came from in errors. */
export function parseSigningKey(pem: string, variable: string): SigningKey {
  // Environment files often carry the PEM on one line with literal "\n".
  const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new Error(`${variable}: not a readable PEM private key (expected Ed25519, PKCS#8)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `${variable}: the key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}, ` +
        'checkpoints are signed with Ed25519 only',
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}
