import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MessageBusLogger, RetriableMessageBusError } from '@placematch/message-bus';
import { messageBusContract } from '@placematch/message-bus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaMessageBus, parseKafkaBrokers } from './kafka.message-bus';

// The contract runs against a real broker: KAFKA_BROKERS, or the one `bash scripts/kafka.sh start` runs on
// 127.0.0.1:9092. Without a broker this file fails (it does not skip): CI starts one.
const DEFAULT_BROKERS = '127.0.0.1:9092';
const brokers = parseKafkaBrokers(process.env.KAFKA_BROKERS ?? DEFAULT_BROKERS);
const script = join(__dirname, '..', '..', '..', '..', '..', 'scripts', 'kafka.sh');
const exec = promisify(execFile);

// kafkajs logs every refused connection while the broker restarts: the lines go to a file, not the test
// output, and stay there for a failure to be read against.
const logFile = join(tmpdir(), 'placematch-message-bus-int.log');
const logger: MessageBusLogger = {
  log: () => undefined,
  warn: (entry) => appendFileSync(logFile, `${JSON.stringify({ level: 'warn', entry })}\n`),
  error: (entry) => appendFileSync(logFile, `${JSON.stringify({ level: 'error', entry })}\n`),
};

/** Fails with what to do when no broker answers, instead of letting every test time out. */
const requireBroker = async () => {
  const admin = new Kafka({
    clientId: 'placematch-int-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 1 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(
      `No Kafka broker answers at ${brokers.join(',')} (${(error as Error).message}). ` +
        'Start one with `bash scripts/kafka.sh start` (or point KAFKA_BROKERS at one), then run the tests again.',
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

/** Restarts the broker scripts/kafka.sh runs; refuses one it did not start (it could not bring it back). */
const restartBroker = async () => {
  await exec('bash', [script, 'stop']);
  const down = await exec('bash', [script, 'status']).then(
    () => false,
    () => true,
  );
  if (!down) {
    throw new Error(
      `${DEFAULT_BROKERS} still answers after \`bash scripts/kafka.sh stop\`: that broker was not started by ` +
        'scripts/kafka.sh, so this test cannot restart it. Stop it and run `bash scripts/kafka.sh start`.',
    );
  }
  await exec('bash', [script, 'start']);
};

describe('Kafka', () => {
  beforeAll(requireBroker, 30_000);

  messageBusContract('kafka', {
    // A consumer that lost its broker rejoins as a new member, and the restarted broker waits for the old
    // member's session to time out first: 10 s instead of the default 30 s keeps the restart test short.
    open: async () =>
      new KafkaMessageBus({ brokers, clientId: 'placematch-contract', logger, sessionTimeoutMs: 10_000 }),
    // Only the broker this repository's script runs can be restarted by it.
    restartBroker:
      process.env.KAFKA_BROKERS && process.env.KAFKA_BROKERS !== DEFAULT_BROKERS ? undefined : restartBroker,
    patienceMs: 30_000,
  });
});

describe('Kafka message bus without a broker', () => {
  it('rejects a publish with a retriable error when no broker answers', async () => {
    // Port 1 on the loopback: nothing listens there, so every connection is refused at once.
    const bus = new KafkaMessageBus({ brokers: ['127.0.0.1:1'], logger });
    try {
      const error = await bus.publish('anything', [{ key: 'k', value: 'v' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetriableMessageBusError);
      expect(error).toMatchObject({ retriable: true, code: 'MESSAGE_BUS.UNAVAILABLE' });
    } finally {
      await bus.close();
    }
  });
});
