import { RISK_CODES } from '@placematch/supply';
import { collectionYear } from '../dates';
import { suppressionPolicy } from '../suppression';
import { DemandRequestFact, demandView } from './demand';
import { alternatives, GapFacts, gapsView } from './gaps';
import { OutcomeFacts, outcomesView } from './outcomes';
import { SupplyFacts, supplyView } from './supply';
import type { SectionView } from './view';

const policy = suppressionPolicy();
const AREAS = ['E08000021', 'E06000002'];
const [NEWCASTLE, MIDDLESBROUGH] = AREAS;
const all = { areas: AREAS, show: { kind: 'all' as const }, policy };
const noRisks = Object.fromEntries(RISK_CODES.map((c) => [c, 'none']));

const breakdown = (view: SectionView, id: string) => view.breakdowns.find((b) => b.id === id)!;

let n = 0;
const request = (la: string, children: number, over: Partial<DemandRequestFact> = {}): DemandRequestFact => ({
  requestId: `r${++n}`,
  localAuthority: la,
  requestedOn: '2025-06-01',
  urgency: 'today',
  purpose: 'short-term',
  emergency: false,
  children: Array.from({ length: children }, (_, i) => ({
    childId: `child-${n}-${i}`,
    ages: [{ on: '2025-01-01', months: 120 }],
    gender: '2',
    ethnicity: 'MWBA',
    cinCategory: 'N1',
    disabilities: ['NONE'],
    uasc: false,
    risks: noRisks,
  })),
  ...over,
});

describe('demand', () => {
  const facts = [
    ...Array.from({ length: 6 }, () => request(NEWCASTLE, 1)),
    request(NEWCASTLE, 3, { urgency: 'over-5-days' }),
    ...Array.from({ length: 7 }, () => request(MIDDLESBROUGH, 1)),
    request(MIDDLESBROUGH, 2, { urgency: 'over-5-days' }),
  ];

  it('counts requests by urgency and sibling-group size, and the children in them by need', () => {
    const view = demandView(facts, all);
    // Requests: Newcastle 6 + 1 = 7, Middlesbrough 7 + 1 = 8, region 15. Sizes: one child 6 + 7 = 13, two 1, three 1.
    // Two and three are 1 each (primary); one child (13) is shown, as 15 - 13 = 2 is only their sum.
    expect(breakdown(view, 'siblingGroupSize').figures).toMatchObject({
      '1': 13,
      '2': 'c',
      '3': 'c',
      total: 15,
    });
    // Children: Newcastle 6 + 3 = 9, Middlesbrough 7 + 2 = 9, region 18; all N1 and all White and Black African.
    expect(breakdown(view, 'cinCategory').figures).toMatchObject({ N1: 18, total: 18 });
    expect(breakdown(view, 'ethnicity').figures).toMatchObject({ MWBA: 18, total: 18 });
    expect(breakdown(view, 'ethnicityGroup').figures).toMatchObject({ mixed: 18, white: 0 });
    // Ages: 120 months on 2025-01-01 + 5 completed months by 2025-06-01 = 125 months: 10 years old.
    expect(breakdown(view, 'ageBand').figures).toMatchObject({ '10-15': 18, total: 18 });
  });

  it('suppresses the 1s of urgency and the sibling groups with the next smallest, in the region and in each authority', () => {
    const view = demandView(facts, all);
    const urgency = breakdown(view, 'urgency');
    // Newcastle: today 6, over 5 days 1 (primary) so today is hidden too; total 7 is shown.
    expect(urgency.byLocalAuthority![NEWCASTLE]).toMatchObject({ today: 'c', 'over-5-days': 'c', total: 7 });
    expect(urgency.byLocalAuthority![MIDDLESBROUGH]).toMatchObject({
      today: 'c',
      'over-5-days': 'c',
      total: 8,
    });
    // Region: over 5 days is 2 (primary); today 13 is hidden with it, as 15 - 13 would give 2.
    expect(urgency.figures).toMatchObject({ today: 'c', 'over-5-days': 'c', total: 15 });
    // One authority asked for: the same cells as its row of the region table.
    const one = demandView(facts, { ...all, show: { kind: 'authority', localAuthority: NEWCASTLE } });
    expect(breakdown(one, 'urgency').figures).toEqual(urgency.byLocalAuthority![NEWCASTLE]);
    expect(breakdown(one, 'urgency').byLocalAuthority).toBeUndefined();
  });

  it('never shows a child id: only codes and figures', () => {
    const json = JSON.stringify(demandView(facts, all));
    expect(json).not.toMatch(/child-/);
    expect(json).not.toMatch(/"r\d+"/);
  });
});

