import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './key-store.port';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`, binding `aad` (authenticated, not stored), and returns
 * `v1.<base64url iv>.<base64url ciphertext and tag>`. The IV is random per call: 96 bits, as GCM wants, so
 * with one key per subject a repeated IV is out of reach.
 */
export const seal = (key: Buffer, aad: string, plaintext: Buffer): string => {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
};

/**
 * Reverses {@link seal}. Throws (never returns garbage) when the text is malformed, of an unknown version, or
 * its tag does not verify under `key` and `aad`.
 */
export const unseal = (key: Buffer, aad: string, sealed: string): Buffer => {
  assertKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 3) throw new Error('not a sealed value (expected version.iv.ciphertext)');
  const [version, ivText, bodyText] = parts;
  if (version !== VERSION) throw new Error(`unknown sealed value version "${version.slice(0, 8)}"`);
  if (!BASE64URL.test(ivText) || !BASE64URL.test(bodyText)) throw new Error('sealed value is not base64url');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES) throw new Error(`sealed value IV is ${iv.length} bytes, not ${IV_BYTES}`);
  if (body.length < TAG_BYTES) throw new Error('sealed value is shorter than its authentication tag');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error('authentication tag does not verify: wrong key, wrong subject or tampered value');
  }
};

/** A new random 256-bit key. */
export const newKey = (): Buffer => randomBytes(KEY_BYTES);

const assertKey = (key: Buffer) => {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new TypeError(`An AES-256 key is ${KEY_BYTES} bytes`);
  }
};
