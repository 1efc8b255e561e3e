// The search leaves out blocks, buckets and settings whose best possible total cannot reach its list. These tests
// hold it to a search that leaves out nothing, over many seeded supplies and needs, including while the supply
// changes under a running index; and show that a summary below its settings would be caught.
import { distanceMiles } from '@placematch/geo';
import { approvalTerms, householdProfile } from '@placematch/supply/testing';
import {
  DEFAULT_POLICY,
  MAX_LIMIT,
  Match,
  MatchingPolicy,
  NeedProfile,
  SearchResult,
  SpatialIndex,
  SupplyView,
  search,
  validateNeedProfile,
  validatePolicy,
} from '@placematch/matching';
import {
  FixtureLog,
  HOME,
  HOME_LA,
  OTHER_LA,
  SettingSpec,
  TODAY,
  childNeed,
  dayOffset,
  fixtureLog,
  milesFrom,
} from '@placematch/matching/testing';
import type { ChildNeed } from './need-profile';
import { searchContext } from './context';
import { passingChildren, placesBy, settingFailure } from './eligibility';
import { buildMatch } from './match';
import { SplitCollector, SplitProposal } from './splits';
import { NODE_FLAGS, NO_JUDGEMENT } from './summaries';
import { COSTED_GROUPS } from './policy';
import { GROUP_BITS } from './bits';

type Random = () => number;

