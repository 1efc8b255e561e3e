import type { SupplyEvent } from '../shared/command';
import type { PlacementId, ProviderId, SettingId, VacancyId } from '../shared/ids';
import type { PlacementTypeCode } from '../codes/placement-types';
import type { ApprovalTerms } from './approval-terms';
import type { HouseholdProfile } from './household-profile';
import type { SettingLocation } from './location';
import type { SkillTier } from './setting.commands';

/** Set on a vacancy event produced by a command that carried an idempotency key, so the setting remembers it. */
interface Keyed {
  idempotencyKey?: string;
}

/** A setting was registered under a provider. */
export type SettingRegistered = SupplyEvent<
  'SettingRegistered',
  {
    settingId: SettingId;
    providerId: ProviderId;
    name: string;
    placementTypes: PlacementTypeCode[];
    location: SettingLocation;
    hostLocalAuthority: string;
    ofstedUrn?: string;
  }
>;

/** The setting's approval terms were set (all of them, replacing any before). */
export type ApprovalTermsSet = SupplyEvent<'ApprovalTermsSet', ApprovalTerms>;

/** The household profile was replaced; `asOf` is the date (in England) the ages in it were true. */
export type HouseholdProfileUpdated = SupplyEvent<
  'HouseholdProfileUpdated',
  HouseholdProfile & { asOf: string }
>;

/** The setting's tier was recorded. M-38: commissioning and training only, never matching. */
export type SkillLevelRecorded = SupplyEvent<'SkillLevelRecorded', { tier: SkillTier; assessedOn: string }>;

/** The usual weekly fee was set, in pence excluding VAT. */
export type WeeklyCostSet = SupplyEvent<'WeeklyCostSet', { amountPence: number; effectiveFrom: string }>;

/** The setting closed for good; placements still here are listed so the placements context can act on them. */
export type SettingClosed = SupplyEvent<
  'SettingClosed',
  { reason: string; closedAt: string; currentPlacementIds: PlacementId[] }
>;

/** A vacancy was opened. */
export type VacancyOpened = SupplyEvent<
  'VacancyOpened',
  { vacancyId: VacancyId; places: number; availableFrom: string; openedAt: string } & Keyed
>;

/** A vacancy's places or date changed; the data holds the new values of both. */
export type VacancyChanged = SupplyEvent<
  'VacancyChanged',
  { vacancyId: VacancyId; places: number; availableFrom: string; changedAt: string } & Keyed
>;

/**
 * A vacancy closed: withdrawn by the provider (with its reason), its last place filled, or the setting
 * closed.
 */
export type VacancyClosed = SupplyEvent<
  'VacancyClosed',
  {
    vacancyId: VacancyId;
    cause: 'withdrawn' | 'filled' | 'setting-closed';
    reason?: string;
    closedAt: string;
  } & Keyed
>;

/** A placement took one place of a vacancy; `placesLeft` is what remains open in it. */
export type VacancyFilled = SupplyEvent<
  'VacancyFilled',
  { vacancyId: VacancyId; placementId: PlacementId; placesLeft: number; filledAt: string } & Keyed
>;

/** A placement here ended and its place is free (not reopened as a vacancy). */
export type PlaceReleased = SupplyEvent<
  'PlaceReleased',
  { placementId: PlacementId; vacancyId: VacancyId; releasedAt: string } & Keyed
>;

/** The provider confirmed a vacancy is still current. */
export type VacancyConfirmed = SupplyEvent<
  'VacancyConfirmed',
  { vacancyId: VacancyId; confirmedAt: string } & Keyed
>;

/**
 * The provider was asked to confirm a stale vacancy (the stale-vacancy reminder). `staleSince` is the instant it
 * went stale: its last confirmation plus the stale period. Outstanding until the provider confirms, changes or
 * closes the vacancy.
 */
export type VacancyConfirmationRequested = SupplyEvent<
  'VacancyConfirmationRequested',
  { vacancyId: VacancyId; staleSince: string; requestedAt: string }
>;

/** Every event of the setting aggregate. */
export type SettingEvent =
  | SettingRegistered
  | ApprovalTermsSet
  | HouseholdProfileUpdated
  | SkillLevelRecorded
  | WeeklyCostSet
  | SettingClosed
  | VacancyOpened
  | VacancyChanged
  | VacancyClosed
  | VacancyFilled
  | PlaceReleased
  | VacancyConfirmed
  | VacancyConfirmationRequested;
