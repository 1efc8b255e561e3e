import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { HandleResult } from '@placematch/event-store';
import { RunningJob } from '@placematch/job-queue';
import { CLOCK, Clock, DomainEvent, isDomainError, systemActor } from '@placematch/kernel';
import { CheckStressReporting } from '@placematch/placements';
import { ExecuteCommand } from '@placematch/runtime';
import { PlacementsReadModel } from '../placements/placements.read-model';

const ACTOR = systemActor('stress-report-reminders');

/** What a run of the check did, as its result. */
export interface StressReportRemindersOutcome {
  /** Active placements checked. */
  placements: number;
  /** Reminders sent to carers (M-40). */
  reminders: number;
  /** Stress risks escalated to placing teams (M-39, M-40). */
  escalations: number;
}

/**
 * The `stress-report-reminders` job (daily): sends every active placement the system's CheckStressReporting at
 * the clock's time. The placement's decider says what is due (a reminder, an escalation) and records each once,
 * so a second run the same day records nothing. A placement the decider refuses (ended since it was listed) is
 * passed over; any other failure fails the attempt after the others were checked, and the retry does again
 * only what is still due.
 */
@Injectable()
export class StressReportRemindersJob {
  private readonly log = new Logger('StressReportRemindersJob');

  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: PlacementsReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(job: RunningJob): Promise<StressReportRemindersOutcome> {
    const placementIds = await this.readModel.activeIds();
    const outcome: StressReportRemindersOutcome = {
      placements: placementIds.length,
      reminders: 0,
      escalations: 0,
    };
    let failed = 0;
    for (const placementId of placementIds) {
      const command: CheckStressReporting = {
        type: 'CheckStressReporting',
        at: this.clock.now().toISOString(),
        data: {},
      };
      try {
        const { events }: HandleResult<unknown, DomainEvent> = await this.commands.execute(
          new ExecuteCommand('placement', placementId, command, ACTOR),
        );
        outcome.reminders += events.filter((e) => e.type === 'StressReportReminderSent').length;
        outcome.escalations += events.filter((e) => e.type === 'StressRiskEscalated').length;
      } catch (e) {
        if (isDomainError(e)) {
          this.log.debug({ msg: 'Placement not checked', placementId, code: e.code });
        } else {
          failed += 1;
          this.log.error({ msg: 'Placement could not be checked', placementId, err: e as Error });
        }
      }
    }
    await job.progress(outcome);
    if (failed > 0) throw new Error(`${failed} of ${placementIds.length} placements could not be checked`);
    return outcome;
  }
}