describe('supply', () => {
  it('counts settings open at the end of the period and tells stale vacancies from current ones', () => {
    const setting = (id: string, la: string, types: string[], over = {}) => ({
      settingId: id,
      hostLocalAuthority: la,
      placementTypes: types,
      registeredOn: '2025-01-01',
      closedOn: null,
      approvedPlaces: 2,
      specialisms: [],
      disabilitySpecialisms: [],
      providerCode: 'PR4',
      ofstedJudgement: 'Good',
      weeklyCostPence: 90_000,
      ...over,
    });
    const facts: SupplyFacts = {
      settings: [
        ...Array.from({ length: 6 }, (_, i) => setting(`f${i}`, NEWCASTLE, ['U4', 'U6'])),
        setting('closed', NEWCASTLE, ['U4'], { closedOn: '2025-05-01' }),
        setting('later', NEWCASTLE, ['U4'], { registeredOn: '2025-07-01' }),
        ...Array.from({ length: 5 }, (_, i) =>
          setting(`k${i}`, MIDDLESBROUGH, ['K2'], { weeklyCostPence: 500_000 }),
        ),
      ],
      vacancies: Array.from({ length: 10 }, (_, i) => ({
        vacancyId: `v${i}`,
        hostLocalAuthority: i < 5 ? NEWCASTLE : MIDDLESBROUGH,
        placementTypes: ['U4'],
        places: 1,
        openedAt: '2025-06-01T09:00:00Z',
        closedAt: null,
        closeCause: null,
        // Five confirmed on 28 June (2 days before the end), five last said current when opened (29 days).
        confirmedAt: i % 2 === 0 ? ['2025-06-28T09:00:00Z'] : [],
      })),
      fills: [],
    };
    const view = supplyView(facts, { from: '2025-06-01', to: '2025-06-30', at: '2025-06-30T12:00:00Z' }, all);
    // Open on 30 June: 6 fostering in Newcastle (the closed one and the later one left out) + 5 homes = 11.
    expect(breakdown(view, 'placementGroup').figures).toMatchObject({
      fostering: 6,
      residential: 5,
      total: 11,
    });
    // Approved places: 11 settings x 2 = 22.
    expect(breakdown(view, 'approvedPlacesByGroup').figures).toMatchObject({
      fostering: 12,
      residential: 10,
      total: 22,
    });
    // Vacancies 0, 2, 4, 6, 8 confirmed within 7 days (current), 1, 3, 5, 7, 9 not (stale): 5 and 5.
    expect(breakdown(view, 'vacancyFreshness').figures).toEqual({ current: 5, stale: 5, total: 10 });
    // Fees: 6 fostering at £900 (mean £900, over 6 settings); 5 homes at £5,000.
    expect(view.statistics.find((s) => s.id === 'weeklyCost:fostering')!.value).toBe(900);
    expect(view.statistics.find((s) => s.id === 'weeklyCost:residential')!.byLocalAuthority).toEqual({
      [NEWCASTLE]: null,
      [MIDDLESBROUGH]: 5000,
    });
  });
});

