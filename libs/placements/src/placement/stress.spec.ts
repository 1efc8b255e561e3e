import { deciderSpec } from '@placematch/kernel/testing';
import {
  DEFAULT_BEHAVIOUR_CHECKLIST,
  StressReport,
  StressReportDay,
  defineChecklist,
} from '@placematch/supply';
import {
  DisruptionRiskRaised,
  FileStressReport,
  PlacementEnded,
  RecordSupportOffered,
  StressReportFiled,
  StressReportId,
  SupportOffered,
  SupportTaskOpened,
  TaskId,
  openTasks,
  placementDecider,
} from '@placematch/placements';
import { AT, command, event, ids, placementStarted } from '@placematch/placements/testing';

const { given } = deciderSpec(placementDecider);

const codes = DEFAULT_BEHAVIOUR_CHECKLIST.items.map((i) => i.code);
const of = { placementId: ids.placement, childId: ids.child };
const REPORT = 'report-1' as StressReportId;
const OTHER_REPORT = 'report-2' as StressReportId;

/** A day on which `happened` behaviours happened, the first `stressful` of them stressful. */
const day = (date: string, happened: number, stressful = 0): StressReportDay => ({
  day: date,
  behaviours: codes.slice(0, happened).map((item, n) => ({
    item,
    outcome: n < stressful ? 'happened-and-stressful' : 'happened',
  })),
});
const report = (...days: StressReportDay[]): StressReport => ({
  checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
  days,
});
const file = (
  r: StressReport,
  options: { threshold?: number; reportId?: StressReportId; supportTaskId?: TaskId } = {},
) =>
  command<FileStressReport>('FileStressReport', {
    reportId: options.reportId ?? REPORT,
    report: r,
    supportTaskId: options.supportTaskId ?? ids.task,
    ...(options.threshold !== undefined && { threshold: options.threshold }),
  });
/** The StressReportFiled of {@link day}s given as [date, happened, stressful]. */
const filed = (days: [string, number, number][], reportId: StressReportId = REPORT) =>
  event<StressReportFiled>('StressReportFiled', {
    ...of,
    settingId: ids.setting,
    providerId: ids.provider,
    reportId,
    checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
    days: days.map(([date, happened, stressful]) => ({
      date,
      happened: codes.slice(0, happened),
      stressful: codes.slice(0, stressful),
    })),
    counts: days.map(([date, happened, stressful]) => ({ date, happened, stressful })),
    filedAt: AT,
  });
const risk = (date: string, count: number, threshold = 5) =>
  event<DisruptionRiskRaised>('DisruptionRiskRaised', {
    ...of,
    settingId: ids.setting,
    day: date,
    count,
    threshold,
    raisedAt: AT,
  });
const taskOpened = (days: string[], taskId: TaskId = ids.task) =>
  event<SupportTaskOpened>('SupportTaskOpened', {
    ...of,
    taskId,
    settingId: ids.setting,
    days,
    openedAt: AT,
  });
const offer = (overrides: Partial<RecordSupportOffered['data']> = {}) =>
  command<RecordSupportOffered>('RecordSupportOffered', {
    taskId: ids.task,
    support: 'Extra visit from the supervising social worker and a place in a KEEP group',
    offeredOn: '2025-03-10',
    ...overrides,
  });
const supportOffered = (overrides: Partial<SupportOffered['data']> = {}) =>
  event<SupportOffered>('SupportOffered', {
    ...of,
    taskId: ids.task,
    support: 'Extra visit from the supervising social worker and a place in a KEEP group',
    offeredOn: '2025-03-10',
    recordedAt: AT,
    ...overrides,
  });

