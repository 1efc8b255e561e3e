import { UnknownTopicError } from '../errors';
import {
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  IncomingMessage,
  MessageBus,
  readJson,
} from '../message-bus.port';
import { partitionForKey } from '../partitioner';

/** How the contract reaches a bus, and what it may do to the broker behind it. */
export interface MessageBusHarness {
  /** Opens a bus; each test opens its own and closes it. */
  open(): Promise<MessageBus>;
  /**
   * Stops the broker and starts it again on the same data while buses are open; absent where there is no
   * broker (in-process), and the restart test says it is skipped.
   */
  restartBroker?(): Promise<void>;
  /** How long a test waits for a condition before it fails, in ms; default 10 000. */
  patienceMs?: number;
}

const run = Date.now().toString(36);
let names = 0;
/** A topic or group name no other test, run or adapter uses. */
const unique = (label: string) => `contract-${label}-${run}-${(names += 1)}`;

const text = (m: IncomingMessage) => m.value.toString('utf8');

/**
 * The message bus contract: every adapter passes it. `name` appears in the describe block as
 * `message bus contract: <name>`. Each test uses topics and groups of its own and waits on conditions.
 */
export const messageBusContract = (name: string, harness: MessageBusHarness): void => {
  describe(`message bus contract: ${name}`, () => {
    const patience = harness.patienceMs ?? 10_000;
    let bus: MessageBus;
    let opened: MessageBus | undefined;

    /** Resolves once `predicate` holds; fails the test after `ms`, saying what it waited for. */
    const until = (predicate: () => boolean, what: string, ms = patience) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (predicate()) return resolve();
          if (Date.now() - started > ms)
            return reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
          setTimeout(check, 10);
        };
        check();
      });

    beforeEach(async () => {
      opened = bus = await harness.open();
    });
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('delivers every message to every consumer group', async () => {
      const topic = unique('fanout');
      await bus.ensureTopics([topic]);
      const seen = { billing: [] as string[], alerts: [] as string[] };
      const subs = (['billing', 'alerts'] as const).map((g) =>
        bus.subscribe(topic, unique(g), async (m) => void seen[g].push(text(m)), { fromBeginning: true }),
      );
      await Promise.all(subs.map((s) => s.ready()));
      const values = Array.from({ length: 20 }, (_, i) => `m${i}`);
      await bus.publish(
        topic,
        values.map((value, i) => ({ key: `setting-${i % 4}`, value })),
      );
      await until(
        () => seen.billing.length >= 20 && seen.alerts.length >= 20,
        'both groups to get 20 messages',
      );
      expect(new Set(seen.billing)).toEqual(new Set(values));
      expect(new Set(seen.alerts)).toEqual(new Set(values));
    });

    it("shares a group's partitions among its consumers: each message goes to one of them", async () => {
      const topic = unique('shared');
      const group = unique('workers');
      await bus.ensureTopics([topic], 3);
      const seen: Array<{ consumer: number; value: string }> = [];
      const first = bus.subscribe(topic, group, async (m) => void seen.push({ consumer: 1, value: text(m) }));
      await first.ready();
      const second = bus.subscribe(
        topic,
        group,
        async (m) => void seen.push({ consumer: 2, value: text(m) }),
      );
      await second.ready();
      const values = Array.from({ length: 30 }, (_, i) => `job-${i}`);
      await bus.publish(
        topic,
        values.map((value) => ({ key: value, value })),
      );
      await until(() => seen.length >= 30, '30 messages');
      expect(seen.map((s) => s.value).sort()).toEqual([...values].sort());
      expect(new Set(seen.map((s) => s.consumer))).toEqual(new Set([1, 2]));
    });

    it("keeps each key's order: 3 keys x 50 messages arrive in order, each key on its murmur2 partition", async () => {
      const topic = unique('order');
      await bus.ensureTopics([topic], 3);
      const keys = ['setting-a', 'setting-b', 'setting-c'];
      const seen = new Map(keys.map((k) => [k, [] as Array<{ i: number; partition: number }>]));
      const sub = bus.subscribe(
        topic,
        unique('order'),
        async (m) => {
          // Yield, so a delivery that overlapped another of the same key would show up as disorder.
          await new Promise((resolve) => setImmediate(resolve));
          seen.get(m.key)!.push({ i: readJson<{ i: number }>(m).i, partition: m.partition });
        },
        { fromBeginning: true },
      );
      await sub.ready();
      for (let round = 0; round < 5; round++) {
        const messages = [];
        for (let i = round * 10; i < round * 10 + 10; i++) {
          for (const key of keys) messages.push({ key, value: JSON.stringify({ key, i }) });
        }
        await bus.publish(topic, messages);
      }
      await until(() => [...seen.values()].every((s) => s.length >= 50), '150 messages');
      for (const key of keys) {
        const got = seen.get(key)!;
        expect(got.map((g) => g.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
        // Every adapter partitions as Kafka's default partitioner does (murmur2 of the key).
        expect(new Set(got.map((g) => g.partition))).toEqual(new Set([partitionForKey(key, 3)]));
      }
    });

    it('redelivers what a crashed consumer left uncommitted to the next consumer in its group', async () => {
      const topic = unique('crash');
      const group = unique('crash');
      await bus.ensureTopics([topic], 1);
      const first: string[] = [];
      const crashing = bus.subscribe(
        topic,
        group,
        async (m) => {
          first.push(text(m));
          // The consumer "crashes" while handling m2: the handler never returns and the stop gives it no grace.
          if (text(m) === 'm2') await new Promise(() => undefined);
        },
        { fromBeginning: true, stopGraceMs: 0 },
      );
      await crashing.ready();
      await bus.publish(
        topic,
        ['m0', 'm1', 'm2', 'm3', 'm4'].map((value) => ({ key: 'placement-1', value })),
      );
      await until(() => first.includes('m2'), 'the crashing handler to get m2');
      await crashing.stop();
      expect(first).toEqual(['m0', 'm1', 'm2']);

      const second: string[] = [];
      const next = bus.subscribe(topic, group, async (m) => void second.push(text(m)), {
        fromBeginning: true,
      });
      await next.ready();
      await until(() => second.length >= 3, 'the uncommitted messages');
      expect(second).toEqual(['m2', 'm3', 'm4']);
    });

    it('lets a handler in progress finish when stopped, commits it, and hands nothing more to it', async () => {
      const topic = unique('graceful');
      const group = unique('graceful');
      await bus.ensureTopics([topic], 1);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const seen: string[] = [];
      const sub = bus.subscribe(
        topic,
        group,
        async (m) => {
          seen.push(text(m));
          if (text(m) === 'slow') await gate;
        },
        { fromBeginning: true, stopGraceMs: 60_000 },
      );
      await sub.ready();
      await bus.publish(topic, [
        { key: 'k', value: 'slow' },
        { key: 'k', value: 'next' },
      ]);
      await until(() => seen.includes('slow'), 'the slow message');
      let stopped = false;
      const stopping = sub.stop().then(() => (stopped = true));
      await bus.ensureTopics([topic]);
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(seen).toEqual(['slow']);

      const after: string[] = [];
      const resumed = bus.subscribe(topic, group, async (m) => void after.push(text(m)), {
        fromBeginning: true,
      });
      await resumed.ready();
      await until(() => after.includes('next'), 'the message after the slow one');
      expect(after).toEqual(['next']);
    });

    (harness.restartBroker ? it : it.skip)(
      harness.restartBroker
        ? 'loses nothing across a broker restart: the log, the live consumer and the producer carry on'
        : `loses nothing across a broker restart (skipped: ${name} has no broker to restart)`,
      async () => {
        const topic = unique('restart');
        await bus.ensureTopics([topic]);
        const live: string[] = [];
        const sub = bus.subscribe(topic, unique('live'), async (m) => void live.push(text(m)), {
          fromBeginning: true,
        });
        await sub.ready();
        const before = Array.from({ length: 30 }, (_, i) => `before-${i}`);
        const after = Array.from({ length: 30 }, (_, i) => `after-${i}`);
        await bus.publish(
          topic,
          before.map((value, i) => ({ key: `k${i % 5}`, value })),
        );
        await until(() => before.every((v) => live.includes(v)), 'the messages before the restart');

        await harness.restartBroker!();

        await bus.publish(
          topic,
          after.map((value, i) => ({ key: `k${i % 5}`, value })),
        );
        await until(
          () => after.every((v) => live.includes(v)),
          'the live consumer to go on after the restart',
          patience * 6,
        );
        const replay: string[] = [];
        const fresh = bus.subscribe(topic, unique('replay'), async (m) => void replay.push(text(m)), {
          fromBeginning: true,
        });
        await fresh.ready();
        await until(() => replay.length >= 60, 'a new group to read the whole log');
        expect(new Set(replay)).toEqual(new Set([...before, ...after]));
      },
      180_000,
    );

    it('dead-letters a poison message after its retries, with the error and its origin, and goes on', async () => {
      const topic = unique('poison');
      const group = unique('poison');
      await bus.ensureTopics([topic]);
      const attempts: IncomingMessage[] = [];
      const handled: string[] = [];
      const handler = async (m: IncomingMessage) => {
        if (text(m) === 'poison') {
          attempts.push(m);
          throw new TypeError('cannot read this message');
        }
        handled.push(text(m));
      };
      const sub = bus.subscribe(topic, group, handler, {
        fromBeginning: true,
        maxRetries: 2,
        retryBackoffMs: 10,
      });
      await sub.ready();
      await bus.publish(topic, [
        { key: 'child-1', value: 'before', headers: { 'event-id': 'e1' } },
        { key: 'child-1', value: 'poison', headers: { 'event-id': 'e2' } },
        { key: 'child-1', value: 'after', headers: { 'event-id': 'e3' } },
        { key: 'child-2', value: 'other', headers: { 'event-id': 'e4' } },
      ]);
      await until(
        () => handled.includes('after') && handled.includes('other'),
        'the messages after the poison',
      );
      expect(attempts).toHaveLength(3);
      expect(handled.filter((v) => v !== 'other')).toEqual(['before', 'after']);

      const dead: IncomingMessage[] = [];
      const reader = bus.subscribe(
        deadLetterTopic(topic),
        unique('dlq-reader'),
        async (m) => void dead.push(m),
        {
          fromBeginning: true,
        },
      );
      await reader.ready();
      await until(() => dead.length >= 1, 'the dead-lettered message');
      expect(dead).toHaveLength(1);
      expect(dead[0].key).toBe('child-1');
      expect(text(dead[0])).toBe('poison');
      expect(dead[0].headers).toEqual({
        'event-id': 'e2',
        [DEAD_LETTER_HEADERS.error]: 'cannot read this message',
        [DEAD_LETTER_HEADERS.errorName]: 'TypeError',
        [DEAD_LETTER_HEADERS.attempts]: '3',
        [DEAD_LETTER_HEADERS.groupId]: group,
        [DEAD_LETTER_HEADERS.originalTopic]: topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(attempts[0].partition),
        [DEAD_LETTER_HEADERS.originalOffset]: attempts[0].offset,
      });

      // The group committed past the poison message: the next consumer in it gets only what comes next.
      await sub.stop();
      const again: string[] = [];
      const resumed = bus.subscribe(topic, group, async (m) => void again.push(text(m)), {
        fromBeginning: true,
      });
      await resumed.ready();
      await bus.publish(topic, [{ key: 'child-1', value: 'later' }]);
      await until(() => again.includes('later'), 'the message published after the resume');
      expect(again).toEqual(['later']);
    });

    it('round-trips headers, including empty and non-ASCII values', async () => {
      const topic = unique('headers');
      await bus.ensureTopics([topic], 1);
      const headers = {
        'event-id': '6a0c2a3e-9a51-4f3c-9d43-0c6a8f0e1b27',
        'event-type': 'VacancyOpened',
        'schema-version': '2',
        'x-empty': '',
        'x-text': 'Siân Ó Dónaill — 日本語 — 👪🏠',
      };
      const got: IncomingMessage[] = [];
      const sub = bus.subscribe(topic, unique('headers'), async (m) => void got.push(m), {
        fromBeginning: true,
      });
      await sub.ready();
      await bus.publish(topic, [
        { key: 'setting-1', value: '{}', headers },
        { key: 'setting-1', value: '{}' },
      ]);
      await until(() => got.length >= 2, 'two messages');
      expect(got[0].headers).toEqual(headers);
      expect(got[1].headers).toEqual({});
      expect(got.map((m) => [m.topic, m.key, m.offset])).toEqual([
        [topic, 'setting-1', '0'],
        [topic, 'setting-1', '1'],
      ]);
    });

    it('round-trips JSON text, binary values (every byte, and none) and an empty key', async () => {
      const topic = unique('values');
      await bus.ensureTopics([topic], 1);
      const json = {
        name: 'Siân Ó Dónaill',
        places: 2,
        at: '2026-11-22T10:00:00.000Z',
        nested: [1, 'two', null, true],
      };
      const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const got: IncomingMessage[] = [];
      const sub = bus.subscribe(topic, unique('values'), async (m) => void got.push(m), {
        fromBeginning: true,
      });
      await sub.ready();
      await bus.publish(topic, [
        { key: 'k', value: JSON.stringify(json) },
        { key: 'k', value: binary },
        { key: 'k', value: Buffer.alloc(0) },
        { key: '', value: 'no key' },
      ]);
      await until(() => got.length >= 4, 'four messages');
      expect(readJson(got[0])).toEqual(json);
      expect(Buffer.isBuffer(got[1].value) && got[1].value.equals(binary)).toBe(true);
      expect(got[2].value).toHaveLength(0);
      expect([got[3].key, text(got[3])]).toEqual(['', 'no key']);
    });

    it('starts a new group at the end of the log unless told fromBeginning, missing nothing after ready()', async () => {
      const topic = unique('latest');
      await bus.ensureTopics([topic], 3);
      await bus.publish(
        topic,
        ['old-1', 'old-2', 'old-3'].map((value, i) => ({ key: `k${i}`, value })),
      );
      const got: string[] = [];
      const sub = bus.subscribe(topic, unique('latest'), async (m) => void got.push(text(m)));
      await sub.ready();
      await bus.publish(
        topic,
        ['new-1', 'new-2', 'new-3'].map((value, i) => ({ key: `k${i}`, value })),
      );
      await until(() => got.length >= 3, 'the three new messages');
      // Each new message is behind the old one of its key in the same partition: had an old one come, it
      // would have come first.
      expect(got.sort()).toEqual(['new-1', 'new-2', 'new-3']);
    });

    it('refuses a topic that does not exist, on publish and on subscribe, as not retriable', async () => {
      const missing = unique('missing');
      const published = await bus.publish(missing, [{ key: 'k', value: 'v' }]).catch((e: unknown) => e);
      expect(published).toBeInstanceOf(UnknownTopicError);
      expect(published).toMatchObject({ retriable: false, code: 'MESSAGE_BUS.UNKNOWN_TOPIC' });
      const sub = bus.subscribe(missing, unique('missing'), async () => undefined);
      await expect(sub.ready()).rejects.toBeInstanceOf(UnknownTopicError);
      await sub.stop();
    });
  });
};
