// Synthetic histories for commissioning tests, written through the real deciders (child, request, placement,
// setting, provider, region) by whatever runs commands: the event store directly (int) or the app's command
// bus (e2e). Every name is plainly fake ('Synthetic Child 3'); ids are UUID-shaped and made up.
import { DEFAULT_BEHAVIOUR_CHECKLIST, PlacementTypeCode, PlaceProviderCode } from '@placematch/supply';
import { approvalTerms, location, providerDetails, settingRegistration } from '@placematch/supply/testing';
import { ageInMonths } from '@placematch/placements';
import {
  childDetails,
  requestData,
  requestedChild,
  startData,
  topEntry,
} from '@placematch/placements/testing';

/** Runs one command on one aggregate (`child`, `request`, `placement`, `setting`, `provider`, `region`). */
export type Run = (
  aggregate: string,
  id: string,
  command: { type: string; data: unknown; at: string },
) => Promise<unknown>;

/** A UUID-shaped id in a range of its own: `kind` picks the range, `n` the number. */
export const uid = (kind: number, n: number): string =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;

const cmd = (type: string, data: unknown, at: string) => ({ type, data, at });

/** An instant `hours` after the start of `date` (UTC). */
const on = (date: string, hours = 10) => `${date}T${String(hours).padStart(2, '0')}:00:00.000Z`;

/** A provider with an Ofsted judgement. */
export const provider = async (
  run: Run,
  providerId: string,
  o: { la: string; code?: PlaceProviderCode; urn: string; judgement?: string; at: string },
) => {
  await run(
    'provider',
    providerId,
    cmd(
      'RegisterProvider',
      providerDetails({
        providerId: providerId as never,
        name: `Synthetic Provider ${o.urn}`,
        ofstedUrn: o.urn,
        providerCode: o.code ?? 'PR4',
        hostLocalAuthority: o.la,
        providerType: 'independent-fostering-agency',
      }),
      o.at,
    ),
  );
  if (o.judgement) {
    await run(
      'provider',
      providerId,
      cmd('RecordOfstedJudgement', { judgement: o.judgement, inspectionDate: o.at.slice(0, 10) }, o.at),
    );
  }
};

/** An approved setting with a usual fee and one open vacancy. */
export const setting = async (
  run: Run,
  settingId: string,
  o: {
    providerId: string;
    la: string;
    types: PlacementTypeCode[];
    vacancyId: string;
    weeklyCostPence: number;
    postcode?: string;
    sector?: string;
    at: string;
  },
) => {
  await run(
    'setting',
    settingId,
    cmd(
      'RegisterSetting',
      settingRegistration({
        settingId: settingId as never,
        providerId: o.providerId as never,
        name: `Synthetic Setting ${settingId.slice(-4)}`,
        placementTypes: o.types,
        hostLocalAuthority: o.la,
        location: location(o.postcode ? { postcode: o.postcode, postcodeSector: o.sector } : {}),
      }),
      o.at,
    ),
  );
  await run(
    'setting',
    settingId,
    cmd(
      'SetApprovalTerms',
      approvalTerms({
        ageRange: { minYears: 0, maxYears: 17 },
        maxChildren: 4,
        maxFromOneSiblingGroup: 2,
        purposes: ['emergency', 'short-term', 'long-term'],
        specialisms: ['therapeutic'],
      }),
      o.at,
    ),
  );
  await run(
    'setting',
    settingId,
    cmd('SetWeeklyCost', { amountPence: o.weeklyCostPence, effectiveFrom: o.at.slice(0, 10) }, o.at),
  );
  await run(
    'setting',
    settingId,
    cmd('OpenVacancy', { vacancyId: o.vacancyId, places: 1, availableFrom: o.at.slice(0, 10) }, o.at),
  );
};

/** A listed setting of a search, as matching's SearchResult gives it. */
export interface Listed {
  settingId: string;
  providerId: string;
  miles: number;
  inAuthority: boolean;
}

/** What {@link placeChild} made: the ids, and the synthetic name (to search responses for). */
export interface Placed {
  childId: string;
  requestId: string;
  placementId: string;
  name: string;
}

/**
 * A child recorded, requested, searched, offered, decided and placed: the whole path of a placement request.
 * `listed` is what the search listed (the chosen setting must be among them).
 */