describe('Placement: stress reports (KEEP, M-39, M-40)', () => {
  it('M-39: files a week of reports with the item codes that happened and those found stressful, in date order', () => {
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 3, 1), day('2025-03-04', 0), day('2025-03-06', 2, 2))))
      .then([
        filed([
          ['2025-03-04', 0, 0],
          ['2025-03-05', 3, 1],
          ['2025-03-06', 2, 2],
        ]),
      ]);
  });

  it('M-40: 5 stressful behaviours in a day raise nothing (the rule is more than 5)', () => {
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 8, 5))))
      .then([filed([['2025-03-05', 8, 5]])]);
  });

  it('M-40: 6 stressful behaviours in a day raise a disruption risk and open a support task, never a move', () => {
    const produced = given([placementStarted()])
      .when(file(report(day('2025-03-05', 8, 6))))
      .then([filed([['2025-03-05', 8, 6]]), risk('2025-03-05', 6), taskOpened(['2025-03-05'])]);
    expect(produced.map((e) => e.type)).not.toContain('PlacementEnded');
    const state = given([placementStarted(), ...produced])
      .when(file(report(day('2025-03-05', 8, 6))))
      .state();
    expect(state.status).toBe('Active');
  });

  it('M-40: counts stressful behaviours, not all that happened', () => {
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 12, 2))))
      .then([filed([['2025-03-05', 12, 2]])]);
  });

  it('M-40: takes the threshold as policy (6 for ages 5-12): 6 is then no warning, 7 is', () => {
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 8, 6)), { threshold: 6 }))
      .then([filed([['2025-03-05', 8, 6]])]);
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 8, 7)), { threshold: 6 }))
      .then([filed([['2025-03-05', 8, 7]]), risk('2025-03-05', 7, 6), taskOpened(['2025-03-05'])]);
  });

  it('M-40: raises a risk for each day over the threshold, under one support task', () => {
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 7, 7), day('2025-03-06', 3, 3), day('2025-03-07', 9, 6))))
      .then([
        filed([
          ['2025-03-05', 7, 7],
          ['2025-03-06', 3, 3],
          ['2025-03-07', 9, 6],
        ]),
        risk('2025-03-05', 7),
        risk('2025-03-07', 6),
        taskOpened(['2025-03-05', '2025-03-07']),
      ]);
  });

  it('M-40: opens no second support task while one is open, but still raises the new risk', () => {
    const first = [
      placementStarted(),
      filed([['2025-03-05', 8, 6]]),
      risk('2025-03-05', 6),
      taskOpened(['2025-03-05']),
    ];
    given(first)
      .when(file(report(day('2025-03-07', 8, 8)), { reportId: OTHER_REPORT, supportTaskId: ids.otherTask }))
      .then([filed([['2025-03-07', 8, 8]], OTHER_REPORT), risk('2025-03-07', 8)]);
  });

  it('M-40: opens a new support task once the last was answered with support', () => {
    const answered = [
      placementStarted(),
      filed([['2025-03-05', 8, 6]]),
      risk('2025-03-05', 6),
      taskOpened(['2025-03-05']),
      supportOffered(),
    ];
    given(answered)
      .when(file(report(day('2025-03-07', 8, 8)), { reportId: OTHER_REPORT, supportTaskId: ids.otherTask }))
      .then([
        filed([['2025-03-07', 8, 8]], OTHER_REPORT),
        risk('2025-03-07', 8),
        taskOpened(['2025-03-07'], ids.otherTask),
      ]);
  });

  it('M-40: a corrected report of a day already flagged does not raise it twice', () => {
    const flagged = [
      placementStarted(),
      filed([['2025-03-05', 8, 6]]),
      risk('2025-03-05', 6),
      taskOpened(['2025-03-05']),
      supportOffered(),
    ];
    given(flagged)
      .when(file(report(day('2025-03-05', 9, 7)), { reportId: OTHER_REPORT }))
      .then([filed([['2025-03-05', 9, 7]], OTHER_REPORT)]);
  });

  it('does nothing when the same report is filed again (a retry); refuses the id reused for another', () => {
    const once = [
      placementStarted(),
      filed([['2025-03-05', 8, 6]]),
      risk('2025-03-05', 6),
      taskOpened(['2025-03-05']),
    ];
    given(once)
      .when(file(report(day('2025-03-05', 8, 6))))
      .thenNothing();
    given(once)
      .when(file(report(day('2025-03-05', 8, 4))))
      .thenThrows('STRESS_REPORT.ALREADY_FILED');
  });

  it('checks the report with supply’s rules', () => {
    given([placementStarted()]).when(file(report())).thenThrows('STRESS_REPORT.NO_DAYS');
    given([placementStarted()])
      .when(file(report(day('2025-03-11', 1))))
      .thenThrows('STRESS_REPORT.DAY_IN_FUTURE');
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 1), day('2025-03-05', 2))))
      .thenThrows('STRESS_REPORT.DUPLICATE_DAY');
    given([placementStarted()])
      .when(file({ checklistId: 'other-v1', days: [day('2025-03-05', 1)] }))
      .thenThrows('STRESS_REPORT.CHECKLIST_MISMATCH');
  });

  it('refuses a day before the placement started and a threshold that is not a count', () => {
    given([placementStarted()])
      .when(file(report(day('2025-02-28', 1))))
      .thenThrows('STRESS_REPORT.DAY_BEFORE_PLACEMENT');
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 1)), { threshold: 5.5 }))
      .thenThrows('STRESS_REPORT.INVALID_THRESHOLD');
    given([placementStarted()])
      .when(file(report(day('2025-03-05', 1)), { threshold: -1 }))
      .thenThrows('STRESS_REPORT.INVALID_THRESHOLD');
  });

  it('checks a report against the local authority’s own checklist when the command names one', () => {
    const local = defineChecklist('local-v1', [{ code: 'SULKING', label: 'Sulking', description: 'Sulked' }]);
    const sulky: StressReport = {
      checklistId: 'local-v1',
      days: [{ day: '2025-03-05', behaviours: [{ item: 'SULKING', outcome: 'happened-and-stressful' }] }],
    };
    given([placementStarted()])
      .when(
        command<FileStressReport>('FileStressReport', {
          reportId: REPORT,
          report: sulky,
          checklist: local,
          supportTaskId: ids.task,
        }),
      )
      .then([
        event<StressReportFiled>('StressReportFiled', {
          ...of,
          settingId: ids.setting,
          providerId: ids.provider,
          reportId: REPORT,
          checklistId: 'local-v1',
          days: [{ date: '2025-03-05', happened: ['SULKING'], stressful: ['SULKING'] }],
          counts: [{ date: '2025-03-05', happened: 1, stressful: 1 }],
          filedAt: AT,
        }),
      ]);
  });

  it('refuses a support task id already used', () => {
    const closed = [
      placementStarted(),
      filed([['2025-03-05', 8, 6]]),
      risk('2025-03-05', 6),
      taskOpened(['2025-03-05']),
      supportOffered(),
    ];
    given(closed)
      .when(file(report(day('2025-03-07', 8, 8)), { reportId: OTHER_REPORT }))
      .thenThrows('TASK.ALREADY_EXISTS');
  });

  it('refuses a report for a placement that has ended', () => {
    const ended = event<PlacementEnded>('PlacementEnded', {
      ...of,
      settingId: ids.setting,
      providerId: ids.provider,
      endedOn: '2025-03-09',
      rec: 'X1',
      reasonPlaceChange: 'CREQB',
      disrupted: true,
      endedAt: AT,
    });
    given([placementStarted(), ended])
      .when(file(report(day('2025-03-05', 1))))
      .thenThrows('PLACEMENT.ENDED');
  });
});

