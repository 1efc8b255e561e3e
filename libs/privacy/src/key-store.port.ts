import { IllegalStateError } from '@placematch/kernel';

/** Injection token for the {@link KeyStore} port. */
export const KEY_STORE = Symbol('KEY_STORE');

/**
 * The port that holds one data key per data subject (a child): the key that encrypts that subject's
 * personal data in the event log. Deleting a key is the erasure of everything encrypted with it
 * (crypto-shredding), so the events themselves are never rewritten.
 *
 * Guarantees every adapter gives (checked by `keyStoreContract` in `@placematch/privacy/testing`):
 * - a subject has at most one key, even when several callers (or processes) ask for it first at once;
 * - erasure is permanent: once erased, a subject never gets a key again, so nothing new can be encrypted
 *   for it;
 * - keys handed out are copies: changing a returned buffer changes nothing stored.
 */
export interface KeyStore {
  /**
   * The subject's 256-bit key, created on first use. Rejects with {@link SubjectErasedError} when the
   * subject has been erased.
   */
  keyFor(subjectId: string): Promise<Buffer>;
  /** The subject's key if it has one, `'erased'` after erasure, `null` if it never had one. Creates nothing. */
  existingKey(subjectId: string): Promise<Buffer | 'erased' | null>;
  /**
   * Deletes the subject's key and records the erasure, so that {@link keyFor} refuses the subject from now
   * on. Idempotent; erasing a subject that never had a key records the erasure all the same.
   */
  erase(subjectId: string): Promise<void>;
  /** Whether the subject has been erased. */
  isErased(subjectId: string): Promise<boolean>;
}

/** The length of a data key and of a master key, in bytes (AES-256). */
export const KEY_BYTES = 32;

/**
 * The subject's personal data has been erased: nothing new can be written for it. A refusal (409), not a
 * fault: the caller asked to record something about a child whose record has been erased.
 */
export class SubjectErasedError extends IllegalStateError {
  constructor(readonly subjectId: string) {
    super('PRIVACY.SUBJECT_ERASED', `The personal data of subject ${subjectId} has been erased`, {
      subjectId,
    });
  }
}

/** Refuses a subject id no key could be filed under (empty, or not a string). */
export const assertSubjectId = (subjectId: string): void => {
  if (typeof subjectId !== 'string' || subjectId.length === 0) {
    throw new TypeError(`A subject id must be a non-empty string, got ${JSON.stringify(subjectId)}`);
  }
};
