import {
  deadLetterMessage,
  deliver,
  DeliveryPolicy,
  deliveryPolicy,
  checkOutgoing,
  Latch,
} from '../../delivery';
import {
  MessageBusClosedError,
  MessageBusError,
  NonRetriableMessageBusError,
  UnknownTopicError,
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
import { partitionForKey } from '../../partitioner';

/** Options of {@link InProcessMessageBus}. */
export interface InProcessMessageBusOptions {
  /** Partitions of a topic created without a count; default 3 (as the test broker's `num.partitions`). */
  defaultPartitions?: number;
  /** Where dead-lettering is logged; default: stderr. */
  logger?: MessageBusLogger;
  /**
   * Messages kept per partition, as a broker's retention: older ones are dropped, and a group whose next
   * offset was dropped resumes at the oldest one kept. Default 1 000, so a long-running embedded process
   * does not keep every message it ever published.
   */
  retainPerPartition?: number;
}

/** A partition's messages: `messages[i]` has offset `base + i`; offsets before `base` were dropped. */
interface PartitionLog {
  base: number;
  messages: StoredMessage[];
}

/** The offset the next message appended to a partition will get. */
const endOf = (log: PartitionLog) => log.base + log.messages.length;

interface StoredMessage {
  key: string;
  value: Buffer;
  headers: MessageHeaders;
}

/** A partition of a topic, named as `<topic>/<partition>` in the maps below. */
type PartitionName = string;
const partitionName = (topic: string, partition: number): PartitionName => `${topic}/${partition}`;

interface Group {
  /** The next offset to deliver per partition: committed after each handled message. */
  committed: Map<PartitionName, number>;
  /** Partitions whose message is with a handler now; nobody else may take them until it is done. */
  busy: Set<PartitionName>;
  members: Member[];
  owner: Map<PartitionName, Member>;
}

/** One consumer in a group, with its own delivery loop. */
class Member {
  stopping = false;
  readonly abandon = new Latch();
  loop: Promise<void> = Promise.resolve();
  stopped?: Promise<void>;
  /** Where the round-robin over the member's partitions goes on from, so none starves. */
  cursor = 0;
  /**
   * Start offsets this member settled for partitions its group had never committed on. Like a Kafka
   * consumer's, they are not committed: a member that takes such a partition over settles its own.
   */
  readonly starts = new Map<PartitionName, number>();
  private woken = false;
  private waiter?: () => void;

  constructor(
    readonly topics: string[],
    readonly groupId: string,
    readonly group: Group,
    readonly handler: MessageHandler,
    readonly policy: DeliveryPolicy,
    readonly fromBeginning: boolean,
  ) {}

  wake(): void {
    this.woken = true;
    this.waiter?.();
  }

  sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiter = () => {
        this.waiter = undefined;
        this.woken = false;
        resolve();
      };
    });
  }
}

// Kafka's rule for topic names, kept here so a name that works in process also works on the broker.
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

const failedSubscription = (error: MessageBusError): Subscription => ({
  ready: () => Promise.reject(error),
  stop: async () => undefined,
});

