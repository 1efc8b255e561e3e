import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@placematch/event-store';
import { SAMPLE_AT, SAMPLE_CHILD, SAMPLE_PLACEMENT_STARTED, sampleRecorded } from './testing/samples';
import { PUBLISHED_TYPES, toIntegrationEvent } from './translate';

// The published language, pinned: every integration event as it goes over the wire, from one sample of
// each internal event that is published. Other organisations' systems read these: a change to a field
// fails this test, and the fixture may then change only with a new version of that event (or a new topic).
// To add an event: add its sample, run with UPDATE_PUBLISHED_LANGUAGE=1, and review the fixture's diff.
const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'integration-events.v1.json');

const CHILD = SAMPLE_CHILD;
const at = SAMPLE_AT;
const SAMPLES: Array<[string, string, object]> = [
  [
    'provider-pr1',
    'ProviderRegistered',
    {
      providerId: 'pr1',
      name: 'Northern Fostering Ltd',
      ofstedUrn: 'SC999001',
      providerCode: 'PR4',
      hostLocalAuthority: 'E08000021',
      providerType: 'independent-fostering-agency',
    },
  ],
  ['provider-pr1', 'AdmissionsSuspended', { reason: 'compliance notice not met', since: '2026-11-01' }],
  ['provider-pr1', 'AdmissionsRestored', { at: '2026-11-15' }],
  ['provider-pr1', 'ProviderDeregistered', { reason: 'closed', at: '2026-11-18' }],
  [
    'setting-s1',
    'SettingRegistered',
    {
      settingId: 's1',
      providerId: 'pr1',
      name: 'Household A',
      placementTypes: ['U4', 'U6'],
      location: { postcode: 'NE1 9ZZ' },
      hostLocalAuthority: 'E08000021',
    },
  ],
  ['setting-s1', 'ApprovalTermsSet', { maxChildren: 2 }],
  ['setting-s1', 'HouseholdProfileUpdated', { languages: ['en'], asOf: '2026-11-20' }],
  ['setting-s1', 'WeeklyCostSet', { amountPence: 90000, effectiveFrom: '2026-11-01' }],
  ['setting-s1', 'SettingClosed', { reason: 'retired', closedAt: at, currentPlacementIds: [] }],
  ['setting-s1', 'VacancyOpened', { vacancyId: 'v1', places: 2, availableFrom: '2026-12-01', openedAt: at }],
  [
    'setting-s1',
    'VacancyChanged',
    { vacancyId: 'v1', places: 1, availableFrom: '2026-12-02', changedAt: at },
  ],
  [
    'setting-s1',
    'VacancyClosed',
    { vacancyId: 'v1', cause: 'withdrawn', reason: 'carer unwell', closedAt: at },
  ],
  ['setting-s1', 'VacancyFilled', { vacancyId: 'v1', placementId: 'p1', placesLeft: 0, filledAt: at }],
  ['setting-s1', 'PlaceReleased', { vacancyId: 'v1', placementId: 'p1', releasedAt: at }],
  ['setting-s1', 'VacancyConfirmed', { vacancyId: 'v1', confirmedAt: at }],
  [
    'request-r1',
    'PlacementRequested',
    {
      localAuthority: 'E08000021',
      children: [{ childId: CHILD }],
      emergency: false,
      siblingsToPlaceWith: 0,
      requestedAt: at,
    },
  ],
  [
    'request-r1',
    'MatchDecided',
    {
      settingId: 's1',
      providerId: 'pr1',
      childIds: [CHILD],
      reasons: ['near school'],
      howChildViewsWereWeighed: [{ childId: CHILD, how: 'her wish decided it' }],
      guards: [],
      approvalIds: [],
      referralId: 'ref1',
      emergency: false,
      decidedAt: at,
    },
  ],
  ['request-r1', 'RequestWithdrawn', { reason: 'no longer needed', withdrawnAt: at }],
  ['placement-p1', 'PlacementStarted', SAMPLE_PLACEMENT_STARTED],
  [
    'placement-p1',
    'PlacementReviewed',
    {
      placementId: 'p1',
      childId: CHILD,
      reviewId: 'rv1',
      kind: 'statutory',
      reviewedOn: '2026-11-20',
      summary: 'settled well',
      recordedAt: at,
    },
  ],
  [
    'placement-p1',
    'DisruptionRiskRaised',
    {
      placementId: 'p1',
      childId: CHILD,
      settingId: 's1',
      day: '2026-11-20',
      count: 7,
      threshold: 6,
      raisedAt: at,
    },
  ],
  [
    'placement-p1',
    'PlacementEnded',
    {
      placementId: 'p1',
      childId: CHILD,
      settingId: 's1',
      providerId: 'pr1',
      endedOn: '2026-11-21',
      rec: 'E4A',
      reasonPlaceChange: 'CARPL',
      disrupted: true,
      endedAt: at,
    },
  ],
  ['matchingpolicy-default', 'PolicySet', { policy: { version: 2 }, reason: 'tighter step', setAt: at }],
];

const recorded = ([streamId, type, data]: [string, string, object], n: number): RecordedEvent =>
  sampleRecorded(streamId, type, data, n);

const published = () =>
  Object.fromEntries(
    SAMPLES.map((sample, n) => [
      `${sample[0].split('-')[0]}.${sample[1]}`,
      toIntegrationEvent(recorded(sample, n)),
    ]),
  );

describe('the published language (integration events v1)', () => {
  if (process.env.UPDATE_PUBLISHED_LANGUAGE === '1')
    writeFileSync(FIXTURE, `${JSON.stringify(published(), null, 2)}\n`);

  it('has a sample of every internal event that is published', () => {
    const sampled = new Set(SAMPLES.map(([stream, type]) => `${stream.split('-')[0]}.${type}`));
    const publishedTypes = Object.entries(PUBLISHED_TYPES).flatMap(([aggregate, types]) =>
      types.map((t) => `${aggregate}.${t}`),
    );
    expect([...sampled].sort()).toEqual(publishedTypes.sort());
  });

  it('publishes each exactly as the pinned fixture says (change it only with a new event version)', () => {
    expect(existsSync(FIXTURE)).toBe(true);
    expect(published()).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });

  it('puts no child id, postcode sector, age, free text or wishes on the wire', () => {
    expect(JSON.stringify(published())).not.toMatch(
      new RegExp(
        [
          CHILD,
          'NE4 5',
          'NE1 9',
          'childAgeMonths',
          'carer unwell',
          'settled well',
          'her wish',
          'no longer needed',
          'retired',
        ].join('|'),
      ),
    );
  });
});
