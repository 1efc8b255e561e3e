import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import {
  MessageBusClosedError,
  NonRetriableMessageBusError,
  RetriableMessageBusError,
  UnknownTopicError,
} from '../../errors';
import { translateKafkaError } from './kafka.errors';

// kafkajs's own error classes, built as kafkajs builds them (a protocol error from its error-code table
// entry, a spent retrier wrapping the last error), so the translation is checked on the real shapes.
const protocol = (type: string, code: number, retriable: boolean) =>
  new KafkaJSProtocolError(Object.assign(new Error(`broker said ${type}`), { type, code, retriable }));
const spent = (cause: Error) => new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 3000 });

describe('translateKafkaError', () => {
  it('names the topic of an unknown topic, however deep kafkajs wrapped it, and says it is not retriable', () => {
    const error = translateKafkaError(
      spent(protocol('UNKNOWN_TOPIC_OR_PARTITION', 3, true)),
      'supply.events',
    );
    expect(error).toBeInstanceOf(UnknownTopicError);
    expect(error).toMatchObject({
      topic: 'supply.events',
      retriable: false,
      code: 'MESSAGE_BUS.UNKNOWN_TOPIC',
    });
  });

  it('makes a refused connection retriable even after kafkajs spent its retries', () => {
    const error = translateKafkaError(
      spent(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092')),
      't',
    );
    expect(error).toBeInstanceOf(RetriableMessageBusError);
    expect(error.cause).toBeInstanceOf(KafkaJSNumberOfRetriesExceeded);
  });

  it('keeps a retriable broker answer retriable and a final one final', () => {
    expect(translateKafkaError(protocol('NOT_LEADER_FOR_PARTITION', 6, true), 't')).toBeInstanceOf(
      RetriableMessageBusError,
    );
    const tooLarge = translateKafkaError(protocol('MESSAGE_TOO_LARGE', 10, false), 't');
    expect(tooLarge).toBeInstanceOf(NonRetriableMessageBusError);
    expect(tooLarge).toMatchObject({ code: 'MESSAGE_BUS.REJECTED', retriable: false });
    expect(
      translateKafkaError(new KafkaJSNonRetriableError('Invalid groupId undefined'), 't').retriable,
    ).toBe(false);
    expect(translateKafkaError(new KafkaJSError('request timed out'), 't').retriable).toBe(true);
  });

  it('treats what is not from kafkajs as a final refusal, and passes port errors through', () => {
    expect(translateKafkaError(new TypeError('bad input'), 't')).toBeInstanceOf(NonRetriableMessageBusError);
    const closed = new MessageBusClosedError();
    expect(translateKafkaError(closed, 't')).toBe(closed);
  });
});
