import { deciderSpec } from '@placematch/kernel/testing';
import {
  AdmissionsSuspensionRiskRaised,
  EndPlacement,
  MissingEpisodeRecorded,
  PlacementEnded,
  PlacementReviewed,
  PlacementStarted,
  RaiseAdmissionsSuspensionRisk,
  RecordMissingEpisode,
  RecordRiskAssessment,
  RecordTemporaryMove,
  ReviewPlacement,
  RiskAssessmentRecorded,
  StartPlacement,
  TemporaryMoveRecorded,
  openTasks,
  placementDecider,
  placementStream,
} from '@placematch/placements';
import { AT, command, event, ids, placementStarted, startData } from '@placematch/placements/testing';

const { given } = deciderSpec(placementDecider);

const start = (overrides: Partial<StartPlacement['data']> = {}) =>
  command<StartPlacement>('StartPlacement', startData(overrides));
const of = { placementId: ids.placement, childId: ids.child };

const reviewData: ReviewPlacement['data'] = {
  reviewId: 'review-1' as never,
  kind: 'statutory',
  reviewedOn: '2025-03-07',
  summary: 'Settled; contact going well',
};
const review = (overrides: Partial<ReviewPlacement['data']> = {}) =>
  command<ReviewPlacement>('ReviewPlacement', { ...reviewData, ...overrides });
const reviewed = event<PlacementReviewed>('PlacementReviewed', { ...of, ...reviewData, recordedAt: AT });

const missing = (overrides: Partial<RecordMissingEpisode['data']> = {}) =>
  command<RecordMissingEpisode>('RecordMissingEpisode', {
    episodeId: 'missing-1' as never,
    kind: 'M',
    from: '2025-03-05',
    ...overrides,
  });
const missingRecorded = (overrides: Partial<MissingEpisodeRecorded['data']> = {}) =>
  event<MissingEpisodeRecorded>('MissingEpisodeRecorded', {
    ...of,
    episodeId: 'missing-1' as never,
    kind: 'M',
    from: '2025-03-05',
    recordedAt: AT,
    ...overrides,
  });

const move = (overrides: Partial<RecordTemporaryMove['data']> = {}) =>
  command<RecordTemporaryMove>('RecordTemporaryMove', {
    moveId: 'move-1' as never,
    code: 'T1',
    from: '2025-03-06',
    to: '2025-03-08',
    ...overrides,
  });
const moved = (overrides: Partial<TemporaryMoveRecorded['data']> = {}) =>
  event<TemporaryMoveRecorded>('TemporaryMoveRecorded', {
    ...of,
    moveId: 'move-1' as never,
    code: 'T1',
    from: '2025-03-06',
    to: '2025-03-08',
    recordedAt: AT,
    ...overrides,
  });

const raise = (overrides: Partial<RaiseAdmissionsSuspensionRisk['data']> = {}) =>
  command<RaiseAdmissionsSuspensionRisk>('RaiseAdmissionsSuspensionRisk', {
    taskId: ids.task,
    providerId: ids.provider,
    trigger: 'admissions-suspended',
    reason: 'Ofsted restriction on admissions',
    ...overrides,
  });
const raised = (taskId = ids.task) =>
  event<AdmissionsSuspensionRiskRaised>('AdmissionsSuspensionRiskRaised', {
    ...of,
    taskId,
    providerId: ids.provider,
    settingId: ids.setting,
    trigger: 'admissions-suspended',
    reason: 'Ofsted restriction on admissions',
    raisedAt: AT,
  });
const assessmentData = {
  taskId: ids.task,
  assessedOn: '2025-03-10',
  childWishes: 'Wants to stay: likes her key worker',
  assessment: 'Staffing concerns do not affect her care; weekly visits meanwhile',
  outcome: 'placement-remains-appropriate',
} as const;
const assess = (overrides: Partial<RecordRiskAssessment['data']> = {}) =>
  command<RecordRiskAssessment>('RecordRiskAssessment', { ...assessmentData, ...overrides });
const assessed = event<RiskAssessmentRecorded>('RiskAssessmentRecorded', {
  ...of,
  ...assessmentData,
  recordedAt: AT,
});

const end = (overrides: Partial<EndPlacement['data']> = {}) =>
  command<EndPlacement>('EndPlacement', {
    endedOn: '2025-03-09',
    rec: 'X1',
    reasonPlaceChange: 'CREQB',
    disrupted: true,
    ...overrides,
  });
