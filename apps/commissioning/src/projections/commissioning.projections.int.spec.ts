import type { Principal } from '@placematch/auth';
import { regionDecider, regionStream } from '@placematch/commissioning';
import { handleCommand, SqlEventStore } from '@placematch/event-store';
import { Decider, DomainEvent, FixedClock } from '@placematch/kernel';
import {
  childDecider,
  childStream,
  placementDecider,
  placementStream,
  requestDecider,
  requestStream,
} from '@placematch/placements';
import { ProjectionRunner } from '@placematch/projections';
import type { ProjectionHost } from '@placematch/runtime';
import { PostgresSqlClient } from '@placematch/sql';
import { providerDecider, providerStream, settingDecider, settingStream } from '@placematch/supply';
import {
  alertSupportAndDisruption,
  Listed,
  placeChild,
  provider,
  Run,
  setting,
  uid,
} from '../../../../test/support/commissioning-scenario';
import { commissioningOptions } from '../commissioning.options';
import { CommissioningReadModel } from '../commissioning.read-model';
import { CommissioningService } from '../commissioning.service';
import { commissioningProjections } from './commissioning.projections';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NEWCASTLE = 'E08000021';
const MIDDLESBROUGH = 'E06000002';

const aggregates: Record<
  string,
  { stream: (id: string) => string; decider: Decider<unknown, unknown, DomainEvent> }
> = {
  child: { stream: (id) => childStream(id as never), decider: childDecider as never },
  request: { stream: (id) => requestStream(id as never), decider: requestDecider as never },
  placement: { stream: (id) => placementStream(id as never), decider: placementDecider as never },
  setting: { stream: (id) => settingStream(id as never), decider: settingDecider as never },
  provider: { stream: (id) => providerStream(id as never), decider: providerDecider as never },
  region: { stream: regionStream, decider: regionDecider as never },
};

