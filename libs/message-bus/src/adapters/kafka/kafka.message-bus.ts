import {
  Admin,
  Consumer,
  EachBatchPayload,
  IHeaders,
  ISocketFactory,
  Kafka,
  KafkaMessage,
  LogEntry,
  logLevel,
  Partitioners,
  Producer,
} from 'kafkajs';
import { connect, Socket } from 'node:net';
import {
  checkOutgoing,
  deadLetterMessage,
  deliver,
  DeliveryPolicy,
  deliveryPolicy,
  Latch,
} from '../../delivery';
import {
  MessageBusClosedError,
  MessageBusError,
  NonRetriableMessageBusError,
  RetriableMessageBusError,
} from '../../errors';
import { MESSAGE_BUS_LOG_CONTEXT, MessageBusLogger, stderrLogger } from '../../logger';
import {
  deadLetterTopic,
  IncomingMessage,
  MessageBus,
  MessageHandler,
  MessageHeaders,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '../../message-bus.port';
import { translateKafkaError } from './kafka.errors';

/** How to reach Kafka and how the clients behave. */
export interface KafkaMessageBusConfig {
  /** Bootstrap brokers as `host:port`; see {@link parseKafkaBrokers}. */
  brokers: string[];
  /** Names this service's connections in the broker's logs and metrics; default `placematch`. */
  clientId?: string;
  /** Partitions of a topic created without a count (and of dead-letter topics); default 3. */
  defaultPartitions?: number;
  /** Where the adapter and kafkajs log (kafkajs at warn and error only); default: stderr. */
  logger?: MessageBusLogger;
  /**
   * How long the broker waits for a consumer's heartbeat before giving its partitions to the rest of the
   * group; default 30 000 ms. A handler (with its retries) must finish well within it, because the
   * consumer heartbeats between messages.
   */
  sessionTimeoutMs?: number;
  /** The longest a fetch waits for new messages; it bounds how long a stop takes. Default 1000 ms. */
  maxWaitTimeMs?: number;
  /** How long to wait for a connection to a broker; default 3000 ms. */
  connectionTimeoutMs?: number;
}

/**
 * Reads a broker list such as `KAFKA_BROKERS=10.0.0.1:9092,10.0.0.2:9092`. Refuses anything that is not a
 * comma-separated list of `host:port`, saying what to write instead.
 */
export const parseKafkaBrokers = (value: string | undefined, name = 'KAFKA_BROKERS'): string[] => {
  const brokers = (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const bad = brokers.find((b) => !/^[^\s:/]+:\d{1,5}$/.test(b));
  if (brokers.length === 0 || bad !== undefined) {
    throw new Error(
      `${name} must be a comma-separated list of host:port, for example ${name}=127.0.0.1:9092` +
        (bad === undefined
          ? ` (it is ${value === undefined ? 'not set' : 'empty'})`
          : ` (not ${JSON.stringify(bad)})`),
    );
  }
  return brokers;
};

// The idempotent producer would retry a send forever while a broker is down; the port promises at least
// once, not exactly once, so a caller gets a retriable error after kafkajs's usual 5 retries (about 10 s)
// instead of waiting without end. kafkajs warns about exactly this choice on every producer: it is known.
const PRODUCER_RETRIES = 5;
const KNOWN_WARNINGS = ['Limiting retries for the idempotent producer'];
// What a forgotten connection is closed with (see Sockets); kafkajs logs it, and that line is dropped.
const FORGOTTEN = 'closed by the message bus: kafkajs disconnected without closing this connection';

const forward =
  (logger: MessageBusLogger) =>
  () =>
  ({ namespace, level, log }: LogEntry): void => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
    if (KNOWN_WARNINGS.some((w) => message.startsWith(w)) || message.includes(FORGOTTEN)) return;
    const entry = { msg: `kafkajs: ${message}`, namespace, ...fields };
    if (level === logLevel.ERROR) logger.error(entry, MESSAGE_BUS_LOG_CONTEXT);
    else if (level === logLevel.WARN) logger.warn(entry, MESSAGE_BUS_LOG_CONTEXT);
  };

/**
 * Opens kafkajs's connections (plain TCP, with kafkajs's keep-alive) and remembers those still open.
 * kafkajs 2.2.4 loses track of one: when the broker restarts, the consumer's group coordinator is a Broker
 * object that is no longer in kafkajs's pool, its heartbeat reconnects it, and disconnect() never closes
 * that connection, whose socket and request-timeout timer then keep the process alive. `closeAll` fails
 * such a socket with an error, which makes kafkajs close the connection and stop its timers.
 */
class Sockets {
  private readonly open = new Set<Socket>();

  readonly factory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  /** Closes the sockets kafkajs forgot: call it only once the clients are disconnected. */
  closeAll(): void {
    // A socket kafkajs ended itself is closing on its own; the others it forgot.
    this.open.forEach((socket) => socket.writableEnded || socket.destroy(new Error(FORGOTTEN)));
    this.open.clear();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const toHeaders = (headers: IHeaders | undefined): MessageHeaders => {
  const out: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A header repeated on the wire (which this port never writes) keeps its last value.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return out;
};

const toIncoming = (topic: string, partition: number, m: KafkaMessage): IncomingMessage => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key ? m.key.toString('utf8') : '',
  value: m.value ?? Buffer.alloc(0),
  headers: toHeaders(m.headers),
});

/**
 * The message bus on Apache Kafka, through kafkajs. One idempotent producer (acks from all in-sync
 * replicas, Kafka's murmur2 partitioner) and one admin client per bus, opened on first use; one kafkajs
 * consumer per subscription. Consumers commit each message's offset as soon as its handler succeeded or it
 * was dead-lettered, so a crash redelivers at most the message in hand.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly sockets = new Sockets();
  private readonly logger: MessageBusLogger;
  private readonly defaultPartitions: number;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly deadLetterTopics = new Set<string>();
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private closed = false;

  constructor(readonly config: KafkaMessageBusConfig) {
    if (config.brokers.length === 0) throw new Error('KafkaMessageBus: give at least one broker (host:port)');
    this.logger = config.logger ?? stderrLogger;
    this.defaultPartitions = config.defaultPartitions ?? 3;
    this.kafka = this.client(this.sockets);
  }

  /** A kafkajs client on this bus's brokers whose connections `sockets` opens. */
  private client(sockets: Sockets): Kafka {
    return new Kafka({
      clientId: this.config.clientId ?? 'placematch',
      brokers: this.config.brokers,
      connectionTimeout: this.config.connectionTimeoutMs ?? 3000,
      socketFactory: sockets.factory,
      logLevel: logLevel.WARN,
      logCreator: forward(this.logger),
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    checkOutgoing(topic, messages);
    await this.send(topic, messages);
  }

  subscribe(
    topics: string | string[],
    groupId: string,
    handler: MessageHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    const names = Array.isArray(topics) ? [...topics] : [topics];
    if (names.length === 0) throw new TypeError('subscribe: name at least one topic');
    const policy = deliveryPolicy(options);
    if (this.closed) {
      return { ready: () => Promise.reject(new MessageBusClosedError()), stop: async () => undefined };
    }
    // A client of its own, so that stopping the subscription can close every connection it opened.
    const sockets = new Sockets();
    const consumer = this.client(sockets).consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: this.config.maxWaitTimeMs ?? 1000,
    });
    const subscription = new KafkaSubscription(
      this,
      consumer,
      sockets,
      names,
      groupId,
      handler,
      policy,
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ensureTopics(names: string[], partitions = this.defaultPartitions): Promise<void> {
    this.assertOpen();
    await this.createTopics(names, partitions);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const clients = await Promise.allSettled([this.producer, this.admin].filter((c) => c !== undefined));
    await Promise.all(
      clients.map((c) =>
        c.status === 'fulfilled' ? c.value.disconnect().catch(() => undefined) : undefined,
      ),
    );
  }

  /** @internal Forgets a stopped subscription. */
  forget(subscription: KafkaSubscription): void {
    this.subscriptions.delete(subscription);
  }

  /** @internal Publishes a failed message to its topic's dead-letter topic, creating that topic once. */
  async deadLetter(message: IncomingMessage, failure: { error: unknown; attempts: number }, groupId: string) {
    const topic = deadLetterTopic(message.topic);
    if (!this.deadLetterTopics.has(topic)) {
      await this.createTopics([topic], this.defaultPartitions);
      this.deadLetterTopics.add(topic);
    }
    await this.send(topic, [deadLetterMessage(message, failure, groupId)]);
    this.logger.warn(
      {
        msg: 'message dead-lettered after its handler kept failing',
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        groupId,
        attempts: failure.attempts,
        deadLetterTopic: topic,
        err: failure.error,
      },
      MESSAGE_BUS_LOG_CONTEXT,
    );
  }

  /** @internal Logs on the bus's logger. */
  log(level: 'warn' | 'error', entry: Record<string, unknown>): void {
    this.logger[level](entry, MESSAGE_BUS_LOG_CONTEXT);
  }

  private assertOpen(): void {
    if (this.closed) throw new MessageBusClosedError();
  }

  private async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const producer = await this.connectedProducer();
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      throw translateKafkaError(error, topic);
    }
  }

  private async createTopics(names: string[], partitions: number): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new NonRetriableMessageBusError(
        `ensureTopics: partitions must be a whole number >= 1, not ${partitions}`,
      );
    }
    if (names.length === 0) return;
    const topics = names.join(', ');
    // The admin client's first request after a broker restart fails on the connection it had; the next one
    // reconnects. So a connection failure is tried again twice before the caller hears of it.
    for (let attempt = 1; ; attempt++) {
      try {
        const admin = await this.connectedAdmin();
        // Asking first keeps the usual case (every topic there already, at each start) free of the error
        // lines kafkajs logs for a refused creation; one created meanwhile elsewhere is still fine.
        const existing = new Set(await admin.listTopics());
        const missing = names.filter((name) => !existing.has(name));
        if (missing.length > 0) {
          await admin.createTopics({
            topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
            waitForLeaders: false,
          });
        }
        await this.waitForLeaders(admin, names);
        return;
      } catch (error) {
        const translated = translateKafkaError(error, topics);
        if (!translated.retriable || attempt === 3) throw translated;
        await sleep(200 * attempt);
      }
    }
  }

  /**
   * Waits until every partition of the topics has a leader. kafkajs's own `waitForLeaders` gives up when
   * the broker's metadata does not show a just-created topic yet (UNKNOWN_TOPIC_OR_PARTITION), which a
   * KRaft broker answers for a moment after creating it; here that means "not yet".
   */
  private async waitForLeaders(admin: Admin, names: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        const types = [error, (error as { cause?: unknown }).cause].map(
          (e) => (e as { type?: string })?.type,
        );
        if (!types.includes('UNKNOWN_TOPIC_OR_PARTITION') && !types.includes('LEADER_NOT_AVAILABLE'))
          throw error;
      }
      if (Date.now() > deadline) {
        throw new RetriableMessageBusError(
          `Topics ${names.join(', ')} were created but have no leader after 30 s`,
        );
      }
      await sleep(50);
    }
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: PRODUCER_RETRIES },
      });
      await producer.connect();
      return producer;
    })().catch((error) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }
}

