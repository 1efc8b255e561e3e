import { ValidationError } from '@placematch/kernel';
import { uuidV5 } from '@placematch/interop';
import { CommandContext } from '@placematch/runtime';

/** The namespace of every id this API derives by name (UUID v5). */
export const PLACEMENTS_API_NAMESPACE = '3f1c0b52-8d7e-4b8e-9f0a-5d6c2a1e7b40';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** A UUID derived from `parts`: the same parts always give the same id. */
export const derivedId = (...parts: string[]): string => uuidV5(parts.join(':'), PLACEMENTS_API_NAMESPACE);

/**
 * The id of a new record: derived from the client's `Idempotency-Key` (within `scope`, so two authorities or
 * two kinds of record never share one) when there is a key, else a fresh one. A retry with the same key then
 * names the same stream, and the decider treats the same command again as nothing to do (and another command
 * under the same key as a conflict), so a retried POST never creates a second record.
 */
export const newIdFor = (context: CommandContext, scope: string, key: string | undefined): string => {
  if (key === undefined) return context.newId();
  if (!KEY.test(key)) {
    throw new ValidationError(
      'IDEMPOTENCY.KEY_INVALID',
      'Idempotency-Key must be 1 to 200 visible ASCII characters',
      { field: 'Idempotency-Key' },
    );
  }
  return derivedId(scope, key);
};
