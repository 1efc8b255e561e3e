import { deciderSpec } from '@placematch/kernel/testing';
import { SupplyView } from '@placematch/matching';
import { DEFAULT_BEHAVIOUR_CHECKLIST, settingStream } from '@placematch/supply';
import { settingRegistered } from '@placematch/supply/testing';
import {
  CheckStressReporting,
  DisruptionRiskRaised,
  ESCALATE_AFTER_DAYS,
  PlacementEnded,
  REMINDER_AFTER_DAYS,
  SUPPORT_DUE_DAYS,
  StressReportFiled,
  StressReportId,
  StressReportReminderSent,
  StressRiskEscalated,
  SupportOffered,
  SupportTaskOpened,
  placementDecider,
  placementStream,
} from '@placematch/placements';
import { AT, command, event, ids, placementStarted } from '@placematch/placements/testing';

const { given } = deciderSpec(placementDecider);

const of = { placementId: ids.placement, childId: ids.child };
/** The placement of the fixtures started on 1 March 2025. */
const STARTED_ON = '2025-03-01';
const started = placementStarted({ startedOn: STARTED_ON });

/** 09:00 in England on `date` (GMT in early March). */
const nineOn = (date: string) => `${date}T09:00:00.000Z`;
const check = (date: string) =>
  command<CheckStressReporting>('CheckStressReporting', {}, { at: nineOn(date) });

const filedOn = (date: string, stressful = 0, reportId = 'report-1' as StressReportId) =>
  event<StressReportFiled>('StressReportFiled', {
    ...of,
    settingId: ids.setting,
    providerId: ids.provider,
    reportId,
    checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
    days: [
      {
        date,
        happened: [],
        stressful: DEFAULT_BEHAVIOUR_CHECKLIST.items.slice(0, stressful).map((i) => i.code),
      },
    ],
    counts: [{ date, happened: stressful, stressful }],
    filedAt: nineOn(date),
  });
const reminded = (since: string, days: number, on: string) =>
  event<StressReportReminderSent>('StressReportReminderSent', {
    ...of,
    settingId: ids.setting,
    providerId: ids.provider,
    since,
    days,
    sentAt: nineOn(on),
  });
const escalated = (since: string, days: number, on: string) =>
  event<StressRiskEscalated>('StressRiskEscalated', {
    ...of,
    settingId: ids.setting,
    reason: 'no-stress-report',
    since,
    days,
    escalatedAt: nineOn(on),
  });
const supportEscalated = (since: string, days: number, on: string) =>
  event<StressRiskEscalated>('StressRiskEscalated', {
    ...of,
    settingId: ids.setting,
    reason: 'support-not-offered',
    since,
    days,
    taskId: ids.task,
    escalatedAt: nineOn(on),
  });

/** A day of 7 stressful behaviours on 10 March: the risk, and the support task it opened (M-40). */
const riskyWeek = [
  filedOn('2025-03-10', 7),
  event<DisruptionRiskRaised>('DisruptionRiskRaised', {
    ...of,
    settingId: ids.setting,
    day: '2025-03-10',
    count: 7,
    threshold: 5,
    raisedAt: nineOn('2025-03-10'),
  }),
  event<SupportTaskOpened>('SupportTaskOpened', {
    ...of,
    taskId: ids.task,
    settingId: ids.setting,
    days: ['2025-03-10'],
    openedAt: nineOn('2025-03-10'),
  }),
];
const supportOffered = (on: string, taskId: typeof ids.task | undefined = ids.task) =>
  event<SupportOffered>('SupportOffered', {
    ...of,
    ...(taskId !== undefined && { taskId }),
    support: 'A visit from the supervising social worker',
    offeredOn: on,
    recordedAt: nineOn(on),
  });

