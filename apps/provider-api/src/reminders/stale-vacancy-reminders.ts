import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { HandleResult } from '@placematch/event-store';
import { JOB_QUEUE, JobQueue, RunningJob, Schedule, Worker } from '@placematch/job-queue';
import { DomainError, systemActor } from '@placematch/kernel';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import {
  DEFAULT_STALE_AFTER_DAYS,
  isStale,
  RequestVacancyConfirmation,
  Setting,
  Vacancy,
} from '@placematch/supply';
import { SettingsReadModel } from '../settings/settings.read-model';

/** The supply context's job queue. */
export const SUPPLY_QUEUE = 'supply';

/** The job that asks providers to confirm their stale vacancies. */
export const STALE_VACANCY_REMINDERS = 'stale-vacancy-reminders';

/** Every day at 08:00 in England, when providers' offices open. */
export const STALE_VACANCY_REMINDERS_SCHEDULE: Schedule = { cron: '0 8 * * *', tz: 'Europe/London' };

const DAY_MS = 86_400_000;

/** What one run of the job did: the result of the job. */
export interface ReminderRun {
  /** The instant the run judged staleness at (from the clock port). */
  at: string;
  /** Settings the read model listed with a stale open vacancy. */
  settings: number;
  /** Stale open vacancies among them. */
  staleVacancies: number;
  /** Reminders recorded; a vacancy already reminded today records none. */
  reminded: number;
  /** Vacancies the setting refused to remind about (the code of each refusal, counted). */
  refused: Record<string, number>;
}

/** The open vacancies of a setting (as projected) that are stale at `now`. */
export const staleVacancies = (state: Setting, now: Date): Vacancy[] =>
  state.status === 'Approved' ? Object.values(state.vacancies).filter((v) => isStale(v, now)) : [];

/**
 * The stale-vacancy reminder job (queue `supply`, job `stale-vacancy-reminders`, daily at 08:00 in England).
 *
 * It finds candidates in the settings read model, whose `oldest_confirmed_at` column is indexed: one query
 * returns only settings with a vacancy unconfirmed for the stale period, however many settings there are,
 * where loading every setting aggregate would read every stream each day. The read model may lag the log;
 * that is safe because each reminder is a command on the setting, whose decider judges staleness on the
 * aggregate's own state and records at most one reminder per vacancy per day. So a second run on the same
 * day (a retry, a restart, a replica) records nothing.
 */
@Injectable()
export class StaleVacancyReminders implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StaleVacancyReminders.name);
  private worker?: Worker;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly settings: SettingsReadModel,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = this.jobs.process(SUPPLY_QUEUE, {
      [STALE_VACANCY_REMINDERS]: (job) => this.run(job),
    });
    await this.jobs.repeat(SUPPLY_QUEUE, STALE_VACANCY_REMINDERS, STALE_VACANCY_REMINDERS_SCHEDULE);
  }

  /** Stops taking jobs before the stores close (they close on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  /** One run: remind about every stale open vacancy not yet reminded about today. */
  async run(job?: Pick<RunningJob, 'progress'>): Promise<ReminderRun> {
    const now = this.context.now();
    const at = now.toISOString();
    const actor = systemActor(STALE_VACANCY_REMINDERS);
    const cutoff = new Date(now.getTime() - DEFAULT_STALE_AFTER_DAYS * DAY_MS);
    const outcome: ReminderRun = { at, settings: 0, staleVacancies: 0, reminded: 0, refused: {} };
    let after: string | undefined;
    for (;;) {
      const page = await this.settings.withVacanciesConfirmedBy(cutoff, { after });
      if (page.length === 0) break;
      for (const { settingId, state } of page) {
        outcome.settings += 1;
        for (const vacancy of staleVacancies(state, now)) {
          outcome.staleVacancies += 1;
          const command: RequestVacancyConfirmation = {
            type: 'RequestVacancyConfirmation',
            data: { vacancyId: vacancy.vacancyId },
            at,
          };
          try {
            const result: HandleResult<unknown, unknown> = await this.commands.execute(
              new ExecuteCommand('setting', settingId, command, actor),
            );
            outcome.reminded += result.events.length;
          } catch (error) {
            // A concurrent write that outlasted the retries is worth a retry of the job (it is idempotent);
            // any other refusal is about this vacancy only and would be refused again.
            if (!(error instanceof DomainError) || error.code === 'STREAM.CONCURRENT_UPDATE') throw error;
            outcome.refused[error.code] = (outcome.refused[error.code] ?? 0) + 1;
            this.logger.warn(`Reminder for vacancy ${vacancy.vacancyId} refused: ${error.code}`);
          }
        }
      }
      after = page[page.length - 1].settingId;
      await job?.progress({
        settings: outcome.settings,
        staleVacancies: outcome.staleVacancies,
        reminded: outcome.reminded,
      });
    }
    return outcome;
  }
}
