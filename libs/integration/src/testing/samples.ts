import type { RecordedEvent } from '@placematch/event-store';

/** A synthetic child's id: it must never appear in an integration event. */
export const SAMPLE_CHILD = '2f1b3c4d-5e6f-4a70-8b91-a2b3c4d5e6f7';

/** The time every sample happened. */
export const SAMPLE_AT = '2026-11-20T10:00:00.000Z';

/** An internal event as the store would hand it to the publisher: the `n`th of the log. */
export const sampleRecorded = (streamId: string, type: string, data: object, n: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  streamId,
  revision: n,
  position: String(n) as RecordedEvent['position'],
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'officer-1', role: 'placement-officer' },
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: SAMPLE_AT,
  },
  recordedAt: SAMPLE_AT,
});

/** A placement started, with every SSDA903 and personal field the internal event holds. */
export const SAMPLE_PLACEMENT_STARTED = {
  placementId: 'p1',
  requestId: 'r1',
  childId: SAMPLE_CHILD,
  settingId: 's1',
  providerId: 'pr1',
  localAuthority: 'E08000021',
  startedOn: '2026-11-19',
  reasonNewEpisode: 'S',
  legalStatus: 'C2',
  cinCategory: 'N1',
  placementType: 'U4',
  placeProvider: 'PR4',
  urn: 'SC999001',
  homeSector: 'NE4 5',
  placementSector: 'NE1 9',
  distanceMiles: 2.4,
  inAuthority: true,
  childAgeMonths: 122,
};
