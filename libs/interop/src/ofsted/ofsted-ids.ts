import type { ProviderId, SettingId } from '@placematch/supply';
import { uuidV5 } from '../uuid-v5';

/**
 * The namespace of Placematch's name-based ids (UUID v5). Fixed for good: changing it would give every
 * imported provider and setting a new id, so a re-import would register them all a second time.
 */
export const PLACEMATCH_NAMESPACE = '349afba5-a408-45e8-93b5-ef0d4ae7dc1c';

/**
 * The provider id an Ofsted import gives the provider registered under `urn`: the same URN always gives the
 * same id, so importing a list twice targets the same `provider-…` stream and the decider's idempotency makes
 * the second import write nothing. The URN is upper-cased first (`sc999001` is `SC999001`).
 */
export const providerIdFor = (urn: string): ProviderId =>
  uuidV5(`ofsted-provider:${urn.trim().toUpperCase()}`, PLACEMATCH_NAMESPACE) as ProviderId;

/** The setting id an Ofsted import gives the setting with `urn`; like {@link providerIdFor}, and never equal to it. */
export const settingIdFor = (urn: string): SettingId =>
  uuidV5(`ofsted-setting:${urn.trim().toUpperCase()}`, PLACEMATCH_NAMESPACE) as SettingId;
