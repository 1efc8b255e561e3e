import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { HandleResult } from '@placematch/event-store';
import { PermanentJobError, RunningJob } from '@placematch/job-queue';
import { isDomainError, systemActor } from '@placematch/kernel';
import { latestSearch, RecordMatchAlert } from '@placematch/placements';
import type { SettingId } from '@placematch/supply';
import { ExecuteCommand } from '@placematch/runtime';
import { RequestRecords } from '../requests/request-records';
import { DEFAULT_SEARCH_CHOICES, RequestSearch } from '../requests/request-search';
import { RequestsReadModel } from '../requests/requests.read-model';
import { MatchAlertJobData } from './match-alerts.message';

const ACTOR = systemActor('match-alerts');

/** What a match-alert job did, as its result. */
export interface MatchAlertsOutcome {
  /** Open, searched requests looked at. */
  requests: number;
  /** Alerts raised: requests whose top gained a setting. */
  alerts: number;
  /** Requests the decider or the search turned away (an erased child, decided since it was listed). */
  skipped: number;
}

const jobData = (data: unknown): MatchAlertJobData => {
  const d = (data ?? {}) as Partial<MatchAlertJobData>;
  if (typeof d.settingId !== 'string' || typeof d.eventId !== 'string') {
    throw new PermanentJobError('A match-alert job names a settingId and an eventId');
  }
  return { settingId: d.settingId, eventId: d.eventId };
};

/**
 * The `match-alerts` job: supply changed at a setting, so every request still open that people have searched is
 * searched again, the same way (`RequestSearch`, with the choices of its last search), and the request's decider
 * records a match alert when its top gained a setting (nothing otherwise: running it twice records nothing
 * twice). The engine offers a menu; people decide: an alert never shortlists or refers. A request the decider
 * refuses is skipped; any other failure fails the attempt after the others were tried, and the retry does again
 * only what is still to do.
 */
@Injectable()
export class MatchAlertsJob {
  private readonly log = new Logger('MatchAlertsJob');

  constructor(
    private readonly commands: CommandBus,
    private readonly requests: RequestRecords,
    private readonly readModel: RequestsReadModel,
    private readonly searches: RequestSearch,
  ) {}

  async run(job: RunningJob): Promise<MatchAlertsOutcome> {
    const { settingId, eventId } = jobData(job.data);
    const candidates = await this.readModel.openAndSearched();
    const outcome: MatchAlertsOutcome = { requests: candidates.length, alerts: 0, skipped: 0 };
    let failed = 0;
    for (const requestId of candidates) {
      try {
        const raised = await this.rerun(requestId, { settingId: settingId as SettingId, eventId });
        if (raised) outcome.alerts += 1;
      } catch (e) {
        if (isDomainError(e)) {
          outcome.skipped += 1;
          this.log.debug({ msg: 'Request not searched again', requestId, code: e.code });
        } else {
          failed += 1;
          this.log.error({ msg: 'Request could not be searched again', requestId, err: e as Error });
        }
      }
    }
    await job.progress(outcome);
    if (failed > 0) throw new Error(`${failed} of ${candidates.length} requests could not be searched again`);
    return outcome;
  }

  private async rerun(requestId: string, trigger: RecordMatchAlert['data']['trigger']): Promise<boolean> {
    const { state } = await this.requests.load(requestId);
    if (state.status === 'NotRequested') return false;
    const choices = latestSearch(state)?.choices ?? DEFAULT_SEARCH_CHOICES;
    const { search, at } = await this.searches.run(state, choices);
    const command: RecordMatchAlert = {
      type: 'RecordMatchAlert',
      at,
      data: { search, trigger, role: ACTOR.role },
    };
    const result: HandleResult<unknown, unknown> = await this.commands.execute(
      new ExecuteCommand('request', requestId, command, ACTOR),
    );
    return result.events.length > 0;
  }
}
