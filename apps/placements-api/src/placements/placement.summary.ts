import type { PlacementEvent, PlacementStarted } from '@placematch/placements';

/** A task on a placement as the read model keeps it. */
export interface TaskSummary {
  taskId: string;
  kind: 'support' | 'risk-assessment';
  status: 'open' | 'closed';
  openedAt: string;
  /** Support: the days whose stress opened it (M-40). */
  days?: string[];
  /** Risk assessment: what Ofsted did (M-48), and its reason as recorded on the provider. */
  trigger?: string;
  reason?: string;
  /** Risk assessment: its outcome, once recorded (the assessment and the child's wishes stay on the stream). */
  outcome?: string;
}

/**
 * A placement as the read model keeps it: the SSDA903 episode and its codes, counts, dates and tasks. Review
 * summaries, the child's wishes and assessments stay on the stream, so the read model holds no personal data.
 */
export interface PlacementSummary extends Omit<PlacementStarted['data'], 'urn' | 'weeklyCostPence'> {
  status: 'Active' | 'Ended';
  urn: string | null;
  weeklyCostPence: number | null;
  reviews: { reviewId: string; kind: string; reviewedOn: string }[];
  stressReports: {
    reportId: string;
    checklistId: string;
    counts: { date: string; happened: number; stressful: number }[];
    filedAt: string;
  }[];
  disruptionRisks: { day: string; count: number; threshold: number; raisedAt: string }[];
  /** Reminders to file a stress report (M-40). */
  reminders: { since: string; days: number; sentAt: string }[];
  /** Stress risks escalated to the placing team (M-39, M-40). */
  escalations: { reason: string; since: string; days: number; taskId: string | null; escalatedAt: string }[];
  tasks: TaskSummary[];
  supportOffered: { taskId: string | null; offeredOn: string }[];
  missingEpisodes: {
    episodeId: string;
    kind: string;
    from: string;
    to: string | null;
    returnedOn: string | null;
  }[];
  temporaryMoves: { moveId: string; code: string; from: string; to: string | null }[];
  ending: { endedOn: string; rec: string; reasonPlaceChange: string | null; disrupted: boolean } | null;
}

const upsert = <T>(list: readonly T[], item: T, same: (a: T) => boolean): T[] =>
  list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];

const closeTask = (tasks: readonly TaskSummary[], taskId: string | undefined, outcome?: string) =>
  tasks.map((t) =>
    t.taskId === taskId ? { ...t, status: 'closed' as const, ...(outcome && { outcome }) } : t,
  );

/** Folds a placement event into its summary, reading only codes, ids, counts and dates. */
export const evolvePlacementSummary = (
  summary: PlacementSummary | null,
  event: PlacementEvent,
): PlacementSummary | null => {
  if (event.type === 'PlacementStarted') {
    const { urn, weeklyCostPence, ...episode } = event.data;
    return {
      ...episode,
      status: summary?.status ?? 'Active',
      urn: urn ?? null,
      weeklyCostPence: weeklyCostPence ?? null,
      reviews: summary?.reviews ?? [],
      stressReports: summary?.stressReports ?? [],
      disruptionRisks: summary?.disruptionRisks ?? [],
      reminders: summary?.reminders ?? [],
      escalations: summary?.escalations ?? [],
      tasks: summary?.tasks ?? [],
      supportOffered: summary?.supportOffered ?? [],
      missingEpisodes: summary?.missingEpisodes ?? [],
      temporaryMoves: summary?.temporaryMoves ?? [],
      ending: summary?.ending ?? null,
    };
  }
  if (summary === null) return summary;
  switch (event.type) {
    case 'PlacementReviewed': {
      const { reviewId, kind, reviewedOn } = event.data;
      return { ...summary, reviews: [...summary.reviews, { reviewId, kind, reviewedOn }] };
    }
    case 'StressReportFiled': {
      const { reportId, checklistId, counts, filedAt } = event.data;
      return {
        ...summary,
        stressReports: [...summary.stressReports, { reportId, checklistId, counts, filedAt }],
      };
    }
    case 'DisruptionRiskRaised': {
      const { day, count, threshold, raisedAt } = event.data;
      return {
        ...summary,
        disruptionRisks: [...summary.disruptionRisks, { day, count, threshold, raisedAt }],
      };
    }
    case 'SupportTaskOpened': {
      const { taskId, days, openedAt } = event.data;
      const task: TaskSummary = { taskId, kind: 'support', status: 'open', openedAt, days: [...days] };
      return { ...summary, tasks: [...summary.tasks, task] };
    }
    case 'SupportOffered': {
      const { taskId, offeredOn } = event.data;
      return {
        ...summary,
        supportOffered: [...summary.supportOffered, { taskId: taskId ?? null, offeredOn }],
        tasks: closeTask(summary.tasks, taskId),
      };
    }
    case 'MissingEpisodeRecorded': {
      const { episodeId, kind, from, to, returnedOn } = event.data;
      const episode = { episodeId, kind, from, to: to ?? null, returnedOn: returnedOn ?? null };
      return {
        ...summary,
        missingEpisodes: upsert(summary.missingEpisodes, episode, (e) => e.episodeId === episodeId),
      };
    }
    case 'TemporaryMoveRecorded': {
      const { moveId, code, from, to } = event.data;
      const move = { moveId, code, from, to: to ?? null };
      return { ...summary, temporaryMoves: upsert(summary.temporaryMoves, move, (m) => m.moveId === moveId) };
    }
    case 'AdmissionsSuspensionRiskRaised': {
      const { taskId, trigger, reason, raisedAt } = event.data;
      const task: TaskSummary = {
        taskId,
        kind: 'risk-assessment',
        status: 'open',
        openedAt: raisedAt,
        trigger,
        reason,
      };
      return { ...summary, tasks: [...summary.tasks, task] };
    }
    case 'RiskAssessmentRecorded':
      return { ...summary, tasks: closeTask(summary.tasks, event.data.taskId, event.data.outcome) };
    case 'StressReportReminderSent': {
      const { since, days, sentAt } = event.data;
      return { ...summary, reminders: [...summary.reminders, { since, days, sentAt }] };
    }
    case 'StressRiskEscalated': {
      const { reason, since, days, taskId, escalatedAt } = event.data;
      return {
        ...summary,
        escalations: [...summary.escalations, { reason, since, days, taskId: taskId ?? null, escalatedAt }],
      };
    }
    case 'PlacementEnded': {
      const { endedOn, rec, reasonPlaceChange, disrupted } = event.data;
      return { ...summary, status: 'Ended', ending: { endedOn, rec, reasonPlaceChange, disrupted } };
    }
    default:
      return summary;
  }
};
