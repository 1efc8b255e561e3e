import {
  INTEGRATION_TOPICS,
  IntegrationContext,
  IntegrationEvent,
  MatchDecidedV1,
  MatchingPolicySetV1,
  PlacementEndedV1,
  PlacementRequestedV1,
  PlacementReviewedV1,
  PlacementStartedV1,
  ProviderRegisteredV1,
  ProviderStandingChangedV1,
  RequestWithdrawnV1,
  SettingChangedV1,
  SettingRegisteredV1,
  VacancyChange,
  VacancyUpdatedV1,
  CarerStressRiskRaisedV1,
} from '@placematch/contracts';
import type { RecordedEvent } from '@placematch/event-store';
import { parseStreamName } from '@placematch/kernel';
import type { PolicySet } from '@placematch/matching';
import type {
  DisruptionRiskRaised,
  MatchDecided,
  PlacementEnded,
  PlacementRequested,
  PlacementReviewed,
  PlacementStarted,
  RequestWithdrawn,
} from '@placematch/placements';
import type {
  AdmissionsRestored,
  AdmissionsSuspended,
  ProviderDeregistered,
  ProviderRegistered,
  PlaceReleased,
  SettingRegistered,
  VacancyChanged,
  VacancyClosed,
  VacancyConfirmed,
  VacancyFilled,
  VacancyOpened,
} from '@placematch/supply';

/** An integration event and the topic it goes to. */
export interface Publication {
  topic: string;
  event: IntegrationEvent;
}

type Data<E> = E extends { data: infer D } ? D : never;
type Translator = (e: RecordedEvent, aggregateId: string) => Omit<IntegrationEvent, Envelope> | null;
type Envelope = 'id' | 'context' | 'aggregateId' | 'occurredAt' | 'correlationId';

const v1 = <E extends IntegrationEvent>(type: E['type'], data: E['data']) => ({ type, version: 1, data });
const data = <E>(e: RecordedEvent): Data<E> => e.data as Data<E>;

/** Every internal vacancy event, as far as the integration event reads it. */
type VacancyData = Partial<
  Data<VacancyOpened> &
    Data<VacancyChanged> &
    Data<VacancyClosed> &
    Data<VacancyFilled> &
    Data<PlaceReleased> &
    Data<VacancyConfirmed>
>;

/** The field holding when each kind of vacancy event happened. */
const VACANCY_AT: Record<VacancyChange, keyof VacancyData> = {
  opened: 'openedAt',
  changed: 'changedAt',
  closed: 'closedAt',
  filled: 'filledAt',
  released: 'releasedAt',
  confirmed: 'confirmedAt',
};

const vacancy = (change: VacancyChange) => (e: RecordedEvent, settingId: string) => {
  const d = e.data as VacancyData;
  const at = (d[VACANCY_AT[change]] as string | undefined) ?? e.recordedAt;
  return v1<VacancyUpdatedV1>('VacancyUpdated', {
    settingId,
    vacancyId: d.vacancyId ?? '',
    change,
    ...(change === 'closed' ? { places: 0 } : {}),
    ...(d.places !== undefined ? { places: d.places } : {}),
    ...(d.placesLeft !== undefined ? { places: d.placesLeft } : {}),
    ...(d.availableFrom !== undefined ? { availableFrom: d.availableFrom } : {}),
    at,
  });
};

const standing =
  (value: ProviderStandingChangedV1['data']['standing'], at: (e: RecordedEvent) => string) =>
  (e: RecordedEvent, providerId: string) =>
    v1<ProviderStandingChangedV1>('ProviderStandingChanged', { providerId, standing: value, at: at(e) });

const settingChanged =
  (change: SettingChangedV1['data']['change']) => (_e: RecordedEvent, settingId: string) =>
    v1<SettingChangedV1>('SettingChanged', { settingId, change });

/**
 * Which internal events are published, per aggregate and type, and how. Everything else stays internal:
 * searches, shortlists, referrals, approvals, children, carers, stress report contents, skill levels (M-38).
 * Nothing here carries a child's id or anything personal: a consumer outside the placements context never
 * needs to know which child, and publishing it would put it beyond erasure.
 */
