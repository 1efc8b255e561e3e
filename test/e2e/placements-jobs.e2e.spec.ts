import request from 'supertest';
import { INTEGRATION_HEADERS, INTEGRATION_TOPICS, VacancyUpdatedV1 } from '@placematch/contracts';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { JOB_QUEUE, JobInfo, JobQueue } from '@placematch/job-queue';
import { CLOCK, Clock } from '@placematch/kernel';
import { MESSAGE_BUS, MessageBus } from '@placematch/message-bus';
import { settingStream, SettingId } from '@placematch/supply';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  daysAgo,
  LA,
  placeAChild,
  recordChild,
  requestBody,
  requestedChild,
  stressDay,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, fosterTerms, openVacancy, providerWithKey } from '../support/supply-fixtures';

const QUEUE = 'placements';
const DAY = 86_400_000;

interface MatchAlert {
  searchId: string;
  settingIds: string[];
  trigger: { settingId: string; eventId: string };
  raisedAt: string;
}

describe('Placements jobs: match alerts and stress-report reminders, on PostgreSQL', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let operator: string;
  let provider: Awaited<ReturnType<typeof providerWithKey>>;
  let near: string;
  let jobs: JobQueue;
  let runs = 0;

  const get = (url: string) => request(h.http).get(url).set(auth(team.officer));
  const post = (url: string, token = team.officer) => request(h.http).post(url).set(auth(token));

  /** Waits until the job has finished (completed or failed): a condition, never a fixed sleep. */
  const finished = async (jobId: string): Promise<JobInfo> => {
    for (let tries = 0; tries < 2_000; tries++) {
      const job = await jobs.getJob(QUEUE, jobId);
      if (job && (job.state === 'completed' || job.state === 'failed')) return job;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`job ${jobId} did not finish`);
  };

  beforeAll(async () => {
    h = await startApp('postgres');
    jobs = h.app.get<JobQueue>(JOB_QUEUE);
    team = await teamOf(LA);
    operator = await tokenFor('operator');
    provider = await providerWithKey(h.http, operator, 'Test Fostering Jobs Ltd', 'SC999601');
    near = await approvedHousehold(h.http, provider.key, {
      name: 'Household Near',
      postcode: 'NE2 1XX',
      terms: { ...fosterTerms, maxChildren: 3, maxFromOneSiblingGroup: 3 },
    });
    await openVacancy(h.http, provider.key, near, 3);
  });
  afterAll(() => h.close());

  describe('match alerts when supply changes', () => {
    /** An integration envelope of a vacancy opened at `settingId`, as the supply topic carries it. */
    const vacancyUpdated = (eventId: string, settingId: string, change: 'opened' | 'changed') => {
      const event: VacancyUpdatedV1 = {
        id: eventId,
        type: 'VacancyUpdated',
        version: 1,
        context: 'supply',
        aggregateId: settingId,
        occurredAt: new Date().toISOString(),
        data: { settingId, vacancyId: eventId, change, places: 1, at: new Date().toISOString() },
      };
      return {
        key: settingId,
        value: JSON.stringify(event),
        headers: {
          [INTEGRATION_HEADERS.eventId]: eventId,
          [INTEGRATION_HEADERS.eventType]: event.type,
          [INTEGRATION_HEADERS.eventVersion]: '1',
          [INTEGRATION_HEADERS.contentType]: 'application/json',
        },
      };
    };
    const publish = (message: ReturnType<typeof vacancyUpdated>) =>
      h.app.get<MessageBus>(MESSAGE_BUS).publish(INTEGRATION_TOPICS.supply, [message]);
    /** The id of the internal VacancyOpened event: the `event-id` the integration publisher sends it under. */
    const vacancyOpenedId = async (settingId: string): Promise<string> => {
      const { events } = await h.app
        .get<EventStore>(EVENT_STORE)
        .readStream(settingStream(settingId as SettingId));
      const opened = events.filter((e) => e.type === 'VacancyOpened').at(-1);
      if (!opened) throw new Error('no vacancy opened');
      return opened.id;
    };
    const alertsOf = async (requestId: string): Promise<MatchAlert[]> =>
      (await get(`/api/requests/${requestId}`).expect(200)).body.matchAlerts;
    const searched = async (childOver: Record<string, unknown> = {}) => {
      const childId = await recordChild(h.http, team.officer, childOver);
      const raised = await post('/api/requests')
        .send(requestBody([requestedChild(childId)]))
        .expect(201);
      const requestId = raised.body.requestId as string;
      const search = await post(`/api/requests/${requestId}/searches`).send({}).expect(201);
      return { childId, requestId, searchId: search.body.searchId as string };
    };

    let open: Awaited<ReturnType<typeof searched>>;
    let erased: Awaited<ReturnType<typeof searched>>;
    let newcomer: string;
    let eventId: string;

    beforeAll(async () => {
      open = await searched();
      erased = await searched({ name: { given: 'Erased', family: 'Testchild' } });
      await post(`/api/children/${erased.childId}/erase`, team.senior)
        .send({ reason: 'Synthetic: retention period ended' })
        .expect(200);
      await h.settled();
      // A new home with a place: through the provider API, as a provider would.
      newcomer = await approvedHousehold(h.http, provider.key, {
        name: 'Household New',
        postcode: 'NE4 6XX',
      });
      await openVacancy(h.http, provider.key, newcomer, 1);
      await h.settled();
      // The vacancy's integration event, under the id of the internal event it is made from. When the integration
      // publisher runs, this is a redelivery of what it sent; when it does not, this is the first delivery.
      eventId = await vacancyOpenedId(newcomer);
      await publish(vacancyUpdated(eventId, newcomer, 'opened'));
    });

    it('searches the open requests again and records an alert naming the setting new in the top', async () => {
      const job = await finished(`match-alerts:${eventId}`);
      // Both open, searched requests were looked at; the erased child's was skipped, as a search would be.
      expect(job).toMatchObject({
        state: 'completed',
        name: 'match-alerts',
        result: { requests: 2, skipped: 1 },
      });
      const alerts = await alertsOf(open.requestId);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].settingIds).toEqual([newcomer]);
      expect(alerts[0].trigger.settingId).toBe(newcomer);
      // The re-run is recorded as evidence beside the person's search; the alert points at it.
      const view = (await get(`/api/requests/${open.requestId}`).expect(200)).body;
      expect(view.searches.map((s: { searchId: string }) => s.searchId)).toEqual([
        open.searchId,
        alerts[0].searchId,
      ]);
      const evidence = await get(`/api/requests/${open.requestId}/searches/${alerts[0].searchId}`).expect(
        200,
      );
      expect(evidence.body.top.map((t: { settingId: string }) => t.settingId)).toContain(newcomer);
    });

    it('M-04: an alert is a menu: nothing is shortlisted or referred by it', async () => {
      const view = (await get(`/api/requests/${open.requestId}`).expect(200)).body;
      expect(view).toMatchObject({ status: 'Open', shortlist: [], referrals: [] });
    });

    it('shows the count of alerts in the authority’s request list', async () => {
      await h.settled();
      const list = (await get('/api/requests').expect(200)).body as {
        requestId: string;
        matchAlerts: number;
      }[];
      expect(list.find((r) => r.requestId === open.requestId)?.matchAlerts).toBe(1);
    });

    it('skips a request whose child was erased, as a search would', async () => {
      expect(await alertsOf(erased.requestId)).toEqual([]);
    });

    it('records one alert when the same message is delivered twice, and one job ran for it', async () => {
      await publish(vacancyUpdated(eventId, newcomer, 'opened'));
      // Messages with one key arrive in order: once the next one's job has finished, the repeat was handled.
      const next = `test-${Date.now().toString(36)}-changed`;
      await publish(vacancyUpdated(next, newcomer, 'changed'));
      await finished(`match-alerts:${next}`);
      expect(await alertsOf(open.requestId)).toHaveLength(1);
      expect(await jobs.getJob(QUEUE, `match-alerts:${eventId}`)).toMatchObject({
        state: 'completed',
        attemptsMade: 1,
      });
    });
  });

  describe('stress-report reminders and escalation (KEEP, M-39, M-40)', () => {
    let placed: Awaited<ReturnType<typeof placeAChild>>;

    /**
     * Runs the daily check now, or as if `daysAhead` days had passed: the job reads the time from the CLOCK
     * port, which the test sets for the run and gives back afterwards.
     */
    const runCheck = async (daysAhead = 0): Promise<JobInfo> => {
      const clock = h.app.get<Clock>(CLOCK);
      const at = new Date(Date.now() + daysAhead * DAY);
      const set = jest.spyOn(clock, 'now').mockImplementation(() => new Date(at));
      try {
        runs += 1;
        const jobId = `stress-report-reminders:test-${runs}`;
        await jobs.enqueue(QUEUE, { name: 'stress-report-reminders', data: {}, jobId });
        const job = await finished(jobId);
        expect(job.state).toBe('completed');
        return job;
      } finally {
        set.mockRestore();
      }
    };
    const view = async () => (await get(`/api/placements/${placed.placementId}`).expect(200)).body;

    beforeAll(async () => {
      // Started 10 days ago (the fixture's start), and no stress report filed since.
      placed = await placeAChild(h, team, provider, near, { name: { given: 'Placed', family: 'Testchild' } });
      await h.settled();
    });

    it('M-40: reminds the carer after more than 7 days without a report, once however often it runs', async () => {
      await runCheck();
      const second = await runCheck();
      expect(second.result).toMatchObject({ reminders: 0, escalations: 0 });
      const v = await view();
      expect(v.reminders).toEqual([
        expect.objectContaining({ since: daysAgo(10), days: 10, settingId: near }),
      ]);
      expect(v.escalations).toEqual([]);
    });

    it('M-40: the provider sees the reminder on its placement', async () => {
      await h.settled();
      const lines = (
        await request(h.http).get('/api/provider/placements').set('X-Api-Key', provider.key).expect(200)
      ).body as { placementId: string; reminders: { since: string }[] }[];
      const line = lines.find((l) => l.placementId === placed.placementId);
      expect(line?.reminders).toEqual([expect.objectContaining({ since: daysAgo(10), days: 10 })]);
    });

    it('M-39: escalates to the placing team when still none after more than 14 days, once', async () => {
      await runCheck(5);
      const again = await runCheck(5);
      expect(again.result).toMatchObject({ reminders: 0, escalations: 0 });
      const v = await view();
      expect(v.reminders).toHaveLength(1);
      expect(v.escalations).toEqual([
        expect.objectContaining({ reason: 'no-stress-report', since: daysAgo(10), days: 15 }),
      ]);
    });

    it('M-40: escalates a support task that has had no support offered for 3 days, once', async () => {
      // A report with a day above the threshold: a disruption risk, and a support task opens today.
      const filed = await request(h.http)
        .post(`/api/placements/${placed.placementId}/stress-reports`)
        .set('X-Api-Key', provider.key)
        .send({ days: [stressDay(daysAgo(1), 6)] })
        .expect(201);
      expect(filed.body.openSupportTasks).toHaveLength(1);
      const taskId = filed.body.openSupportTasks[0].taskId as string;
      await runCheck(2);
      expect((await view()).escalations).toHaveLength(1);
      await runCheck(3);
      const again = await runCheck(3);
      expect(again.result).toMatchObject({ reminders: 0, escalations: 0 });
      const v = await view();
      // The report filed today started a new period: no reminder is due 3 days on.
      expect(v.reminders).toHaveLength(1);
      expect(v.escalations).toEqual([
        expect.objectContaining({ reason: 'no-stress-report' }),
        expect.objectContaining({ reason: 'support-not-offered', taskId, since: daysAgo(0), days: 3 }),
      ]);
    });
  });
});
