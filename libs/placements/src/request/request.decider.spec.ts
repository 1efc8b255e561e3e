import { deciderSpec } from '@placematch/kernel/testing';
import { PLACEMENT_PURPOSES } from '@placematch/supply';
import {
  HoldPlaced,
  HoldReleased,
  PlaceHold,
  ProviderResponse,
  ProviderResponded,
  RecordProviderResponse,
  RecordSearch,
  ReleaseHold,
  RequestPlacement,
  RequestWithdrawn,
  RequestedChild,
  REQUEST_PURPOSES,
  SendReferral,
  Shortlist,
  WithdrawRequest,
  approvalPurposeFor,
  coarseLocation,
  requestDecider,
  requestStream,
} from '@placematch/placements';
import {
  AT,
  command,
  event,
  home,
  ids,
  offered,
  placementRequested,
  referralSent,
  requestData,
  requestedChild,
  risks,
  searchRun,
  shortlisted,
  siblingsRequested,
  topEntry,
} from '@placematch/placements/testing';

const { given } = deciderSpec(requestDecider);

const request = (overrides: Partial<RequestPlacement['data']> = {}) =>
  command<RequestPlacement>('RequestPlacement', requestData(overrides));
const withChild = (overrides: Partial<RequestedChild>) => request({ children: [requestedChild(overrides)] });
const recordSearch = (overrides: Partial<RecordSearch['data']> = {}) => {
  const { runAt: _runAt, ...data } = searchRun().data;
  return command<RecordSearch>('RecordSearch', { ...data, ...overrides });
};
const shortlist = (settingIds = [ids.setting], searchId = ids.search) =>
  command<Shortlist>('Shortlist', { searchId, settingIds });
const refer = (settingId = ids.setting, referralId = ids.referral) =>
  command<SendReferral>('SendReferral', { referralId, settingId });
const respond = (data: ProviderResponse, referralId = ids.referral) =>
  command<RecordProviderResponse>('RecordProviderResponse', { referralId, ...data });
const declined = event<ProviderResponded>('ProviderResponded', {
  referralId: ids.referral,
  settingId: ids.setting,
  providerId: ids.provider,
  respondedAt: AT,
  response: 'decline',
  reason: 'The carers cannot meet the contact arrangements',
});
const hold = (role = 'iro', reason = 'Dispute about the care plan') =>
  command<PlaceHold>('PlaceHold', { role, reason });
const held = event<HoldPlaced>('HoldPlaced', { reason: 'Dispute about the care plan', placedAt: AT });
const release = (role = 'iro') => command<ReleaseHold>('ReleaseHold', { role });
const released = event<HoldReleased>('HoldReleased', { releasedAt: AT });
const withdraw = (reason = 'Returned home') => command<WithdrawRequest>('WithdrawRequest', { reason });
const withdrawn = event<RequestWithdrawn>('RequestWithdrawn', { reason: 'Returned home', withdrawnAt: AT });