describe('Placement: stress-report reminders (KEEP, M-40)', () => {
  it('M-40: reminds after more than a week without a report, and escalates after more than two', () => {
    expect([REMINDER_AFTER_DAYS, ESCALATE_AFTER_DAYS, SUPPORT_DUE_DAYS]).toEqual([7, 14, 3]);
  });

  it('M-40: nothing is due a week after the start', () => {
    given([started]).when(check('2025-03-08')).thenNothing();
  });

  it('M-40: reminds the carer when no report has come for more than 7 days since the start', () => {
    given([started])
      .when(check('2025-03-09'))
      .then([reminded(STARTED_ON, 8, '2025-03-09')]);
  });

  it('M-40: reminds once for a silence: not again the same day, nor the days after', () => {
    const history = [started, reminded(STARTED_ON, 8, '2025-03-09')];
    given(history).when(check('2025-03-09')).thenNothing();
    given(history).when(check('2025-03-12')).thenNothing();
  });

  it('M-40: counts from the day the last report was filed, not from the start', () => {
    given([started, filedOn('2025-03-10')])
      .when(check('2025-03-17'))
      .thenNothing();
    given([started, filedOn('2025-03-10')])
      .when(check('2025-03-18'))
      .then([reminded('2025-03-10', 8, '2025-03-18')]);
  });

  it('M-40: a report after a reminder starts a new period, with its own reminder when it goes quiet again', () => {
    given([started, reminded(STARTED_ON, 8, '2025-03-09'), filedOn('2025-03-10')])
      .when(check('2025-03-18'))
      .then([reminded('2025-03-10', 8, '2025-03-18')]);
  });

  it('M-40: nothing is due on a placement that has ended', () => {
    const ended = event<PlacementEnded>('PlacementEnded', {
      ...of,
      settingId: ids.setting,
      providerId: ids.provider,
      endedOn: '2025-03-05',
      rec: 'E11',
      reasonPlaceChange: null,
      disrupted: false,
      endedAt: AT,
    });
    given([started, ended]).when(check('2025-03-20')).thenNothing();
  });

  it('M-40: a placement that never started has nothing to check', () => {
    given([]).when(check('2025-03-20')).thenThrows('PLACEMENT.NOT_STARTED');
  });
});

describe('Placement: stress risk escalation to the placing team (KEEP, M-39, M-40)', () => {
  it('M-39: escalates when there is still no report after more than 14 days', () => {
    given([started, reminded(STARTED_ON, 8, '2025-03-09')])
      .when(check('2025-03-15'))
      .thenNothing();
    given([started, reminded(STARTED_ON, 8, '2025-03-09')])
      .when(check('2025-03-16'))
      .then([escalated(STARTED_ON, 15, '2025-03-16')]);
  });

  it('M-39: reminds and escalates at once when the check has not run for the whole silence', () => {
    given([started])
      .when(check('2025-03-20'))
      .then([reminded(STARTED_ON, 19, '2025-03-20'), escalated(STARTED_ON, 19, '2025-03-20')]);
  });

  it('M-39: escalates once for a silence: running the check again records nothing', () => {
    given([started, reminded(STARTED_ON, 8, '2025-03-09'), escalated(STARTED_ON, 15, '2025-03-16')])
      .when(check('2025-03-16'))
      .thenNothing();
    given([started, reminded(STARTED_ON, 8, '2025-03-09'), escalated(STARTED_ON, 15, '2025-03-16')])
      .when(check('2025-03-30'))
      .thenNothing();
  });

  it('M-40: escalates a support task that has had no support for 3 days', () => {
    given([started, ...riskyWeek])
      .when(check('2025-03-12'))
      .thenNothing();
    given([started, ...riskyWeek])
      .when(check('2025-03-13'))
      .then([supportEscalated('2025-03-10', 3, '2025-03-13')]);
  });

  it('M-40: escalates a support task once', () => {
    given([started, ...riskyWeek, supportEscalated('2025-03-10', 3, '2025-03-13')])
      .when(check('2025-03-14'))
      .thenNothing();
  });

  it('M-40: does not escalate a support task answered with support', () => {
    given([started, ...riskyWeek, supportOffered('2025-03-11')])
      .when(check('2025-03-14'))
      .thenNothing();
  });

  it('M-40: support offered after the task opened counts even when it does not name the task', () => {
    given([started, ...riskyWeek, supportOffered('2025-03-11', undefined)])
      .when(check('2025-03-14'))
      .thenNothing();
  });

  it('M-40: support offered before the task opened does not answer it', () => {
    given([started, supportOffered('2025-03-05', undefined), ...riskyWeek])
      .when(check('2025-03-13'))
      .then([supportEscalated('2025-03-10', 3, '2025-03-13')]);
  });
});

describe('Placement: reminders and escalations beside matching', () => {
  it("M-40: matching's supply view ignores them: they change nothing it reads", () => {
    const view = new SupplyView();
    const recorded = (e: { type: string; data: unknown }, streamId: string) => ({
      ...e,
      streamId,
      recordedAt: AT,
    });
    view.apply(
      recorded(
        settingRegistered({ settingId: ids.setting, providerId: ids.provider }),
        settingStream(ids.setting),
      ),
    );
    for (const e of [started, ...riskyWeek]) view.apply(recorded(e, placementStream(ids.placement)));
    const before = JSON.stringify(view.snapshot());
    for (const e of [
      reminded(STARTED_ON, 8, '2025-03-09'),
      escalated(STARTED_ON, 15, '2025-03-16'),
      supportEscalated('2025-03-10', 3, '2025-03-13'),
    ]) {
      view.apply(recorded(e, placementStream(ids.placement)));
    }
    expect(JSON.stringify(view.snapshot())).toBe(before);
  });
});
