import {
  MessageBusError,
  NonRetriableMessageBusError,
  RetriableMessageBusError,
  UnknownTopicError,
} from '../../errors';

interface ErrorLike {
  name?: unknown;
  type?: unknown;
  retriable?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/** The error and the errors it wraps, outermost first (kafkajs wraps in `cause` and `originalError`). */
const chain = (error: unknown): ErrorLike[] => {
  const found: ErrorLike[] = [];
  let current = error;
  while (current !== null && typeof current === 'object' && !found.includes(current) && found.length < 10) {
    found.push(current as ErrorLike);
    current = (current as ErrorLike).cause ?? (current as ErrorLike).originalError;
  }
  return found;
};

// Failures of the connection itself: worth trying again once the broker is back, whatever kafkajs's
// retrier concluded after its own retries.
const CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

/**
 * Translates whatever kafkajs threw into a port error. kafkajs marks an error `retriable` when its own
 * retrier may try again; once its retries are spent it wraps the last error in a non-retriable
 * `KafkaJSNumberOfRetriesExceeded`, so the innermost error decides whether the caller may try later.
 * `topic` names the topic(s) of the call, for an {@link UnknownTopicError}.
 */
export const translateKafkaError = (error: unknown, topic: string): MessageBusError => {
  if (error instanceof MessageBusError) return error;
  const errors = chain(error);
  const text = error instanceof Error ? error.message : String(error);
  if (errors.some((e) => e.type === 'UNKNOWN_TOPIC_OR_PARTITION')) return new UnknownTopicError(topic, error);
  const fromKafkajs = errors.some((e) => typeof e.name === 'string' && e.name.startsWith('KafkaJS'));
  if (!fromKafkajs) return new NonRetriableMessageBusError(text, error);
  const innermost = errors[errors.length - 1];
  const retriable =
    errors.some((e) => CONNECTION_ERRORS.has(String(e.name))) ||
    (innermost.retriable === true && innermost.name !== 'KafkaJSNonRetriableError');
  return retriable
    ? new RetriableMessageBusError(`Kafka unavailable: ${text}`, error)
    : new NonRetriableMessageBusError(`Kafka refused: ${text}`, error);
};