const TRANSLATORS: Record<string, { context: IntegrationContext; types: Record<string, Translator> }> = {
  provider: {
    context: 'supply',
    types: {
      ProviderRegistered: (e, providerId) => {
        const d = data<ProviderRegistered>(e);
        return v1<ProviderRegisteredV1>('ProviderRegistered', {
          providerId,
          name: d.name,
          ofstedUrn: d.ofstedUrn,
        });
      },
      AdmissionsSuspended: standing('admissions-suspended', (e) => data<AdmissionsSuspended>(e).since),
      AdmissionsRestored: standing('admissions-restored', (e) => data<AdmissionsRestored>(e).at),
      ProviderDeregistered: standing('deregistered', (e) => data<ProviderDeregistered>(e).at),
    },
  },
  setting: {
    context: 'supply',
    types: {
      SettingRegistered: (e, settingId) => {
        const d = data<SettingRegistered>(e);
        return v1<SettingRegisteredV1>('SettingRegistered', {
          settingId,
          providerId: d.providerId,
          placementTypes: [...d.placementTypes],
          hostLocalAuthority: d.hostLocalAuthority,
        });
      },
      ApprovalTermsSet: settingChanged('approval-terms'),
      HouseholdProfileUpdated: settingChanged('household-profile'),
      WeeklyCostSet: settingChanged('weekly-cost'),
      SettingClosed: settingChanged('closed'),
      VacancyOpened: vacancy('opened'),
      VacancyChanged: vacancy('changed'),
      VacancyClosed: vacancy('closed'),
      VacancyFilled: vacancy('filled'),
      PlaceReleased: vacancy('released'),
      VacancyConfirmed: vacancy('confirmed'),
    },
  },
  request: {
    context: 'placements',
    types: {
      PlacementRequested: (e, requestId) => {
        const d = data<PlacementRequested>(e);
        return v1<PlacementRequestedV1>('PlacementRequested', {
          requestId,
          localAuthority: d.localAuthority,
          children: d.children.length,
          emergency: d.emergency,
          at: d.requestedAt,
        });
      },
      MatchDecided: (e, requestId) => {
        const d = data<MatchDecided>(e);
        return v1<MatchDecidedV1>('MatchDecided', {
          requestId,
          settingId: d.settingId,
          providerId: d.providerId,
          children: d.childIds.length,
          emergency: d.emergency,
          at: d.decidedAt,
        });
      },
      RequestWithdrawn: (e, requestId) =>
        v1<RequestWithdrawnV1>('RequestWithdrawn', { requestId, at: data<RequestWithdrawn>(e).withdrawnAt }),
    },
  },
  placement: {
    context: 'placements',
    types: {
      PlacementStarted: (e, placementId) => {
        const d = data<PlacementStarted>(e);
        return v1<PlacementStartedV1>('PlacementStarted', {
          placementId,
          requestId: d.requestId,
          settingId: d.settingId,
          providerId: d.providerId,
          localAuthority: d.localAuthority,
          startedOn: d.startedOn,
          placementType: d.placementType,
          placeProvider: d.placeProvider,
          inAuthority: d.inAuthority,
          distanceMiles: d.distanceMiles,
        });
      },
      PlacementReviewed: (e, placementId) =>
        v1<PlacementReviewedV1>('PlacementReviewed', {
          placementId,
          reviewedOn: data<PlacementReviewed>(e).reviewedOn,
        }),
      DisruptionRiskRaised: (e, placementId) => {
        const d = data<DisruptionRiskRaised>(e);
        return v1<CarerStressRiskRaisedV1>('CarerStressRiskRaised', {
          placementId,
          settingId: d.settingId,
          day: d.day,
          count: d.count,
          threshold: d.threshold,
        });
      },
      PlacementEnded: (e, placementId) => {
        const d = data<PlacementEnded>(e);
        return v1<PlacementEndedV1>('PlacementEnded', {
          placementId,
          settingId: d.settingId,
          providerId: d.providerId,
          endedOn: d.endedOn,
          rec: d.rec,
          reasonPlaceChange: d.reasonPlaceChange,
          disrupted: d.disrupted,
        });
      },
    },
  },
  matchingpolicy: {
    context: 'matching',
    types: {
      PolicySet: (e, scope) =>
        v1<MatchingPolicySetV1>('MatchingPolicySet', { scope, version: data<PolicySet>(e).policy.version }),
    },
  },
};

/**
 * The integration event an internal event is published as, with its topic, or `null` when the event stays
 * internal. The integration event keeps the internal event's id, so republishing it (at least once) gives
 * consumers the same id to drop duplicates by; the key is the aggregate id.
 */
export const toIntegrationEvent = (e: RecordedEvent): Publication | null => {
  const { aggregate, id } = parseStreamName(e.streamId);
  const entry = TRANSLATORS[aggregate];
  const translate = entry?.types[e.type];
  if (!entry || !translate) return null;
  const body = translate(e, id);
  if (!body) return null;
  return {
    topic: INTEGRATION_TOPICS[entry.context],
    event: {
      id: e.id,
      context: entry.context,
      aggregateId: id,
      occurredAt: e.recordedAt,
      ...(e.metadata?.correlationId ? { correlationId: e.metadata.correlationId } : {}),
      ...body,
    },
  };
};

/** The internal event types that are published, per aggregate (for documentation and tests). */
export const PUBLISHED_TYPES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(TRANSLATORS).map(([aggregate, t]) => [aggregate, Object.keys(t.types)]),
);
