/**
 * Every error the message bus port throws. `retriable` says whether the same call may work if tried again
 * later (the broker was unreachable or busy) or never will as it is (no such topic, a message too large).
 * Adapters translate their vendor's errors into these; `cause` keeps the original.
 */
export abstract class MessageBusError extends Error {
  /** A stable, dotted code such as `MESSAGE_BUS.UNAVAILABLE`. */
  abstract readonly code: string;
  /** Whether trying the same call again later may succeed. */
  abstract readonly retriable: boolean;

  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The broker could not be reached, timed out or was not ready: the call may work later. */
export class RetriableMessageBusError extends MessageBusError {
  readonly code: string = 'MESSAGE_BUS.UNAVAILABLE';
  readonly retriable = true;
}

/** The broker refused the call and will refuse it again as it is. */
export class NonRetriableMessageBusError extends MessageBusError {
  readonly code: string = 'MESSAGE_BUS.REJECTED';
  readonly retriable = false;
}

/** A publish or subscribe named a topic that does not exist: create it with `ensureTopics`. */
export class UnknownTopicError extends NonRetriableMessageBusError {
  override readonly code = 'MESSAGE_BUS.UNKNOWN_TOPIC';
  constructor(
    readonly topic: string,
    cause?: unknown,
  ) {
    super(`Topic ${topic} does not exist: create it with ensureTopics first`, cause);
  }
}

/** The bus was closed (open a new one), or a subscription was stopped before it was ready. */
export class MessageBusClosedError extends NonRetriableMessageBusError {
  override readonly code = 'MESSAGE_BUS.CLOSED';
  constructor(message = 'The message bus is closed') {
    super(message);
  }
}

/** True for an error the port says may succeed when tried again later. */
export const isRetriable = (error: unknown): boolean => error instanceof MessageBusError && error.retriable;
