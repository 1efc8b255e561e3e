import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import {
  ApprovalTerms,
  CloseSetting,
  HouseholdProfile,
  HouseholdProfileUpdated,
  RecordSkillLevel,
  RegisterSetting,
  SetApprovalTerms,
  SetWeeklyCost,
  SettingClosed,
  UpdateHouseholdProfile,
  VacancyClosed,
  VacancyFilled,
  settingDecider,
  settingStream,
} from '@placematch/supply';
import {
  AT,
  TODAY,
  approvalTerms,
  approvalTermsSet,
  command,
  event,
  householdProfile,
  ids,
  location,
  settingRegistered,
  settingRegistration,
  vacancyOpened,
} from '@placematch/supply/testing';

const { given } = deciderSpec(settingDecider);

const register = (overrides: Partial<RegisterSetting['data']> = {}) =>
  command<RegisterSetting>('RegisterSetting', settingRegistration(overrides));
const setTerms = (overrides: Partial<ApprovalTerms> = {}) =>
  command<SetApprovalTerms>('SetApprovalTerms', approvalTerms(overrides));
const updateHousehold = (overrides: Partial<HouseholdProfile> = {}) =>
  command<UpdateHouseholdProfile>('UpdateHouseholdProfile', householdProfile(overrides));
const householdUpdated = (overrides: Partial<HouseholdProfile> = {}) =>
  event<HouseholdProfileUpdated>('HouseholdProfileUpdated', { ...householdProfile(overrides), asOf: TODAY });
const filled = (placementId = ids.placement, placesLeft = 0) =>
  event<VacancyFilled>('VacancyFilled', { vacancyId: ids.vacancy, placementId, placesLeft, filledAt: AT });
const closedByFilling = event<VacancyClosed>('VacancyClosed', {
  vacancyId: ids.vacancy,
  cause: 'filled',
  closedAt: AT,
});

describe('Setting: registration', () => {
  it('registers a setting under a provider', () => {
    given([]).when(register()).then([settingRegistered()]);
  });

  it('names its stream setting-<id>', () => {
    expect(settingStream(ids.setting)).toBe(`setting-${ids.setting}`);
  });

  it("normalises the postcode and keeps the setting's own URN", () => {
    given([])
      .when(
        register({
          location: location({ postcode: 'ne19zz', postcodeSector: 'ne1 9' }),
          ofstedUrn: 'SC999998',
        }),
      )
      .then([settingRegistered({ ofstedUrn: 'SC999998' })]);
  });

  it('registers a setting of a provider whose admissions are suspended (M-48: search hides it, not registration)', () => {
    given([])
      .when(register({ providerStatus: 'admissions-suspended' }))
      .then([settingRegistered()]);
  });

  it('refuses a provider that does not exist', () => {
    given([])
      .when(register({ providerStatus: 'not-found' }))
      .thenThrows('PROVIDER.NOT_FOUND');
  });

  it('refuses a deregistered provider', () => {
    given([])
      .when(register({ providerStatus: 'deregistered' }))
      .thenThrows('PROVIDER.DEREGISTERED');
  });

  it('does nothing when the same setting is registered again', () => {
    given([settingRegistered()]).when(register()).thenNothing();
  });

  it('refuses to register it again with other details', () => {
    given([settingRegistered()])
      .when(register({ name: 'Household B' }))
      .thenThrows('SETTING.ALREADY_REGISTERED');
  });

  it('offers connected-carer and supported codes', () => {
    given([])
      .when(register({ placementTypes: ['U1', 'U3', 'K3'] }))
      .then([settingRegistered({ placementTypes: ['U1', 'U3', 'K3'] })]);
  });

  it('refuses codes that record an episode rather than a home (T1, P1, A4, R5)', () => {
    for (const code of ['T1', 'P1', 'A4', 'R5'] as const) {
      given([])
        .when(register({ placementTypes: ['U4', code] }))
        .thenThrows('SETTING.PLACEMENT_TYPE_NOT_OFFERED');
    }
  });

  it('refuses an unknown placement code, a repeated one and none at all', () => {
    given([])
      .when(register({ placementTypes: ['Q2' as never] }))
      .thenThrows('SETTING.UNKNOWN_PLACEMENT_TYPE');
    given([])
      .when(register({ placementTypes: ['U4', 'U4'] }))
      .thenThrows('SETTING.DUPLICATE_PLACEMENT_TYPE');
    given([])
      .when(register({ placementTypes: [] }))
      .thenThrows('SETTING.NO_PLACEMENT_TYPES');
  });

  it('refuses a location that does not hold together', () => {
    given([])
      .when(register({ location: location({ postcode: 'not a postcode' }) }))
      .thenThrows('SETTING.INVALID_POSTCODE');
    given([])
      .when(register({ location: location({ postcodeSector: 'NE1 8' }) }))
      .thenThrows('SETTING.POSTCODE_SECTOR_MISMATCH');
    given([])
      .when(register({ location: location({ gridReference: { easting: -1, northing: 564_000 } }) }))
      .thenThrows('SETTING.INVALID_GRID_REFERENCE');
  });

  it('refuses a host authority that is not a children’s services authority, and a malformed URN', () => {
    given([])
      .when(register({ hostLocalAuthority: 'E07000026' }))
      .thenThrows('SETTING.INVALID_LOCAL_AUTHORITY');
    given([])
      .when(register({ ofstedUrn: 'SC12' }))
      .thenThrows('SETTING.INVALID_URN');
  });

  it('refuses a blank name', () => {
    given([])
      .when(register({ name: '' }))
      .thenThrows('SETTING.NAME_REQUIRED');
  });
});

