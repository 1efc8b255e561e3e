/** Injection token for the {@link MessageBus} port. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** Headers of a message: text keys and text values (sent as UTF-8). */
export type MessageHeaders = Record<string, string>;

/** A message to publish. */
export interface OutgoingMessage {
  /**
   * Decides the partition: messages with the same key go to the same partition and are delivered in the
   * order they were published. Use the aggregate id, so one aggregate's events stay in order.
   */
  key: string;
  /** The body: bytes as they are, or a string (usually JSON text) sent as UTF-8. */
  value: Buffer | string;
  headers?: MessageHeaders;
}

/** A message as a consumer receives it. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  /** The message's place in its partition: a decimal integer (Kafka offsets are 64-bit). */
  offset: string;
  key: string;
  /** The body as bytes; {@link readJson} parses a JSON body. */
  value: Buffer;
  headers: MessageHeaders;
}

/**
 * Handles one message. Resolving means "done": only then is the message's offset committed. Throwing
 * means "try again": after {@link SubscribeOptions.maxRetries} more failures the message goes to the
 * dead-letter topic. Handlers must tolerate seeing a message twice (delivery is at least once): drop
 * duplicates by the event id the publisher puts in a header.
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** How a subscription behaves. */
export interface SubscribeOptions {
  /**
   * Where a group with no committed offset on a partition starts: at the first message (`true`), or at
   * the end of the partition as it is when the subscription starts (`false`, the default). Either way a
   * group that has committed offsets resumes from them.
   */
  fromBeginning?: boolean;
  /** How many times a failed message is tried again before it is dead-lettered; default 3. */
  maxRetries?: number;
  /** The wait before the first retry, doubled for each further one (at most 30 s); default 100 ms. */
  retryBackoffMs?: number;
  /**
   * How long {@link Subscription.stop} lets a handler in progress finish (its message is then committed)
   * before giving it up (its message stays uncommitted and goes to the group again); default 5000 ms.
   */
  stopGraceMs?: number;
}

/** A running consumer in a group. */
export interface Subscription {
  /**
   * Resolves once the consumer has joined its group and knows where to start: a message published after
   * this resolves reaches the group even when `fromBeginning` is false. Rejects with a
   * {@link MessageBusError} if the consumer cannot start (for example an {@link UnknownTopicError}).
   */
  ready(): Promise<void>;
  /**
   * Stops delivering and leaves the group, so its partitions move to the group's other consumers. A handler
   * in progress gets {@link SubscribeOptions.stopGraceMs} to finish; after that it is given up and its
   * message, never committed, is delivered to the group again: the same outcome as a crash.
   */
  stop(): Promise<void>;
}

/**
 * The message bus port: topics of keyed messages split into partitions, read by consumer groups. Every
 * adapter (Kafka, in-process) passes the one contract suite in `@placematch/message-bus/testing`.
 *
 * Guarantees:
 * - every consumer group gets every message published after it started (or all of them with
 *   `fromBeginning`), at least once;
 * - messages with the same key are delivered in the order they were published, one at a time;
 * - a message's offset is committed only after its handler succeeded, or after it was dead-lettered, so a
 *   consumer that crashes leaves its message for the group to get again;
 * - a message whose handler keeps failing is published to `<topic>.dlq` (see {@link DEAD_LETTER_HEADERS})
 *   and the partition moves on: a poison message never blocks the messages behind it.
 *
 * Errors are {@link MessageBusError}s: `retriable` says whether trying the same call again later may work.
 */
export interface MessageBus {
  /**
   * Publishes messages to an existing topic. Resolves once the broker has stored all of them durably;
   * rejects with an {@link UnknownTopicError} when the topic does not exist.
   */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /**
   * Starts a consumer in `groupId` for one or more existing topics. Consumers in one group share the
   * partitions; each group gets every message. Returns at once: await {@link Subscription.ready}.
   */
  subscribe(
    topics: string | string[],
    groupId: string,
    handler: MessageHandler,
    options?: SubscribeOptions,
  ): Subscription;
  /**
   * Creates the topics that do not exist yet, with `partitions` partitions (default: the adapter's, 3).
   * Topics that exist are left as they are.
   */
  ensureTopics(names: string[], partitions?: number): Promise<void>;
  /** Stops every subscription (see {@link Subscription.stop}) and releases connections. */
  close(): Promise<void>;
}

/** Parses a message's body as JSON (UTF-8). */
export const readJson = <T = unknown>(message: Pick<IncomingMessage, 'value'>): T =>
  JSON.parse(message.value.toString('utf8')) as T;

/** The dead-letter topic of a topic. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Headers a dead-lettered message carries besides its own: why it failed and where it came from, so it
 * can be inspected and, once the cause is fixed, published to its topic again.
 */
export const DEAD_LETTER_HEADERS = {
  /** The last error's message. */
  error: 'dlq-error',
  /** The last error's class name (`Error` when unknown). */
  errorName: 'dlq-error-name',
  /** How many times the handler was tried. */
  attempts: 'dlq-attempts',
  /** The consumer group whose handler failed. */
  groupId: 'dlq-group-id',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
} as const;