/** One kafkajs consumer in a group, delivering batch by batch, one message at a time. */
class KafkaSubscription implements Subscription {
  private stopping = false;
  private readonly abandon = new Latch();
  private readonly started: Promise<void>;
  private readonly isReady: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: MessageBusError) => void };
  private stopped?: Promise<void>;

  constructor(
    private readonly bus: KafkaMessageBus,
    private readonly consumer: Consumer,
    private readonly sockets: Sockets,
    private readonly topics: string[],
    private readonly groupId: string,
    private readonly handler: MessageHandler,
    private readonly policy: DeliveryPolicy,
    private readonly options: SubscribeOptions,
  ) {
    this.isReady = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Nobody may ever ask; a rejection nobody awaits must not crash the process.
    this.isReady.catch(() => undefined);
    this.watch();
    this.started = this.start().catch(async (error) => {
      this.settle.reject(translateKafkaError(error, this.topics.join(', ')));
      await this.consumer.disconnect().catch(() => undefined);
      this.sockets.closeAll();
    });
  }

  ready(): Promise<void> {
    return this.isReady;
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.settle.reject(new MessageBusClosedError('The subscription was stopped before it was ready'));
      const timer = setTimeout(() => this.abandon.open(), this.policy.stopGraceMs);
      try {
        await this.started;
        await this.consumer.disconnect();
      } catch (error) {
        this.bus.log('warn', {
          msg: 'consumer did not disconnect cleanly',
          groupId: this.groupId,
          err: error,
        });
      } finally {
        clearTimeout(timer);
        this.sockets.closeAll();
        this.bus.forget(this);
      }
    })();
    return this.stopped;
  }

  private watch(): void {
    const { events } = this.consumer;
    let joined = false;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) => {
      joined = true;
      // A member given no partition never fetches: it is as ready as it will be.
      if (Object.values(payload.memberAssignment).every((p) => p.length === 0)) this.settle.resolve();
    });
    // kafkajs settles where each assigned partition starts (committed offset, or the first or last
    // message) before its first fetch after joining, so only then is a later message sure to arrive.
    this.consumer.on(events.FETCH, () => joined && this.settle.resolve());
    this.consumer.on(events.CRASH, ({ payload }) => {
      const error = translateKafkaError(payload.error, this.topics.join(', '));
      if (!payload.restart) this.settle.reject(error);
      this.bus.log(payload.restart ? 'warn' : 'error', {
        msg: payload.restart ? 'consumer failed and restarts' : 'consumer failed and stopped',
        groupId: this.groupId,
        topics: this.topics,
        err: error,
      });
    });
  }

  private async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.topics,
      fromBeginning: this.options.fromBeginning ?? false,
    });
    if (this.stopping) return;
    await this.consumer.run({
      autoCommit: true,
      // Commit as soon as one offset is resolved: one message's worth of redelivery after a crash, at most.
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const m of batch.messages) {
      if (this.stopping || !isRunning() || isStale()) return;
      const message = toIncoming(batch.topic, batch.partition, m);
      const outcome = await deliver(message, this.handler, this.policy, this.abandon.wait(), heartbeat);
      // Given up on by a stop: not resolved, so never committed; the group gets the message again.
      if (outcome.kind === 'abandoned') return;
      if (outcome.kind === 'failed') await this.bus.deadLetter(message, outcome, this.groupId);
      resolveOffset(m.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }
}