describe('Request: placement request (Placements Standard v2)', () => {
  it('requests a placement for one child with every Placements Standard field', () => {
    given([]).when(request()).then([placementRequested()]);
  });

  it('names its stream request-<id>', () => {
    expect(requestStream(ids.request)).toBe(`request-${ids.request}`);
  });

  it('M-09: requests one placement for a sibling group, counting the siblings to place with', () => {
    const [requested] = given([]).when(request(siblingsRequested().data)).then([siblingsRequested()]);
    expect(requested.type === 'PlacementRequested' && requested.data.siblingsToPlaceWith).toBe(1);
  });

  it('M-35: marks an emergency request so that its placement is counted', () => {
    const [requested] = given([])
      .when(request({ purpose: 'emergency', urgency: 'today' }))
      .then([placementRequested({ purpose: 'emergency', urgency: 'today' })]);
    expect(requested.type === 'PlacementRequested' && requested.data.emergency).toBe(true);
  });

  it('does nothing when the same request is made again', () => {
    given([placementRequested()]).when(request()).thenNothing();
  });

  it('refuses the same request id with other details', () => {
    given([placementRequested()])
      .when(request({ urgency: 'today' }))
      .thenThrows('REQUEST.ALREADY_REQUESTED');
  });

  it('M-01: refuses a child without recorded wishes and feelings', () => {
    given([])
      .when(
        withChild({ wishesAndFeelings: { summary: '', recordedBy: 'worker-1', recordedOn: '2025-03-07' } }),
      )
      .thenThrows('REQUEST.WISHES_REQUIRED');
    given([])
      .when(withChild({ wishesAndFeelings: undefined }))
      .thenThrows('REQUEST.WISHES_REQUIRED');
  });

  it('refuses a risk left unassessed, naming it (fire-setting must never go unsaid)', () => {
    const { 'others.fire-setting': _fire, ...partial } = risks();
    const error = given([])
      .when(withChild({ risks: partial as ReturnType<typeof risks> }))
      .thenThrows('REQUEST.RISK_NOT_ASSESSED');
    expect(error.details).toEqual({ missing: ['others.fire-setting'] });
  });

  it('accepts risks at low and high levels', () => {
    const graded = risks({ 'child.going-missing': 'high', 'others.fire-setting': 'low' });
    given([])
      .when(withChild({ risks: graded }))
      .then([placementRequested({ children: [requestedChild({ risks: graded })] })]);
  });

  it.each<[string, Partial<RequestPlacement['data']>]>([
    ['REQUEST.INVALID_LOCAL_AUTHORITY', { localAuthority: 'Newcastle' }],
    ['REQUEST.UNKNOWN_URGENCY', { urgency: 'tomorrow' as never }],
    ['REQUEST.UNKNOWN_PURPOSE', { purpose: 'respite' as never }],
    ['REQUEST.NO_CHILDREN', { children: [] }],
    [
      'REQUEST.TOO_MANY_CHILDREN',
      { children: Array.from({ length: 9 }, (_, i) => requestedChild({ childId: `child-${i}` as never })) },
    ],
    ['REQUEST.DUPLICATE_CHILD', { children: [requestedChild(), requestedChild()] }],
    ['REQUEST.INVALID_LOCATION', { home: { ...home, postcodeSector: 'NE1' } }],
    ['REQUEST.INVALID_LOCATION', { home: { ...home, gridReference: { easting: -1000, northing: 564_000 } } }],
    [
      'REQUEST.LOCATION_NOT_COARSE',
      { home: { ...home, gridReference: { easting: 424_312, northing: 564_000 } } },
    ],
  ])('refuses with %s', (code, overrides) => {
    given([]).when(request(overrides)).thenThrows(code);
  });

  it.each<[string, Partial<RequestedChild>]>([
    ['REQUEST.CHILD_ID_REQUIRED', { childId: '' as never }],
    ['REQUEST.UNKNOWN_COMMUNICATION_NEED', { communication: { needs: 'maybe' as never, requirements: [] } }],
    [
      'REQUEST.UNKNOWN_COMMUNICATION_REQUIREMENT',
      { communication: { needs: 'yes', requirements: ['PECS' as never] } },
    ],
    ['REQUEST.DUPLICATE_VALUE', { communication: { needs: 'yes', requirements: ['BSL', 'BSL'] } }],
    ['REQUEST.UNKNOWN_ADAPTATION', { adaptations: ['lift' as never] }],
    ['REQUEST.UNKNOWN_CULTURAL_NEED', { culturalNeeds: { need: 'yes' as never, details: [] } }],
    ['REQUEST.INVALID_CULTURAL_DETAIL', { culturalNeeds: { need: 'required', details: [''] } }],
    ['REQUEST.UNKNOWN_LIVES_ALONGSIDE', { livesAlongside: 'alone' as never }],
    ['REQUEST.UNKNOWN_PETS_ANSWER', { pets: 'dogs-only' as never }],
    ['REQUEST.UNKNOWN_ADDITIONAL_SUPPORT', { additionalSupport: ['chauffeur' as never] }],
    ['REQUEST.INVALID_DEPRIVATION_OF_LIBERTY', { deprivationOfLiberty: 'no' as never }],
    [
      'REQUEST.UNKNOWN_SUITABILITY',
      {
        suitability: {
          foster: 'ideal' as never,
          residential: 'suitable',
          supportedAccommodation: 'unsuitable',
        },
      },
    ],
    [
      'REQUEST.NO_SUITABLE_PLACEMENT_TYPE',
      {
        suitability: {
          foster: 'unsuitable',
          residential: 'unsuitable',
          supportedAccommodation: 'unsuitable',
        },
      },
    ],
    ['REQUEST.UNKNOWN_RISK', { risks: { ...risks(), 'child.boredom': 'low' } as never }],
    ['REQUEST.UNKNOWN_RISK_LEVEL', { risks: risks({ 'child.self-harm': 'medium' as never }) }],
    [
      'REQUEST.DATE_IN_FUTURE',
      { wishesAndFeelings: { summary: 'Wants a dog', recordedBy: 'worker-1', recordedOn: '2025-03-11' } },
    ],
    [
      'REQUEST.LOCATION_NOT_COARSE',
      { school: { postcodeSector: 'NE2 4', gridReference: { easting: 425_050, northing: 565_000 } } },
    ],
  ])('refuses a child with %s', (code, overrides) => {
    given([]).when(withChild(overrides)).thenThrows(code);
  });

  it('builds a coarse location from a full postcode and its grid reference', () => {
    expect(coarseLocation('ne1 9zz', { easting: 424_312, northing: 564_501 })).toEqual({
      postcodeSector: 'NE1 9',
      gridReference: { easting: 424_000, northing: 565_000 },
    });
  });

  it('offers every purpose a setting can be approved for, plus permanent, which long-term approvals cover', () => {
    expect(REQUEST_PURPOSES).toEqual(expect.arrayContaining([...PLACEMENT_PURPOSES, 'permanent']));
    expect(approvalPurposeFor('permanent')).toBe('long-term');
    expect(approvalPurposeFor('remand')).toBe('remand');
  });
});