const ended = (overrides: Partial<EndPlacement['data']> = {}) =>
  event<PlacementEnded>('PlacementEnded', {
    ...of,
    settingId: ids.setting,
    providerId: ids.provider,
    endedOn: '2025-03-09',
    rec: 'X1',
    reasonPlaceChange: 'CREQB',
    disrupted: true,
    endedAt: AT,
    ...overrides,
  });

describe('Placement: start (an SSDA903 episode opens)', () => {
  it('starts a placement with the fields matching reads and the 903 episode fields', () => {
    const [started] = given([]).when(start()).then([placementStarted()]);
    const { placementId, settingId, providerId, childAgeMonths, startedOn } =
      started.data as StartPlacement['data'];
    expect({ placementId, settingId, providerId, childAgeMonths, startedOn }).toEqual({
      placementId: ids.placement,
      settingId: ids.setting,
      providerId: ids.provider,
      childAgeMonths: 116,
      startedOn: '2025-03-01',
    });
  });

  it('names its stream placement-<id>', () => {
    expect(placementStream(ids.placement)).toBe(`placement-${ids.placement}`);
  });

  it('normalises the sectors and keeps the weekly cost actually paid', () => {
    given([])
      .when(start({ homeSector: 'ne1 9', placementSector: 'ne3 1', weeklyCostPence: 52_500 }))
      .then([placementStarted({ weeklyCostPence: 52_500 })]);
  });

  it('M-11: records an out-of-authority placement by the boundary, whatever the distance', () => {
    given([])
      .when(start({ inAuthority: false, distanceMiles: 4.1 }))
      .then([placementStarted({ inAuthority: false, distanceMiles: 4.1 })]);
  });

  it('accepts an unknown home postcode and distance (some UASC), and a type that needs no URN without one', () => {
    given([])
      .when(start({ homeSector: null, distanceMiles: null }))
      .then([placementStarted({ homeSector: null, distanceMiles: null })]);
    const { urn: _urn, ...noUrn } = startData({ placementType: 'R1', placeProvider: 'PR3' });
    given([])
      .when(command<StartPlacement>('StartPlacement', noUrn))
      .then([event<PlacementStarted>('PlacementStarted', noUrn)]);
  });

  it('does nothing when started again the same way; refuses other details', () => {
    given([placementStarted()]).when(start()).thenNothing();
    given([placementStarted()])
      .when(start({ startedOn: '2025-03-02' }))
      .thenThrows('PLACEMENT.ALREADY_STARTED');
  });

  it.each<[string, Partial<StartPlacement['data']>]>([
    ['PLACEMENT.ID_REQUIRED', { childId: '' as never }],
    ['PLACEMENT.INVALID_LOCAL_AUTHORITY', { localAuthority: 'E07000026' }],
    ['PLACEMENT.INVALID_DATE', { startedOn: '2025-02-30' }],
    ['PLACEMENT.START_IN_FUTURE', { startedOn: '2025-03-11' }],
    ['PLACEMENT.INVALID_REASON_NEW_EPISODE', { reasonNewEpisode: 'L' }],
    ['PLACEMENT.UNKNOWN_LEGAL_STATUS', { legalStatus: 'X9' as never }],
    ['PLACEMENT.UNKNOWN_CIN_CATEGORY', { cinCategory: 'N0' as never }],
    ['PLACEMENT.UNKNOWN_PLACEMENT_TYPE', { placementType: 'Q1' as never }],
    ['PLACEMENT.TEMPORARY_MOVE_IS_NOT_A_PLACEMENT', { placementType: 'T4' }],
    ['PLACEMENT.UNKNOWN_PLACE_PROVIDER', { placeProvider: 'PR9' as never }],
    ['PLACEMENT.INVALID_URN', { urn: 'SC12' }],
    ['PLACEMENT.URN_REQUIRED', { urn: undefined }],
    ['PLACEMENT.URN_NOT_EXPECTED', { placementType: 'P1', placeProvider: 'PR0' }],
    ['PLACEMENT.INVALID_SECTOR', { placementSector: 'NE3 1ZZ' }],
    ['PLACEMENT.INVALID_SECTOR', { homeSector: 'Newcastle' }],
    ['PLACEMENT.INVALID_DISTANCE', { distanceMiles: 3.25 }],
    ['PLACEMENT.INVALID_DISTANCE', { distanceMiles: -1 }],
    ['PLACEMENT.INVALID_IN_AUTHORITY', { inAuthority: 'yes' as never }],
    ['PLACEMENT.INVALID_AGE', { childAgeMonths: 116.5 }],
    ['PLACEMENT.INVALID_AGE', { childAgeMonths: 301 }],
    ['PLACEMENT.INVALID_COST', { weeklyCostPence: -1 }],
  ])('refuses with %s', (code, overrides) => {
    given([]).when(start(overrides)).thenThrows(code);
  });

  it('accepts the URN placeholder where a URN is required but none applies', () => {
    given([])
      .when(start({ urn: 'XXXXXXX' }))
      .then([placementStarted({ urn: 'XXXXXXX' })]);
  });

  it('refuses anything but a start before the placement has started', () => {
    given([]).when(review()).thenThrows('PLACEMENT.NOT_STARTED');
  });
});