export const placeChild = async (
  run: Run,
  n: number,
  o: {
    la: string;
    requestedOn: string;
    startedOn: string;
    listed: Listed[];
    chosen: Listed;
    placementType: PlacementTypeCode;
    emergency?: boolean;
    gender?: '1' | '2';
    ethnicity?: 'WBRI' | 'MWBC' | 'BAFR';
    dateOfBirth?: string;
  },
): Promise<Placed> => {
  const childId = uid(0x101, n);
  const requestId = uid(0x201, n);
  const placementId = uid(0x801, n);
  const searchId = uid(0x301, n);
  const referralId = uid(0x601, n);
  const name = { given: 'Synthetic', family: `Child${n}` };
  const dateOfBirth = o.dateOfBirth ?? '2014-02-10';
  const at = on(o.requestedOn);
  await run(
    'child',
    childId,
    cmd(
      'RecordChild',
      {
        childId,
        ...childDetails({
          localAuthority: o.la,
          name,
          dateOfBirth,
          gender: o.gender ?? '2',
          ethnicity: o.ethnicity ?? 'MWBC',
        }),
      },
      at,
    ),
  );
  await run(
    'request',
    requestId,
    cmd(
      'RequestPlacement',
      requestData({
        requestId: requestId as never,
        localAuthority: o.la,
        purpose: o.emergency ? 'emergency' : 'short-term',
        urgency: o.emergency ? 'today' : 'under-5-days',
        children: [
          requestedChild({
            childId: childId as never,
            wishesAndFeelings: {
              summary: 'Wants to stay near school',
              recordedBy: 'worker-1',
              recordedOn: o.requestedOn,
            },
          }),
        ],
      }),
      at,
    ),
  );
  const guardsOf = (l: Listed) => [
    ...(l.inAuthority ? [] : ['out-of-authority' as const]),
    ...(o.emergency ? ['emergency' as const] : []),
  ];
  await run(
    'request',
    requestId,
    cmd(
      'RecordSearch',
      {
        searchId,
        policyVersion: 'placematch-default@1',
        resultCount: o.listed.length,
        top: o.listed.map((l) =>
          topEntry({
            settingId: l.settingId as never,
            providerId: l.providerId as never,
            guards: guardsOf(l),
          }),
        ),
        results: {
          policyVersion: 'placematch-default@1',
          results: o.listed.map((l) => ({
            settingId: l.settingId,
            providerId: l.providerId,
            distanceFromHomeMiles: l.miles,
            inAuthority: l.inAuthority,
          })),
        },
      },
      on(o.requestedOn, 11),
    ),
  );
  await run(
    'request',
    requestId,
    cmd('Shortlist', { searchId, settingIds: [o.chosen.settingId] }, on(o.requestedOn, 12)),
  );
  await run(
    'request',
    requestId,
    cmd('SendReferral', { referralId, settingId: o.chosen.settingId }, on(o.requestedOn, 12)),
  );
  await run(
    'request',
    requestId,
    cmd('RecordProviderResponse', { referralId, response: 'offer' }, on(o.requestedOn, 13)),
  );
  const guards = guardsOf(o.chosen);
  for (const [i, guard] of guards.entries()) {
    const approvalId = uid(0x701, n * 10 + i);
    const asked =
      guard === 'out-of-authority'
        ? {
            guard,
            settingId: o.chosen.settingId,
            bestInterestsReason: 'The only home with the support needed',
          }
        : { guard, reason: 'The home broke down overnight' };
    await run('request', requestId, cmd('RequestApproval', { approvalId, ...asked }, on(o.requestedOn, 14)));
    await run(
      'request',
      requestId,
      cmd('GiveApproval', { approvalId, role: 'senior-manager' }, on(o.requestedOn, 15)),
    );
  }
  await run(
    'request',
    requestId,
    cmd(
      'DecideMatch',
      {
        settingId: o.chosen.settingId,
        providerId: o.chosen.providerId,
        reasons: ['Best match on the menu'],
        howChildViewsWereWeighed: [{ childId, how: 'Near school, as she asked' }],
        guards,
      },
      on(o.requestedOn, 16),
    ),
  );
  await run(
    'placement',
    placementId,
    cmd(
      'StartPlacement',
      startData({
        placementId: placementId as never,
        requestId: requestId as never,
        childId: childId as never,
        settingId: o.chosen.settingId as never,
        providerId: o.chosen.providerId as never,
        localAuthority: o.la,
        startedOn: o.startedOn,
        placementType: o.placementType,
        reasonNewEpisode: 'S',
        urn: 'SC999999',
        distanceMiles: o.chosen.miles,
        inAuthority: o.chosen.inAuthority,
        childAgeMonths: ageInMonths(dateOfBirth, o.startedOn),
        weeklyCostPence: 95_000,
      }),
      on(o.startedOn),
    ),
  );
  return { childId, requestId, placementId, name: `${name.given} ${name.family}` };
};

/** A day of a carer's report with six stressful behaviours: over the KEEP threshold of 5 (M-40). */
export const stressfulDay = (day: string) => ({
  day,
  behaviours: DEFAULT_BEHAVIOUR_CHECKLIST.items
    .slice(0, 6)
    .map((i) => ({ item: i.code, outcome: 'happened-and-stressful' })),
});

/** A stress alert on a placement, the support offered a few days later, then a disrupted ending (CREQB). */
export const alertSupportAndDisruption = async (
  run: Run,
  placementId: string,
  n: number,
  o: { alertOn: string; supportOn: string; endedOn: string },
) => {
  const taskId = uid(0x901, n);
  await run(
    'placement',
    placementId,
    cmd(
      'FileStressReport',
      {
        reportId: uid(0xa01, n),
        report: { checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id, days: [stressfulDay(o.alertOn)] },
        supportTaskId: taskId,
      },
      on(o.alertOn, 20),
    ),
  );
  await run(
    'placement',
    placementId,
    cmd(
      'RecordSupportOffered',
      { taskId, support: 'A visit from the supervising social worker', offeredOn: o.supportOn },
      on(o.supportOn),
    ),
  );
  await run(
    'placement',
    placementId,
    cmd(
      'EndPlacement',
      { endedOn: o.endedOn, rec: 'X1', reasonPlaceChange: 'CREQB', disrupted: true },
      on(o.endedOn),
    ),
  );
};
