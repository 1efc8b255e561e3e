import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_QUEUE, JobQueue, Worker } from '@placematch/job-queue';
import { MatchAlertsJob } from './match-alerts.job';
import {
  MATCH_ALERTS_JOB,
  PLACEMENTS_QUEUE,
  STRESS_REPORT_REMINDERS_JOB,
  STRESS_REPORT_REMINDERS_SCHEDULE,
} from './placements-queue';
import { StressReportRemindersJob } from './stress-report-reminders.job';

/**
 * The worker of the `placements` queue: match alerts and the daily stress-report check, whose schedule (07:00
 * in England) it registers at start (registering it again on a restart adds no second schedule). Stopped
 * before the application shuts down, letting a job in progress finish.
 */
@Injectable()
export class PlacementsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker | null = null;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly matchAlerts: MatchAlertsJob,
    private readonly stressReportReminders: StressReportRemindersJob,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = this.jobs.process(PLACEMENTS_QUEUE, {
      [MATCH_ALERTS_JOB]: (job) => this.matchAlerts.run(job),
      [STRESS_REPORT_REMINDERS_JOB]: (job) => this.stressReportReminders.run(job),
    });
    await this.jobs.repeat(PLACEMENTS_QUEUE, STRESS_REPORT_REMINDERS_JOB, STRESS_REPORT_REMINDERS_SCHEDULE);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }
}
