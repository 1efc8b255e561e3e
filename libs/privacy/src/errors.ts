import { ValidationError } from '@placematch/kernel';

/**
 * Encrypted personal data could not be read: the authentication tag did not verify (tampered ciphertext,
 * a wrong key, or a value moved to another subject), the value is malformed, or its key is missing.
 * A fault, never a refusal: the log or the key store is damaged, and returning anything would be garbage.
 */
export class PersonalDataUnreadableError extends Error {
  readonly code = 'PRIVACY.UNREADABLE';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'PersonalDataUnreadableError';
  }
}

/** Why a master key was refused. */
export type MasterKeyErrorCode = 'PRIVACY.MASTER_KEY_INVALID' | 'PRIVACY.MASTER_KEY_MISMATCH';

/**
 * The key store's master key (key-encryption key) is unusable: not 32 bytes, or not the key the store was
 * created with. A configuration fault: the message says what to fix.
 */
export class MasterKeyError extends Error {
  constructor(
    readonly code: MasterKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** A personal data policy that cannot be applied as written (a bad path, two rules for one event type). */
export class PersonalDataPolicyError extends Error {
  readonly code = 'PRIVACY.POLICY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataPolicyError';
  }
}

/**
 * An event carries personal data but the policy's rule finds no subject for it (the stream id has another
 * prefix, or the subject field is missing or empty), so there is no key to encrypt it with. A programming
 * fault in the event's producer: nothing is written.
 */
export class SubjectUnresolvedError extends Error {
  readonly code = 'PRIVACY.SUBJECT_UNRESOLVED';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SubjectUnresolvedError';
  }
}

/**
 * Event data to be written already holds an object shaped like an encrypted value (`{ "$pii": … }`). Refused
 * so that a caller cannot plant a value that readers would try to decrypt as this subject's.
 */
export class ReservedKeyError extends ValidationError {
  constructor(path: string) {
    super('PRIVACY.RESERVED_KEY', `Event data may not hold "$pii" objects (at ${path})`, { path });
  }
}