describe('Setting: approval terms', () => {
  it('sets approval terms, which approve the setting', () => {
    given([settingRegistered()]).when(setTerms()).then([approvalTermsSet()]);
    expect(fold(settingDecider, [settingRegistered(), approvalTermsSet()]).status).toBe('Approved');
  });

  it('records specialisms by CIN disability code, adaptations and manageable risks', () => {
    const terms = {
      purposes: ['short-breaks', 'emergency'],
      disabilitySpecialisms: ['AUT', 'MOB'],
      specialisms: ['therapeutic', 'complex-health'],
      adaptations: ['wheelchair-access', 'hoist'],
      manageableRisks: ['child.going-missing', 'others.fire-setting'],
    } satisfies Partial<ApprovalTerms>;
    given([settingRegistered()])
      .when(setTerms(terms))
      .then([approvalTermsSet(terms)]);
  });

  it('refuses a reversed age range', () => {
    given([settingRegistered()])
      .when(setTerms({ ageRange: { minYears: 12, maxYears: 4 } }))
      .thenThrows('APPROVAL.AGE_RANGE_REVERSED');
  });

  it('refuses ages that are not whole years from 0 to 25', () => {
    given([settingRegistered()])
      .when(setTerms({ ageRange: { minYears: -1, maxYears: 4 } }))
      .thenThrows('APPROVAL.INVALID_AGE');
    given([settingRegistered()])
      .when(setTerms({ ageRange: { minYears: 0, maxYears: 17.5 } }))
      .thenThrows('APPROVAL.INVALID_AGE');
  });

  it('refuses a sibling capacity above the maximum number of children', () => {
    given([settingRegistered()])
      .when(setTerms({ maxChildren: 2, maxFromOneSiblingGroup: 3 }))
      .thenThrows('APPROVAL.SIBLING_CAPACITY_OVER_MAX');
  });

  it('refuses a maximum of no children', () => {
    given([settingRegistered()])
      .when(setTerms({ maxChildren: 0 }))
      .thenThrows('APPROVAL.INVALID_MAX_CHILDREN');
  });

  it('refuses unknown or repeated values in its lists', () => {
    const cases: [Partial<ApprovalTerms>, string][] = [
      [{ purposes: [] }, 'APPROVAL.NO_PURPOSES'],
      [{ purposes: ['respite' as never] }, 'APPROVAL.UNKNOWN_PURPOSE'],
      [{ purposes: ['long-term', 'long-term'] }, 'APPROVAL.DUPLICATE_VALUE'],
      [{ disabilitySpecialisms: ['NONE' as never] }, 'APPROVAL.UNKNOWN_DISABILITY_CODE'],
      [{ disabilitySpecialisms: ['XYZ' as never] }, 'APPROVAL.UNKNOWN_DISABILITY_CODE'],
      [{ specialisms: ['mtfc' as never] }, 'APPROVAL.UNKNOWN_SPECIALISM'],
      [{ adaptations: ['lift' as never] }, 'APPROVAL.UNKNOWN_ADAPTATION'],
      [{ manageableRisks: ['arson' as never] }, 'APPROVAL.UNKNOWN_RISK'],
    ];
    for (const [overrides, code] of cases)
      given([settingRegistered()]).when(setTerms(overrides)).thenThrows(code);
  });

  it('does nothing when the same terms are set again', () => {
    given([settingRegistered(), approvalTermsSet()]).when(setTerms()).thenNothing();
  });

  it('changes the terms of an approved setting', () => {
    given([settingRegistered(), approvalTermsSet()])
      .when(setTerms({ maxChildren: 3 }))
      .then([approvalTermsSet({ maxChildren: 3 })]);
  });

  it('refuses terms below the places already open and filled', () => {
    given([
      settingRegistered(),
      approvalTermsSet({ maxChildren: 3, maxFromOneSiblingGroup: 1 }),
      vacancyOpened({ places: 2 }),
      filled(ids.placement, 1),
    ])
      .when(setTerms({ maxChildren: 1, maxFromOneSiblingGroup: 1 }))
      .thenThrows('APPROVAL.BELOW_COMMITTED_PLACES');
  });

  it('refuses terms for a setting that is not registered', () => {
    given([]).when(setTerms()).thenThrows('SETTING.NOT_REGISTERED');
  });
});

