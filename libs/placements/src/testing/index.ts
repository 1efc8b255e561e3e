// Synthetic fixtures for placements tests (and for other contexts' tests that need placements facts). Every
// name is plainly fake ('Test Child A'), every postcode in made-up sectors, ids UUID-shaped and sequential.
import type { PlacementId, ProviderId, RiskCode, SettingId } from '@placematch/supply';
import { RISK_CODES } from '@placematch/supply';
import { AT, TODAY, command, event } from '@placematch/supply/testing';
import type {
  ApprovalId,
  ApprovalRequested,
  ChildDetails,
  ChildId,
  ChildRecorded,
  ChildRecordedFromReturn,
  CoarseLocation,
  HistoricEpisode,
  PlacementRequested,
  PlacementStarted,
  ProviderResponded,
  ReferralId,
  ReferralSent,
  RequestId,
  RequestPlacement,
  RequestedChild,
  ReturnHeader,
  RiskLevel,
  SearchId,
  SearchRun,
  SearchSummaryEntry,
  Shortlisted,
  StartPlacement,
  TaskId,
} from '@placematch/placements';

export { AT, TODAY, command, event };

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Fixed ids for fixtures (a range of their own, apart from supply's fixtures). */
export const ids = {
  child: uuid(0x101) as ChildId,
  sibling: uuid(0x102) as ChildId,
  thirdSibling: uuid(0x103) as ChildId,
  request: uuid(0x201) as RequestId,
  search: uuid(0x301) as SearchId,
  otherSearch: uuid(0x302) as SearchId,
  setting: uuid(0x401) as SettingId,
  otherSetting: uuid(0x402) as SettingId,
  thirdSetting: uuid(0x403) as SettingId,
  provider: uuid(0x501) as ProviderId,
  otherProvider: uuid(0x502) as ProviderId,
  referral: uuid(0x601) as ReferralId,
  otherReferral: uuid(0x602) as ReferralId,
  approval: uuid(0x701) as ApprovalId,
  otherApproval: uuid(0x702) as ApprovalId,
  thirdApproval: uuid(0x703) as ApprovalId,
  fourthApproval: uuid(0x704) as ApprovalId,
  placement: uuid(0x801) as PlacementId,
  task: uuid(0x901) as TaskId,
  otherTask: uuid(0x902) as TaskId,
};

/** The placing authority of fixtures. */
export const LA = 'E08000021';

/**
 * 'Test Child A', born 15 June 2015: 116 months old and in Year 5 on {@link TODAY}; home and school in made-up
 * sectors.
 */
export const childDetails = (overrides: Partial<ChildDetails> = {}): ChildDetails => ({
  localAuthority: LA,
  name: { given: 'Test Child', family: 'A' },
  dateOfBirth: '2015-06-15',
  homePostcode: 'NE1 9ZZ',
  school: { name: 'Test Primary School', postcode: 'NE2 4ZZ' },
  gender: '2',
  ethnicity: 'MWBA',
  religion: 'christian',
  languages: ['en'],
  communication: [],
  disabilities: ['NONE'],
  healthNeeds: ['Asthma: inhaler at school'],
  legalStatus: 'C2',
  cinCategory: 'N1',
  uasc: false,
  ...overrides,
});

/** {@link childDetails} as a ChildRecorded event on {@link TODAY}. */
export const childRecorded = (overrides: Partial<ChildRecorded['data']> = {}): ChildRecorded =>
  event<ChildRecorded>('ChildRecorded', {
    childId: ids.child,
    ...childDetails(),
    coarse: { asOf: TODAY, ageMonths: 116, yearGroup: 5, homeSector: 'NE1 9', schoolSector: 'NE2 4' },
    ...overrides,
  });

/** Every risk at one level (default `none`), with some set otherwise. */
export const risks = (
  set: Partial<Record<RiskCode, RiskLevel>> = {},
  level: RiskLevel = 'none',
): Record<RiskCode, RiskLevel> => ({
  ...(Object.fromEntries(RISK_CODES.map((c) => [c, level])) as Record<RiskCode, RiskLevel>),
  ...set,
});

/** The home of fixtures: a made-up sector and a 1 km square in England. */
export const home: CoarseLocation = {
  postcodeSector: 'NE1 9',
  gridReference: { easting: 424_000, northing: 564_000 },
};

/** The Placements Standard v2 fields of one child, with no particular needs. */
export const requestedChild = (overrides: Partial<RequestedChild> = {}): RequestedChild => ({
  childId: ids.child,
  communication: { needs: 'no', requirements: [] },
  adaptations: [],
  culturalNeeds: { need: 'required', details: ['Attends church on Sundays'] },
  livesAlongside: 'any',
  pets: 'yes-can',
  additionalSupport: [],
  deprivationOfLiberty: false,
  suitability: { foster: 'preferred', residential: 'suitable', supportedAccommodation: 'unsuitable' },
  risks: risks(),
  wishesAndFeelings: {
    summary: 'Wants to stay near her school and her friends',
    recordedBy: 'worker-1',
    recordedOn: '2025-03-07',
  },
  school: { postcodeSector: 'NE2 4', gridReference: { easting: 425_000, northing: 565_000 } },
  ...overrides,
});

/** The data of a RequestPlacement for one child, short-term, needed in under 5 days. */
export const requestData = (overrides: Partial<RequestPlacement['data']> = {}): RequestPlacement['data'] => ({
  requestId: ids.request,
  localAuthority: LA,
  urgency: 'under-5-days',
  purpose: 'short-term',
  children: [requestedChild()],
  home,
  ...overrides,
});

/** {@link requestData} as a PlacementRequested event (its derived fields computed from the data given). */
export const placementRequested = (overrides: Partial<RequestPlacement['data']> = {}): PlacementRequested => {
  const data = requestData(overrides);
  return event<PlacementRequested>('PlacementRequested', {
    ...data,
    emergency: data.purpose === 'emergency',
    siblingsToPlaceWith: data.children.length - 1,
    requestedAt: AT,
  });
};

/** A sibling group of two, 'Test Child A' and 'Test Child B'. */
export const siblingsRequested = (overrides: Partial<RequestPlacement['data']> = {}): PlacementRequested =>
  placementRequested({
    children: [requestedChild(), requestedChild({ childId: ids.sibling, school: undefined })],
    ...overrides,
  });

/** One entry of a search summary. */
export const topEntry = (overrides: Partial<SearchSummaryEntry> = {}): SearchSummaryEntry => ({
  settingId: ids.setting,
  providerId: ids.provider,
  score: 0.82,
  guards: [],
  ...overrides,
});

/** A search whose summary holds {@link ids}.setting and {@link ids}.otherSetting. */
export const searchRun = (overrides: Partial<SearchRun['data']> = {}): SearchRun =>
  event<SearchRun>('SearchRun', {
    searchId: ids.search,
    policyVersion: 'placematch-default@1',
    resultCount: 12,
    top: [
      topEntry(),
      topEntry({
        settingId: ids.otherSetting,
        providerId: ids.otherProvider,
        score: 0.74,
        guards: ['out-of-authority'],
      }),
    ],
    results: { matches: [{ settingId: ids.setting, total: 0.82 }], counts: { eligible: 12 } },
    runAt: AT,
    ...overrides,
  });

/** {@link ids}.setting (or another) shortlisted from {@link ids}.search. */
export const shortlisted = (
  settingId: SettingId = ids.setting,
  providerId: ProviderId = ids.provider,
): Shortlisted =>
  event<Shortlisted>('Shortlisted', {
    searchId: ids.search,
    settings: [{ settingId, providerId }],
    shortlistedAt: AT,
  });

/** A referral sent for {@link ids}.setting (or another). */
export const referralSent = (
  settingId: SettingId = ids.setting,
  providerId: ProviderId = ids.provider,
  referralId: ReferralId = ids.referral,
): ReferralSent => event<ReferralSent>('ReferralSent', { referralId, settingId, providerId, sentAt: AT });

/** The provider offered the setting of {@link referralSent}. */
export const offered = (
  settingId: SettingId = ids.setting,
  providerId: ProviderId = ids.provider,
  referralId: ReferralId = ids.referral,
): ProviderResponded =>
  event<ProviderResponded>('ProviderResponded', {
    referralId,
    settingId,
    providerId,
    respondedAt: AT,
    response: 'offer',
  });

/** A request with {@link ids}.setting searched, shortlisted, referred and offered. */
export const offeredHistory = (requested: PlacementRequested = placementRequested()) => [
  requested,
  searchRun(),
  shortlisted(),
  referralSent(),
  offered(),
];

/** An approval requested, for each guard with fixture details. */
export const approvalRequested = (
  guard: ApprovalRequested['data']['guard'],
  approvalId: ApprovalId = ids.approval,
  settingId: SettingId = ids.setting,
): ApprovalRequested => {
  const base = { approvalId, requestedAt: AT };
  switch (guard) {
    case 'out-of-authority':
      return event<ApprovalRequested>('ApprovalRequested', {
        ...base,
        guard,
        settingId,
        bestInterestsReason: 'The only home with the therapeutic support she needs',
      });
    case 'sibling-separation':
      return event<ApprovalRequested>('ApprovalRequested', {
        ...base,
        guard,
        childViews: [
          { childId: ids.child, views: 'Would like to live with her brother but understands why not' },
          { childId: ids.sibling, views: 'Wants to see his sister every week' },
        ],
        implications: 'Weekly contact keeps the bond; a joint placement is sought for later',
        contactPlan: 'Weekly contact at the family centre, and phone calls',
      });
    case 'school-move-year-10-11':
      return event<ApprovalRequested>('ApprovalRequested', {
        ...base,
        guard,
        settingId,
        reviewedOn: '2025-03-07',
        exceptionalCircumstances: 'Risk of exploitation near the current school',
      });
    case 'emergency':
      return event<ApprovalRequested>('ApprovalRequested', {
        ...base,
        guard,
        reason: 'The home broke down overnight; no planned move was possible',
      });
  }
};

/**
 * The data of a StartPlacement for 'Test Child A' in {@link ids}.setting: a long-term foster placement by an
 * agency, 3.2 miles from home, inside the authority.
 */
export const startData = (overrides: Partial<StartPlacement['data']> = {}): StartPlacement['data'] => ({
  placementId: ids.placement,
  requestId: ids.request,
  childId: ids.child,
  settingId: ids.setting,
  providerId: ids.provider,
  localAuthority: LA,
  startedOn: '2025-03-01',
  reasonNewEpisode: 'P',
  legalStatus: 'C2',
  cinCategory: 'N1',
  placementType: 'U4',
  placeProvider: 'PR4',
  urn: 'SC999999',
  homeSector: 'NE1 9',
  placementSector: 'NE3 1',
  distanceMiles: 3.2,
  inAuthority: true,
  childAgeMonths: 116,
  ...overrides,
});

/** {@link startData} as a PlacementStarted event. */
export const placementStarted = (overrides: Partial<StartPlacement['data']> = {}): PlacementStarted =>
  event<PlacementStarted>('PlacementStarted', startData(overrides));

/** What an SSDA903 Header row says about 'Test Child A' (return reference `TC0001`). */
export const returnHeader = (overrides: Partial<ReturnHeader> = {}): ReturnHeader => ({
  localAuthority: LA,
  returnChildId: 'TC0001',
  gender: '2',
  dateOfBirth: '2015-06-15',
  ethnicity: 'MWBA',
  upn: 'UN1',
  mother: false,
  motherChildDateOfBirth: null,
  ...overrides,
});

/** {@link returnHeader} as a ChildRecordedFromReturn event. */
export const childRecordedFromReturn = (overrides: Partial<ReturnHeader> = {}): ChildRecordedFromReturn => {
  const header = returnHeader(overrides);
  return event<ChildRecordedFromReturn>('ChildRecordedFromReturn', {
    childId: ids.child,
    ...header,
    birthMonth: header.dateOfBirth.slice(0, 7),
  });
};

/** An open SSDA903 episode: a long-term foster placement with an agency from 1 September 2023. */
export const historicEpisode = (overrides: Partial<HistoricEpisode> = {}): HistoricEpisode => ({
  startedOn: '2023-09-01',
  reasonNewEpisode: 'P',
  legalStatus: 'C2',
  cinCategory: 'N1',
  placementType: 'U4',
  placeProvider: 'PR4',
  urn: 'SC999999',
  homeSector: 'NE1 9',
  placementSector: 'NE3 1',
  endedOn: null,
  rec: null,
  reasonPlaceChange: null,
  ...overrides,
});
