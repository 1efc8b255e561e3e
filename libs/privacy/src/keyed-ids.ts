import { createHmac, hkdfSync } from 'node:crypto';
import { assertMasterKey } from './master-key';

/**
 * The HKDF `info` of the key that every id derived from an SSDA903 return's `CHILD` is made under (the
 * child's id, and its placements' ids from `CHILD` and the first `DECOM`). Fixed for good: changing it,
 * like changing the master key, gives every imported child and placement another id, so importing an
 * earlier return again would record them a second time.
 */
export const SSDA903_ID_KEY_INFO = 'placematch/ssda903-child-id/v1';

/** A keyed derivation: the same name always gives the same UUID, and nobody without the key can compute it. */
export type KeyedIdDerivation = (name: string) => string;

/**
 * A derivation of ids from names under a secret key: HMAC-SHA256 of the name's UTF-8 bytes under a key made
 * by HKDF-SHA256 from the master key and `info` (RFC 5869, no salt: the master key is already 32 random
 * bytes), its first 16 bytes formatted as a UUID version 8 (RFC 9562 §5.8, the version and variant bits set).
 *
 * Why keyed: an id derived from a name alone (UUID v5) can be computed again by anyone who knows the name.
 * A child's `CHILD` reference is known outside Placematch (the authority's case system, last year's return),
 * and erasure shreds the child's key but leaves their pseudonymous events (placement history) in the log
 * under the child's id: with a public derivation, the `CHILD` code alone would find that history again after
 * erasure. Under a key derived from the master key, which stays outside the database, the log and a `CHILD`
 * code are not enough. Re-importing the same return still gives the same ids while the master key is the
 * same.
 *
 * @throws MasterKeyError `PRIVACY.MASTER_KEY_INVALID` when `masterKey` is not a 32-byte key: there is no
 *   derivation without one.
 * @throws Error when `info` is empty (each use of the master key gets its own `info`).
 */
export const keyedIdDerivation = (masterKey: Buffer, info: string): KeyedIdDerivation => {
  const master = assertMasterKey(masterKey);
  if (typeof info !== 'string' || info.length === 0) {
    throw new Error('A keyed id derivation needs a non-empty HKDF info naming its use');
  }
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return (name) => {
    const bytes = createHmac('sha256', key).update(name, 'utf8').digest().subarray(0, 16);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
};