/**
 * The message bus in memory, for the embedded mode and for unit tests: the same semantics as Kafka
 * (partitions chosen by the key's murmur2 hash as Kafka's default partitioner does, consumer groups sharing
 * partitions, offsets committed after each handled message, redelivery of what a stopped consumer left
 * uncommitted, dead-letter topics), without a broker. Messages live as long as the object.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();
  private readonly defaultPartitions: number;
  private readonly retain: number;
  private readonly logger: MessageBusLogger;
  private closed = false;

  constructor(options: InProcessMessageBusOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 3;
    this.retain = options.retainPerPartition ?? 1_000;
    this.logger = options.logger ?? stderrLogger;
  }

  async ensureTopics(names: string[], partitions = this.defaultPartitions): Promise<void> {
    this.assertOpen();
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new NonRetriableMessageBusError(
        `ensureTopics: partitions must be a whole number >= 1, not ${partitions}`,
      );
    }
    for (const name of names) {
      if (!LEGAL_TOPIC.test(name)) {
        throw new NonRetriableMessageBusError(
          `ensureTopics: ${JSON.stringify(name)} is not a legal topic name (letters, digits, '.', '_', '-'; at most 249)`,
        );
      }
    }
    for (const name of names) this.createTopic(name, partitions);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    checkOutgoing(topic, messages);
    this.append(topic, messages);
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
    if (this.closed) return failedSubscription(new MessageBusClosedError());
    const missing = names.find((t) => !this.topics.has(t));
    if (missing !== undefined) return failedSubscription(new UnknownTopicError(missing));

    const group = this.group(groupId);
    const member = new Member(names, groupId, group, handler, policy, options.fromBeginning ?? false);
    group.members.push(member);
    this.rebalance(group);
    // Where to start is settled now, as a Kafka consumer settles it before its first fetch completes:
    // a message published after ready() is never skipped.
    for (const owned of this.owned(member)) this.position(member, owned.topic, owned.partition);
    member.loop = this.run(member);
    const ready = Promise.resolve();
    return { ready: () => ready, stop: () => this.stop(member) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const members = [...this.groups.values()].flatMap((g) => g.members);
    await Promise.all(members.map((m) => this.stop(m)));
  }

  private assertOpen(): void {
    if (this.closed) throw new MessageBusClosedError();
  }

  private createTopic(name: string, partitions: number): void {
    if (!this.topics.has(name))
      this.topics.set(
        name,
        Array.from({ length: partitions }, () => ({ base: 0, messages: [] })),
      );
  }

  private append(topic: string, messages: OutgoingMessage[]): void {
    const log = this.topics.get(topic);
    if (!log) throw new UnknownTopicError(topic);
    for (const m of messages) {
      const partition = log[partitionForKey(m.key, log.length)];
      partition.messages.push({
        key: m.key,
        // Copies, so a caller that reuses its buffer cannot change what was published.
        value: Buffer.from(m.value),
        headers: { ...m.headers },
      });
      if (partition.messages.length > this.retain) {
        const dropped = partition.messages.length - this.retain;
        partition.messages.splice(0, dropped);
        partition.base += dropped;
      }
    }
    for (const group of this.groups.values()) {
      for (const member of group.members) if (member.topics.includes(topic)) member.wake();
    }
  }

  private group(id: string): Group {
    let group = this.groups.get(id);
    if (!group) {
      group = { committed: new Map(), busy: new Set(), members: [], owner: new Map() };
      this.groups.set(id, group);
    }
    return group;
  }

  /** Deals each topic's partitions round-robin among the group's members that subscribe to it. */
  private rebalance(group: Group): void {
    group.owner.clear();
    const topics = new Set(group.members.flatMap((m) => m.topics));
    for (const topic of topics) {
      const members = group.members.filter((m) => m.topics.includes(topic));
      const partitions = this.topics.get(topic)?.length ?? 0;
      for (let p = 0; p < partitions; p++)
        group.owner.set(partitionName(topic, p), members[p % members.length]);
    }
    for (const m of group.members) {
      for (const name of m.starts.keys()) if (group.owner.get(name) !== m) m.starts.delete(name);
      m.wake();
    }
  }

  /** The partitions the group has given to a member. */
  private owned(member: Member): Array<{ topic: string; partition: number }> {
    const mine: Array<{ topic: string; partition: number }> = [];
    for (const topic of member.topics) {
      const partitions = this.topics.get(topic)?.length ?? 0;
      for (let p = 0; p < partitions; p++) {
        if (member.group.owner.get(partitionName(topic, p)) === member) mine.push({ topic, partition: p });
      }
    }
    return mine;
  }

  /**
   * The offset a member delivers next on a partition: the group's committed offset, or else the start it
   * settles (the first message, or the end as it is now). A partition another member is still handling
   * has no position yet: its commit is about to come.
   */
  private position(member: Member, topic: string, partition: number): number | undefined {
    const name = partitionName(topic, partition);
    if (member.group.busy.has(name)) return undefined;
    const log = this.topics.get(topic)![partition];
    const committed = member.group.committed.get(name);
    if (committed !== undefined) return Math.max(committed, log.base);
    let start = member.starts.get(name);
    if (start === undefined) {
      start = member.fromBeginning ? log.base : endOf(log);
      member.starts.set(name, start);
    }
    return Math.max(start, log.base);
  }

  /** The next message for a member: on one of its partitions that nobody is handling and that has more. */
  private next(member: Member): { topic: string; partition: number; offset: number } | undefined {
    const mine = this.owned(member);
    for (let i = 0; i < mine.length; i++) {
      const { topic, partition } = mine[(member.cursor + i) % mine.length];
      const offset = this.position(member, topic, partition);
      if (offset !== undefined && offset < endOf(this.topics.get(topic)![partition])) {
        member.cursor = (member.cursor + i + 1) % mine.length;
        return { topic, partition, offset };
      }
    }
    return undefined;
  }

  private async run(member: Member): Promise<void> {
    const { group } = member;
    while (!member.stopping) {
      const next = this.next(member);
      if (!next) {
        await member.sleep();
        continue;
      }
      const name = partitionName(next.topic, next.partition);
      const log = this.topics.get(next.topic)![next.partition];
      const stored = log.messages[next.offset - log.base];
      const message: IncomingMessage = {
        topic: next.topic,
        partition: next.partition,
        offset: String(next.offset),
        key: stored.key,
        value: Buffer.from(stored.value),
        headers: { ...stored.headers },
      };
      group.busy.add(name);
      try {
        const outcome = await deliver(message, member.handler, member.policy, member.abandon.wait());
        if (outcome.kind === 'abandoned') return;
        if (outcome.kind === 'failed') this.deadLetter(message, outcome, member.groupId);
        group.committed.set(name, next.offset + 1);
      } finally {
        group.busy.delete(name);
        // The partition may belong to another member by now, waiting for this message to be done.
        group.members.forEach((m) => m !== member && m.wake());
      }
    }
  }

  private deadLetter(
    message: IncomingMessage,
    failure: { error: unknown; attempts: number },
    groupId: string,
  ) {
    const topic = deadLetterTopic(message.topic);
    this.createTopic(topic, this.defaultPartitions);
    this.append(topic, [deadLetterMessage(message, failure, groupId)]);
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

  private stop(member: Member): Promise<void> {
    member.stopped ??= (async () => {
      member.stopping = true;
      member.wake();
      const timer = setTimeout(() => member.abandon.open(), member.policy.stopGraceMs);
      try {
        await member.loop;
      } finally {
        clearTimeout(timer);
      }
      member.group.members = member.group.members.filter((m) => m !== member);
      this.rebalance(member.group);
    })();
    return member.stopped;
  }
}
