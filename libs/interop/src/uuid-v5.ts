import { createHash } from 'node:crypto';
import { ValidationError } from '@placematch/kernel';

/** The RFC 4122 namespace for fully qualified domain names (`6ba7b810-…`), used by the standard's examples. */
export const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID, version 5 (RFC 4122 §4.3, RFC 9562 §5.5): the SHA-1 hash of the namespace's 16 bytes
 * followed by the name's UTF-8 bytes, cut to 16 bytes, with the version and variant bits set. The same
 * namespace and name always give the same UUID, which is what lets an import find the stream it wrote
 * before. SHA-1's weakness does not matter here: the ids are derived, not secrets.
 *
 * @example `uuidV5('www.example.com', DNS_NAMESPACE)` is `2ed6657d-e927-568b-95e1-2665a8aea6a2`.
 * @throws ValidationError `UUID.INVALID_NAMESPACE` when `namespace` is not a UUID.
 */
export const uuidV5 = (name: string, namespace: string): string => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(namespace)) {
    throw new ValidationError('UUID.INVALID_NAMESPACE', 'The namespace must be a UUID', { namespace });
  }
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