describe('Request: searches as evidence', () => {
  it('records a search with its policy version, its summary and the opaque result', () => {
    given([placementRequested()]).when(recordSearch()).then([searchRun()]);
  });

  it('does nothing when the same search is recorded again', () => {
    given([placementRequested(), searchRun()]).when(recordSearch()).thenNothing();
  });

  it('refuses another search under the same id', () => {
    given([placementRequested(), searchRun()])
      .when(recordSearch({ policyVersion: 'placematch-default@2' }))
      .thenThrows('SEARCH.ALREADY_RECORDED');
  });

  it.each<[string, Partial<RecordSearch['data']>]>([
    ['SEARCH.POLICY_VERSION_REQUIRED', { policyVersion: '' }],
    ['SEARCH.RESULTS_REQUIRED', { results: undefined as never }],
    ['SEARCH.INVALID_RESULT_COUNT', { resultCount: -1 }],
    ['SEARCH.INVALID_SUMMARY', { resultCount: 1 }],
    ['SEARCH.INVALID_SUMMARY', { top: [topEntry({ score: 1.2 })] }],
    ['SEARCH.DUPLICATE_SETTING', { top: [topEntry(), topEntry()] }],
    ['SEARCH.UNKNOWN_GUARD', { top: [topEntry({ guards: ['distance' as never] })] }],
  ])('refuses with %s', (code, overrides) => {
    given([placementRequested()]).when(recordSearch(overrides)).thenThrows(code);
  });

  it('refuses a search on a request that does not exist', () => {
    given([]).when(recordSearch()).thenThrows('REQUEST.NOT_FOUND');
  });
});

describe('Request: shortlist and referrals', () => {
  it('M-04: shortlists settings from the menu a search offered', () => {
    given([placementRequested(), searchRun()]).when(shortlist()).then([shortlisted()]);
  });

  it('leaves settings already shortlisted as they are, and does nothing when all are', () => {
    given([placementRequested(), searchRun(), shortlisted()])
      .when(shortlist([ids.setting, ids.otherSetting]))
      .then([shortlisted(ids.otherSetting, ids.otherProvider)]);
    given([placementRequested(), searchRun(), shortlisted()]).when(shortlist()).thenNothing();
  });

  it('refuses a setting the search did not offer, an unknown search and an empty list', () => {
    given([placementRequested(), searchRun()])
      .when(shortlist([ids.thirdSetting]))
      .thenThrows('SHORTLIST.NOT_IN_SEARCH');
    given([placementRequested(), searchRun()])
      .when(shortlist([ids.setting], ids.otherSearch))
      .thenThrows('SEARCH.NOT_FOUND');
    given([placementRequested(), searchRun()]).when(shortlist([])).thenThrows('SHORTLIST.EMPTY');
    given([placementRequested(), searchRun()])
      .when(shortlist([ids.setting, ids.setting]))
      .thenThrows('SHORTLIST.DUPLICATE_SETTING');
  });

  it('M-06: sends a referral to the provider of a shortlisted setting', () => {
    given([placementRequested(), searchRun(), shortlisted()]).when(refer()).then([referralSent()]);
  });

  it('does nothing when the same referral is sent again', () => {
    given([placementRequested(), searchRun(), shortlisted(), referralSent()]).when(refer()).thenNothing();
  });

  it('refuses a referral to a setting not shortlisted', () => {
    given([placementRequested(), searchRun()]).when(refer()).thenThrows('REQUEST.NOT_SHORTLISTED');
  });

  it('refuses a second referral while the first awaits its answer, and allows one after a decline', () => {
    const history = [placementRequested(), searchRun(), shortlisted(), referralSent()];
    given(history).when(refer(ids.setting, ids.otherReferral)).thenThrows('REFERRAL.ALREADY_OPEN');
    given([...history, declined])
      .when(refer(ids.setting, ids.otherReferral))
      .then([referralSent(ids.setting, ids.provider, ids.otherReferral)]);
  });

  it('refuses a referral id reused for another setting', () => {
    given([
      placementRequested(),
      searchRun(),
      shortlisted(),
      shortlisted(ids.otherSetting, ids.otherProvider),
      referralSent(),
    ])
      .when(refer(ids.otherSetting))
      .thenThrows('REFERRAL.ALREADY_EXISTS');
  });

  it('records an offer, and a decline with its reason', () => {
    const history = [placementRequested(), searchRun(), shortlisted(), referralSent()];
    given(history)
      .when(respond({ response: 'offer' }))
      .then([offered()]);
    given(history)
      .when(respond({ response: 'decline', reason: 'The carers cannot meet the contact arrangements' }))
      .then([declined]);
  });

  it('does nothing when the same answer is recorded again, and refuses a different one', () => {
    const history = [placementRequested(), searchRun(), shortlisted(), referralSent(), offered()];
    given(history)
      .when(respond({ response: 'offer' }))
      .thenNothing();
    given(history)
      .when(respond({ response: 'decline', reason: 'Changed our minds' }))
      .thenThrows('REFERRAL.ALREADY_ANSWERED');
  });

  it('refuses a decline without a reason, an unknown answer and an unknown referral', () => {
    const history = [placementRequested(), searchRun(), shortlisted(), referralSent()];
    given(history)
      .when(respond({ response: 'decline', reason: ' ' }))
      .thenThrows('REFERRAL.REASON_REQUIRED');
    given(history)
      .when(respond({ response: 'maybe' } as never))
      .thenThrows('REFERRAL.UNKNOWN_RESPONSE');
    given(history)
      .when(respond({ response: 'offer' }, ids.otherReferral))
      .thenThrows('REFERRAL.NOT_FOUND');
  });
});

