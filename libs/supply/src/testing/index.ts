// Synthetic fixtures for supply tests (and for other contexts' tests that need supply facts). Every name is
// clearly fake; ids are UUID-shaped and sequential.
import type {
  ApprovalTerms,
  ApprovalTermsSet,
  CarerId,
  CarerRegistered,
  HouseholdProfile,
  NoticeId,
  PlacementId,
  ProviderDetails,
  ProviderId,
  ProviderRegistered,
  RegisterSetting,
  SettingId,
  SettingLocation,
  SettingRegistered,
  SupplyCommand,
  SupplyEvent,
  TrainingId,
  TransferRequestId,
  VacancyId,
  VacancyOpened,
} from '@placematch/supply';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Fixed ids for fixtures. */
export const ids = {
  provider: uuid(1) as ProviderId,
  otherProvider: uuid(2) as ProviderId,
  thirdProvider: uuid(3) as ProviderId,
  setting: uuid(11) as SettingId,
  otherSetting: uuid(12) as SettingId,
  vacancy: uuid(21) as VacancyId,
  otherVacancy: uuid(22) as VacancyId,
  placement: uuid(31) as PlacementId,
  otherPlacement: uuid(32) as PlacementId,
  thirdPlacement: uuid(33) as PlacementId,
  notice: uuid(41) as NoticeId,
  otherNotice: uuid(42) as NoticeId,
  carer: uuid(51) as CarerId,
  training: uuid(61) as TrainingId,
  otherTraining: uuid(62) as TrainingId,
  request: uuid(71) as TransferRequestId,
  otherRequest: uuid(72) as TransferRequestId,
};

/** The instant fixture commands are decided at: Monday 10 March 2025, 09:00 in England. */
export const AT = '2025-03-10T09:00:00.000Z';

/** The date of {@link AT} in England. */
export const TODAY = '2025-03-10';

/** The instant `days` days of 24 hours after (or, when negative, before) `from`. */
export const daysAfter = (days: number, from: string = AT): string =>
  new Date(new Date(from).getTime() + days * 86_400_000).toISOString();

/** A command of a given type at {@link AT} unless told otherwise. */
export const command = <C extends SupplyCommand<string, unknown> & { idempotencyKey?: string }>(
  type: C['type'],
  data: C['data'],
  options: { at?: string; idempotencyKey?: string } = {},
): C =>
  ({
    type,
    data,
    at: options.at ?? AT,
    ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
  }) as C;

/** An event of a given type at schema version 1. */
export const event = <E extends SupplyEvent<string, unknown>>(type: E['type'], data: E['data']): E =>
  ({ type, schemaVersion: 1, data }) as E;

/** An independent fostering agency, 'Test Fostering Ltd'. */
export const providerDetails = (overrides: Partial<ProviderDetails> = {}): ProviderDetails => ({
  providerId: ids.provider,
  name: 'Test Fostering Ltd',
  ofstedUrn: 'SC999999',
  providerCode: 'PR4',
  hostLocalAuthority: 'E08000021',
  providerType: 'independent-fostering-agency',
  ...overrides,
});

/** {@link providerDetails} as a ProviderRegistered event. */
export const providerRegistered = (overrides: Partial<ProviderDetails> = {}): ProviderRegistered =>
  event<ProviderRegistered>('ProviderRegistered', providerDetails(overrides));

/** A location in a made-up sector of a real postcode area, with a grid reference in England. */
export const location = (overrides: Partial<SettingLocation> = {}): SettingLocation => ({
  postcode: 'NE1 9ZZ',
  gridReference: { easting: 424_000, northing: 564_000 },
  postcodeSector: 'NE1 9',
  ...overrides,
});

/** The data of a RegisterSetting command for 'Household A', a fostering household. */
export const settingRegistration = (
  overrides: Partial<RegisterSetting['data']> = {},
): RegisterSetting['data'] => ({
  settingId: ids.setting,
  providerId: ids.provider,
  providerStatus: 'active',
  name: 'Household A',
  placementTypes: ['U4', 'U6'],
  location: location(),
  hostLocalAuthority: 'E08000021',
  ...overrides,
});

/** 'Household A' as a SettingRegistered event. */
export const settingRegistered = (overrides: Partial<SettingRegistered['data']> = {}): SettingRegistered =>
  event<SettingRegistered>('SettingRegistered', {
    settingId: ids.setting,
    providerId: ids.provider,
    name: 'Household A',
    placementTypes: ['U4', 'U6'],
    location: location(),
    hostLocalAuthority: 'E08000021',
    ...overrides,
  });

/** Terms for two children aged 5 to 17, short- and long-term, no specialisms. */
export const approvalTerms = (overrides: Partial<ApprovalTerms> = {}): ApprovalTerms => ({
  ageRange: { minYears: 5, maxYears: 17 },
  maxChildren: 2,
  maxFromOneSiblingGroup: 2,
  purposes: ['short-term', 'long-term'],
  disabilitySpecialisms: [],
  specialisms: [],
  adaptations: [],
  manageableRisks: [],
  ...overrides,
});

/** {@link approvalTerms} as an ApprovalTermsSet event. */
export const approvalTermsSet = (overrides: Partial<ApprovalTerms> = {}): ApprovalTermsSet =>
  event<ApprovalTermsSet>('ApprovalTermsSet', approvalTerms(overrides));

/** An English-speaking household with a dog and one older child of the carers. */
export const householdProfile = (overrides: Partial<HouseholdProfile> = {}): HouseholdProfile => ({
  languages: ['en'],
  communicationMethods: [],
  religionsPractised: ['no-religion'],
  carerEthnicities: ['WBRI'],
  otherChildren: [{ ageYears: 15 }],
  pets: ['dog'],
  smoking: 'non-smoking',
  ...overrides,
});

/** A vacancy opened at {@link AT}. */
export const vacancyOpened = (overrides: Partial<VacancyOpened['data']> = {}): VacancyOpened =>
  event<VacancyOpened>('VacancyOpened', {
    vacancyId: ids.vacancy,
    places: 1,
    availableFrom: '2025-03-17',
    openedAt: AT,
    ...overrides,
  });

/** A carer registered with {@link ids}.provider. */
export const carerRegistered = (overrides: Partial<CarerRegistered['data']> = {}): CarerRegistered =>
  event<CarerRegistered>('CarerRegistered', { carerId: ids.carer, providerId: ids.provider, ...overrides });
