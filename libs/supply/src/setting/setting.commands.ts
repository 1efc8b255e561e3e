import type { RetriableCommand, SupplyCommand } from '../shared/command';
import type { PlacementId, ProviderId, SettingId, VacancyId } from '../shared/ids';
import type { PlacementTypeCode } from '../codes/placement-types';
import type { ApprovalTerms } from './approval-terms';
import type { HouseholdProfile } from './household-profile';
import type { SettingLocation } from './location';

/** What the handler found when it looked the setting's provider up. */
export type ProviderLookup = 'active' | 'admissions-suspended' | 'deregistered' | 'not-found';

/** Registers a setting (a carer household or a home) under a provider. Repeating it with the same data does nothing. */
export type RegisterSetting = SupplyCommand<
  'RegisterSetting',
  {
    settingId: SettingId;
    providerId: ProviderId;
    /** Looked up by the handler; a setting cannot be registered under an unknown or deregistered provider. */
    providerStatus: ProviderLookup;
    name: string;
    /** SSDA903 `PLACE` codes the setting offers, such as `U4`, `U6` or `K2`. */
    placementTypes: PlacementTypeCode[];
    /** Postcode with its grid reference and sector, looked up by the handler. */
    location: SettingLocation;
    /** ONS code of the children's services authority the setting is in. */
    hostLocalAuthority: string;
    /** The setting's own URN where it has one (each children's home does); otherwise the provider's applies. */
    ofstedUrn?: string;
  }
>;

/**
 * Sets the setting's approval terms (ages, numbers, purposes, specialisms, adaptations, manageable risks).
 * Refused when they would not cover the places already open or filled; the same terms again do nothing.
 */
export type SetApprovalTerms = SupplyCommand<'SetApprovalTerms', ApprovalTerms>;

/** Replaces the household profile (languages, religion, carers' ethnicity, other children, pets, smoking). */
export type UpdateHouseholdProfile = SupplyCommand<'UpdateHouseholdProfile', HouseholdProfile>;

/** The three tiers of the Care Matters tiered model: 1 for the least complex needs, 3 for the most. */
export type SkillTier = 1 | 2 | 3;

/**
 * Records the setting's tier in the tiered model of carer skill. M-38: for commissioning and training only;
 * never a matching filter or a main score component.
 */
export type RecordSkillLevel = SupplyCommand<'RecordSkillLevel', { tier: SkillTier; assessedOn: string }>;

/**
 * Sets the usual weekly fee, in pence, excluding VAT, from a date: for commissioning views and the cost factor
 * of the match score; the fee actually paid for a placement is recorded on the placement.
 */
export type SetWeeklyCost = SupplyCommand<'SetWeeklyCost', { amountPence: number; effectiveFrom: string }>;

/** Closes the setting for good (resignation, deregistration). Its open vacancies close with it. */
export type CloseSetting = SupplyCommand<'CloseSetting', { reason: string }>;

/** Opens a vacancy of one or more places from a date. Open plus filled places never exceed `maxChildren`. */
export type OpenVacancy = RetriableCommand<
  'OpenVacancy',
  { vacancyId: VacancyId; places: number; availableFrom: string }
>;

/** Changes an open vacancy's places or date (either or both). Counts as a confirmation that it is current. */
export type ChangeVacancy = RetriableCommand<
  'ChangeVacancy',
  { vacancyId: VacancyId; places?: number; availableFrom?: string }
>;

/** Closes an open vacancy, with the provider's reason. Closing a closed vacancy does nothing. */
export type CloseVacancy = RetriableCommand<'CloseVacancy', { vacancyId: VacancyId; reason: string }>;

/** One place of an open vacancy is taken by a placement; the vacancy closes when none is left. */
export type FillVacancy = RetriableCommand<'FillVacancy', { vacancyId: VacancyId; placementId: PlacementId }>;

/** A placement here ended: its place is no longer filled. Reopening it is a new vacancy, the provider's choice. */
export type ReleasePlace = RetriableCommand<'ReleasePlace', { placementId: PlacementId }>;

/** The provider says an open vacancy is still current (see `isStale`). */
export type ConfirmVacancy = RetriableCommand<'ConfirmVacancy', { vacancyId: VacancyId }>;

/**
 * Asks the provider to confirm an open vacancy that has gone stale (see `isStale`): the stale-vacancy reminder
 * job's command. At most one request per vacancy per date in England; nothing happens when the vacancy is
 * closed, not stale at `at`, or was already asked about that day, so the job may run twice.
 */
export type RequestVacancyConfirmation = SupplyCommand<
  'RequestVacancyConfirmation',
  { vacancyId: VacancyId }
>;

/** The commands that may carry an idempotency key. */
export type VacancyCommand =
  OpenVacancy | ChangeVacancy | CloseVacancy | FillVacancy | ReleasePlace | ConfirmVacancy;

/** Every command of the setting aggregate. */
export type SettingCommand =
  | RegisterSetting
  | SetApprovalTerms
  | UpdateHouseholdProfile
  | RecordSkillLevel
  | SetWeeklyCost
  | CloseSetting
  | RequestVacancyConfirmation
  | VacancyCommand;