describe('Placement: reviews', () => {
  it('M-36: records a statutory review', () => {
    given([placementStarted()]).when(review()).then([reviewed]);
  });

  it('does nothing when the same review is recorded again; refuses the id reused', () => {
    given([placementStarted(), reviewed]).when(review()).thenNothing();
    given([placementStarted(), reviewed])
      .when(review({ summary: 'Other' }))
      .thenThrows('REVIEW.ALREADY_RECORDED');
  });

  it.each<[string, Partial<ReviewPlacement['data']>]>([
    ['REVIEW.UNKNOWN_KIND', { kind: 'chat' as never }],
    ['REVIEW.INVALID_DATE', { reviewedOn: 'yesterday' }],
    ['REVIEW.DATE_IN_FUTURE', { reviewedOn: '2025-03-11' }],
    ['REVIEW.BEFORE_PLACEMENT', { reviewedOn: '2025-02-28' }],
    ['REVIEW.SUMMARY_REQUIRED', { summary: '' }],
  ])('refuses with %s', (code, overrides) => {
    given([placementStarted()]).when(review(overrides)).thenThrows(code);
  });
});

describe('Placement: missing episodes (M-49)', () => {
  it('M-49: records a child missing, then the end, the return and the return interview', () => {
    given([placementStarted()]).when(missing()).then([missingRecorded()]);
    const back = {
      to: '2025-03-06',
      returnedOn: '2025-03-06',
      returnInterview: { offered: true, accepted: false },
    };
    given([placementStarted(), missingRecorded()])
      .when(missing(back))
      .then([missingRecorded(back)]);
  });

  it('M-49: records a child away without authorisation (whereabouts known)', () => {
    given([placementStarted()])
      .when(missing({ kind: 'A', to: '2025-03-05' }))
      .then([missingRecorded({ kind: 'A', to: '2025-03-05' })]);
  });

  it('does nothing when the same facts are recorded again', () => {
    given([placementStarted(), missingRecorded()]).when(missing()).thenNothing();
  });

  it.each<[string, Partial<RecordMissingEpisode['data']>]>([
    ['MISSING.UNKNOWN_KIND', { kind: 'X' as never }],
    ['MISSING.INVALID_DATE', { from: '5 March' }],
    ['MISSING.DATE_IN_FUTURE', { from: '2025-03-11' }],
    ['MISSING.BEFORE_PLACEMENT', { from: '2025-02-20' }],
    ['MISSING.ENDS_BEFORE_START', { to: '2025-03-04' }],
    ['MISSING.DATE_IN_FUTURE', { to: '2025-03-12' }],
    ['MISSING.END_REQUIRED', { returnedOn: '2025-03-06' }],
    ['MISSING.END_REQUIRED', { to: '2025-03-07', returnedOn: '2025-03-06' }],
    [
      'MISSING.INVALID_RETURN_INTERVIEW',
      { to: '2025-03-06', returnInterview: { offered: false, accepted: true } },
    ],
    ['MISSING.INVALID_RETURN_INTERVIEW', { to: '2025-03-06', returnInterview: { offered: 'yes' as never } }],
  ])('refuses with %s', (code, overrides) => {
    given([placementStarted()]).when(missing(overrides)).thenThrows(code);
  });

  it('M-49: going missing neither ends the placement nor opens anything by itself', () => {
    const state = given([placementStarted(), missingRecorded()]).when(missing()).state();
    expect(state.status).toBe('Active');
    expect(state.status === 'Active' && openTasks(state)).toEqual([]);
  });
});