describe('gaps', () => {
  const search = (results: { settingId: string; distanceMiles: number | null; inAuthority: boolean }[]) => ({
    searchId: 's',
    requestId: 'r',
    runAt: '2025-06-02T09:00:00Z',
    resultCount: results.length,
    results,
  });
  const placement = {
    placementId: 'p',
    requestId: 'r',
    childId: 'c',
    localAuthority: NEWCASTLE,
    settingId: 'chosen',
    startedOn: '2025-06-05',
    inAuthority: false,
    distanceMiles: 32.4,
  };

  it('says whether the search at the time listed an eligible setting in the authority, or nearer home', () => {
    expect(
      alternatives(
        placement,
        search([
          { settingId: 'chosen', distanceMiles: 31.9, inAuthority: false },
          { settingId: 'nearer-but-out', distanceMiles: 25, inAuthority: false },
        ]),
      ),
    ).toEqual({ searched: true, inAuthority: false, closer: true });
    expect(
      alternatives(placement, search([{ settingId: 'far-local', distanceMiles: 40, inAuthority: true }])),
    ).toEqual({ searched: true, inAuthority: true, closer: false });
    expect(alternatives(placement, undefined)).toEqual({
      searched: false,
      inAuthority: false,
      closer: false,
    });
  });

  it('counts requests, placements from them and days to placement; days are a median over enough children', () => {
    const facts: GapFacts = {
      requests: Array.from({ length: 6 }, (_, i) => ({
        requestId: `r${i}`,
        localAuthority: NEWCASTLE,
        requestedOn: '2025-06-01',
        withdrawnOn: null,
        children: [
          { childId: `c${i}`, ages: [], cinCategory: 'N1', decidedAt: i < 5 ? '2025-06-03T09:00:00Z' : null },
        ],
      })),
      searches: Array.from({ length: 6 }, (_, i) => ({
        ...search([{ settingId: 'far', distanceMiles: 30, inAuthority: false }]),
        requestId: `r${i}`,
      })),
      placements: Array.from({ length: 5 }, (_, i) => ({
        ...placement,
        placementId: `p${i}`,
        requestId: `r${i}`,
        childId: `c${i}`,
        settingId: 'far',
        startedOn: `2025-06-0${i + 2}`,
      })),
    };
    const view = gapsView(facts, { from: '2025-06-01', to: '2025-06-30' }, all);
    // 6 requests searched; each latest search listed only an out-of-authority setting.
    expect(breakdown(view, 'localSearchResult').figures).toMatchObject({
      'out-of-authority-only': 6,
      total: 6,
    });
    expect(view.shares.find((s) => s.id === 'noLocalEligibleSetting')!.percentage).toBe(100);
    // 5 placed out of authority, 32.4 miles away, with nothing in the authority in the search.
    expect(breakdown(view, 'outOfAuthorityAlternative').figures).toMatchObject({
      'none-in-search': 5,
      total: 5,
    });
    // Days: 1, 2, 3, 4, 5: median 3 over 5 children.
    expect(view.statistics[0].value).toBe(3);
    // Still open on 30 June: r5's child, 29 days after the request: 1 child, suppressed.
    expect(breakdown(view, 'openWaiting').figures).toMatchObject({ '28-90-days': 'c', total: 'c' });
  });
});

describe('outcomes', () => {
  it('counts the stability measures per authority from placement histories, with disruptions by reason', () => {
    const spell = (childId: string, la: string, startedOn: string, endedOn: string | null, over = {}) => ({
      placementId: `${childId}-${startedOn}`,
      childId,
      localAuthority: la,
      startedOn,
      endedOn,
      reasonNewEpisode: 'P' as const,
      legalStatus: 'C2' as const,
      placementType: 'U4' as const,
      rec: endedOn === null ? null : ('X1' as const),
      inAuthority: true,
      distanceMiles: 4,
      weeklyCostPence: null,
      childAgeMonths: 100,
      emergency: false,
      reasonPlaceChange: endedOn === null ? null : 'CREQB',
      disrupted: endedOn === null ? null : true,
      ...over,
    });
    // Five Newcastle children each with 3 placements in 2024-25 (two disrupted by CREQB), five with one.
    const moved = Array.from({ length: 5 }, (_, i) => [
      spell(`m${i}`, NEWCASTLE, '2024-05-01', '2024-08-01'),
      spell(`m${i}`, NEWCASTLE, '2024-08-01', '2024-12-01'),
      spell(`m${i}`, NEWCASTLE, '2024-12-01', null),
    ]).flat();
    const settled = Array.from({ length: 5 }, (_, i) =>
      spell(`s${i}`, NEWCASTLE, '2021-01-01', null, { reasonNewEpisode: 'S' }),
    );
    const facts: OutcomeFacts = { children: [], placements: [...moved, ...settled], alerts: [], support: [] };
    const view = outcomesView(
      facts,
      { from: '2024-04-01', to: '2025-03-31', year: collectionYear(2025) },
      all,
    );
    // Cohort on 31 March 2025: 10 children; 3 or more placements: 5 (50%).
    expect(breakdown(view, 'placementsInYear').figures).toMatchObject({ '1': 5, '3-or-more': 5, total: 10 });
    expect(view.shares.find((s) => s.id === 'threeOrMorePlacements')!.percentage).toBe(50);
    // Long-term: settled children, 100 months at 2021-01-01 + 50 = 150 months (under 16), in care and with the
    // same carers since 2021-01-01: 5 of 5. The movers came into care in 2024: not in the cohort.
    expect(breakdown(view, 'longTermStability').figures).toMatchObject({
      'same-placement-2-years': 5,
      total: 5,
    });
    // Endings in the year: 5 children x 2 = 10, all disrupted, all CREQB.
    expect(breakdown(view, 'disruptionReason').figures).toMatchObject({ CREQB: 10, total: 10 });
    expect(breakdown(view, 'endingKind').byLocalAuthority![MIDDLESBROUGH]).toMatchObject({ total: 0 });
  });
});