describe('Placement: support offered (M-40, M-42)', () => {
  const open = [
    placementStarted(),
    filed([['2025-03-05', 8, 6]]),
    risk('2025-03-05', 6),
    taskOpened(['2025-03-05']),
  ];

  it('M-40: records the support offered and closes the support task', () => {
    given(open).when(offer()).then([supportOffered()]);
    const state = given([...open, supportOffered()])
      .when(offer())
      .state();
    expect(state.status === 'Active' && openTasks(state, 'support')).toEqual([]);
  });

  it('records support offered without a task', () => {
    given([placementStarted()])
      .when(offer({ taskId: undefined }))
      .then([supportOffered({ taskId: undefined })]);
  });

  it('does nothing when the same support is recorded again; refuses other support for a closed task', () => {
    given([...open, supportOffered()])
      .when(offer())
      .thenNothing();
    given([...open, supportOffered()])
      .when(offer({ support: 'Respite weekend' }))
      .thenThrows('TASK.CLOSED');
  });

  it.each<[string, Partial<RecordSupportOffered['data']>]>([
    ['SUPPORT.DESCRIPTION_REQUIRED', { support: '' }],
    ['SUPPORT.INVALID_DATE', { offeredOn: 'today' }],
    ['SUPPORT.DATE_IN_FUTURE', { offeredOn: '2025-03-11' }],
    ['SUPPORT.BEFORE_PLACEMENT', { offeredOn: '2025-02-01' }],
    ['TASK.NOT_FOUND', { taskId: ids.otherTask }],
  ])('refuses with %s', (code, overrides) => {
    given(open).when(offer(overrides)).thenThrows(code);
  });
});
