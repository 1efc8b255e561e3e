import {
  DEAD_LETTER_HEADERS,
  IncomingMessage,
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
} from './message-bus.port';

/** The delivery settings of a subscription with the port's defaults filled in. */
export interface DeliveryPolicy {
  maxRetries: number;
  retryBackoffMs: number;
  stopGraceMs: number;
}

/** Fills in the port's defaults and refuses settings that cannot work. */
export const deliveryPolicy = (options: SubscribeOptions = {}): DeliveryPolicy => {
  const policy = {
    maxRetries: options.maxRetries ?? 3,
    retryBackoffMs: options.retryBackoffMs ?? 100,
    stopGraceMs: options.stopGraceMs ?? 5000,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`subscribe: ${name} must be a whole number >= 0, not ${value}`);
    }
  }
  return policy;
};

/** What became of one message. */
export type DeliveryOutcome =
  { kind: 'handled' } | { kind: 'failed'; error: unknown; attempts: number } | { kind: 'abandoned' };

const MAX_BACKOFF_MS = 30_000;

/**
 * Hands one message to the handler, trying again after failures with a doubling backoff, until it succeeds
 * or the retries are used up. Gives up at once (without committing anything) when `abandon` settles: that
 * is how a stop past its grace time leaves the message to the group. `between` runs before each retry (the
 * Kafka adapter heartbeats there, so a slow retry does not cost the consumer its partitions).
 *
 * Shared by every adapter so that retries, backoff and abandonment mean the same everywhere.
 */
export const deliver = async (
  message: IncomingMessage,
  handler: MessageHandler,
  policy: DeliveryPolicy,
  abandon: Promise<void>,
  between: () => Promise<void> = async () => undefined,
): Promise<DeliveryOutcome> => {
  const abandoned = abandon.then(() => 'abandoned' as const);
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.maxRetries + 1; attempt++) {
    if (attempt > 1) {
      const backoff = Math.min(policy.retryBackoffMs * 2 ** (attempt - 2), MAX_BACKOFF_MS);
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), backoff))),
        abandoned,
      ]);
      clearTimeout(timer);
      if (waited === 'abandoned') return { kind: 'abandoned' };
      await between();
    }
    // A handler that throws synchronously counts as a failed attempt too.
    const running = Promise.resolve().then(() => handler(message));
    // Given up on or not, the handler's rejection must never surface as an unhandled rejection.
    running.catch(() => undefined);
    try {
      if ((await Promise.race([running.then(() => 'handled' as const), abandoned])) === 'abandoned') {
        return { kind: 'abandoned' };
      }
      return { kind: 'handled' };
    } catch (error) {
      lastError = error;
    }
  }
  return { kind: 'failed', error: lastError, attempts: policy.maxRetries + 1 };
};

const MAX_ERROR_TEXT = 2000;

/** The message to publish to the dead-letter topic for a message whose handler kept failing. */
export const deadLetterMessage = (
  message: IncomingMessage,
  failure: { error: unknown; attempts: number },
  groupId: string,
): OutgoingMessage => {
  const { error } = failure;
  const text = error instanceof Error ? error.message : String(error);
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.error]: text.slice(0, MAX_ERROR_TEXT),
      [DEAD_LETTER_HEADERS.errorName]: error instanceof Error ? error.name : 'Error',
      [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
      [DEAD_LETTER_HEADERS.groupId]: groupId,
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    },
  };
};

/** Checks a publish call's arguments the same way in every adapter. */
export const checkOutgoing = (topic: string, messages: OutgoingMessage[]): void => {
  if (typeof topic !== 'string' || topic.length === 0) throw new TypeError('publish: topic must be a name');
  for (const m of messages) {
    if (typeof m.key !== 'string')
      throw new TypeError(`publish to ${topic}: every message needs a string key`);
    if (typeof m.value !== 'string' && !Buffer.isBuffer(m.value)) {
      throw new TypeError(`publish to ${topic}: a value must be a Buffer or a string`);
    }
    for (const [name, value] of Object.entries(m.headers ?? {})) {
      if (typeof value !== 'string')
        throw new TypeError(`publish to ${topic}: header ${name} must be a string`);
    }
  }
};

/** A one-shot latch: `wait()` resolves once `open()` was called (before or after). */
export class Latch {
  private opened = false;
  private readonly waiting: Array<() => void> = [];
  /** Opens the latch, releasing every waiter. */
  open(): void {
    this.opened = true;
    this.waiting.splice(0).forEach((r) => r());
  }
  /** Resolves when the latch is open. */
  wait(): Promise<void> {
    return this.opened ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
