import type { LoadedPlacement } from './placement-records';
import type { PlacementSummary } from './placement.summary';

/**
 * A placement as the provider whose setting it is sees it: the episode's codes, the KEEP signals it filed
 * (daily counts, risk days, open support tasks) and the reminders to file them (M-40); never the reviews,
 * assessments, escalations to the placing team or the child's views.
 */
export const providerPlacementView = ({ state, tasks }: LoadedPlacement) => {
  if (state.status === 'NotStarted') return null;
  const d = state.details;
  return {
    placementId: d.placementId,
    status: state.status,
    childId: d.childId,
    settingId: d.settingId,
    startedOn: d.startedOn,
    placementType: d.placementType,
    childAgeMonths: d.childAgeMonths,
    stressReports: Object.values(state.stressReports).map(({ reportId, checklistId, counts, filedAt }) => ({
      reportId,
      checklistId,
      counts,
      filedAt,
    })),
    riskDays: state.riskDays,
    reminders: state.reminders.map(({ since, days, sentAt }) => ({ since, days, sentAt })),
    openSupportTasks: tasks
      .filter((t) => t.kind === 'support' && t.status === 'open')
      .map(({ taskId, openedAt, days }) => ({ taskId, openedAt, days })),
    endedOn: state.status === 'Ended' ? state.ending.endedOn : null,
  };
};

/** A line of the provider's placement list, from the read model. */
export const providerPlacementLine = (s: PlacementSummary) => ({
  placementId: s.placementId,
  status: s.status,
  childId: s.childId,
  settingId: s.settingId,
  startedOn: s.startedOn,
  placementType: s.placementType,
  childAgeMonths: s.childAgeMonths,
  stressReports: s.stressReports.length,
  disruptionRisks: s.disruptionRisks,
  reminders: s.reminders,
  openSupportTasks: s.tasks.filter((t) => t.kind === 'support' && t.status === 'open').map((t) => t.taskId),
  endedOn: s.ending?.endedOn ?? null,
});
