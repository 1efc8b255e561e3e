import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { ExecuteCommand } from '@placematch/runtime';
import type { AppHarness } from '../support/app-harness';
import { tokenFor } from '../support/app-harness';
import { startWithCommissioning } from '../support/commissioning-app';
import {
  alertSupportAndDisruption,
  Listed,
  Placed,
  placeChild,
  provider,
  Run,
  setting,
  uid,
} from '../support/commissioning-scenario';

jest.setTimeout(180_000);

const NEWCASTLE = 'E08000021';
const MIDDLESBROUGH = 'E06000002';
const WESTMINSTER = 'E09000033';
const PERIOD = { from: '2025-06-01', to: '2025-12-31' };

/** Every value under `figures` (and per authority) is a count or the suppression marker, nothing else. */
const onlyAggregates = (body: {
  breakdowns: { figures: object; byLocalAuthority?: Record<string, object> }[];
}) =>
  body.breakdowns.every((b) =>
    [b.figures, ...Object.values(b.byLocalAuthority ?? {})].every((row) =>
      Object.values(row).every((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0) || v === 'c'),
    ),
  );

describe('commissioning on the real app: a commissioner sees its region’s aggregates, never a child', () => {
  let h: AppHarness;
  const placed: Placed[] = [];
  let northEast: string;
  let london: string;
  let operator: string;
  const get = (path: string, token: string, query: Record<string, string> = PERIOD) =>
    request(h.http).get(`/api/commissioning/${path}`).query(query).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    h = await startWithCommissioning();
    northEast = await tokenFor('commissioner', { region: 'north-east' });
    london = await tokenFor('commissioner', { region: 'london' });
    operator = await tokenFor('operator');
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
    await setting(run, S3, {
      providerId: P3,
      la: WESTMINSTER,
      types: ['U4'],
      vacancyId: uid(0xb01, 3),
      weeklyCostPence: 110_000,
      postcode: 'SW1A 9ZZ',
      sector: 'SW1A 9',
      at,
    });

    const nclFoster: Listed = { settingId: S1, providerId: P1, miles: 3.2, inAuthority: true };
    const mbroHome: Listed = { settingId: S2, providerId: P2, miles: 31.4, inAuthority: false };
    // Newcastle: five children placed near home in S1, one in an emergency in Middlesbrough's home, 31.4 miles away.
    for (let n = 1; n <= 5; n++) {
      placed.push(
        await placeChild(run, n, {
          la: NEWCASTLE,
          requestedOn: `2025-06-0${n + 1}`,
          startedOn: `2025-06-0${n + 2}`,
          listed: [nclFoster, mbroHome],
          chosen: nclFoster,
          placementType: 'U4',
        }),
      );
    }
    placed.push(
      await placeChild(run, 6, {
        la: NEWCASTLE,
        requestedOn: '2025-06-10',
        startedOn: '2025-06-10',
        listed: [nclFoster, mbroHome],
        chosen: mbroHome,
        placementType: 'K2',
        emergency: true,
        gender: '1',
      }),
    );
    // Middlesbrough: five children placed in its own home, in authority.
    for (let n = 7; n <= 11; n++) {
      const local: Listed = { ...mbroHome, miles: 2.5, inAuthority: true };
      placed.push(
        await placeChild(run, n, {
          la: MIDDLESBROUGH,
          requestedOn: `2025-06-${n + 5}`,
          startedOn: `2025-06-${n + 6}`,
          listed: [local],
          chosen: local,
          placementType: 'K2',
          ethnicity: 'WBRI',
        }),
      );
    }
    // Westminster (London): one child.
    const westminster: Listed = { settingId: S3, providerId: P3, miles: 1.1, inAuthority: true };
    placed.push(
      await placeChild(run, 20, {
        la: WESTMINSTER,
        requestedOn: '2025-06-20',
        startedOn: '2025-06-21',
        listed: [westminster],
        chosen: westminster,
        placementType: 'U4',
      }),
    );
    await alertSupportAndDisruption(run, placed[0].placementId, 1, {
      alertOn: '2025-09-10',
      supportOn: '2025-09-12',
      endedOn: '2025-10-01',
    });
    await h.settled();
  });
  afterAll(() => h?.close());

  it('gives a commissioner its region’s demand: suppressed aggregates per authority, the region total shown', async () => {
    const res = await get('demand', northEast).expect(200);
    expect(res.body.scope.region).toBe('north-east');
    expect(res.body.scope.localAuthorities).toEqual(expect.arrayContaining([NEWCASTLE, MIDDLESBROUGH]));
    expect(res.body.scope.localAuthorities).not.toContain(WESTMINSTER);
    expect(res.body.suppression).toMatchObject({ threshold: 5, marker: 'c' });
    const age = res.body.breakdowns.find((b: { id: string }) => b.id === 'ageBand');
    // 6 Newcastle + 5 Middlesbrough children, all aged 11 at their request: 10-15.
    expect(age.figures).toMatchObject({ '10-15': 11, total: 11 });
    expect(age.byLocalAuthority[NEWCASTLE]).toMatchObject({ '10-15': 6, total: 6 });
    expect(Object.keys(age.byLocalAuthority)).not.toContain(WESTMINSTER);
    // One emergency request (urgency today) among 11: 1 is hidden, and 10 with it, so 11 - 10 cannot give it away.
    const urgency = res.body.breakdowns.find((b: { id: string }) => b.id === 'urgency');
    expect(urgency.figures).toMatchObject({ today: 'c', 'under-5-days': 'c', total: 11 });
    expect(onlyAggregates(res.body)).toBe(true);
  });

  it('cuts one authority from the same suppressed table, and refuses one outside the region with 403', async () => {
    const region = await get('demand', northEast).expect(200);
    const one = await get('demand', northEast, { ...PERIOD, la: NEWCASTLE }).expect(200);
    for (const b of one.body.breakdowns) {
      const same = region.body.breakdowns.find((r: { id: string }) => r.id === b.id);
      expect(b.figures).toEqual(same.byLocalAuthority[NEWCASTLE]);
    }
    const outside = await get('demand', northEast, { ...PERIOD, la: WESTMINSTER }).expect(403);
    expect(outside.body.code).toBe('COMMISSIONING.AUTHORITY_OUTSIDE_REGION');
  });

  it('answers 403 for another region, and to roles that are not commissioners or operators', async () => {
    for (const view of [
      'demand',
      'supply',
      'gaps',
      'outcomes',
      'forecast',
      'exports/sufficiency.json',
      'exports/sufficiency.csv',
    ]) {
      const res = await get(view, northEast, { ...PERIOD, region: 'london' }).expect(403);
      expect(res.body.code).toBe('SCOPE.REGION_FORBIDDEN');
    }
    await get('demand', await tokenFor('placement-officer', { la: NEWCASTLE })).expect(403);
    await get('demand', await tokenFor('provider', { provider: uid(0x501, 1) })).expect(403);
  });

  it('never returns a child-level row: no child id, request or placement id, or synthetic name in any answer', async () => {
    const bodies: string[] = [];
    for (const view of [
      'demand',
      'supply',
      'gaps',
      'outcomes',
      'forecast',
      'exports/sufficiency.json',
      'exports/sufficiency.csv',
      'regions',
    ]) {
      for (const token of [northEast, london, operator]) {
        const res = await get(view, token).expect(200);
        bodies.push(res.text);
      }
    }
    const text = bodies.join('\n');
    expect(placed).toHaveLength(12);
    for (const p of placed) {
      for (const secret of [p.childId, p.requestId, p.placementId, p.name])
        expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Synthetic|Child\d|2014-02-10|NE1 9ZZ|"childId"|"dateOfBirth"|"given"|"family"/);
  });

  it('shows London its one child only as c, and the North East its placements and stability measure', async () => {
    const res = await get('demand', london).expect(200);
    expect(res.body.scope.localAuthorities).toContain(WESTMINSTER);
    expect(res.body.scope.localAuthorities).not.toContain(NEWCASTLE);
    const age = res.body.breakdowns.find((b: { id: string }) => b.id === 'ageBand');
    expect(age.figures.total).toBe('c');
    const outcomes = await get('outcomes', northEast, { from: '2025-04-01', to: '2026-03-31' }).expect(200);
    const started = outcomes.body.breakdowns.find((b: { id: string }) => b.id === 'location');
    // 11 placements started: 10 in authority, 1 out (hidden, with the 10).
    expect(started.figures).toMatchObject({ 'in-authority': 'c', 'out-of-authority': 'c', total: 11 });
    expect(outcomes.body.period.stabilityYear).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    // 10 children looked after on 31 March 2026 (child 1's placement broke down in October), 1 placement each.
    const stability = outcomes.body.breakdowns.find((b: { id: string }) => b.id === 'placementsInYear');
    expect(stability.figures).toMatchObject({ '1': 10, '2': 0, '3-or-more': 0, total: 10 });
    expect(onlyAggregates(outcomes.body)).toBe(true);
  });

  it('exports the sufficiency statement as CSV and JSON, and documents every endpoint in OpenAPI', async () => {
    const csv = await get('exports/sufficiency.csv', northEast).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('section,kind,id,dimension,unit,area,category,value');
    expect(csv.text).toContain('demand,count,ageBand,');
    const json = await get('exports/sufficiency.json', northEast).expect(200);
    expect(Object.keys(json.body)).toEqual(
      expect.arrayContaining([
        'scope',
        'period',
        'suppression',
        'demand',
        'supply',
        'gaps',
        'outcomes',
        'forecast',
      ]),
    );
    const doc = await request(h.http).get('/api/docs-json').expect(200);
    for (const path of [
      'demand',
      'supply',
      'gaps',
      'outcomes',
      'forecast',
      'exports/sufficiency.csv',
      'exports/sufficiency.json',
      'regions',
      'regions/{region}/authorities/{la}',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(`/api/commissioning/${path}`);
    }
  });

  it('lets an operator see every authority and move one to another region through the API', async () => {
    const all = await get('demand', operator).expect(200);
    expect(all.body.scope.region).toBeNull();
    expect(all.body.scope.localAuthorities).toEqual(
      expect.arrayContaining([NEWCASTLE, MIDDLESBROUGH, WESTMINSTER]),
    );
    await request(h.http)
      .put(`/api/commissioning/regions/north-rcc/authorities/${NEWCASTLE}`)
      .set('Authorization', `Bearer ${northEast}`)
      .send({ reason: 'Pathfinder' })
      .expect(403);
    const moved = await request(h.http)
      .put(`/api/commissioning/regions/north-rcc/authorities/${NEWCASTLE}`)
      .set('Authorization', `Bearer ${operator}`)
      .send({ reason: 'Regional care co-operative pathfinder' })
      .expect(200);
    expect(moved.body).toEqual({
      region: 'north-rcc',
      localAuthority: NEWCASTLE,
      previousRegion: 'north-east',
      changed: true,
    });
    await h.settled();
    const rcc = await get('demand', await tokenFor('commissioner', { region: 'north-rcc' })).expect(200);
    expect(rcc.body.scope.localAuthorities).toEqual([NEWCASTLE]);
    const ne = await get('demand', northEast).expect(200);
    expect(ne.body.scope.localAuthorities).not.toContain(NEWCASTLE);
    const regions = await get('regions', operator, {}).expect(200);
    expect(
      regions.body.regions.find((r: { region: string }) => r.region === 'north-rcc').localAuthorities,
    ).toEqual([{ localAuthority: NEWCASTLE, source: 'operator', name: 'Newcastle upon Tyne' }]);
  });
});
