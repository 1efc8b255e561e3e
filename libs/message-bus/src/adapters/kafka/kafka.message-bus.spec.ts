import { parseKafkaBrokers } from './kafka.message-bus';

describe('parseKafkaBrokers', () => {
  it('reads a comma-separated list of host:port', () => {
    expect(parseKafkaBrokers('127.0.0.1:9092')).toEqual(['127.0.0.1:9092']);
    expect(parseKafkaBrokers(' kafka-1.internal:9092, kafka-2.internal:9093 ,')).toEqual([
      'kafka-1.internal:9092',
      'kafka-2.internal:9093',
    ]);
  });

  it('refuses a missing or malformed list, saying what to write', () => {
    expect(() => parseKafkaBrokers(undefined)).toThrow(
      'KAFKA_BROKERS must be a comma-separated list of host:port, for example KAFKA_BROKERS=127.0.0.1:9092 (it is not set)',
    );
    expect(() => parseKafkaBrokers('')).toThrow('(it is empty)');
    expect(() => parseKafkaBrokers('kafka://10.0.0.1:9092')).toThrow('(not "kafka://10.0.0.1:9092")');
    expect(() => parseKafkaBrokers('10.0.0.1')).toThrow('(not "10.0.0.1")');
    expect(() => parseKafkaBrokers('x', 'BUS_BROKERS')).toThrow(/^BUS_BROKERS must be/);
  });
});
