import type { FactoryProvider } from '@nestjs/common';
import { ReturnIds, returnIds } from '@placematch/interop';
import { keyedIdDerivation, parseMasterKey, SSDA903_ID_KEY_INFO } from '@placematch/privacy';
import { RUNTIME_OPTIONS, RuntimeOptions } from '@placematch/runtime';

/** Injection token for the {@link ReturnIds} a return import gives children and placements. */
export const SSDA903_RETURN_IDS = Symbol('SSDA903_RETURN_IDS');

/**
 * The ids of returns, keyed by the privacy master key (`PRIVACY_MASTER_KEY`): the same return imported again
 * gets the same ids, but nobody holding only a `CHILD` code and the database can compute a child's id, so an
 * erased child's remaining placement history cannot be found again from `CHILD` (see `keyedIdDerivation`).
 * Every process that imports returns must run with the same master key (it already must, for the key store).
 */
export const ssda903ReturnIdsProvider: FactoryProvider<ReturnIds> = {
  provide: SSDA903_RETURN_IDS,
  useFactory: (options: RuntimeOptions) =>
    returnIds(
      keyedIdDerivation(parseMasterKey(options.privacyMasterKey, 'PRIVACY_MASTER_KEY'), SSDA903_ID_KEY_INFO),
    ),
  inject: [RUNTIME_OPTIONS],
};
