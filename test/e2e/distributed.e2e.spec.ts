import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  ALL_INTEGRATION_TOPICS,
  INTEGRATION_HEADERS,
  INTEGRATION_TOPICS,
  IntegrationEvent,
} from '@placematch/contracts';
import { IncomingMessage, KafkaMessageBus, readJson } from '@placematch/message-bus';
import { freshDatabase, tokenFor } from '../support/app-harness';
import {
  auth,
  daysAgo,
  decideAndStart,
  LA,
  offerPlace,
  recordChild,
  requestAndSearch,
  shortlistAndRefer,
  teamOf,
} from '../support/placements-fixtures';
import { distributedEnv, ServiceName, ServiceProcess, startService } from '../support/service-processes';
import { approvedHousehold, oneChildSearch, openVacancy, providerWithKey } from '../support/supply-fixtures';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** Tries `check` until it passes (other processes catch up through Kafka); never a fixed sleep. */
const until = async <T>(check: () => Promise<T>, withinMs = 20_000): Promise<T> => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

describe('distributed mode: the four services as separate processes on PostgreSQL, bull on Redis and a real Kafka broker', () => {
  const services = {} as Record<ServiceName, ServiceProcess>;
  let drop: () => Promise<void>;
  let listener: KafkaMessageBus;
  const heard: IncomingMessage[] = [];
  let operator: string;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let commissioner: string;
  let provider: { providerId: string; key: string };
  let settingId: string;
  let requestId: string;
  let placementId: string;

  const search = () =>
    request(services.matching.url)
      .post('/api/matching/search')
      .set(auth(team.officer))
      .send(oneChildSearch())
      .expect(200);
  const placesAt = async (id: string) =>
    ((await search()).body.results as { settingId: string }[]).some((r) => r.settingId === id);

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const env = distributedEnv(db.url, `pm-e2e-${Date.now().toString(36)}`);
    // A consumer of our own, as another organisation's system would be, to see what goes over the wire.
    listener = new KafkaMessageBus({ brokers: BROKERS, clientId: 'distributed-e2e' });
    await listener.ensureTopics([...ALL_INTEGRATION_TOPICS]);
    const listening = listener.subscribe(
      [...ALL_INTEGRATION_TOPICS],
      `distributed-e2e-${Date.now()}`,
      async (m) => void heard.push(m),
    );
    await listening.ready();
    const started = await Promise.all(
      (['provider-api', 'placements-api', 'matching', 'commissioning'] as const).map((name) =>
        startService(name, env),
      ),
    );
    for (const s of started) services[s.name] = s;
    operator = await tokenFor('operator');
    team = await teamOf(LA);
    commissioner = await tokenFor('commissioner', { region: 'north-east' });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await listener?.close();
    await drop?.();
  }, 60_000);

  const demand = () =>
    request(services.commissioning.url)
      .get('/api/commissioning/demand')
      .query({ from: daysAgo(30), to: new Date().toISOString().slice(0, 10) })
      .set(auth(commissioner))
      .expect(200);

  it('starts each service on its own, each ready with its event store and read models', async () => {
    for (const s of Object.values(services)) {
      const res = await request(s.url).get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ok' });
    }
    // Nothing has happened yet: no demand anywhere in the region.
    expect(JSON.stringify((await demand()).body.breakdowns)).not.toContain('"c"');
  });

  it('shows a vacancy opened through the provider API in the matching service’s search, through Kafka', async () => {
    provider = await providerWithKey(
      services['provider-api'].url,
      operator,
      'Distributed Fostering Ltd',
      'SC999701',
    );
    settingId = await approvedHousehold(services['provider-api'].url, provider.key, {
      name: 'Household Across Processes',
      postcode: 'NE1 9ZZ',
    });
    expect(await placesAt(settingId)).toBe(false);
    await openVacancy(services['provider-api'].url, provider.key, settingId);
    await until(async () => expect(await placesAt(settingId)).toBe(true));
  });

  it('publishes integration events keyed by aggregate id with the event id in a header, and nothing about a child', async () => {
    const vacancy = await until(async () => {
      const m = heard.find(
        (h) =>
          h.topic === INTEGRATION_TOPICS.supply &&
          h.headers[INTEGRATION_HEADERS.eventType] === 'VacancyUpdated',
      );
      expect(m).toBeDefined();
      return m!;
    });
    const event = readJson<IntegrationEvent>(vacancy);
    expect(vacancy.key).toBe(settingId);
    expect(event).toMatchObject({
      type: 'VacancyUpdated',
      version: 1,
      aggregateId: settingId,
      context: 'supply',
    });
    expect(vacancy.headers[INTEGRATION_HEADERS.eventId]).toBe(event.id);
  });

  it('runs a placement team’s request, search, referral, decision and placement through the placements API', async () => {
    const api = services['placements-api'].url;
    const childId = await recordChild(api, team.officer);
    // The placements API keeps its own full index: the vacancy opened in another process is there.
    const { requestId: id, search } = await requestAndSearch(api, team.officer, childId);
    requestId = id;
    expect(search.results.map((r) => r.settingId)).toContain(settingId);
    const referralId = await shortlistAndRefer(api, team.officer, requestId, search.searchId, settingId);
    // The provider answers with its API key (issued by the provider API, another process).
    await until(() => offerPlace(api, provider.key, referralId));
    placementId = await decideAndStart(api, team.officer, { requestId, childId, settingId }, daysAgo(3));
    expect(placementId).toEqual(expect.any(String));
  });

  it('shows the place as filled in the matching service once the placement has started in another process', async () => {
    await until(async () => expect(await placesAt(settingId)).toBe(false));
  });

  it('publishes the placement in SSDA903 terms, without the child', async () => {
    const started = await until(async () => {
      const m = heard.find(
        (h) => h.key === placementId && h.headers[INTEGRATION_HEADERS.eventType] === 'PlacementStarted',
      );
      expect(m).toBeDefined();
      return readJson<IntegrationEvent<string, Record<string, unknown>>>(m!);
    });
    expect(started.data).toMatchObject({
      placementId,
      requestId,
      settingId,
      placementType: expect.stringMatching(/^U[1-6]$/),
      localAuthority: LA,
    });
    expect(JSON.stringify(started)).not.toMatch(/childId|Zzyzxsynthetic/);
  });

  it('counts the request and the placement in the commissioning service’s sufficiency view', async () => {
    const res = await until(async () => {
      const r = await demand();
      // One child: a count from 1 to 4 is shown as the suppression marker, never as the number.
      expect(JSON.stringify(r.body.breakdowns)).toContain('"c"');
      return r;
    });
    expect(res.body.suppression).toMatchObject({ marker: 'c' });
  });

  it('runs imports as jobs on bull, each in the service that owns it, with progress read through the API', async () => {
    const fixtures = join(__dirname, '..', 'fixtures');
    const finished = async (url: string, id: string) =>
      until(async () => {
        const res = await request(url).get(`/api/imports/${id}`).set(auth(operator)).expect(200);
        expect(res.body.state).toBe('completed');
        return res.body;
      }, 60_000);
    const ofsted = await request(services['provider-api'].url)
      .post('/api/imports/ofsted')
      .set(auth(operator))
      .set('Content-Type', 'text/csv')
      .send(readFileSync(join(fixtures, 'ofsted-list-dirty.csv')))
      .expect(202);
    const returns = await request(services.commissioning.url)
      .post('/api/imports/ssda903')
      .set(auth(operator))
      .attach('header', readFileSync(join(fixtures, 'ssda903', 'header-dirty.csv')), 'header.csv')
      .attach('episodes', readFileSync(join(fixtures, 'ssda903', 'episodes-dirty.csv')), 'episodes.csv')
      .field('localAuthority', LA)
      .expect(202);
    // The provider API and commissioning share one Redis: neither takes the other's import.
    const [o, r] = await Promise.all([
      finished(services['provider-api'].url, ofsted.body.id),
      finished(services.commissioning.url, returns.body.id),
    ]);
    expect(o).toMatchObject({ kind: 'ofsted', progress: { imported: expect.any(Number) } });
    expect(o.progress.imported).toBeGreaterThan(0);
    expect(r).toMatchObject({ kind: 'ssda903' });
    expect(r.progress.imported).toBeGreaterThan(0);
  }, 150_000);
});