const seeded = (seed: number): Random => {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const some = <T>(random: Random, list: readonly T[], p: number): T[] => list.filter(() => random() < p);
const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const AUTHORITIES = [HOME_LA, OTHER_LA, 'E06000001', 'E09000033', 'E10000034'];
/** An authority no setting is in: every match is out of authority (M-11). */
const NOWHERE_LA = 'E06000047';
// More than the 31 languages that get a bit, so some households and children are compared as text.
const LANGUAGES = [
  'en', 'pl', 'ur', 'pa', 'ar', 'so', 'ro', 'bn', 'gu', 'ta', 'tr', 'ku', 'fa', 'ps', 'ti', 'am', 'es', 'pt',
  'it', 'fr', 'de', 'lt', 'lv', 'sk', 'cs', 'hu', 'bg', 'el', 'sq', 'sr', 'hr', 'uk', 'ru', 'zh', 'vi', 'th',
  'tl', 'yo', 'ig', 'sw', 'ha',
]; // prettier-ignore
const DISABILITIES = ['MOB', 'LD', 'AUT', 'HEAR', 'VIS', 'BEH', 'COMM'] as const;
const RISKS = [
  'child.self-harm',
  'child.going-missing',
  'others.physical-harm',
  'others.fire-setting',
] as const;
const ADAPTATIONS = ['wheelchair-access', 'ground-floor-bedroom', 'hoist'] as const;
const RELIGIONS = ['christian', 'muslim', 'sikh', 'hindu', 'jewish', 'no-religion'] as const;
const PURPOSES = ['emergency', 'short-term', 'long-term', 'short-breaks', 'remand'] as const;
const TYPES = [
  ['U4', 'U6'],
  ['U4'],
  ['U1'],
  ['K2'],
  ['H5'],
  ['K3'],
  ['K1'],
  ['U6', 'K2'],
  ['K2', 'H5'],
] as const;
const PROVIDERS = [1, 2, 3, 4, 5, 6].map(uuid);

/** A seeded supply around {@link HOME}: settings of every kind, spread over buckets and blocks. */
const buildSupply = (random: Random, settings: number) => {
  const log = fixtureLog()
    .provider(PROVIDERS[1], { providerId: PROVIDERS[1] as never, judgement: 'Outstanding' })
    .provider(PROVIDERS[2], { providerId: PROVIDERS[2] as never, judgement: 'Requires improvement' })
    .provider(PROVIDERS[3], { providerId: PROVIDERS[3] as never, judgement: 'Inadequate' })
    .provider(PROVIDERS[4], { providerId: PROVIDERS[4] as never })
    .provider(PROVIDERS[5], { providerId: PROVIDERS[5] as never, judgement: 'Good' });
  const vacancies = new Map<string, string[]>();
  const ids: string[] = [];
  for (let i = 0; i < settings; i += 1) {
    const id = uuid(10_000 + i);
    ids.push(id);
    // Clusters and a sparse spread, up to about 90 miles out.
    const spread = random() < 0.3 ? 8 : 90;
    const east = (random() - 0.5) * 2 * spread + (spread === 8 ? pick(random, [-40, 0, 30]) : 0);
    const north = (random() - 0.5) * 2 * spread + (spread === 8 ? pick(random, [-30, 0, 45]) : 0);
    const grid = milesFrom(east, north);
    const near = Math.hypot(east, north) < 15;
    const minYears = pick(random, [0, 0, 0, 5, 11, 14, 16]);
    const maxChildren = int(random, 1, 4);
    const spec: SettingSpec = {
      grid,
      providerId: pick(random, PROVIDERS),
      placementTypes: [...pick(random, TYPES)] as never,
      hostLocalAuthority: near && random() < 0.85 ? HOME_LA : pick(random, AUTHORITIES),
      terms: {
        ageRange: { minYears, maxYears: Math.max(minYears, pick(random, [10, 15, 17, 17, 20])) },
        maxChildren,
        maxFromOneSiblingGroup: int(random, 1, maxChildren),
        purposes: [...new Set(['short-term', ...some(random, PURPOSES, 0.5)])] as never,
        disabilitySpecialisms: some(random, DISABILITIES, 0.12) as never,
        specialisms: some(random, ['therapeutic', 'uasc', 'complex-health'], 0.15) as never,
        adaptations: some(random, ADAPTATIONS, 0.1) as never,
        manageableRisks: some(random, RISKS, 0.4) as never,
      },
      household:
        random() < 0.1
          ? null
          : {
              languages: [...new Set(['en', ...some(random, LANGUAGES, 0.06)])],
              communicationMethods: some(random, ['BSL', 'Makaton'], 0.1) as never,
              religionsPractised: some(random, RELIGIONS, 0.2) as never,
              otherChildren: random() < 0.3 ? [{ ageYears: int(random, 1, 17) }] : [],
              pets: random() < 0.25 ? ['dog'] : [],
            },
      places: random() < 0.15 ? 0 : int(random, 1, Math.min(2, maxChildren)),
      availableFrom: pick(random, [TODAY, TODAY, dayOffset(-20), dayOffset(3), dayOffset(9)]),
      ...(random() < 0.8 && { weeklyCostPence: int(random, 20_000, 1_500_000) }),
    };
    try {
      const before = log.events.length;
      log.setting(id, spec);
      const opened = log.events.slice(before).filter((e) => e.type === 'VacancyOpened');
      vacancies.set(
        id,
        opened.map((e) => (e.data as { vacancyId: string }).vacancyId),
      );
    } catch {
      continue;
    }
    if (random() < 0.2) {
      // A cost that starts later: before it the earlier one (or none) is in effect.
      log.settingCommand(id, {
        type: 'SetWeeklyCost',
        data: { amountPence: int(random, 10_000, 900_000), effectiveFrom: dayOffset(int(random, 1, 30)) },
      });
    }
    if (random() < 0.15 && maxChildren > 1) {
      // A second vacancy on another day: places free by the day needed are a mix.
      try {
        log.openVacancy(id, 1, pick(random, [dayOffset(-5), dayOffset(2), dayOffset(12)]));
        const e = log.events[log.events.length - 1];
        vacancies.get(id)?.push((e.data as { vacancyId: string }).vacancyId);
      } catch {
        // over the approval: fine
      }
    }
    if (random() < 0.2) {
      const placement = uuid(500_000 + i);
      log.placeChild(id, placement, int(random, 12, 200), dayOffset(-int(random, 10, 400)));
      if (random() < 0.6) {
        log.reportStress(
          id,
          placement,
          Array.from({ length: int(random, 1, 6) }, (_, d) => ({
            date: dayOffset(-1 - d * 3),
            stressful: int(random, 0, 9),
          })),
        );
      }
      if (random() < 0.3) {
        log.endPlacement(id, placement, {
          disrupted: random() < 0.7,
          endedOn: dayOffset(-int(random, 1, 300)),
        });
      }
    }
  }
  if (random() < 0.5) log.suspend(PROVIDERS[5]);
  return { log, ids, vacancies };
};

const randomChild = (random: Random, i: number, eldest: number): ChildNeed => {
  const ageYears = i === 0 ? eldest : Math.max(0, eldest - int(random, 1, 6));
  const yearGroup = ageYears >= 4 && ageYears <= 15 ? ageYears - 4 : null;
  const languages = random() < 0.25 ? [...new Set([pick(random, LANGUAGES), 'en'])] : ['en'];
  return childNeed({
    ref: `child-${i}`,
    ageMonths: ageYears * 12 + int(random, 0, 11),
    yearGroup,
    disabilities: random() < 0.2 ? [...new Set(some(random, DISABILITIES, 0.3))] : [],
    adaptations: random() < 0.05 ? [pick(random, ADAPTATIONS)] : [],
    languages,
    communication: random() < 0.05 ? ['BSL'] : [],
    ...(random() < 0.5 && { religion: pick(random, RELIGIONS) }),
    culturalNeeds: random() < 0.1 ? ['Halal diet'] : [],
    uasc: ageYears >= 12 && random() < 0.3,
    risks: random() < 0.2 ? some(random, RISKS, 0.4) : [],
    livesAlongside: pick(random, ['any', 'any', 'any', 'solo', 'older-only', 'younger-only'] as const),
    cannotLiveWithPets: random() < 0.1,
    healthNeeds: random() < 0.08 ? ['Complex health: tube feeding'] : [],
  });
};

/** Seeded needs: single children and sibling groups, Year 10/11 with a school, emergencies, any authority. */
const randomNeed = (random: Random): NeedProfile => {
  const size = pick(random, [1, 1, 1, 1, 2, 2, 3, 4]);
  const eldest = pick(random, [1, 4, 8, 12, 14, 15, 15, 16, 17]);
  const children = Array.from({ length: size }, (_, i) => randomChild(random, i, eldest));
  const emergency = random() < 0.2;
  const suitability = {
    foster: random() < 0.85,
    residential: random() < 0.4,
    supported: random() < 0.3,
  };
  if (!suitability.foster && !suitability.residential && !suitability.supported) suitability.foster = true;
  const keyStage4 = children.some((c) => c.yearGroup === 10 || c.yearGroup === 11);
  return {
    children,
    homeGrid: milesFrom((random() - 0.5) * 120, (random() - 0.5) * 120),
    homeLocalAuthority: pick(random, [...AUTHORITIES, HOME_LA, NOWHERE_LA]),
    ...((keyStage4 || random() < 0.3) && {
      schoolGrid: milesFrom((random() - 0.5) * 100, (random() - 0.5) * 100),
    }),
    purpose: emergency ? 'emergency' : pick(random, ['short-term', 'long-term', 'remand'] as const),
    urgency: pick(random, ['today', 'under-5-days', 'over-5-days'] as const),
    emergency,
    suitability,
    secureCriteriaMet: random() < 0.1,
    ...(size > 1 && random() < 0.2 && { keepSiblingsTogether: false }),
  };
};

const POLICIES: MatchingPolicy[] = [
  DEFAULT_POLICY,
  {
    ...DEFAULT_POLICY,
    id: 'heavy-identity',
    weights: {
      ...DEFAULT_POLICY.weights,
      'in-authority': 5,
      ofsted: 3,
      'weekly-cost': 2,
      'religion-and-culture': 3,
      'distance-from-home': 1,
    },
    ofstedFloor: 'Requires improvement',
    splits: { maxProposals: 3, optionsPerPart: 2, maxCombinations: 50 },
  },
  {
    ...DEFAULT_POLICY,
    id: 'no-distance',
    weights: { ...DEFAULT_POLICY.weights, 'distance-from-home': 0, 'school-continuity': 0 },
    distanceStepMiles: 5,
  },
];

const byTotalThenId = (a: Match, b: Match) =>
  b.total - a.total || (a.settingId < b.settingId ? -1 : a.settingId > b.settingId ? 1 : 0);

/**
 * The answer of a search that examines every setting of the view and scores every one that passes the rules,
 * with no index and no bound; and the splits from a collector offered every setting that could take a part.
 */
const unpruned = (
  view: SupplyView,
  need: NeedProfile,
  policy: MatchingPolicy,
  limit: number,
  today: string,
): { results: Match[]; splits: SplitProposal[] } => {
  const clean = validatePolicy(policy);
  const ctx = searchContext(validateNeedProfile(need), clean, today, view.columns);
  const cols = view.columns;
  const everyone: Match[] = [];
  const wantSplits = ctx.n > 1 && clean.splits.maxProposals > 0;
  const collector = wantSplits ? new SplitCollector(ctx, view) : undefined;
  for (const s of view.allSettings()) {
    if (!s.indexable) continue;
    const places = placesBy(view, s.slot, ctx.neededByDay);
    if (collector && settingFailure(ctx, cols, s.slot, 1, places) < 0) {
      const mask = passingChildren(ctx, cols, s.slot);
      if (mask !== 0) {
        const homeMiles = distanceMiles(ctx.home, s);
        const schoolMiles = ctx.school === null ? 0 : distanceMiles(ctx.school, s);
        collector.offer(s.slot, places, mask, homeMiles, schoolMiles, Number.POSITIVE_INFINITY);
      }
    }
    if (settingFailure(ctx, cols, s.slot, ctx.n, places) >= 0) continue;
    if (passingChildren(ctx, cols, s.slot) !== ctx.fullMask) continue;
    everyone.push(buildMatch(ctx, view, s.slot, ctx.fullMask, ctx.n, false));
  }
  everyone.sort(byTotalThenId);
  const splits =
    collector && (everyone.length === 0 || !ctx.need.keepSiblingsTogether) ? collector.propose() : [];
  return { results: everyone.slice(0, limit), splits };
};

const agree = (got: SearchResult, want: { results: Match[]; splits: SplitProposal[] }, what: string) => {
  // One message naming the case, so a failure says which need broke.
  if (JSON.stringify(got.results) !== JSON.stringify(want.results)) {
    expect({ what, results: got.results }).toEqual({ what, results: want.results });
  }
  if (JSON.stringify(got.splits) !== JSON.stringify(want.splits)) {
    expect({ what, splits: got.splits }).toEqual({ what, splits: want.splits });
  }
};

describe('Search pruning: equal to a search that examines everything', () => {
  it.each([
    [1, 10_000],
    [2, 10_000],
    [3, 3_000],
    [4, 25_000],
  ])(
    'seed %i, buckets of %i m: the same ids, order, totals, explanations and sibling splits for every need (M-09, M-11, M-18, M-26, M-28, M-30, M-35)',
    (seed, cellMetres) => {
      const random = seeded(seed);
      const { log } = buildSupply(random, 260);
      const view = log.view();
      const index = SpatialIndex.forView(view, { cellMetres });
      let compared = 0;
      let splitCases = 0;
      for (let k = 0; k < 90; k += 1) {
        const need = randomNeed(random);
        const policy = pick(random, POLICIES);
        const limit = pick(random, [1, 3, 5, 10, 20]);
        const today = pick(random, [TODAY, dayOffset(4), dayOffset(-3)]);
        const got = search(view, index, need, policy, { limit, today });
        const want = unpruned(view, need, policy, limit, today);
        agree(got, want, `seed ${seed} need ${k}`);
        compared += 1;
        if (want.splits.length > 0) splitCases += 1;
      }
      expect(compared).toBe(90);
      // The seeds are chosen so that sibling splits are among the cases compared.
      expect(splitCases).toBeGreaterThan(0);
    },
  );

  it('stays equal while vacancies, approvals, households, costs, judgements and admissions change under a running index (M-48)', () => {
    const random = seeded(77);
    const { log, ids, vacancies } = buildSupply(random, 200);
    const view = log.view();
    const index = SpatialIndex.forView(view);
    const needs = Array.from({ length: 25 }, () => randomNeed(random));
    let from = log.events.length;
    for (let round = 0; round < 12; round += 1) {
      for (let change = 0; change < 30; change += 1) changeSupply(random, log, ids, vacancies);
      view.applyAll(log.events.slice(from));
      from = log.events.length;
      expect(summaryProblems(index, view)).toEqual([]);
      for (const [k, need] of needs.entries()) {
        if ((k + round) % 3 !== 0) continue;
        const limit = pick(random, [1, 5, 10]);
        agree(
          search(view, index, need, DEFAULT_POLICY, { limit }),
          unpruned(view, need, DEFAULT_POLICY, limit, view.today() ?? TODAY),
          `round ${round} need ${k}`,
        );
      }
    }
    // Enough changes have gone by that summaries were rebuilt: none is more than its settings' worth stale.
    const sums = index.summaries;
    for (let node = 0; node < sums.size; node += 1) {
      expect(sums.stale[node]).toBeLessThanOrEqual(sums.count[node] + (node < index.firstBlock ? 8 : 64));
    }
  });

  it('a summary above its settings only costs time: the answers stay the same', () => {
    const random = seeded(5);
    const { log } = buildSupply(random, 200);
    const view = log.view();
    const index = SpatialIndex.forView(view);
    const needs = Array.from({ length: 40 }, () => randomNeed(random));
    const sums = index.summaries;
    for (let node = 0; node < sums.size; node += 1) {
      if (sums.count[node] === 0) continue;
      // As high as a summary can be: anywhere, anything approved, the best judgement and cost, every authority.
      sums.minEasting[node] = 0;
      sums.maxEasting[node] = 700_000;
      sums.minNorthing[node] = 0;
      sums.maxNorthing[node] = 1_300_000;
      for (const masks of [
        sums.groups,
        sums.purposes,
        sums.risks,
        sums.adaptations,
        sums.disabilities,
        sums.specialisms,
        sums.communication,
        sums.languages,
        sums.religions,
      ]) {
        masks[node] = -1;
      }
      sums.minAge[node] = 0;
      sums.maxAge[node] = 1_000;
      sums.capacity[node] = 99;
      sums.flags[node] = 0xff;
      sums.bestJudgement[node] = 0;
      for (let g = 0; g < COSTED_GROUPS.length; g += 1) sums.minPence[node * COSTED_GROUPS.length + g] = 0;
      sums.latestFirstCostDay[node] = Number.POSITIVE_INFINITY;
      sums.authorities[node] = [
        ...(sums.authorities[node] ?? []),
        view.columns.authorityId(HOME_LA),
        view.columns.authorityId(OTHER_LA),
      ];
    }
    for (const [k, need] of needs.entries()) {
      agree(
        search(view, index, need, DEFAULT_POLICY, { limit: 5 }),
        unpruned(view, need, DEFAULT_POLICY, 5, TODAY),
        `need ${k}`,
      );
    }
  });

  it('a summary below its settings would change the answer, and the comparison catches it', () => {
    // Many plain foster settings: the best for a child at HOME is the nearest, whose bucket is then made to look
    // as if nothing there could take a foster placement.
    const log = fixtureLog();
    for (let i = 0; i < 30; i += 1) log.setting(uuid(20_000 + i), { grid: milesFrom(i * 1.5, (i % 5) - 2) });
    const view = log.view();
    const index = SpatialIndex.forView(view);
    const need = { ...unprunedNeed(), homeGrid: HOME };
    const want = unpruned(view, need, DEFAULT_POLICY, 1, TODAY);
    expect(search(view, index, need, DEFAULT_POLICY, { limit: 1 }).results).toEqual(want.results);
    const best = view.facts(want.results[0].settingId);
    const sums = index.summaries;
    for (let node = 0; node < sums.size; node += 1) {
      const inside =
        best !== undefined &&
        sums.count[node] > 0 &&
        best.easting >= sums.minEasting[node] &&
        best.easting <= sums.maxEasting[node] &&
        best.northing >= sums.minNorthing[node] &&
        best.northing <= sums.maxNorthing[node];
      if (inside && node < index.firstBlock) sums.groups[node] &= ~GROUP_BITS.bit('fostering');
    }
    expect(search(view, index, need, DEFAULT_POLICY, { limit: 1 }).results).not.toEqual(want.results);
  });

  it('counts every setting, by the first rule it fails, when the list is not filled', () => {
    const random = seeded(9);
    const { log } = buildSupply(random, 150);
    const view = log.view();
    const index = SpatialIndex.forView(view);
    const result = search(view, index, { ...unprunedNeed(), homeGrid: milesFrom(10, 10) }, DEFAULT_POLICY, {
      limit: MAX_LIMIT,
    });
    expect(result.results.length).toBeLessThan(MAX_LIMIT);
    expect(result.considered).toBe(index.size);
    const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0);
    expect(excluded + result.results.length).toBe(index.size);
  });
});