describe('Setting: household profile', () => {
  it('records languages (including BSL and Makaton), religion, carers’ ethnicities, other children, pets and smoking', () => {
    const profile = {
      languages: ['en', 'pl'],
      communicationMethods: ['BSL', 'Makaton'],
      religionsPractised: ['christian'],
      religionNotes: 'Roman Catholic',
      carerEthnicities: ['WBRI', 'MWBA'],
      otherChildren: [{ ageYears: 3 }, { ageYears: 15 }],
      pets: ['cat'],
      smoking: 'smoking-outdoors-only',
    } satisfies HouseholdProfile;
    given([settingRegistered()])
      .when(updateHousehold(profile))
      .then([householdUpdated(profile)]);
  });

  it('does nothing when the same profile is given again', () => {
    given([settingRegistered(), householdUpdated()]).when(updateHousehold()).thenNothing();
  });

  it('refuses what it cannot read', () => {
    const cases: [Partial<HouseholdProfile>, string][] = [
      [{ languages: ['English'] }, 'HOUSEHOLD.INVALID_LANGUAGE'],
      [{ languages: ['en', 'en'] }, 'HOUSEHOLD.DUPLICATE_VALUE'],
      [{ communicationMethods: ['ASL' as never] }, 'HOUSEHOLD.UNKNOWN_COMMUNICATION_METHOD'],
      [{ religionsPractised: ['pagan' as never] }, 'HOUSEHOLD.UNKNOWN_RELIGION'],
      [{ carerEthnicities: ['WHITE' as never] }, 'HOUSEHOLD.UNKNOWN_ETHNICITY'],
      [{ carerEthnicities: ['WBRI', 'WBRI'] }, 'HOUSEHOLD.DUPLICATE_VALUE'],
      [{ otherChildren: [{ ageYears: -2 }] }, 'HOUSEHOLD.INVALID_CHILD_AGE'],
      [{ pets: ['dragon' as never] }, 'HOUSEHOLD.UNKNOWN_PET'],
      [{ smoking: 'sometimes' as never }, 'HOUSEHOLD.UNKNOWN_SMOKING_STATUS'],
    ];
    for (const [overrides, code] of cases) {
      given([settingRegistered()]).when(updateHousehold(overrides)).thenThrows(code);
    }
  });
});

