import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { JOB_QUEUE, JobInfo, JobQueue } from '@placematch/job-queue';
import { ExecuteCommand } from '@placematch/runtime';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import { Listed, placeChild, provider, Run, setting, uid } from '../support/commissioning-scenario';
import { approvedHousehold, openVacancy, providerWithKey } from '../support/supply-fixtures';

jest.setTimeout(180_000);

const NEWCASTLE = 'E08000021';
const MIDDLESBROUGH = 'E06000002';
const WESTMINSTER = 'E09000033';
const DAY_MS = 86_400_000;

describe('jobs of the supply and commissioning contexts, on PostgreSQL with the in-process job queue', () => {
  let h: AppHarness;
  let jobs: JobQueue;
  let operator: string;

  /** Resolves with the job once it has completed or failed (the test's timeout bounds the wait). */
  const finished = async (queue: string, id: string): Promise<JobInfo> => {
    for (;;) {
      const job = await jobs.getJob(queue, id);
      if (job && (job.state === 'completed' || job.state === 'failed')) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** Enqueues a job by name, as the schedule does, and waits for it. */
  const runJob = async (queue: string, name: string): Promise<JobInfo> => {
    const job = await jobs.enqueue(queue, { name, data: {} });
    return finished(queue, job.id);
  };

  beforeAll(async () => {
    h = await startApp('postgres');
    jobs = h.app.get<JobQueue>(JOB_QUEUE);
    operator = await tokenFor('operator');
  });
  afterAll(() => h?.close());

  // Runs first: the commissioning scenario below opens vacancies long ago, which would be stale too.
  describe('stale-vacancy reminders (queue supply, job stale-vacancy-reminders)', () => {
    let a: Awaited<ReturnType<typeof providerWithKey>>;
    let b: Awaited<ReturnType<typeof providerWithKey>>;
    let settingId: string;
    let staleId: string;
    let freshId: string;
    let openedAt: string;

    const remindersOf = (providerId: string, key: string) =>
      request(h.http).get(`/api/providers/${providerId}/reminders`).set('X-Api-Key', key);
    const remindersRecorded = async () => {
      const { events } = await h.app.get<EventStore>(EVENT_STORE).readStream(`setting-${settingId}`);
      return events.filter((e) => e.type === 'VacancyConfirmationRequested');
    };

    beforeAll(async () => {
      a = await providerWithKey(h.http, operator, 'Test Fostering Stale Ltd', 'SC999701');
      b = await providerWithKey(h.http, operator, 'Test Fostering Other Ltd', 'SC999702');
      settingId = await approvedHousehold(h.http, a.key, { name: 'Household Stale', postcode: 'NE1 4XX' });
      freshId = await openVacancy(h.http, a.key, settingId);
      // The vacancy the provider opened eight days ago and has not confirmed since. The API stamps commands
      // with the clock, so this one goes through the app's command pipeline (the real setting decider, store
      // and projections) with its time set eight days back, as the commissioning scenarios write history.
      staleId = randomUUID();
      openedAt = new Date(Date.now() - 8 * DAY_MS).toISOString();
      await h.app.get(CommandBus).execute(
        new ExecuteCommand(
          'setting',
          settingId,
          {
            type: 'OpenVacancy',
            data: { vacancyId: staleId, places: 1, availableFrom: '2026-01-01' },
            at: openedAt,
          },
          { id: a.keyId, role: 'provider', scope: a.providerId },
        ),
      );
      await h.settled();
    });

    it('records one reminder for the stale vacancy and none for the fresh one', async () => {
      const run = await runJob('supply', 'stale-vacancy-reminders');
      expect(run.state).toBe('completed');
      expect(run.result).toMatchObject({ settings: 1, staleVacancies: 1, reminded: 1, refused: {} });
      const recorded = await remindersRecorded();
      expect(recorded).toHaveLength(1);
      expect(recorded[0].data).toMatchObject({
        vacancyId: staleId,
        staleSince: new Date(new Date(openedAt).getTime() + 7 * DAY_MS).toISOString(),
      });
    });

    it('records nothing when the job runs again the same day', async () => {
      const again = await runJob('supply', 'stale-vacancy-reminders');
      expect(again.result).toMatchObject({ staleVacancies: 1, reminded: 0 });
      expect(await remindersRecorded()).toHaveLength(1);
    });

    it('shows the provider its stale vacancy with the reminder, on its reminders and on the setting', async () => {
      const res = await remindersOf(a.providerId, a.key).expect(200);
      expect(res.body).toMatchObject({ providerId: a.providerId, staleAfterDays: 7 });
      expect(res.body.vacancies).toEqual([
        {
          settingId,
          settingName: 'Household Stale',
          vacancyId: staleId,
          places: 1,
          availableFrom: '2026-01-01',
          lastConfirmedAt: openedAt,
          staleSince: new Date(new Date(openedAt).getTime() + 7 * DAY_MS).toISOString(),
          confirmationRequested: {
            firstRequestedAt: expect.any(String),
            lastRequestedAt: expect.any(String),
            reminders: 1,
          },
        },
      ]);
      const view = await request(h.http)
        .get(`/api/settings/${settingId}`)
        .set('X-Api-Key', a.key)
        .expect(200);
      const byId = (id: string) => view.body.vacancies.find((v: { vacancyId: string }) => v.vacancyId === id);
      expect(byId(staleId)).toMatchObject({ stale: true, confirmationRequested: { reminders: 1 } });
      expect(byId(freshId).stale).toBe(false);
      expect(byId(freshId).confirmationRequested).toBeUndefined();
    });

    it("answers 404 to another provider's key, which sees only its own (empty) list", async () => {
      const refused = await remindersOf(a.providerId, b.key).expect(404);
      expect(refused.body.code).toBe('PROVIDER.NOT_FOUND');
      expect((await remindersOf(b.providerId, b.key).expect(200)).body.vacancies).toEqual([]);
    });

    it('clears the reminder when the provider confirms the vacancy, and the job then finds nothing', async () => {
      await request(h.http)
        .post(`/api/settings/${settingId}/vacancies/${staleId}/confirm`)
        .set('X-Api-Key', a.key)
        .expect(200);
      expect((await remindersOf(a.providerId, a.key).expect(200)).body.vacancies).toEqual([]);
      await h.settled();
      const after = await runJob('supply', 'stale-vacancy-reminders');
      expect(after.result).toMatchObject({ settings: 0, staleVacancies: 0, reminded: 0 });
      expect(await remindersRecorded()).toHaveLength(1);
    });
  });

  describe('nightly sufficiency snapshot (queue commissioning, job sufficiency-snapshot)', () => {
    let northEast: string;
    let london: string;
    let jobId: string;
    let today: string;

    const get = (path: string, token: string, query: Record<string, string> = {}) =>
      request(h.http).get(`/api/commissioning/${path}`).query(query).set('Authorization', `Bearer ${token}`);
    const seriesOf = (region: string, token = operator) =>
      get(`regions/${region}/snapshots`, token, { from: today, to: today }).expect(200);
    /** A statement without the instant it was generated at, which is all that differs between two readings. */
    const figures = ({ generatedAt: _at, ...rest }: { generatedAt: string }) => rest;

    beforeAll(async () => {
      northEast = await tokenFor('commissioner', { region: 'north-east' });
      london = await tokenFor('commissioner', { region: 'london' });
      const bus = h.app.get(CommandBus);
      const run: Run = (aggregate, id, command) =>
        bus.execute(
          new ExecuteCommand(aggregate, id, command, { id: 'test-officer', role: 'placement-officer' }),
        );
      const at = '2025-05-01T09:00:00.000Z';
      const [P1, P2, P3] = [1, 2, 3].map((n) => uid(0x501, n));
      const [S1, S2, S3] = [1, 2, 3].map((n) => uid(0x401, n));
      await provider(run, P1, { la: NEWCASTLE, urn: 'SC999401', judgement: 'Good', at });
      await provider(run, P2, { la: MIDDLESBROUGH, urn: 'SC999402', judgement: 'Outstanding', at });
      await provider(run, P3, { la: WESTMINSTER, urn: 'SC999403', at });
      const settings: [string, string, string, 'U4' | 'K2', string?, string?][] = [
        [S1, P1, NEWCASTLE, 'U4'],
        [S2, P2, MIDDLESBROUGH, 'K2', 'TS1 9ZZ', 'TS1 9'],
        [S3, P3, WESTMINSTER, 'U4', 'SW1A 9ZZ', 'SW1A 9'],
      ];
      for (const [i, [settingId, providerId, la, type, postcode, sector]] of settings.entries()) {
        await setting(run, settingId, {
          providerId,
          la,
          types: [type],
          vacancyId: uid(0xb01, i + 1),
          weeklyCostPence: 90_000,
          postcode,
          sector,
          at,
        });
      }
      const nclFoster: Listed = { settingId: S1, providerId: P1, miles: 3.2, inAuthority: true };
      for (let n = 1; n <= 3; n++) {
        await placeChild(run, n, {
          la: NEWCASTLE,
          requestedOn: `2025-06-0${n + 1}`,
          startedOn: `2025-06-0${n + 2}`,
          listed: [nclFoster],
          chosen: nclFoster,
          placementType: 'U4',
        });
      }
      const westminster: Listed = { settingId: S3, providerId: P3, miles: 1.1, inAuthority: true };
      await placeChild(run, 20, {
        la: WESTMINSTER,
        requestedOn: '2025-06-20',
        startedOn: '2025-06-21',
        listed: [westminster],
        chosen: westminster,
        placementType: 'U4',
      });
      await h.settled();
    });

    it('lets only an operator take a snapshot now: 202 with the job id of the day', async () => {
      await request(h.http)
        .post('/api/commissioning/snapshots')
        .set('Authorization', `Bearer ${northEast}`)
        .expect(403);
      const res = await request(h.http)
        .post('/api/commissioning/snapshots')
        .set('Authorization', `Bearer ${operator}`)
        .expect(202);
      expect(res.body.jobId).toMatch(/^sufficiency-snapshot:\d{4}-\d{2}-\d{2}$/);
      jobId = res.body.jobId;
      today = jobId.slice('sufficiency-snapshot:'.length);
      const job = await finished('commissioning', jobId);
      expect(job.state).toBe('completed');
      expect((job.result as { regions: string[] }).regions).toEqual(
        expect.arrayContaining(['north-east', 'london']),
      );
    });

    it('stores for each region the statement its commissioner sees live, suppression included', async () => {
      for (const [region, token] of [
        ['north-east', northEast],
        ['london', london],
      ] as const) {
        const series = await seriesOf(region, token);
        expect(series.body).toMatchObject({ region, from: today, to: today });
        expect(series.body.snapshots).toHaveLength(1);
        const [snapshot] = series.body.snapshots;
        expect(snapshot).toMatchObject({ region, date: today });
        const live = await get('exports/sufficiency.json', token).expect(200);
        expect(figures(snapshot.statement)).toEqual(figures(live.body));
      }
      // London has one setting: the snapshot holds the suppression marker where the live view shows it.
      const londonSnapshot = (await seriesOf('london', london)).body.snapshots[0].statement;
      const settingsByGroup = londonSnapshot.supply.breakdowns.find(
        (b: { id: string }) => b.id === 'placementGroup',
      );
      expect(settingsByGroup.figures.total).toBe('c');
    });

    it('keeps one row per region and date when the job runs again the same day', async () => {
      const before = (await seriesOf('north-east')).body.snapshots[0];
      const again = await request(h.http)
        .post('/api/commissioning/snapshots')
        .set('Authorization', `Bearer ${operator}`)
        .expect(202);
      expect(again.body.jobId).toBe(jobId);
      // The day's job id is taken, so run the job by name as the schedule does.
      const rerun = await runJob('commissioning', 'sufficiency-snapshot');
      expect(rerun.state).toBe('completed');
      const series = (await seriesOf('north-east')).body.snapshots;
      expect(series).toHaveLength(1);
      expect(series[0].date).toBe(today);
      expect(series[0].takenAt >= before.takenAt).toBe(true);
      expect(series[0].takenAt).not.toBe(before.takenAt);
      expect(figures(series[0].statement)).toEqual(figures(before.statement));
    });

    it('exports the series as CSV: the sufficiency CSV lines, each led by the date', async () => {
      const csv = await get('regions/north-east/snapshots.csv', northEast, { from: today, to: today }).expect(
        200,
      );
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('date,section,kind,id,dimension,unit,area,category,value');
      const live = await get('exports/sufficiency.csv', northEast).expect(200);
      expect(lines.slice(1)).toEqual(
        live.text
          .trimEnd()
          .split('\r\n')
          .slice(1)
          .map((l) => `${today},${l}`),
      );
    });

    it('refuses a commissioner of another region with 403, and a bad date or region with 400 naming it', async () => {
      for (const path of ['regions/north-east/snapshots', 'regions/north-east/snapshots.csv']) {
        const res = await get(path, london).expect(403);
        expect(res.body.code).toBe('SCOPE.REGION_FORBIDDEN');
      }
      const badDate = await get('regions/north-east/snapshots', northEast, { from: '2026-02-30' }).expect(
        400,
      );
      expect(badDate.body.details.fields).toEqual([expect.objectContaining({ field: 'from' })]);
      const badTo = await get('regions/north-east/snapshots', northEast, { to: 'yesterday' }).expect(400);
      expect(badTo.body.details.fields).toEqual([expect.objectContaining({ field: 'to' })]);
      const reversed = await get('regions/north-east/snapshots', northEast, {
        from: '2026-05-02',
        to: '2026-05-01',
      }).expect(400);
      expect(reversed.body.code).toBe('COMMISSIONING.PERIOD_REVERSED');
      const badRegion = await get('regions/North_East/snapshots', operator).expect(400);
      expect(badRegion.body.details.fields).toEqual([expect.objectContaining({ field: 'region' })]);
      await get(
        'regions/north-east/snapshots',
        await tokenFor('placement-officer', { la: NEWCASTLE }),
      ).expect(403);
    });
  });
});
