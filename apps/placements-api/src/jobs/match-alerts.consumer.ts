import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { INTEGRATION_TOPICS } from '@placematch/contracts';
import { JOB_QUEUE, JobQueue } from '@placematch/job-queue';
import { IncomingMessage, MESSAGE_BUS, MessageBus, Subscription } from '@placematch/message-bus';
import { matchAlertFor } from './match-alerts.message';
import { MATCH_ALERTS_GROUP, PLACEMENTS_QUEUE } from './placements-queue';

/**
 * Listens to the supply topic (group `placements.match-alerts`, from the end: a group with committed offsets
 * resumes from them) and enqueues a `match-alerts` job for each change that may bring a setting into open
 * requests' searches. The job id is the event id's, so a redelivered message enqueues nothing new. A message it
 * cannot read is logged (where it sits, never its body) and acknowledged: retrying it would never help. A failure
 * to enqueue is thrown, so the bus retries the message and, failing that, dead-letters it.
 */
@Injectable()
export class MatchAlertsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('MatchAlertsConsumer');
  private subscription: Subscription | null = null;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.bus.subscribe(
      INTEGRATION_TOPICS.supply,
      MATCH_ALERTS_GROUP,
      (message) => this.handle(message),
      { fromBeginning: false },
    );
    await this.subscription.ready();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private async handle(message: IncomingMessage): Promise<void> {
    const decision = matchAlertFor(message);
    switch (decision.action) {
      case 'enqueue':
        await this.jobs.enqueue(PLACEMENTS_QUEUE, decision.job);
        return;
      case 'reject':
        this.log.warn({
          msg: 'A supply message was skipped: it cannot be read as an integration event',
          reason: decision.reason,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        });
        return;
      case 'ignore':
        return;
    }
  }
}
