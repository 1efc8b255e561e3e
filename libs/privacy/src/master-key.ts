import { MasterKeyError } from './errors';
import { KEY_BYTES } from './key-store.port';

const HOW_TO =
  'generate one with `openssl rand -base64 32`, keep it outside the database (a secret store), and give it base64-encoded in the configuration';

/**
 * Checks that `key` can serve as a master key (key-encryption key): a Buffer of 32 random bytes. Throws
 * {@link MasterKeyError} `PRIVACY.MASTER_KEY_INVALID` saying how to make one otherwise.
 */
export const assertMasterKey = (key: unknown): Buffer => {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    const got = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof key;
    throw new MasterKeyError(
      'PRIVACY.MASTER_KEY_INVALID',
      `The privacy master key must be ${KEY_BYTES} bytes, got ${got}: ${HOW_TO}`,
    );
  }
  if (key.every((b) => b === key[0])) {
    throw new MasterKeyError(
      'PRIVACY.MASTER_KEY_INVALID',
      `The privacy master key is one byte repeated, not a random key: ${HOW_TO}`,
    );
  }
  return key;
};

/**
 * Reads a master key from configuration text: base64 (or base64url) of 32 bytes. `name` is the setting's
 * name, used in the error message.
 */
export const parseMasterKey = (text: string | undefined, name = 'the privacy master key'): Buffer => {
  const trimmed = text?.trim() ?? '';
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    throw new MasterKeyError(
      'PRIVACY.MASTER_KEY_INVALID',
      `${name} must be ${KEY_BYTES} bytes in base64 (44 characters): ${HOW_TO}`,
    );
  }
  return assertMasterKey(Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
};
