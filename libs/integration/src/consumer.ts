import { INTEGRATION_HEADERS, IntegrationEvent } from '@placematch/contracts';
import { IncomingMessage, readJson } from '@placematch/message-bus';

/** A message on an integration topic that is not an integration event this version can read. */
export class UnreadableIntegrationMessage extends Error {
  constructor(
    readonly topic: string,
    readonly offset: string,
    reason: string,
  ) {
    super(`message ${topic}@${offset} is not an integration event: ${reason}`);
    this.name = 'UnreadableIntegrationMessage';
  }
}

/**
 * Reads an integration event from a message: the body is the envelope, and its id must be the one in the
 * `event-id` header (the id consumers drop duplicates by).
 */
export const readIntegrationEvent = (message: IncomingMessage): IntegrationEvent => {
  const id = message.headers[INTEGRATION_HEADERS.eventId];
  const fail = (reason: string) => new UnreadableIntegrationMessage(message.topic, message.offset, reason);
  if (!id) throw fail(`no ${INTEGRATION_HEADERS.eventId} header`);
  let event: IntegrationEvent;
  try {
    event = readJson<IntegrationEvent>(message);
  } catch {
    throw fail('the body is not JSON');
  }
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string')
    throw fail('the body has no type');
  if (event.id !== id) throw fail(`the body's id is not the ${INTEGRATION_HEADERS.eventId} header`);
  return event;
};
