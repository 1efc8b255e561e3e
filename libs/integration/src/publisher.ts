import { INTEGRATION_HEADERS, IntegrationEvent } from '@placematch/contracts';
import type { RecordedEvent } from '@placematch/event-store';
import type { MessageBus, MessageHeaders, OutgoingMessage } from '@placematch/message-bus';
import type { Projection } from '@placematch/projections';
import { toIntegrationEvent } from './translate';

/** The headers an integration event travels with: its id (for dedupe), type and version. */
export const integrationHeaders = (event: IntegrationEvent): MessageHeaders => ({
  [INTEGRATION_HEADERS.eventId]: event.id,
  [INTEGRATION_HEADERS.eventType]: event.type,
  [INTEGRATION_HEADERS.eventVersion]: String(event.version),
  [INTEGRATION_HEADERS.contentType]: 'application/json',
  ...(event.correlationId ? { [INTEGRATION_HEADERS.correlationId]: event.correlationId } : {}),
});

/**
 * Publishes integration events from the global log: a checkpointed subscription, run by the projection
 * runner like any projection. Each page's integration events are published (and acknowledged by the
 * broker) inside the transaction that moves the checkpoint, so a page is either published and checkpointed,
 * or checkpointed never and published again after a crash or a failed commit: at least once, never lost.
 * Messages are keyed by aggregate id and published in log order, so one aggregate's events stay in order.
 *
 * The runner's checkpoint row lock guards it: several processes may run it, and one page at a time is
 * published. Rebuilding it (`projections rebuild integration-publisher`) republishes the whole log, with the
 * same event ids, for a consumer that needs to start again; consumers drop what they have seen.
 */
export class IntegrationPublisher implements Projection {
  readonly name = 'integration-publisher';
  readonly version = 1;
  /** A broker that is down is worth waiting for: the runner restarts the publisher from its checkpoint. */
  readonly restartAfterFailure = true;

  constructor(private readonly bus: MessageBus) {}

  async setup(): Promise<void> {
    // No tables: the checkpoint is the runner's.
  }

  async reset(): Promise<void> {
    // Nothing to empty: a rebuild republishes from the start.
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const recorded of events) {
      const publication = toIntegrationEvent(recorded);
      if (!publication) continue;
      const { topic, event } = publication;
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: event.aggregateId,
        value: JSON.stringify(event),
        headers: integrationHeaders(event),
      });
      byTopic.set(topic, messages);
    }
    for (const [topic, messages] of byTopic) await this.bus.publish(topic, messages);
  }
}