describe('Placement: temporary moves (T0-T4)', () => {
  it('records a temporary move without ending the placement', () => {
    given([placementStarted()]).when(move()).then([moved()]);
    const state = given([placementStarted(), moved()]).when(move()).state();
    expect(state.status).toBe('Active');
  });

  it('records an open-ended move, then its end; the same facts again do nothing', () => {
    given([placementStarted()])
      .when(move({ to: undefined }))
      .then([
        event<TemporaryMoveRecorded>('TemporaryMoveRecorded', {
          ...of,
          moveId: 'move-1' as never,
          code: 'T1',
          from: '2025-03-06',
          recordedAt: AT,
        }),
      ]);
    given([placementStarted(), moved()]).when(move()).thenNothing();
  });

  it('lets a T4 last seven days and no more', () => {
    given([placementStarted()])
      .when(move({ code: 'T4', from: '2025-03-01', to: '2025-03-08' }))
      .then([moved({ code: 'T4', from: '2025-03-01', to: '2025-03-08' })]);
    given([placementStarted()])
      .when(move({ code: 'T4', from: '2025-03-01', to: '2025-03-09' }))
      .thenThrows('TEMPORARY_MOVE.T4_TOO_LONG');
  });

  it.each<[string, Partial<RecordTemporaryMove['data']>]>([
    ['TEMPORARY_MOVE.UNKNOWN_CODE', { code: 'U4' as never }],
    ['TEMPORARY_MOVE.INVALID_DATE', { from: '2025-13-01' }],
    ['TEMPORARY_MOVE.DATE_IN_FUTURE', { from: '2025-03-11', to: undefined }],
    ['TEMPORARY_MOVE.BEFORE_PLACEMENT', { from: '2025-02-27' }],
    ['TEMPORARY_MOVE.INVALID_DATE', { to: 'soon' }],
    ['TEMPORARY_MOVE.ENDS_BEFORE_START', { to: '2025-03-05' }],
  ])('refuses with %s', (code, overrides) => {
    given([placementStarted()]).when(move(overrides)).thenThrows(code);
  });
});

describe('Placement: admissions suspended (M-48)', () => {
  it('M-48: opens a risk-assessment task when the provider’s admissions are suspended', () => {
    given([placementStarted()]).when(raise()).then([raised()]);
    const state = given([placementStarted(), raised()]).when(raise()).state();
    expect(state.status === 'Active' && openTasks(state, 'risk-assessment').map((t) => t.taskId)).toEqual([
      ids.task,
    ]);
  });

  it('M-48: also after a compliance notice is not complied with', () => {
    given([placementStarted()])
      .when(raise({ trigger: 'compliance-notice-not-complied' }))
      .then([
        event<AdmissionsSuspensionRiskRaised>('AdmissionsSuspensionRiskRaised', {
          ...raised().data,
          trigger: 'compliance-notice-not-complied',
        }),
      ]);
  });

  it('M-48: does nothing while an assessment is open (a repeated notice does not stack tasks)', () => {
    given([placementStarted(), raised()])
      .when(raise({ taskId: ids.otherTask }))
      .thenNothing();
  });

  it('refuses news about another provider, an unknown trigger, no reason, and a task id reused', () => {
    given([placementStarted()])
      .when(raise({ providerId: ids.otherProvider }))
      .thenThrows('PLACEMENT.PROVIDER_MISMATCH');
    given([placementStarted()])
      .when(raise({ trigger: 'rumour' as never }))
      .thenThrows('RISK.UNKNOWN_TRIGGER');
    given([placementStarted()])
      .when(raise({ reason: '' }))
      .thenThrows('RISK.REASON_REQUIRED');
    given([placementStarted(), raised(), assessed]).when(raise()).thenThrows('TASK.ALREADY_EXISTS');
  });

  it('M-48: records the assessment with the child’s wishes and closes the task; the placement goes on', () => {
    given([placementStarted(), raised()]).when(assess()).then([assessed]);
    const state = given([placementStarted(), raised(), assessed]).when(assess()).state();
    expect(state.status).toBe('Active');
    expect(state.status === 'Active' && openTasks(state)).toEqual([]);
  });

  it('M-48: nothing moves by itself even when the assessment says a move should be planned', () => {
    const [recorded] = given([placementStarted(), raised()])
      .when(assess({ outcome: 'move-to-be-planned' }))
      .then([
        event<RiskAssessmentRecorded>('RiskAssessmentRecorded', {
          ...assessed.data,
          outcome: 'move-to-be-planned',
        }),
      ]);
    expect(recorded.type).toBe('RiskAssessmentRecorded');
  });

  it.each<[string, Partial<RecordRiskAssessment['data']>]>([
    ['RISK.WISHES_REQUIRED', { childWishes: ' ' }],
    ['RISK.ASSESSMENT_REQUIRED', { assessment: '' }],
    ['RISK.UNKNOWN_OUTCOME', { outcome: 'move-now' as never }],
    ['RISK.DATE_IN_FUTURE', { assessedOn: '2025-03-11' }],
    ['TASK.NOT_FOUND', { taskId: ids.otherTask }],
  ])('M-48: refuses an assessment with %s', (code, overrides) => {
    given([placementStarted(), raised()]).when(assess(overrides)).thenThrows(code);
  });

  it('does nothing when the same assessment is recorded again; refuses another for a closed task', () => {
    given([placementStarted(), raised(), assessed]).when(assess()).thenNothing();
    given([placementStarted(), raised(), assessed])
      .when(assess({ assessment: 'Another view' }))
      .thenThrows('TASK.CLOSED');
  });
});