const unprunedNeed = (): NeedProfile => ({
  children: [childNeed()],
  homeGrid: HOME,
  homeLocalAuthority: HOME_LA,
  purpose: 'short-term',
  urgency: 'over-5-days',
  emergency: false,
  suitability: { foster: true, residential: false, supported: false },
  secureCriteriaMet: false,
});

/** One random change to the supply, through the deciders; a change a decider refuses is skipped. */
const changeSupply = (
  random: Random,
  log: FixtureLog,
  ids: string[],
  vacancies: Map<string, string[]>,
): void => {
  const id = pick(random, ids);
  const open = vacancies.get(id) ?? [];
  const kind = random();
  try {
    if (kind < 0.2 && open.length > 0) {
      log.settingCommand(id, {
        type: 'FillVacancy',
        data: {
          vacancyId: pick(random, open) as never,
          placementId: uuid(700_000 + int(random, 0, 99_999)) as never,
        },
      });
    } else if (kind < 0.35) {
      const before = log.events.length;
      log.openVacancy(id, 1, pick(random, [TODAY, dayOffset(2), dayOffset(-1)]));
      const e = log.events[before];
      if (e) vacancies.set(id, [...open, (e.data as { vacancyId: string }).vacancyId]);
    } else if (kind < 0.45 && open.length > 0) {
      log.settingCommand(id, {
        type: 'CloseVacancy',
        data: { vacancyId: pick(random, open) as never, reason: 'Synthetic' },
      });
    } else if (kind < 0.55) {
      const minYears = pick(random, [0, 5, 12, 16]);
      log.settingCommand(id, {
        type: 'SetApprovalTerms',
        data: approvalTerms({
          ageRange: { minYears, maxYears: Math.max(minYears, pick(random, [11, 17])) },
          maxChildren: 3,
          maxFromOneSiblingGroup: int(random, 1, 3),
          purposes: ['short-term', ...some(random, ['emergency', 'long-term', 'remand'] as const, 0.5)],
          disabilitySpecialisms: some(random, DISABILITIES, 0.1),
          specialisms: some(random, ['uasc', 'complex-health'] as const, 0.2),
          adaptations: some(random, ADAPTATIONS, 0.1),
          manageableRisks: some(random, RISKS, 0.3),
        }),
      });
    } else if (kind < 0.65) {
      log.settingCommand(id, {
        type: 'UpdateHouseholdProfile',
        data: householdProfile({
          languages: [...new Set(['en', ...some(random, LANGUAGES, 0.05)])],
          communicationMethods: some(random, ['BSL', 'Makaton'] as const, 0.1),
          religionsPractised: some(random, RELIGIONS, 0.2),
          otherChildren: random() < 0.3 ? [{ ageYears: int(random, 1, 17) }] : [],
          pets: random() < 0.3 ? ['cat'] : [],
        }),
      });
    } else if (kind < 0.72) {
      log.settingCommand(id, {
        type: 'SetWeeklyCost',
        data: { amountPence: int(random, 20_000, 1_500_000), effectiveFrom: dayOffset(int(random, -30, 20)) },
      });
    } else if (kind < 0.78) {
      const provider = pick(random, PROVIDERS);
      log.providerCommand(provider, {
        type: 'RecordOfstedJudgement',
        data: {
          judgement: pick(random, ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const),
          inspectionDate: dayOffset(-int(random, 0, 5)),
        },
      });
    } else if (kind < 0.83) {
      const provider = pick(random, PROVIDERS);
      if (random() < 0.5) log.suspend(provider);
      else log.restore(provider);
    } else if (kind < 0.86) {
      log.close(id);
    } else {
      log.placeChild(id, uuid(800_000 + int(random, 0, 99_999)), int(random, 12, 200), dayOffset(-2));
    }
  } catch {
    // the decider refused the change (a closed setting, a full approval): nothing was recorded
  }
};