describe('Setting: skill level and weekly cost', () => {
  const recordSkill = (data: RecordSkillLevel['data']) => command<RecordSkillLevel>('RecordSkillLevel', data);
  const setCost = (data: SetWeeklyCost['data']) => command<SetWeeklyCost>('SetWeeklyCost', data);

  it('M-38: records the tier for commissioning', () => {
    given([settingRegistered()])
      .when(recordSkill({ tier: 2, assessedOn: '2025-01-20' }))
      .then([event('SkillLevelRecorded', { tier: 2, assessedOn: '2025-01-20' })]);
  });

  it('M-38: recording the tier changes nothing matching reads (terms, profile, vacancies, status)', () => {
    const history = [settingRegistered(), approvalTermsSet(), householdUpdated(), vacancyOpened()];
    const before = fold(settingDecider, history);
    const after = fold(settingDecider, [
      ...history,
      event('SkillLevelRecorded', { tier: 3, assessedOn: '2025-01-20' }),
    ]);
    expect(after).toEqual({ ...before, skillLevel: { tier: 3, assessedOn: '2025-01-20' } });
  });

  it('refuses a tier outside 1-3 and an assessment in the future', () => {
    given([settingRegistered()])
      .when(recordSkill({ tier: 4 as never, assessedOn: '2025-01-20' }))
      .thenThrows('SKILL.INVALID_TIER');
    given([settingRegistered()])
      .when(recordSkill({ tier: 1, assessedOn: '2025-03-11' }))
      .thenThrows('SKILL.ASSESSED_IN_FUTURE');
  });

  it('does nothing when the same tier is recorded again', () => {
    given([settingRegistered(), event('SkillLevelRecorded', { tier: 2, assessedOn: '2025-01-20' })])
      .when(recordSkill({ tier: 2, assessedOn: '2025-01-20' }))
      .thenNothing();
  });

  it('sets the weekly cost in pence', () => {
    given([settingRegistered()])
      .when(setCost({ amountPence: 95_000, effectiveFrom: '2025-04-01' }))
      .then([event('WeeklyCostSet', { amountPence: 95_000, effectiveFrom: '2025-04-01' })]);
  });

  it('refuses a cost that is not a whole, non-negative number of pence', () => {
    given([settingRegistered()])
      .when(setCost({ amountPence: 950.5, effectiveFrom: '2025-04-01' }))
      .thenThrows('COST.INVALID_AMOUNT');
    given([settingRegistered()])
      .when(setCost({ amountPence: 95_000, effectiveFrom: '1 April' }))
      .thenThrows('COST.INVALID_DATE');
  });
});

describe('Setting: closing', () => {
  const close = command<CloseSetting>('CloseSetting', { reason: 'Carers retired' });
  const settingClosed = (currentPlacementIds = [] as SettingClosed['data']['currentPlacementIds']) =>
    event<SettingClosed>('SettingClosed', { reason: 'Carers retired', closedAt: AT, currentPlacementIds });

  it('closes a setting', () => {
    given([settingRegistered()]).when(close).then([settingClosed()]);
  });

  it('closes its open vacancies with it and lists the placements still there', () => {
    given([
      settingRegistered(),
      approvalTermsSet({ maxChildren: 3 }),
      vacancyOpened({ places: 1 }),
      filled(),
      closedByFilling,
      vacancyOpened({ vacancyId: ids.otherVacancy, places: 2 }),
    ])
      .when(close)
      .then([
        event('VacancyClosed', { vacancyId: ids.otherVacancy, cause: 'setting-closed', closedAt: AT }),
        settingClosed([ids.placement]),
      ]);
  });

  it('does nothing when closed again', () => {
    given([settingRegistered(), settingClosed()]).when(close).thenNothing();
  });

  it('refuses changes to a closed setting', () => {
    const history = [settingRegistered(), approvalTermsSet(), settingClosed()];
    given(history)
      .when(setTerms({ maxChildren: 3 }))
      .thenThrows('SETTING.CLOSED');
    given(history).when(updateHousehold()).thenThrows('SETTING.CLOSED');
  });

  it('refuses a close without a reason', () => {
    given([settingRegistered()])
      .when(command<CloseSetting>('CloseSetting', { reason: ' ' }))
      .thenThrows('SETTING.REASON_REQUIRED');
  });
});
