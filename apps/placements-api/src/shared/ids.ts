import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '@placematch/kernel';
import { uuidV5 } from '@placematch/interop';
import { KeyedIdDerivation, keyedIdDerivation, parseMasterKey } from '@placematch/privacy';
import { CommandContext, RUNTIME_OPTIONS, RuntimeOptions } from '@placematch/runtime';

/** The namespace of the ids this API derives from other ids only (UUID v5), never from a client's text. */
export const PLACEMENTS_API_NAMESPACE = '3f1c0b52-8d7e-4b8e-9f0a-5d6c2a1e7b40';

/** HKDF info of the key that ids derived from a client's text (or a child's id) are made with. */
export const PLACEMENTS_ID_KEY_INFO = 'placematch/placements-api-ids/v1';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** A UUID derived from other ids (`parts`): the same parts always give the same id. */
export const derivedId = (...parts: string[]): string => uuidV5(parts.join(':'), PLACEMENTS_API_NAMESPACE);

/**
 * Ids this API makes for new records. Those derived from a client's `Idempotency-Key`, or from a child's id,
 * are keyed by the privacy master key: a client may use its own reference for a child as the key, and an id
 * anyone could compute from that reference would lead back to an erased child's remaining events.
 */
@Injectable()
export class PlacementIds {
  private readonly keyed: KeyedIdDerivation;

  constructor(
    private readonly context: CommandContext,
    @Inject(RUNTIME_OPTIONS) options: RuntimeOptions,
  ) {
    this.keyed = keyedIdDerivation(
      parseMasterKey(options.privacyMasterKey, 'PRIVACY_MASTER_KEY'),
      PLACEMENTS_ID_KEY_INFO,
    );
  }

  /**
   * The id of a new record: derived from the client's `Idempotency-Key` (within `scope`, so two authorities
   * or two kinds of record never share one) when there is a key, else a fresh one. A retry with the same key
   * then names the same stream, and the decider treats the same command again as nothing to do (and another
   * command under the same key as a conflict), so a retried POST never creates a second record.
   */
  forKey(scope: string, key: string | undefined): string {
    if (key === undefined) return this.context.newId();
    if (!KEY.test(key)) {
      throw new ValidationError(
        'IDEMPOTENCY.KEY_INVALID',
        'Idempotency-Key must be 1 to 200 visible ASCII characters',
        { field: 'Idempotency-Key' },
      );
    }
    return this.keyed(`${scope}:${key}`);
  }

  /** An id derived from `parts` that include a child's id: the same parts give the same id, under the key. */
  aboutChild(...parts: string[]): string {
    return this.keyed(parts.join(':'));
  }
}
