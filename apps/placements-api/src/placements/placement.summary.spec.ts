import { fold } from '@placematch/kernel';
import {
  FileStressReport,
  PlacementEvent,
  placementDecider,
  RaiseAdmissionsSuspensionRisk,
  RecordRiskAssessment,
  ReviewPlacement,
  ReviewId,
  StressReportId,
} from '@placematch/placements';
import { AT, command, ids, placementStarted } from '@placematch/placements/testing';
import { DEFAULT_BEHAVIOUR_CHECKLIST } from '@placematch/supply';
import { evolvePlacementSummary, PlacementSummary } from './placement.summary';

/** The events the decider gives for `commands`, one after another, from a started placement. */
const history = (...commands: Parameters<typeof placementDecider.decide>[0][]): PlacementEvent[] => {
  const events: PlacementEvent[] = [placementStarted()];
  for (const c of commands) events.push(...placementDecider.decide(c, fold(placementDecider, events)));
  return events;
};
const summarise = (events: PlacementEvent[]) =>
  events.reduce<PlacementSummary | null>(evolvePlacementSummary, null) as PlacementSummary;

const stressful = DEFAULT_BEHAVIOUR_CHECKLIST.items
  .slice(0, 6)
  .map((i) => ({ item: i.code, outcome: 'happened-and-stressful' as const }));

describe('the placement read model’s summary', () => {
  const events = history(
    command<ReviewPlacement>('ReviewPlacement', {
      reviewId: ids.otherTask as unknown as ReviewId,
      kind: 'statutory',
      reviewedOn: '2025-03-05',
      summary: 'She is settled and wants to stay',
    }),
    command<FileStressReport>('FileStressReport', {
      reportId: 'report-1' as StressReportId,
      report: {
        checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
        days: [{ day: '2025-03-06', behaviours: stressful }],
      },
      supportTaskId: ids.task,
    }),
    command<RaiseAdmissionsSuspensionRisk>('RaiseAdmissionsSuspensionRisk', {
      taskId: ids.otherTask,
      providerId: ids.provider,
      trigger: 'admissions-suspended',
      reason: 'Ofsted suspended admissions',
    }),
    command<RecordRiskAssessment>('RecordRiskAssessment', {
      taskId: ids.otherTask,
      assessedOn: '2025-03-09',
      childWishes: 'She wants to stay with her carers',
      assessment: 'Safe to stay; monitor monthly',
      outcome: 'placement-remains-appropriate',
    }),
  );

  it('M-40, M-48: keeps the episode, the KEEP signals and the tasks with what opened and closed them', () => {
    const s = summarise(events);
    expect(s).toMatchObject({
      placementId: ids.placement,
      status: 'Active',
      placementType: 'U4',
      urn: 'SC999999',
      reviews: [{ kind: 'statutory', reviewedOn: '2025-03-05' }],
      stressReports: [{ counts: [{ date: '2025-03-06', stressful: 6 }] }],
      disruptionRisks: [{ day: '2025-03-06', count: 6, threshold: 5, raisedAt: AT }],
      tasks: [
        { taskId: ids.task, kind: 'support', status: 'open', days: ['2025-03-06'] },
        {
          taskId: ids.otherTask,
          kind: 'risk-assessment',
          status: 'closed',
          trigger: 'admissions-suspended',
          reason: 'Ofsted suspended admissions',
          outcome: 'placement-remains-appropriate',
        },
      ],
    });
  });

  it('keeps no personal data: no review summary, no assessment, no child’s wishes', () => {
    expect(JSON.stringify(summarise(events))).not.toMatch(/settled|wants to stay|monitor monthly/i);
  });
});
