import { INTEGRATION_TOPICS } from '@placematch/contracts';
import type { RecordedEvent } from '@placematch/event-store';
import { SAMPLE_AT, SAMPLE_CHILD, SAMPLE_PLACEMENT_STARTED, sampleRecorded } from './testing/samples';
import { PUBLISHED_TYPES, toIntegrationEvent } from './translate';

const CHILD = SAMPLE_CHILD;
let n = 0;
const recorded = (streamId: string, type: string, data: object): RecordedEvent =>
  sampleRecorded(streamId, type, data, ++n);

const placementStarted = recorded('placement-p1', 'PlacementStarted', SAMPLE_PLACEMENT_STARTED);

describe('integration events: what is published, and how', () => {
  it('keeps the internal event’s id, keys by aggregate id and carries the correlation id', () => {
    const e = recorded('setting-s1', 'VacancyOpened', {
      vacancyId: 'v1',
      places: 2,
      availableFrom: '2026-12-01',
      openedAt: '2026-11-20T10:00:00.000Z',
      idempotencyKey: 'k-1',
    });
    expect(toIntegrationEvent(e)).toEqual({
      topic: INTEGRATION_TOPICS.supply,
      event: {
        id: e.id,
        type: 'VacancyUpdated',
        version: 1,
        context: 'supply',
        aggregateId: 's1',
        occurredAt: SAMPLE_AT,
        correlationId: 'corr-1',
        data: {
          settingId: 's1',
          vacancyId: 'v1',
          change: 'opened',
          places: 2,
          availableFrom: '2026-12-01',
          at: '2026-11-20T10:00:00.000Z',
        },
      },
    });
  });

  it.each([
    [
      'VacancyChanged',
      { vacancyId: 'v1', places: 1, availableFrom: '2026-12-02', changedAt: 'T1' },
      { change: 'changed', places: 1, at: 'T1' },
    ],
    [
      'VacancyClosed',
      { vacancyId: 'v1', cause: 'withdrawn', reason: 'carer unwell', closedAt: 'T2' },
      { change: 'closed', places: 0, at: 'T2' },
    ],
    [
      'VacancyFilled',
      { vacancyId: 'v1', placementId: 'p1', placesLeft: 1, filledAt: 'T3' },
      { change: 'filled', places: 1, at: 'T3' },
    ],
    [
      'PlaceReleased',
      { vacancyId: 'v1', placementId: 'p1', releasedAt: 'T4' },
      { change: 'released', at: 'T4' },
    ],
    ['VacancyConfirmed', { vacancyId: 'v1', confirmedAt: 'T5' }, { change: 'confirmed', at: 'T5' }],
  ])('publishes %s as VacancyUpdated with what is open after it', (type, data, expected) => {
    const out = toIntegrationEvent(recorded('setting-s1', type, data));
    expect(out?.event.data).toMatchObject({ settingId: 's1', vacancyId: 'v1', ...expected });
  });

  it('publishes a closed vacancy’s reason nowhere: a provider’s free text stays internal', () => {
    const out = toIntegrationEvent(
      recorded('setting-s1', 'VacancyClosed', {
        vacancyId: 'v1',
        cause: 'withdrawn',
        reason: 'carer unwell',
        closedAt: 'T',
      }),
    );
    expect(JSON.stringify(out)).not.toContain('carer unwell');
  });

  it('publishes a placement in SSDA903 terms without the child: no id, no postcode sectors, no age', () => {
    const out = toIntegrationEvent(placementStarted)!;
    expect(out.topic).toBe(INTEGRATION_TOPICS.placements);
    expect(out.event.data).toEqual({
      placementId: 'p1',
      requestId: 'r1',
      settingId: 's1',
      providerId: 'pr1',
      localAuthority: 'E08000021',
      startedOn: '2026-11-19',
      placementType: 'U4',
      placeProvider: 'PR4',
      inAuthority: true,
      distanceMiles: 2.4,
    });
    expect(JSON.stringify(out)).not.toMatch(new RegExp(`${CHILD}|NE4 5|NE1 9|childAgeMonths`));
  });

  it('publishes a placement’s end with REC, the reason for the change and whether it was a breakdown', () => {
    const out = toIntegrationEvent(
      recorded('placement-p1', 'PlacementEnded', {
        placementId: 'p1',
        childId: CHILD,
        settingId: 's1',
        providerId: 'pr1',
        endedOn: '2026-11-21',
        rec: 'E4A',
        reasonPlaceChange: 'CARPL',
        disrupted: true,
        endedAt: 'T',
      }),
    );
    expect(out?.event).toMatchObject({
      type: 'PlacementEnded',
      data: {
        placementId: 'p1',
        endedOn: '2026-11-21',
        rec: 'E4A',
        reasonPlaceChange: 'CARPL',
        disrupted: true,
      },
    });
    expect(JSON.stringify(out)).not.toContain(CHILD);
  });

  it('publishes a carer stress risk as a count against the threshold, never the report (M-40: support, not a move)', () => {
    const out = toIntegrationEvent(
      recorded('placement-p1', 'DisruptionRiskRaised', {
        placementId: 'p1',
        childId: CHILD,
        settingId: 's1',
        day: '2026-11-20',
        count: 7,
        threshold: 6,
        raisedAt: 'T',
      }),
    );
    expect(out?.event).toMatchObject({ type: 'CarerStressRiskRaised', data: { count: 7, threshold: 6 } });
    expect(JSON.stringify(out)).not.toContain(CHILD);
  });

  it('publishes a request with how many children and the authority, never who they are', () => {
    const out = toIntegrationEvent(
      recorded('request-r1', 'PlacementRequested', {
        localAuthority: 'E08000021',
        children: [{ childId: CHILD }, { childId: 'other' }],
        emergency: false,
        siblingsToPlaceWith: 1,
        requestedAt: 'T',
      }),
    );
    expect(out?.event.data).toEqual({
      requestId: 'r1',
      localAuthority: 'E08000021',
      children: 2,
      emergency: false,
      at: 'T',
    });
  });

  it.each([
    ['child-c1', 'ChildRecorded'],
    ['request-r1', 'SearchRun'],
    ['request-r1', 'ReferralSent'],
    ['request-r1', 'ApprovalGiven'],
    ['placement-p1', 'StressReportFiled'],
    ['placement-p1', 'MissingEpisodeRecorded'],
    ['setting-s1', 'SkillLevelRecorded'],
    ['carer-k1', 'CarerRegistered'],
    ['region-north', 'RegionAssigned'],
  ])('keeps %s %s internal', (stream, type) => {
    expect(toIntegrationEvent(recorded(stream, type, { childId: CHILD }))).toBeNull();
  });

  it('never publishes the skill tier (M-38: commissioning and training only)', () =>
    expect(PUBLISHED_TYPES.setting).not.toContain('SkillLevelRecorded'));

  it('publishes a provider’s regulatory standing (M-48: admissions suspended, restored, deregistered)', () => {
    expect(
      toIntegrationEvent(
        recorded('provider-pr1', 'AdmissionsSuspended', { reason: 'notice', since: '2026-11-01' }),
      )?.event.data,
    ).toEqual({ providerId: 'pr1', standing: 'admissions-suspended', at: '2026-11-01' });
    expect(
      toIntegrationEvent(
        recorded('provider-pr1', 'ProviderDeregistered', { reason: 'closed', at: '2026-11-02' }),
      )?.event.data,
    ).toEqual({ providerId: 'pr1', standing: 'deregistered', at: '2026-11-02' });
  });

  it('publishes a matching policy’s new version on the matching topic', () => {
    const out = toIntegrationEvent(
      recorded('matchingpolicy-la:E08000021', 'PolicySet', {
        policy: { version: 3 },
        reason: 'r',
        setAt: 'T',
      }),
    );
    expect(out).toMatchObject({
      topic: INTEGRATION_TOPICS.matching,
      event: {
        type: 'MatchingPolicySet',
        aggregateId: 'la:E08000021',
        data: { scope: 'la:E08000021', version: 3 },
      },
    });
  });
});
