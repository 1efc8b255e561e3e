import { serialiseData } from '@placematch/event-store';
import { seal, unseal } from './aes-gcm';
import { PersonalDataUnreadableError } from './errors';

/**
 * A personal value as stored in event JSON: `{ "$pii": "v1.<base64url iv>.<base64url ciphertext+tag>" }`.
 * Plain JSON, so it survives every store's round trip (jsonb included).
 */
export interface EncryptedValue {
  $pii: string;
}

/** True when `value` has the shape of an {@link EncryptedValue}: an object whose only key is a string `$pii`. */
export const isEncryptedValue = (value: unknown): value is EncryptedValue =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { $pii?: unknown }).$pii === 'string' &&
  Object.keys(value).length === 1;

/**
 * Encrypts any JSON value (string, number, boolean, null, object, array) for one subject: the value is
 * serialised to JSON, encrypted with AES-256-GCM under the subject's key with a random 96-bit IV, and the
 * subject id is bound as additional authenticated data, so the value cannot be moved to another subject.
 * Throws on values JSON would change (undefined, bigint, NaN).
 */
export const encryptValue = (key: Buffer, subjectId: string, value: unknown): EncryptedValue => {
  if (value === undefined) throw new TypeError('Cannot encrypt undefined: it has no JSON form');
  return { $pii: seal(key, subjectId, Buffer.from(serialiseData(value), 'utf8')) };
};

/**
 * Decrypts an {@link EncryptedValue} of `subjectId`. Throws {@link PersonalDataUnreadableError} when the tag does
 * not verify (a wrong key, another subject's value, a changed byte) or the value is malformed.
 */
export const decryptValue = (key: Buffer, subjectId: string, encrypted: EncryptedValue): unknown => {
  let plaintext: Buffer;
  try {
    plaintext = unseal(key, subjectId, encrypted.$pii);
  } catch (e) {
    throw new PersonalDataUnreadableError(
      `Personal data of subject ${subjectId} cannot be decrypted: ${(e as Error).message}`,
      { subjectId },
      e,
    );
  }
  return JSON.parse(plaintext.toString('utf8'));
};
