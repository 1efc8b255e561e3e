import type { LoadedPlacement } from './placement-records';

/**
 * A placement as the placement team sees it, read from its stream: the SSDA903 episode, reviews, stress
 * reports with their daily counts, the days a disruption risk was raised (M-40), the reminders sent when
 * reports stopped and the stress risks escalated to the team (M-39, M-40), tasks (support, M-40; risk
 * assessment, M-48, with what Ofsted did) and what answered them, missing episodes, temporary moves and the
 * ending.
 */
export const placementView = ({ state, revision, tasks }: LoadedPlacement) => {
  if (state.status === 'NotStarted') return null;
  return {
    ...state.details,
    status: state.status,
    reviews: Object.values(state.reviews),
    stressReports: Object.values(state.stressReports),
    riskDays: state.riskDays,
    reminders: state.reminders,
    escalations: state.escalations,
    tasks,
    openTasks: tasks.filter((t) => t.status === 'open'),
    supportOffered: state.supportOffered,
    riskAssessments: Object.values(state.riskAssessments),
    missingEpisodes: Object.values(state.missingEpisodes),
    temporaryMoves: Object.values(state.temporaryMoves),
    ending: state.status === 'Ended' ? state.ending : null,
    revision,
  };
};