describe("Request: the IRO's hold", () => {
  it('M-36: the IRO puts the decision on hold, and lifts it', () => {
    given([placementRequested()]).when(hold()).then([held]);
    given([placementRequested(), held]).when(release()).then([released]);
  });

  it('M-36: refuses a hold or a release by anyone but the IRO', () => {
    given([placementRequested()]).when(hold('senior-manager')).thenThrows('HOLD.IRO_ONLY');
    given([placementRequested(), held]).when(release('placement-officer')).thenThrows('HOLD.IRO_ONLY');
  });

  it('does nothing when held again; refuses to lift a hold that is not there; needs a reason', () => {
    given([placementRequested(), held]).when(hold()).thenNothing();
    given([placementRequested()]).when(release()).thenThrows('HOLD.NOT_HELD');
    given([placementRequested()]).when(hold('iro', '')).thenThrows('HOLD.REASON_REQUIRED');
  });

  it('keeps taking searches and referrals while on hold: it pauses the decision only', () => {
    given([placementRequested(), held]).when(recordSearch()).then([searchRun()]);
  });
});

describe('Request: withdrawal', () => {
  it('withdraws an open request, and does nothing when withdrawn again', () => {
    given([placementRequested()]).when(withdraw()).then([withdrawn]);
    given([placementRequested(), withdrawn]).when(withdraw()).thenNothing();
  });

  it('refuses a withdrawal without a reason, or while the IRO holds the decision', () => {
    given([placementRequested()]).when(withdraw(' ')).thenThrows('REQUEST.REASON_REQUIRED');
    given([placementRequested(), held]).when(withdraw()).thenThrows('REQUEST.ON_HOLD');
  });

  it('accepts no search, shortlist or referral once withdrawn', () => {
    given([placementRequested(), withdrawn]).when(recordSearch()).thenThrows('REQUEST.WITHDRAWN');
    given([placementRequested(), searchRun(), withdrawn]).when(shortlist()).thenThrows('REQUEST.WITHDRAWN');
    given([placementRequested(), searchRun(), shortlisted(), withdrawn])
      .when(refer())
      .thenThrows('REQUEST.WITHDRAWN');
  });

  it('keeps a late provider answer as a fact only while the request is live', () => {
    const history = [placementRequested(), searchRun(), shortlisted(), referralSent()];
    given([...history, withdrawn])
      .when(respond({ response: 'offer' }))
      .thenThrows('REQUEST.WITHDRAWN');
  });
});

describe('Request: state', () => {
  it('folds a hold and its release', () => {
    expect(given([placementRequested(), held]).when(release()).state().status).toBe('OnHold');
    expect(given([placementRequested(), held, released]).when(release()).state().status).toBe('Open');
  });

  it('keeps the shortlist with the search each setting came from', () => {
    const state = given([placementRequested(), searchRun(), shortlisted()]).when(shortlist()).state();
    expect(state.status === 'Open' && state.shortlist[ids.setting]).toEqual({
      settingId: ids.setting,
      providerId: ids.provider,
      searchId: ids.search,
    });
  });
});