describe('commissioning projections on PostgreSQL, fed through the event store and the projection runner', () => {
  const tag = `cm_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const schema = `${tag}_rm`;
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  const rows = async <R = Record<string, unknown>>(query: string) =>
    (await sql.query<R>(query.replace(/\bRM\./g, `${schema}.`))).rows;

  const S1 = uid(0x401, 1);
  const S2 = uid(0x401, 2);
  const P1 = uid(0x501, 1);
  const P2 = uid(0x501, 2);
  const near: Listed = { settingId: S1, providerId: P1, miles: 3.2, inAuthority: true };
  const far: Listed = { settingId: S2, providerId: P2, miles: 31.4, inAuthority: false };
  let a: Awaited<ReturnType<typeof placeChild>>;
  let b: Awaited<ReturnType<typeof placeChild>>;

  beforeAll(async () => {
    sql = new PostgresSqlClient({ connectionString: DATABASE_URL });
    store = await SqlEventStore.open(sql, { schema: `${tag}_events`, idlePollMs: 20 });
    const run: Run = (aggregate, id, command) =>
      handleCommand(store, aggregates[aggregate].stream(id), aggregates[aggregate].decider, command, {
        metadata: {
          actor: { id: 'test', role: 'operator' },
          correlationId: 'c',
          causationId: 'c',
          occurredAt: command.at,
        },
      });
    const at = '2025-05-01T09:00:00.000Z';
    await provider(run, P1, { la: NEWCASTLE, urn: 'SC999301', judgement: 'Good', at });
    await provider(run, P2, { la: MIDDLESBROUGH, urn: 'SC999302', at });
    await setting(run, S1, {
      providerId: P1,
      la: NEWCASTLE,
      types: ['U4', 'U6'],
      vacancyId: uid(0xb01, 1),
      weeklyCostPence: 90_000,
      at,
    });
    await setting(run, S2, {
      providerId: P2,
      la: MIDDLESBROUGH,
      types: ['K2'],
      vacancyId: uid(0xb01, 2),
      weeklyCostPence: 480_000,
      postcode: 'TS1 9ZZ',
      sector: 'TS1 9',
      at,
    });
    await run('setting', S1, {
      type: 'ConfirmVacancy',
      data: { vacancyId: uid(0xb01, 1) },
      at: '2025-06-20T09:00:00.000Z',
    });

    a = await placeChild(run, 1, {
      la: NEWCASTLE,
      requestedOn: '2025-06-02',
      startedOn: '2025-06-04',
      listed: [near, far],
      chosen: near,
      placementType: 'U4',
    });
    await run('placement', a.placementId, {
      type: 'RecordTemporaryMove',
      data: { moveId: uid(0xc01, 1), code: 'T2', from: '2025-08-01', to: '2025-08-05' },
      at: '2025-08-06T09:00:00.000Z',
    });
    await alertSupportAndDisruption(run, a.placementId, 1, {
      alertOn: '2025-09-10',
      supportOn: '2025-09-12',
      endedOn: '2025-10-01',
    });

    b = await placeChild(run, 2, {
      la: NEWCASTLE,
      requestedOn: '2025-07-01',
      startedOn: '2025-07-01',
      listed: [near, far],
      chosen: far,
      placementType: 'K2',
      emergency: true,
      gender: '1',
      ethnicity: 'WBRI',
    });
    await run('setting', S2, {
      type: 'FillVacancy',
      data: { vacancyId: uid(0xb01, 2), placementId: b.placementId },
      at: '2025-07-01T17:00:00.000Z',
    });

    // A Middlesbrough request withdrawn before any search.
    const c = uid(0x101, 3);
    const { childDetails, requestData, requestedChild } = await import('@placematch/placements/testing');
    await run('child', c, {
      type: 'RecordChild',
      data: {
        childId: c,
        ...childDetails({ localAuthority: MIDDLESBROUGH, name: { given: 'Synthetic', family: 'Child3' } }),
      },
      at: '2025-07-05T09:00:00.000Z',
    });
    await run('request', uid(0x201, 3), {
      type: 'RequestPlacement',
      data: requestData({
        requestId: uid(0x201, 3) as never,
        localAuthority: MIDDLESBROUGH,
        children: [requestedChild({ childId: c as never })],
      }),
      at: '2025-07-05T09:00:00.000Z',
    });
    await run('request', uid(0x201, 3), {
      type: 'WithdrawRequest',
      data: { reason: 'Returned home' },
      at: '2025-07-10T09:00:00.000Z',
    });

    // A Middlesbrough child known only from an SSDA903 return (the history import's events, as they are logged):
    // born May 2012; U6 from 10 January 2021, then U4 from 1 February 2022 with a legal-status-only change (RNE L)
    // to C2 on 1 January 2023.
    const h = uid(0x101, 9);
    const meta = {
      actor: { id: 'import', role: 'system' },
      correlationId: 'i',
      causationId: 'i',
      occurredAt: at,
    };
    await store.append(
      `child-${h}`,
      [
        {
          type: 'ChildRecordedFromReturn',
          schemaVersion: 1,
          metadata: meta,
          data: {
            childId: h,
            localAuthority: MIDDLESBROUGH,
            returnChildId: 'RC900123',
            gender: '1',
            dateOfBirth: '2012-05-17',
            ethnicity: 'WBRI',
            upn: null,
            mother: null,
            motherChildDateOfBirth: null,
            birthMonth: '2012-05',
          },
        },
      ],
      'no_stream',
    );
    const episode = (
      startedOn: string,
      endedOn: string | null,
      reasonNewEpisode: string,
      placementType: string,
      legalStatus: string,
    ) => ({
      startedOn,
      reasonNewEpisode,
      legalStatus,
      cinCategory: 'N1',
      placementType,
      placeProvider: 'PR1',
      urn: 'SC999999',
      homeSector: 'TS1 9',
      placementSector: 'TS1 9',
      endedOn,
      rec: endedOn === null ? null : 'X1',
      reasonPlaceChange: endedOn === null ? null : 'CARPL',
    });
    const history = (
      placementId: string,
      startedOn: string,
      endedOn: string | null,
      placementType: string,
      episodes: object[],
    ) => ({
      placementId,
      childId: h,
      localAuthority: MIDDLESBROUGH,
      childAgeMonths: 100,
      episodes,
      startedOn,
      endedOn,
      rec: endedOn === null ? null : 'X1',
      reasonPlaceChange: endedOn === null ? null : 'CARPL',
      placementType,
      placeProvider: 'PR1',
      urn: 'SC999999',
      placementSector: 'TS1 9',
      homeSector: 'TS1 9',
      temporaryMoves: [],
    });
    const [h1, h2] = [uid(0x802, 1), uid(0x802, 2)];
    await store.append(
      `placementhistory-${h1}`,
      [
        {
          type: 'HistoricPlacementRecorded',
          schemaVersion: 1,
          metadata: meta,
          data: history(h1, '2021-01-10', '2022-02-01', 'U6', [
            episode('2021-01-10', '2022-02-01', 'S', 'U6', 'C1'),
          ]),
        },
      ],
      'no_stream',
    );
    await store.append(
      `placementhistory-${h2}`,
      [
        {
          type: 'HistoricPlacementRecorded',
          schemaVersion: 1,
          metadata: meta,
          data: history(h2, '2022-02-01', null, 'U4', [
            episode('2022-02-01', '2023-01-01', 'P', 'U4', 'C1'),
            episode('2023-01-01', null, 'L', 'U4', 'C2'),
          ]),
        },
      ],
      'no_stream',
    );

    await run('region', 'north-rcc', {
      type: 'AssignAuthorityToRegion',
      data: {
        region: 'north-rcc',
        localAuthority: 'E08000037',
        currentRegion: 'north-east',
        reason: 'Pathfinder',
      },
      at,
    });

    runner = new ProjectionRunner(store, sql, commissioningProjections(schema), {
      schema: `${tag}_cp`,
      batchSize: 50,
    });
    await runner.start();
    await runner.caughtUp();
  });

  afterAll(async () => {
    await runner?.stop();
    for (const s of ['events', 'rm', 'cp']) await sql.exec(`DROP SCHEMA IF EXISTS ${tag}_${s} CASCADE`);
    await sql.close();
  });

  it('keeps children by their codes and coarse age only: no personal field is a column or a value', async () => {
    const columns = await rows<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'children' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'child_id',
      'local_authority',
      'gender',
      'ethnicity',
      'cin_category',
      'disabilities',
      'uasc',
      'age_on',
      'age_months',
      'birth_month',
    ]);
    const children = await rows(`SELECT * FROM RM.children ORDER BY child_id`);
    // Child 1, born 2014-02-10, recorded on 2025-06-02: (2025 - 2014) x 12 + (6 - 2) - 1 (the 2nd is before the 10th) = 135.
    expect(children[0]).toMatchObject({
      local_authority: NEWCASTLE,
      gender: '2',
      ethnicity: 'MWBC',
      cin_category: 'N1',
      disabilities: ['NONE'],
      uasc: false,
      age_on: '2025-06-02',
      age_months: 135,
    });
    // Nothing in any table of the read model carries a name, a date of birth, a full postcode or a health need.
    const tables = await rows<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(14);
    for (const { table_name } of tables) {
      const [dump] = await rows<{ t: string | null }>(
        `SELECT string_agg(row_to_json(x)::text, ' ') AS t FROM RM.${table_name} x`,
      );
      expect(dump.t ?? '').not.toMatch(
        /Synthetic|Child\d|NE1 9ZZ|2014-02-10|2012-05-17|RC900123|Asthma|Wants to stay/,
      );
    }
  });

  it('records requests with their children’s risks, searches with the settings they listed, and decisions', async () => {
    const requests = await rows(
      `SELECT request_id, local_authority, requested_on, urgency, purpose, emergency, children_count, withdrawn_on FROM RM.requests ORDER BY request_id`,
    );
    expect(requests).toEqual([
      {
        request_id: a.requestId,
        local_authority: NEWCASTLE,
        requested_on: '2025-06-02',
        urgency: 'under-5-days',
        purpose: 'short-term',
        emergency: false,
        children_count: 1,
        withdrawn_on: null,
      },
      {
        request_id: b.requestId,
        local_authority: NEWCASTLE,
        requested_on: '2025-07-01',
        urgency: 'today',
        purpose: 'emergency',
        emergency: true,
        children_count: 1,
        withdrawn_on: null,
      },
      {
        request_id: uid(0x201, 3),
        local_authority: MIDDLESBROUGH,
        requested_on: '2025-07-05',
        urgency: 'under-5-days',
        purpose: 'short-term',
        emergency: false,
        children_count: 1,
        withdrawn_on: '2025-07-10',
      },
    ]);
    const [risk] = await rows<{ risks: Record<string, string> }>(
      `SELECT risks FROM RM.request_children WHERE request_id = '${a.requestId}'`,
    );
    expect(Object.keys(risk.risks)).toHaveLength(13);
    const [search] = await rows<{ results: unknown; result_count: number }>(
      `SELECT results, result_count FROM RM.searches WHERE request_id = '${b.requestId}'`,
    );
    expect(search).toEqual({
      result_count: 2,
      results: [
        { settingId: S1, distanceMiles: 3.2, inAuthority: true },
        { settingId: S2, distanceMiles: 31.4, inAuthority: false },
      ],
    });
    expect(
      await rows(`SELECT request_id, setting_id, emergency FROM RM.decisions ORDER BY request_id`),
    ).toEqual([
      { request_id: a.requestId, setting_id: S1, emergency: false },
      { request_id: b.requestId, setting_id: S2, emergency: true },
    ]);
  });

  it('keeps placements as episodes, with their endings, stress alerts and the support that followed', async () => {
    const placements = await rows(
      `SELECT placement_id, started_on, ended_on, reason_new_episode, placement_type, rec, reason_place_change, disrupted, in_authority, distance_miles
         FROM RM.placements WHERE source = 'live' ORDER BY placement_id`,
    );
    expect(placements).toEqual([
      {
        placement_id: a.placementId,
        started_on: '2025-06-04',
        ended_on: '2025-10-01',
        reason_new_episode: 'S',
        placement_type: 'U4',
        rec: 'X1',
        reason_place_change: 'CREQB',
        disrupted: true,
        in_authority: true,
        distance_miles: 3.2,
      },
      {
        placement_id: b.placementId,
        started_on: '2025-07-01',
        ended_on: null,
        reason_new_episode: 'S',
        placement_type: 'K2',
        rec: null,
        reason_place_change: null,
        disrupted: null,
        in_authority: false,
        distance_miles: 31.4,
      },
    ]);
    expect(await rows(`SELECT placement_id, day FROM RM.stress_alerts`)).toEqual([
      { placement_id: a.placementId, day: '2025-09-10' },
    ]);
    expect(await rows(`SELECT placement_id, offered_on FROM RM.support_offers`)).toEqual([
      { placement_id: a.placementId, offered_on: '2025-09-12' },
    ]);
  });

  it('keeps supply: providers with their judgement, settings with terms and fees, vacancies with confirmations and fills', async () => {
    expect(
      await rows(
        `SELECT provider_id, provider_code, ofsted_judgement FROM RM.providers ORDER BY provider_id`,
      ),
    ).toEqual([
      { provider_id: P1, provider_code: 'PR4', ofsted_judgement: 'Good' },
      { provider_id: P2, provider_code: 'PR4', ofsted_judgement: null },
    ]);
    expect(
      await rows(
        `SELECT setting_id, host_local_authority, placement_types, registered_on, approved_places, specialisms, weekly_cost_pence FROM RM.settings ORDER BY setting_id`,
      ),
    ).toEqual([
      {
        setting_id: S1,
        host_local_authority: NEWCASTLE,
        placement_types: ['U4', 'U6'],
        registered_on: '2025-05-01',
        approved_places: 4,
        specialisms: ['therapeutic'],
        weekly_cost_pence: 90_000,
      },
      {
        setting_id: S2,
        host_local_authority: MIDDLESBROUGH,
        placement_types: ['K2'],
        registered_on: '2025-05-01',
        approved_places: 4,
        specialisms: ['therapeutic'],
        weekly_cost_pence: 480_000,
      },
    ]);
    expect(
      await rows(
        `SELECT setting_id, places, closed_at IS NOT NULL AS closed, close_cause FROM RM.vacancies ORDER BY setting_id`,
      ),
    ).toEqual([
      { setting_id: S1, places: 1, closed: false, close_cause: null },
      { setting_id: S2, places: 0, closed: true, close_cause: 'filled' },
    ]);
    const [confirmations] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM RM.vacancy_confirmations WHERE vacancy_id = '${uid(0xb01, 1)}'`,
    );
    // Opened on 1 May, confirmed on 20 June: 2.
    expect(confirmations.n).toBe(2);
    expect(await rows(`SELECT placement_id FROM RM.vacancy_fills`)).toEqual([
      { placement_id: b.placementId },
    ]);
    expect(await rows(`SELECT local_authority, region FROM RM.region_assignments`)).toEqual([
      { local_authority: 'E08000037', region: 'north-rcc' },
    ]);
  });

  it('answers the views from the tables (no suppression at threshold 1)', async () => {
    const options = commissioningOptions({ schema, suppressionThreshold: 1 });
    const readModel = new CommissioningReadModel({} as ProjectionHost, sql, options);
    const service = new CommissioningService(readModel, options, new FixedClock('2026-01-15T12:00:00Z'));
    const operator: Principal = { subject: 'op', role: 'operator', via: 'jwt' };
    const q = { region: 'north-east', from: '2025-06-01', to: '2025-12-31' };
    const figures = (view: { breakdowns: { id: string; figures: Record<string, unknown> }[] }, id: string) =>
      view.breakdowns.find((x) => x.id === id)!.figures;

    const demand = await service.demand(operator, q);
    expect(demand.scope.localAuthorities).toEqual(expect.arrayContaining([NEWCASTLE, MIDDLESBROUGH]));
    expect(demand.scope.localAuthorities).not.toContain('E08000037'); // moved to north-rcc by an operator
    // 3 children requested; each about 11 years old at the request (135-137 months): 10-15.
    expect(figures(demand, 'urgency')).toMatchObject({ today: 1, 'under-5-days': 2, total: 3 });
    expect(figures(demand, 'ageBand')).toMatchObject({ '10-15': 3, total: 3 });
    expect(figures(demand, 'gender')).toMatchObject({ '1': 1, '2': 2 });

    const gaps = await service.gaps(operator, q);
    // Child 2 went 31.4 miles out of authority although the search listed an eligible home in Newcastle 3.2 miles away.
    expect(figures(gaps, 'location')).toMatchObject({ 'in-authority': 1, 'out-of-authority': 1, total: 2 });
    expect(figures(gaps, 'outOfAuthorityAlternative')).toMatchObject({
      'in-authority-setting-in-search': 1,
      total: 1,
    });
    expect(figures(gaps, 'over20MilesAlternative')).toMatchObject({
      'nearer-setting-in-search': 1,
      total: 1,
    });
    // Days to placement: child 1, 2 June to 4 June = 2 (1-6 days); child 2 the same day.
    expect(figures(gaps, 'daysToPlacement')).toMatchObject({ 'same-day': 1, '1-6-days': 1 });

    const outcomes = await service.outcomes(operator, {
      region: 'north-east',
      from: '2025-04-01',
      to: '2026-03-31',
    });
    expect(outcomes.period.stabilityYear).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    // On 31 March 2026 child 2 is in a placement (child 1's ended on 1 October with nothing after it), and so is
    // the Middlesbrough child from the return: 2 children, 1 placement each in 2025-26.
    expect(figures(outcomes, 'placementsInYear')).toMatchObject({ '1': 2, total: 2 });
    expect(figures(outcomes, 'disruptionReason')).toMatchObject({ CREQB: 1, total: 1 });
    expect(figures(outcomes, 'emergency')).toMatchObject({ emergency: 1, planned: 1, total: 2 });
    // The alert of 10 September was answered on 12 September (within 28 days); the placement broke down on
    // 1 October (within 90 days).
    expect(figures(outcomes, 'stressAlertFollowUp')).toMatchObject({
      'support-offered/ended-disrupted': 1,
      total: 1,
    });

    const supply = await service.supply(operator, q);
    expect(figures(supply, 'placementGroup')).toMatchObject({ fostering: 1, residential: 1, total: 2 });
    expect(figures(supply, 'ofstedJudgement')).toMatchObject({ Good: 1, 'not-inspected': 1 });
    // S1's vacancy is open on 31 December, last confirmed on 20 June: stale. S2's was filled on 1 July.
    expect(figures(supply, 'vacancyFreshness')).toEqual({ current: 0, stale: 1, total: 1 });
    expect(figures(supply, 'vacancyActivity')).toMatchObject({ opened: 0, filled: 1 });
  });

  it('counts the stability measures from a history recorded from an SSDA903 return, from the first day', async () => {
    const options = commissioningOptions({ schema, suppressionThreshold: 1 });
    const service = new CommissioningService(
      new CommissioningReadModel({} as ProjectionHost, sql, options),
      options,
      new FixedClock('2026-01-15T12:00:00Z'),
    );
    const outcomes = await service.outcomes(
      { subject: 'op', role: 'operator', via: 'jwt' },
      { region: 'north-east', from: '2023-04-01', to: '2024-03-31' },
    );
    const figures = (id: string) => outcomes.breakdowns.find((x) => x.id === id)!.figures;
    // On 31 March 2024 only the child from the return is looked after: one placement in 2023-24 (U4; the L episode
    // is not a new placement).
    expect(figures('placementsInYear')).toMatchObject({ '1': 1, total: 1 });
    // Born May 2012: (2024 - 2012) x 12 + (3 - 5) = 142 months on 31 March 2024, under 16. In care since
    // 2021-01-10 (+ 30 months = 2023-07-10); with the same carers since 2022-02-01 (+ 24 months = 2024-02-01).
    expect(figures('longTermStability')).toMatchObject({ 'same-placement-2-years': 1, total: 1 });
    expect(figures('stabilityCohortByAgeBand')).toMatchObject({ '10-15': 1 });
    const [h2] = await rows<{ source: string; legal_statuses: unknown; in_authority: unknown }>(
      `SELECT source, legal_statuses, in_authority FROM RM.placements WHERE placement_id = '${uid(0x802, 2)}'`,
    );
    expect(h2).toEqual({
      source: 'history',
      legal_statuses: [{ on: '2023-01-01', legalStatus: 'C2' }],
      in_authority: null,
    });
  });

  it('rebuilds a projection from the log to the same rows, its checkpoint with it', async () => {
    const before = await rows(`SELECT * FROM RM.placements ORDER BY placement_id`);
    await runner.rebuild('commissioning-outcomes');
    expect(await rows(`SELECT * FROM RM.placements ORDER BY placement_id`)).toEqual(before);
    const status = (await runner.status()).find((s) => s.name === 'commissioning-outcomes')!;
    const [{ n }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${tag}_events.events`);
    expect(status.eventsApplied).toBe(n);
  });
});
