import type { Schedule } from '@placematch/job-queue';

/** The job queue the placements context owns; its worker runs in the placements-api module. */
export const PLACEMENTS_QUEUE = 'placements';

/** Re-runs open requests' searches after a change of supply (one job per integration event). */
export const MATCH_ALERTS_JOB = 'match-alerts';

/** The daily check of every active placement's KEEP reporting (M-39, M-40). */
export const STRESS_REPORT_REMINDERS_JOB = 'stress-report-reminders';

/** Every day at 07:00 in England, before the working day: reminders reach carers, escalations the team. */
export const STRESS_REPORT_REMINDERS_SCHEDULE: Schedule = { cron: '0 7 * * *', tz: 'Europe/London' };

/**
 * The consumer group that turns supply events into match-alert jobs: one per deployment, so every replica of
 * placements-api joins it and each message is handled once by the group.
 */
export const MATCH_ALERTS_GROUP = 'placements.match-alerts';
