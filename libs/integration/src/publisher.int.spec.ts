import { randomUUID } from 'node:crypto';
import {
  ALL_INTEGRATION_TOPICS,
  INTEGRATION_HEADERS,
  INTEGRATION_TOPICS,
  IntegrationEvent,
} from '@placematch/contracts';
import { SqlEventStore } from '@placematch/event-store';
import {
  IncomingMessage,
  InProcessMessageBus,
  KafkaMessageBus,
  MessageBus,
  OutgoingMessage,
  readJson,
  RetriableMessageBusError,
} from '@placematch/message-bus';
import { ProjectionRunner } from '@placematch/projections';
import { PostgresSqlClient } from '@placematch/sql';
import { IntegrationPublisher } from './publisher';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const meta = {
  actor: { id: 'provider-1', role: 'provider' },
  correlationId: 'corr',
  causationId: 'cmd',
  occurredAt: '2026-11-22T10:00:00.000Z',
};

/** A bus that refuses the first `failures` publishes as a broker that is down would, then passes them on. */
class FlakyBus {
  publishes = 0;
  constructor(
    private readonly inner: MessageBus,
    private failures: number,
  ) {}
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.publishes += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new RetriableMessageBusError('broker not available');
    }
    await this.inner.publish(topic, messages);
  }
}

const until = async (check: () => void, withinMs = 30_000) => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

describe.each([
  ['kafka', () => new KafkaMessageBus({ brokers: BROKERS, clientId: 'publisher-int' })],
  ['in-process', () => new InProcessMessageBus()],
] as const)('integration publisher on PostgreSQL and the %s bus', (_name, openBus) => {
  const tag = `ip_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  let bus: MessageBus;
  const received: IncomingMessage[] = [];
  const runners: ProjectionRunner[] = [];

  /** A setting's life: registered, a vacancy opened, changed and filled; a skill level that stays internal. */
  const settingLife = async (settingId: string) => {
    const vacancyId = randomUUID();
    await store.append(
      `setting-${settingId}`,
      [
        {
          type: 'SettingRegistered',
          schemaVersion: 1,
          data: {
            settingId,
            providerId: 'pr1',
            name: 'H',
            placementTypes: ['U4'],
            location: {},
            hostLocalAuthority: 'E08000021',
          },
          metadata: meta,
        },
        {
          type: 'SkillLevelRecorded',
          schemaVersion: 1,
          data: { tier: 2, assessedOn: '2026-11-01' },
          metadata: meta,
        },
        {
          type: 'VacancyOpened',
          schemaVersion: 1,
          data: { vacancyId, places: 2, availableFrom: '2026-12-01', openedAt: 'T1' },
          metadata: meta,
        },
      ],
      'no_stream',
    );
    await store.append(
      `setting-${settingId}`,
      [
        {
          type: 'VacancyChanged',
          schemaVersion: 1,
          data: { vacancyId, places: 1, availableFrom: '2026-12-01', changedAt: 'T2' },
          metadata: meta,
        },
        {
          type: 'VacancyFilled',
          schemaVersion: 1,
          data: { vacancyId, placementId: 'p1', placesLeft: 0, filledAt: 'T3' },
          metadata: meta,
        },
      ],
      2,
    );
  };
  const mine = (settingIds: string[]) => received.filter((m) => settingIds.includes(m.key));
  const runner = (publisherBus: Pick<MessageBus, 'publish'>) => {
    const r = new ProjectionRunner(store, sql, [new IntegrationPublisher(publisherBus as MessageBus)], {
      schema: `${tag}_cp`,
      onError: () => undefined,
    });
    runners.push(r);
    return r;
  };

  beforeAll(async () => {
    sql = new PostgresSqlClient({ connectionString: DATABASE_URL });
    store = await SqlEventStore.open(sql, { schema: `${tag}_events`, idlePollMs: 20 });
    bus = openBus();
    await bus.ensureTopics([...ALL_INTEGRATION_TOPICS]);
    const sub = bus.subscribe(
      [...ALL_INTEGRATION_TOPICS],
      `${tag}-reader`,
      async (m) => void received.push(m),
    );
    await sub.ready();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await bus.close();
    for (const s of ['events', 'cp']) await sql.exec(`DROP SCHEMA IF EXISTS ${tag}_${s} CASCADE`);
    await sql.close();
  });

  it('publishes what the log holds, keyed by aggregate id, in log order, with the event id in a header', async () => {
    const settingId = randomUUID();
    const r = runner(bus);
    await r.start();
    await settingLife(settingId);
    await until(() => expect(mine([settingId])).toHaveLength(4));
    const events = mine([settingId]).map((m) => readJson<IntegrationEvent>(m));
    expect(events.map((e) => [e.type, (e.data as { change?: string }).change])).toEqual([
      ['SettingRegistered', undefined],
      ['VacancyUpdated', 'opened'],
      ['VacancyUpdated', 'changed'],
      ['VacancyUpdated', 'filled'],
    ]);
    for (const m of mine([settingId])) {
      expect(m.topic).toBe(INTEGRATION_TOPICS.supply);
      expect(m.headers[INTEGRATION_HEADERS.eventId]).toBe(readJson<IntegrationEvent>(m).id);
      expect(m.headers[INTEGRATION_HEADERS.eventVersion]).toBe('1');
    }
    // The skill tier stays internal (M-38).
    expect(events.map((e) => e.type)).not.toContain('SkillLevelRecorded');
  });

  it('resumes from its checkpoint after a restart and publishes nothing twice', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await settingLife(first);
    const r1 = runner(bus);
    await r1.start();
    await r1.caughtUp();
    await r1.stop();
    await settingLife(second);
    const r2 = runner(bus);
    await r2.start();
    await r2.caughtUp();
    await until(() => expect(mine([second])).toHaveLength(4));
    expect(mine([first])).toHaveLength(4);
  });

  it('waits out a broker that is down: the publisher is restarted from its checkpoint and loses nothing', async () => {
    const settingId = randomUUID();
    const flaky = new FlakyBus(bus, 2);
    const r = runner(flaky);
    await r.start();
    await settingLife(settingId);
    await until(() => expect(mine([settingId])).toHaveLength(4), 20_000);
    expect(flaky.publishes).toBeGreaterThanOrEqual(3);
    expect(new Set(mine([settingId]).map((m) => m.headers[INTEGRATION_HEADERS.eventId])).size).toBe(4);
  });

  it('publishes each page once when two processes run the publisher on one checkpoint', async () => {
    const settingIds = [randomUUID(), randomUUID(), randomUUID()];
    const [a, b] = [runner(bus), runner(bus)];
    await Promise.all([a.start(), b.start()]);
    for (const id of settingIds) await settingLife(id);
    await until(() => expect(mine(settingIds)).toHaveLength(12));
    await Promise.all([a.caughtUp(), b.caughtUp()]);
    expect(new Set(mine(settingIds).map((m) => m.headers[INTEGRATION_HEADERS.eventId])).size).toBe(12);
    expect(mine(settingIds)).toHaveLength(12);
  });
});
