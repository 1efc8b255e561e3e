import type { IntegrationEvent } from './envelope';

/** A provider was registered (an Ofsted-registered provider, an agency, or a council's own service). */
export type ProviderRegisteredV1 = IntegrationEvent<
  'ProviderRegistered',
  { providerId: string; name: string; ofstedUrn?: string }
>;

/**
 * A provider's regulatory standing changed (M-48): admissions suspended or restored, or the provider was
 * deregistered.
 */
export type ProviderStandingChangedV1 = IntegrationEvent<
  'ProviderStandingChanged',
  {
    providerId: string;
    standing: 'admissions-suspended' | 'admissions-restored' | 'deregistered';
    at: string;
  }
>;

/** A setting was registered under a provider. */
export type SettingRegisteredV1 = IntegrationEvent<
  'SettingRegistered',
  { settingId: string; providerId: string; placementTypes: string[]; hostLocalAuthority: string }
>;

/** Something matching depends on changed at a setting: approval terms, household profile, or weekly cost. */
export type SettingChangedV1 = IntegrationEvent<
  'SettingChanged',
  { settingId: string; change: 'approval-terms' | 'household-profile' | 'weekly-cost' | 'closed' }
>;

/** What happened to a vacancy. */
export type VacancyChange = 'opened' | 'changed' | 'closed' | 'filled' | 'released' | 'confirmed';

/**
 * A vacancy at a setting changed. `places` is what is open in it after the change (0 once closed or full);
 * `availableFrom` is present while it is open.
 */
export type VacancyUpdatedV1 = IntegrationEvent<
  'VacancyUpdated',
  {
    settingId: string;
    vacancyId: string;
    change: VacancyChange;
    places?: number;
    availableFrom?: string;
    at: string;
  }
>;

/** Every integration event on the supply topic. */
export type SupplyIntegrationEvent =
  | ProviderRegisteredV1
  | ProviderStandingChangedV1
  | SettingRegisteredV1
  | SettingChangedV1
  | VacancyUpdatedV1;