describe('Placement: ending (the 903 episode closes)', () => {
  it('ends a placement that broke down: X1 with CREQB, disrupted', () => {
    given([placementStarted()]).when(end()).then([ended()]);
  });

  it('ends a placement when the child leaves care, with no reason for a placement change', () => {
    given([placementStarted()])
      .when(end({ rec: 'E4A', reasonPlaceChange: null, disrupted: false }))
      .then([ended({ rec: 'E4A', reasonPlaceChange: null, disrupted: false })]);
  });

  it('does nothing when ended again the same way; refuses another ending', () => {
    given([placementStarted(), ended()]).when(end()).thenNothing();
    given([placementStarted(), ended()])
      .when(end({ endedOn: '2025-03-08' }))
      .thenThrows('PLACEMENT.ALREADY_ENDED');
  });

  it.each<[string, Partial<EndPlacement['data']>]>([
    ['PLACEMENT.INVALID_DATE', { endedOn: '2025-02-29' }],
    ['PLACEMENT.END_IN_FUTURE', { endedOn: '2025-03-11' }],
    ['PLACEMENT.ENDS_BEFORE_START', { endedOn: '2025-02-28' }],
    ['PLACEMENT.UNKNOWN_REC', { rec: 'E43' as never }],
    ['PLACEMENT.UNKNOWN_REASON_PLACE_CHANGE', { reasonPlaceChange: 'BORED' as never }],
    ['PLACEMENT.REASON_PLACE_CHANGE_REQUIRED', { reasonPlaceChange: null }],
    ['PLACEMENT.INVALID_DISRUPTED', { disrupted: 'yes' as never }],
    ['PLACEMENT.CREQB_IS_A_DISRUPTION', { disrupted: false }],
    ['PLACEMENT.STAYING_PUT_IS_NOT_A_DISRUPTION', { rec: 'E17', reasonPlaceChange: null, disrupted: true }],
  ])('refuses with %s', (code, overrides) => {
    given([placementStarted()]).when(end(overrides)).thenThrows(code);
  });

  it('accepts nothing else once ended', () => {
    given([placementStarted(), ended()]).when(review()).thenThrows('PLACEMENT.ENDED');
    given([placementStarted(), ended()]).when(raise()).thenThrows('PLACEMENT.ENDED');
    given([placementStarted(), ended()]).when(missing()).thenThrows('PLACEMENT.ENDED');
  });

  it('can end on the day it started', () => {
    given([placementStarted()])
      .when(end({ endedOn: '2025-03-01', rec: 'X1', reasonPlaceChange: 'CARPL', disrupted: false }))
      .then([ended({ endedOn: '2025-03-01', reasonPlaceChange: 'CARPL', disrupted: false })]);
  });
});