/**
 * Every way a node's summary falls below a setting under it (empty when every summary covers its settings): the
 * search's bounds are right only while this holds.
 */
const summaryProblems = (index: SpatialIndex, view: SupplyView): string[] => {
  const problems: string[] = [];
  const sums = index.summaries;
  const cols = view.columns;
  const buckets = new Int32Array(64);
  const check = (node: number, slot: number) => {
    const s = view.factsAt(slot);
    const fail = (what: string) => problems.push(`node ${node}, setting ${s.settingId}: ${what}`);
    if (
      s.easting < sums.minEasting[node] ||
      s.easting > sums.maxEasting[node] ||
      s.northing < sums.minNorthing[node] ||
      s.northing > sums.maxNorthing[node]
    ) {
      fail('outside the box');
    }
    const masks: [string, Int32Array, Int32Array][] = [
      ['groups', sums.groups, cols.groupMask],
      ['purposes', sums.purposes, cols.purposeMask],
      ['risks', sums.risks, cols.riskMask],
      ['adaptations', sums.adaptations, cols.adaptationMask],
      ['disabilities', sums.disabilities, cols.disabilityMask],
      ['specialisms', sums.specialisms, cols.specialismMask],
      ['communication', sums.communication, cols.communicationMask],
      ['languages', sums.languages, cols.languageMask],
      ['religions', sums.religions, cols.religionMask],
    ];
    for (const [name, summary, column] of masks) {
      if ((column[slot] & ~summary[node]) !== 0) fail(`${name} not covered`);
    }
    if (cols.minAgeMonths[slot] < sums.minAge[node]) fail('youngest age');
    if (cols.maxAgeMonthsExclusive[slot] > sums.maxAge[node]) fail('oldest age');
    if (Math.min(cols.openPlaces[slot], cols.maxSiblings[slot]) > sums.capacity[node]) fail('capacity');
    if (cols.hasPets[slot] === 0 && (sums.flags[node] & NODE_FLAGS.PET_FREE) === 0) fail('pet-free');
    if (cols.languageOverflow[slot] === 1 && (sums.flags[node] & NODE_FLAGS.LANGUAGE_OVERFLOW) === 0) {
      fail('language overflow');
    }
    const judgement = cols.providerJudgement[cols.providerSlot[slot]];
    if (judgement < 0 && (sums.flags[node] & NODE_FLAGS.UNJUDGED) === 0) fail('unjudged');
    if (
      judgement >= 0 &&
      (sums.bestJudgement[node] === NO_JUDGEMENT || judgement < sums.bestJudgement[node])
    ) {
      fail('judgement');
    }
    const first = s.costs.length === 0 ? Number.POSITIVE_INFINITY : s.costs[0].fromDay;
    if (first > sums.latestFirstCostDay[node]) fail('first cost day');
    COSTED_GROUPS.forEach((group, g) => {
      if ((cols.groupMask[slot] & GROUP_BITS.bit(group)) === 0) return;
      for (const c of s.costs) {
        if (c.amountPence < sums.minPence[node * COSTED_GROUPS.length + g]) fail(`cost of ${group}`);
      }
    });
    if (!sums.hasAuthority(node, cols.authority[slot])) fail('authority');
  };
  for (let cell = 0; cell < index.firstBlock; cell += 1) {
    const slots = index.listed(cell);
    if (sums.count[cell] !== slots.length) problems.push(`bucket ${cell}: count`);
    for (const slot of slots) check(cell, slot);
  }
  for (let block = index.firstBlock; block < sums.size; block += 1) {
    const k = index.bucketsOf(block, buckets);
    let count = 0;
    for (let i = 0; i < k; i += 1) {
      for (const slot of index.listed(buckets[i])) {
        count += 1;
        check(block, slot);
      }
    }
    if (sums.count[block] !== count) problems.push(`block ${block}: count`);
  }
  return problems;
};

describe('Spatial index summaries', () => {
  it('cover every setting under their bucket and block after every kind of change (a summary too low is a bug)', () => {
    const random = seeded(21);
    const { log, ids, vacancies } = buildSupply(random, 150);
    const view = new SupplyView();
    const index = SpatialIndex.forView(view);
    // Built event by event, then changed event by event: checked after every one.
    let from = 0;
    for (let change = 0; change < 400; change += 1) {
      if (change >= 40) changeSupply(random, log, ids, vacancies);
      const events = log.events.slice(
        from,
        change < 40 ? from + Math.ceil(log.events.length / 40) : undefined,
      );
      from += events.length;
      view.applyAll(events);
      const problems = summaryProblems(index, view);
      if (problems.length > 0) expect({ change, problems }).toEqual({ change, problems: [] });
    }
    expect(index.size).toBeGreaterThan(50);
  });
});
