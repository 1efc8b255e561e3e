import {
  DEFAULT_POLICY,
  Match,
  MatchingPolicy,
  NeedProfile,
  SearchOptions,
  SearchResult,
  SpatialIndex,
  SupplyView,
  search,
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
  needProfile,
  uuidOf,
} from '@placematch/matching/testing';

const PROVIDER = uuidOf(1);

const searchView = (
  view: SupplyView,
  need: NeedProfile,
  policy: MatchingPolicy = DEFAULT_POLICY,
  options?: SearchOptions,
) => search(view, SpatialIndex.forView(view), need, policy, options);

const run = (
  log: FixtureLog,
  need: NeedProfile = needProfile(),
  policy?: MatchingPolicy,
  options?: SearchOptions,
) => searchView(log.view(), need, policy, options);

const ids = (matches: Match[]) => matches.map((m) => m.settingId);
const factor = (match: Match, name: string) => match.factors.find((f) => f.factor === name);
const guards = (match: Match) => match.guards.map((g) => g.guard);
const byId = (result: SearchResult, settingId: string) =>
  result.results.find((m) => m.settingId === settingId) as Match;

const twins = (n: number) =>
  Array.from({ length: n }, (_, i) => childNeed({ ref: `sibling-${i + 1}`, ageMonths: 7 * 12 + i * 14 }));

describe('Search: sibling groups (M-09)', () => {
  const TOGETHER = uuidOf(201);
  const NEAR_1 = uuidOf(202);
  const NEAR_2 = uuidOf(203);
  const onlyOne: SettingSpec = { terms: { maxChildren: 2, maxFromOneSiblingGroup: 1 } };
  const supply = (withTogether: boolean) => {
    const log = fixtureLog()
      .setting(NEAR_1, { ...onlyOne, grid: milesFrom(1) })
      .setting(NEAR_2, { ...onlyOne, grid: milesFrom(0, 2) });
    return withTogether ? log.setting(TOGETHER, { grid: milesFrom(15) }) : log;
  };

  it('M-09: keeps the group together in one setting, even further away, and proposes no split', () => {
    const result = run(supply(true), needProfile({ children: twins(2) }));
    expect(ids(result.results)).toEqual([TOGETHER]);
    expect(result.excluded['sibling-capacity']).toBe(2);
    expect(result.splits).toEqual([]);
    expect(factor(result.results[0], 'siblings-together')).toMatchObject({ score: 1, weight: 3 });
    expect(guards(result.results[0])).not.toContain('sibling-separation');
  });

  it('M-09: proposes a split only when no setting can take them all, flagged for the separation assessment', () => {
    const result = run(supply(false), needProfile({ children: twins(2) }));
    expect(result.results).toEqual([]);
    expect(result.splits.length).toBeGreaterThan(0);
    const [best] = result.splits;
    expect(best.settings).toBe(2);
    expect(best.parts.map((p) => p.childRefs)).toEqual([['sibling-1'], ['sibling-2']]);
    expect(new Set(best.parts.map((p) => p.match.settingId))).toEqual(new Set([NEAR_1, NEAR_2]));
    expect(best.guards.map((g) => g.guard)).toContain('sibling-separation');
    expect(best.guards.find((g) => g.guard === 'sibling-separation')?.approval).toMatch(/M-09/);
    for (const part of best.parts) {
      expect(guards(part.match)).toContain('sibling-separation');
      expect(factor(part.match, 'siblings-together')?.score).toBe(0);
    }
    expect(best.greatestDistanceBetweenSettingsMiles).toBe(2.2);
    expect(best.meanDistanceFromHomeMiles).toBe(1.5);
  });

  it('M-09: ranks splits over the fewest settings first, then the nearest to each other', () => {
    const log = fixtureLog()
      .setting(uuidOf(301), { grid: milesFrom(30) })
      .setting(uuidOf(302), { ...onlyOne, grid: milesFrom(1) })
      .setting(uuidOf(303), { ...onlyOne, grid: milesFrom(-1) })
      .setting(uuidOf(304), { ...onlyOne, grid: milesFrom(0, 1) });
    const result = run(log, needProfile({ children: twins(3) }));
    expect(result.results).toEqual([]);
    // The one setting that takes two of them is in every proposal: two settings beat three, however near.
    expect(result.splits.map((s) => s.settings)).toEqual([2, 2, 2, 2, 2]);
    for (const split of result.splits)
      expect(split.parts.map((p) => p.match.settingId)).toContain(uuidOf(301));
    const spreads = result.splits.slice(0, 3).map((s) => s.greatestDistanceBetweenSettingsMiles);
    expect([...spreads].sort((a, b) => a - b)).toEqual(spreads);
  });

  it('caps the proposals at the policy maximum', () => {
    const policy = { ...DEFAULT_POLICY, splits: { ...DEFAULT_POLICY.splits, maxProposals: 1 } };
    expect(run(supply(false), needProfile({ children: twins(2) }), policy).splits).toHaveLength(1);
  });

  it('proposes splits beside whole-group matches when the request does not ask to keep them together', () => {
    const result = run(supply(true), needProfile({ children: twins(2), keepSiblingsTogether: false }));
    expect(ids(result.results)).toEqual([TOGETHER]);
    expect(result.splits.length).toBeGreaterThan(0);
  });

  it('proposes nothing when no child can be placed anywhere', () => {
    const result = run(
      supply(false),
      needProfile({ children: twins(2).map((c) => ({ ...c, risks: ['others.fire-setting' as const] })) }),
    );
    expect(result.results).toEqual([]);
    expect(result.splits).toEqual([]);
  });
});

describe('Search: school (M-18)', () => {
  const NEAR_SCHOOL = uuidOf(211);
  const NEAR_HOME = uuidOf(212);
  const school = milesFrom(0, 10);
  const log = () =>
    fixtureLog()
      .setting(NEAR_SCHOOL, { grid: milesFrom(0, 9) })
      .setting(NEAR_HOME, { grid: milesFrom(0, -8) });
  const inYear = (yearGroup: number) =>
    needProfile({ schoolGrid: school, children: [childNeed({ ageMonths: 14 * 12 + 6, yearGroup })] });

  it('M-18: ranks a setting near the school first for a Year 10 child and flags a school move for one beyond a reasonable distance', () => {
    const result = run(log(), inYear(10));
    expect(ids(result.results)).toEqual([NEAR_SCHOOL, NEAR_HOME]);
    expect(byId(result, NEAR_SCHOOL).distanceFromSchoolMiles).toBe(1);
    expect(guards(byId(result, NEAR_SCHOOL))).toEqual([]);
    expect(byId(result, NEAR_HOME).distanceFromSchoolMiles).toBe(18);
    expect(guards(byId(result, NEAR_HOME))).toEqual(['school-move-year-10-11']);
    expect(byId(result, NEAR_HOME).guards[0].approval).toMatch(/M-18/);
  });

  it('M-18: weighs the school three times as heavily in Year 10 or 11 as in Year 9, and flags no move in Year 9', () => {
    const year9 = run(log(), inYear(9));
    const year11 = run(log(), inYear(11));
    expect(factor(year11.results[0], 'school-continuity')?.weight).toBe(
      3 * (factor(year9.results[0], 'school-continuity')?.weight ?? 0),
    );
    const gap = (r: SearchResult) => byId(r, NEAR_SCHOOL).total - byId(r, NEAR_HOME).total;
    expect(gap(year11)).toBeGreaterThan(gap(year9));
    expect(guards(byId(year9, NEAR_HOME))).toEqual([]);
    expect(guards(byId(year11, NEAR_HOME))).toEqual(['school-move-year-10-11']);
  });

  it('M-19: a long journey to school is a score and a guard, never a reason to leave a setting out', () => {
    const far = fixtureLog().setting(NEAR_HOME, { grid: milesFrom(0, -60) });
    expect(ids(run(far, inYear(10)).results)).toEqual([NEAR_HOME]);
  });

  it('does not score school continuity when no school is given', () => {
    const result = run(log(), needProfile());
    expect(factor(result.results[0], 'school-continuity')).toMatchObject({ weight: 0 });
    expect(result.results[0].distanceFromSchoolMiles).toBeNull();
  });
});

describe('Search: the authority boundary (M-11, M-12)', () => {
  const ACROSS = uuidOf(221);
  const INSIDE = uuidOf(222);
  const FAR_INSIDE = uuidOf(223);
  const log = () =>
    fixtureLog()
      .setting(ACROSS, { grid: milesFrom(1), hostLocalAuthority: OTHER_LA })
      .setting(INSIDE, { grid: milesFrom(-12), hostLocalAuthority: HOME_LA })
      .setting(FAR_INSIDE, { grid: milesFrom(0, -40), hostLocalAuthority: HOME_LA });

  it('M-11, M-12: flags a setting just across the boundary for senior sign-off, and none inside however far', () => {
    const result = run(log());
    expect(byId(result, ACROSS)).toMatchObject({ inAuthority: false, distanceFromHomeMiles: 1 });
    expect(guards(byId(result, ACROSS))).toEqual(['out-of-authority']);
    expect(byId(result, ACROSS).guards[0].approval).toMatch(/M-11, M-12/);
    expect(byId(result, INSIDE)).toMatchObject({ inAuthority: true, distanceFromHomeMiles: 12 });
    expect(guards(byId(result, INSIDE))).toEqual([]);
    expect(guards(byId(result, FAR_INSIDE))).toEqual([]);
  });

  it('ranks the setting 12 miles inside the authority above the one a mile across it, with the default weights', () => {
    expect(ids(run(log()).results)).toEqual([INSIDE, ACROSS, FAR_INSIDE]);
  });

  it('keeps the out-of-authority setting on the menu: a guard, not a filter', () => {
    const result = run(fixtureLog().setting(ACROSS, { grid: milesFrom(1), hostLocalAuthority: OTHER_LA }));
    expect(ids(result.results)).toEqual([ACROSS]);
  });
});

describe('Search: Ofsted suspension (M-48)', () => {
  const OTHER_PROVIDER = uuidOf(2);
  const log = () =>
    fixtureLog()
      .provider(OTHER_PROVIDER, { providerId: OTHER_PROVIDER as never, judgement: 'Outstanding' })
      .setting(uuidOf(231), { grid: milesFrom(2), providerId: OTHER_PROVIDER })
      .setting(uuidOf(232), { grid: milesFrom(5) });

  it('M-48: a suspended provider disappears from search and comes back when admissions are restored', () => {
    expect(ids(run(log()).results)).toEqual([uuidOf(231), uuidOf(232)]);
    const suspended = run(log().suspend(OTHER_PROVIDER));
    expect(ids(suspended.results)).toEqual([uuidOf(232)]);
    expect(suspended.excluded['provider-not-admitting']).toBe(1);
    expect(ids(run(log().suspend(OTHER_PROVIDER).restore(OTHER_PROVIDER)).results)).toEqual([
      uuidOf(231),
      uuidOf(232),
    ]);
  });

  it('M-48: the suspension reaches a view and index that are already running', () => {
    const live = log();
    const view = live.view();
    const index = SpatialIndex.forView(view);
    const from = live.events.length;
    live.suspend(OTHER_PROVIDER);
    view.applyAll(live.events.slice(from));
    expect(ids(search(view, index, needProfile(), DEFAULT_POLICY).results)).toEqual([uuidOf(232)]);
  });
});

describe('Search: identity needs (M-28)', () => {
  const POLISH = uuidOf(241);
  const ENGLISH = uuidOf(242);

  it('M-28: ranks a household that speaks the child’s language first', () => {
    const log = fixtureLog()
      .setting(ENGLISH, { grid: milesFrom(2), household: { languages: ['en'] } })
      .setting(POLISH, { grid: milesFrom(2), household: { languages: ['en', 'pl'] } });
    const result = run(log, needProfile({ children: [childNeed({ languages: ['pl', 'en'] })] }));
    expect(ids(result.results)).toEqual([POLISH, ENGLISH]);
    expect(factor(byId(result, POLISH), 'language-and-communication')?.score).toBe(1);
    expect(factor(byId(result, ENGLISH), 'language-and-communication')?.score).toBe(0.5);
  });

  it('M-28: counts BSL and Makaton with spoken languages', () => {
    const log = fixtureLog()
      .setting(ENGLISH, { grid: milesFrom(2) })
      .setting(POLISH, { grid: milesFrom(2), household: { communicationMethods: ['BSL'] } });
    const result = run(log, needProfile({ children: [childNeed({ communication: ['BSL'] })] }));
    expect(ids(result.results)).toEqual([POLISH, ENGLISH]);
    expect(factor(byId(result, ENGLISH), 'language-and-communication')?.why).toMatch(/1 of 2/);
  });

  it('M-28: prefers a household that practises the child’s religion, without leaving others out', () => {
    const log = fixtureLog()
      .setting(ENGLISH, { grid: milesFrom(2), household: { religionsPractised: ['christian'] } })
      .setting(POLISH, { grid: milesFrom(2), household: { religionsPractised: ['muslim'] } });
    const result = run(
      log,
      needProfile({ children: [childNeed({ religion: 'muslim', culturalNeeds: ['halal food'] })] }),
    );
    expect(ids(result.results)).toEqual([POLISH, ENGLISH]);
    expect(factor(byId(result, ENGLISH), 'religion-and-culture')?.score).toBe(0.4);
    expect(factor(byId(result, POLISH), 'religion-and-culture')?.why).toMatch(/ask the provider/);
  });

  it('M-30: prefers a UASC specialist for an unaccompanied asylum-seeking child, without leaving others out', () => {
    const log = fixtureLog()
      .setting(ENGLISH, { grid: milesFrom(2) })
      .setting(POLISH, { grid: milesFrom(2), terms: { specialisms: ['uasc'] } });
    const result = run(log, needProfile({ children: [childNeed({ uasc: true, ageMonths: 15 * 12 })] }));
    expect(ids(result.results)).toEqual([POLISH, ENGLISH]);
    expect(factor(byId(result, ENGLISH), 'uasc-support')).toMatchObject({ score: 0, weight: 1 });
  });

  it("M-28: changing only the carers' ethnicity changes nothing in the result, whatever the need", () => {
    const build = (ethnicities: string[]) =>
      fixtureLog()
        .setting(uuidOf(251), {
          grid: milesFrom(3),
          household: { carerEthnicities: [ethnicities[0]] as never },
        })
        .setting(uuidOf(252), {
          grid: milesFrom(3),
          household: { carerEthnicities: [ethnicities[1]] as never, languages: ['en', 'ur'], pets: ['dog'] },
        })
        .setting(uuidOf(253), {
          grid: milesFrom(0, 3),
          hostLocalAuthority: OTHER_LA,
          household: {
            carerEthnicities: ethnicities.slice(2) as never,
            religionsPractised: ['muslim'],
            otherChildren: [{ ageYears: 4 }],
          },
          terms: {
            disabilitySpecialisms: ['AUT'],
            specialisms: ['uasc'],
            manageableRisks: ['child.going-missing'],
          },
        })
        .placeChild(uuidOf(251), uuidOf(551), 12 * 12, '2024-10-01');
    const needs = [
      needProfile({
        children: [
          childNeed({
            languages: ['ur', 'en'],
            religion: 'muslim',
            culturalNeeds: ['a place of worship nearby'],
          }),
        ],
      }),
      needProfile({
        children: [
          childNeed({ cannotLiveWithPets: true, livesAlongside: 'younger-only', disabilities: ['AUT'] }),
        ],
      }),
      needProfile({
        children: [childNeed({ livesAlongside: 'solo', uasc: true, risks: ['child.going-missing'] })],
        schoolGrid: milesFrom(1),
      }),
      needProfile({ children: twins(2) }),
      needProfile({ children: [childNeed({ cannotLiveWithPets: true })] }),
    ];
    for (const need of needs) {
      const one = run(build(['WBRI', 'WBRI', 'WBRI']), need);
      for (const other of [
        ['APKN', 'MWAS', 'BAFR'],
        ['BCRB', 'CHNE', 'WIRT', 'MWBC'],
      ]) {
        expect(run(build(other), need)).toEqual(one);
      }
    }
  });
});

describe('Search: disability and adaptations (M-26)', () => {
  it('M-26: places a child who needs a wheelchair-accessible home only where there is one, specialists first', () => {
    const log = fixtureLog()
      .setting(uuidOf(261), { grid: milesFrom(1) })
      .setting(uuidOf(262), { grid: milesFrom(4), terms: { adaptations: ['wheelchair-access'] } })
      .setting(uuidOf(263), {
        grid: milesFrom(4),
        terms: { adaptations: ['wheelchair-access'], disabilitySpecialisms: ['MOB'] },
      });
    const need = needProfile({
      children: [childNeed({ disabilities: ['MOB'], adaptations: ['wheelchair-access'] })],
    });
    const result = run(log, need);
    expect(ids(result.results)).toEqual([uuidOf(263), uuidOf(262)]);
    expect(result.excluded['adaptations-missing']).toBe(1);
    expect(factor(result.results[0], 'disability-and-health')).toMatchObject({ score: 1, weight: 2 });
    expect(factor(result.results[1], 'disability-and-health')?.score).toBe(0);
    expect(factor(result.results[0], 'disability-and-health')?.why).toMatch(/adaptation/);
  });

  it('matches complex health needs with the complex-health specialism', () => {
    const log = fixtureLog()
      .setting(uuidOf(264), { grid: milesFrom(1) })
      .setting(uuidOf(265), { grid: milesFrom(3), terms: { specialisms: ['complex-health'] } });
    const result = run(log, needProfile({ children: [childNeed({ healthNeeds: ['tube feeding'] })] }));
    expect(ids(result.results)).toEqual([uuidOf(265), uuidOf(264)]);
  });
});

describe('Search: cared for alongside', () => {
  it('places a child who may live only with younger children where the others are younger', () => {
    const log = fixtureLog()
      .setting(uuidOf(271), { grid: milesFrom(1), household: { otherChildren: [{ ageYears: 14 }] } })
      .setting(uuidOf(272), { grid: milesFrom(2) })
      .placeChild(uuidOf(272), uuidOf(571), 4 * 12, '2024-09-01')
      .setting(uuidOf(273), {
        grid: milesFrom(3),
        household: { otherChildren: [{ ageYears: 3 }, { ageYears: 12 }] },
      });
    const result = run(
      log,
      needProfile({ children: [childNeed({ ageMonths: 10 * 12, livesAlongside: 'younger-only' })] }),
    );
    expect(ids(result.results)).toEqual([uuidOf(272)]);
    expect(result.excluded['cared-for-alongside']).toBe(2);
  });
});

describe('Search: carer stress (KEEP, M-39, M-40)', () => {
  const CALM = uuidOf(282);
  const STRESSED = uuidOf(281);
  const withReports = (counts: number[], daysAgo = 1) =>
    fixtureLog()
      .setting(STRESSED, { grid: milesFrom(2) })
      .setting(CALM, { grid: milesFrom(2) })
      .placeChild(STRESSED, uuidOf(581), 9 * 12, '2024-06-01')
      .reportStress(
        STRESSED,
        uuidOf(581),
        counts.map((stressful, i) => ({ date: dayOffset(-daysAgo - i), stressful })),
      );

  it('M-40: lowers the score of a setting whose carer reports more than 5 stressful behaviours a day, keeping it on the menu', () => {
    const result = run(withReports([7, 6, 2, 1]));
    expect(ids(result.results)).toEqual([CALM, STRESSED]);
    expect(factor(byId(result, STRESSED), 'carer-stress')?.score).toBe(0.5);
    expect(factor(byId(result, STRESSED), 'carer-stress')?.why).toMatch(
      /more than 5 stressful behaviours a day on 2 of 4/,
    );
    expect(factor(byId(result, CALM), 'carer-stress')?.score).toBe(1);
  });

  it('M-40: a day of exactly 5 stressful behaviours is not over the threshold', () => {
    const result = run(withReports([5, 5, 5]));
    expect(factor(byId(result, STRESSED), 'carer-stress')?.score).toBe(1);
    expect(ids(result.results)).toEqual([STRESSED, CALM]);
  });

  it('M-40: follows the policy threshold and look-back', () => {
    const strict = { ...DEFAULT_POLICY, keep: { ...DEFAULT_POLICY.keep, stressThreshold: 4 } };
    expect(
      factor(byId(run(withReports([5, 5]), needProfile(), strict), STRESSED), 'carer-stress')?.score,
    ).toBe(0);
    expect(factor(byId(run(withReports([9, 9], 40)), STRESSED), 'carer-stress')?.score).toBe(1);
  });

  it('M-39: lowers the score of a setting where a placement recently ended in disruption', () => {
    const log = fixtureLog()
      .setting(STRESSED, { grid: milesFrom(2) })
      .setting(CALM, { grid: milesFrom(2) })
      .placeChild(STRESSED, uuidOf(581), 9 * 12, '2024-06-01')
      .endPlacement(STRESSED, uuidOf(581), { disrupted: true, endedOn: dayOffset(-30) });
    const result = run(log);
    expect(ids(result.results)).toEqual([CALM, STRESSED]);
    expect(factor(byId(result, STRESSED), 'carer-stress')?.score).toBe(0.5);
  });
});

describe('Search: guards and the record of a search', () => {
  it('M-35: flags every match of an emergency request, asking for the reason when the policy does', () => {
    const log = fixtureLog().setting(uuidOf(291), { grid: milesFrom(1) });
    const need = needProfile({ purpose: 'emergency', emergency: true, urgency: 'today' });
    const withReason = run(log, need);
    expect(guards(withReason.results[0])).toEqual(['emergency']);
    expect(withReason.results[0].guards[0].approval).toMatch(/exceptional circumstances.*M-35/);
    const counted = run(log, need, { ...DEFAULT_POLICY, emergencyNeedsReason: false });
    expect(counted.results[0].guards[0].approval).not.toMatch(/exceptional/);
  });

  it('records the policy version and the day, and explains every factor in one sentence without the child’s reference', () => {
    const log = fixtureLog().setting(uuidOf(291), { grid: milesFrom(1), weeklyCostPence: 90_000 });
    const need = needProfile({
      children: [childNeed({ ref: 'ref-7f3a', religion: 'sikh', languages: ['pa-Guru'] })],
      schoolGrid: milesFrom(0, 2),
    });
    const result = run(log, need);
    expect(result.policyVersion).toBe('placematch-default@1');
    expect(result.asOf).toBe(TODAY);
    const [match] = result.results;
    expect(match.factors.map((f) => f.factor)).toEqual(Object.keys(DEFAULT_POLICY.weights));
    for (const f of match.factors) {
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(f.why).toMatch(/^[A-Z].*\.$/);
      expect(f.why.split(/\.\s/)).toHaveLength(1);
    }
    expect(JSON.stringify(result)).not.toContain('ref-7f3a');
    expect(factor(match, 'weekly-cost')?.why).toBe(
      "The usual weekly cost is £900, against the policy's £400 to £1,500 range for fostering.",
    );
    const weighted = match.factors.reduce((sum, f) => sum + f.weight * f.score, 0);
    const weights = match.factors.reduce((sum, f) => sum + f.weight, 0);
    expect(match.total).toBeCloseTo(weighted / weights, 3);
  });

  it("searches as of the caller's day: a vacancy from Thursday is there for a placement needed Thursday", () => {
    const log = fixtureLog().setting(uuidOf(291), { availableFrom: dayOffset(3) });
    expect(run(log, needProfile({ urgency: 'today' })).results).toEqual([]);
    const thursday = run(log, needProfile({ urgency: 'today' }), DEFAULT_POLICY, { today: dayOffset(3) });
    expect(thursday.results).toHaveLength(1);
    expect(thursday.asOf).toBe(dayOffset(3));
  });

  it('refuses an invalid need, limit or day, and an index built for another view', () => {
    const view = fixtureLog().setting(uuidOf(291)).view();
    const index = SpatialIndex.forView(view);
    expect(() => search(view, index, needProfile({ children: [] }), DEFAULT_POLICY)).toThrow(
      expect.objectContaining({ code: 'NEED.NO_CHILDREN' }),
    );
    expect(() => search(view, index, needProfile(), DEFAULT_POLICY, { limit: 0 })).toThrow(
      expect.objectContaining({ code: 'SEARCH.INVALID_LIMIT' }),
    );
    expect(() => search(view, index, needProfile(), DEFAULT_POLICY, { today: '10/03/2025' })).toThrow(
      expect.objectContaining({ code: 'SEARCH.INVALID_DATE' }),
    );
    expect(() => search(view, index, needProfile(), { ...DEFAULT_POLICY, version: 0 })).toThrow(
      expect.objectContaining({ code: 'POLICY.INVALID_VERSION' }),
    );
    expect(() => search(new SupplyView(), index, needProfile(), DEFAULT_POLICY)).toThrow(
      /another supply view/,
    );
  });
});

describe('Search: determinism, M-38 and snapshots', () => {
  const specs: [number, SettingSpec][] = [
    [301, { grid: milesFrom(4), weeklyCostPence: 70_000 }],
    [302, { grid: milesFrom(4), weeklyCostPence: 70_000 }],
    [303, { grid: milesFrom(-9, 3), hostLocalAuthority: OTHER_LA, household: { languages: ['en', 'pl'] } }],
    [304, { grid: milesFrom(0, 25), terms: { specialisms: ['uasc'] } }],
    [305, { grid: milesFrom(6, -6), household: { otherChildren: [{ ageYears: 3 }] } }],
  ];
  const build = (order: number[], tiers: (1 | 2 | 3 | undefined)[] = []) => {
    const log = fixtureLog();
    order.forEach((i, k) => log.setting(uuidOf(specs[i][0]), { ...specs[i][1], skillTier: tiers[k] }));
    return log;
  };
  const need = needProfile({ children: [childNeed({ languages: ['pl'] })], schoolGrid: milesFrom(1, 1) });

  it('gives the same ranking for the same events and policy, ties broken by setting id', () => {
    const first = run(build([0, 1, 2, 3, 4]), need);
    expect(run(build([0, 1, 2, 3, 4]), need)).toEqual(first);
    expect(run(build([4, 3, 2, 1, 0]), need)).toEqual(first);
    const tie = ids(first.results).filter((id) => id === uuidOf(301) || id === uuidOf(302));
    expect(tie).toEqual([uuidOf(301), uuidOf(302)]);
    expect(byId(first, uuidOf(301)).total).toBe(byId(first, uuidOf(302)).total);
  });

  it('M-38: the skill tier never changes a result', () => {
    const none = run(build([0, 1, 2, 3, 4]), need);
    expect(run(build([0, 1, 2, 3, 4], [3, 1, 2, 1, 3]), need)).toEqual(none);
    expect(run(build([0, 1, 2, 3, 4], [1, 3, 1, 3, 1]), need)).toEqual(none);
  });

  it('gives identical results from a view restored from its snapshot, before and after more events', () => {
    const log = build([0, 1, 2, 3, 4])
      .placeChild(uuidOf(301), uuidOf(591), 50, '2025-01-01')
      .reportStress(uuidOf(301), uuidOf(591), [{ date: dayOffset(-1), stressful: 8 }]);
    const view = log.view();
    const restored = SupplyView.fromSnapshot(JSON.parse(JSON.stringify(view.snapshot())));
    expect(searchView(restored, need)).toEqual(searchView(view, need));
    const from = log.events.length;
    log.suspend(PROVIDER).restore(PROVIDER).close(uuidOf(303)).placeChild(uuidOf(305), uuidOf(592), 20);
    const later = log.events.slice(from);
    view.applyAll(later);
    restored.applyAll(later);
    expect(searchView(restored, need)).toEqual(searchView(view, need));
  });
});

describe('Search: the early stop never changes the answer', () => {
  it('returns the same top matches as a search that looks at everything', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const log = fixtureLog().provider(uuidOf(2), {
      providerId: uuidOf(2) as never,
      judgement: 'Outstanding',
    });
    for (let i = 0; i < 160; i += 1) {
      const grid = milesFrom((random() - 0.5) * 140, (random() - 0.5) * 140);
      log.setting(uuidOf(1_000 + i), {
        grid,
        providerId: pick([uuidOf(1), uuidOf(2)]),
        hostLocalAuthority:
          Math.hypot(grid.easting - HOME.easting, grid.northing - HOME.northing) < 20_000
            ? HOME_LA
            : OTHER_LA,
        weeklyCostPence: 40_000 + Math.floor(random() * 100_000),
        terms: {
          ageRange: { minYears: pick([0, 0, 5]), maxYears: 17 },
          specialisms: random() < 0.2 ? ['uasc'] : [],
        },
        household: { languages: random() < 0.3 ? ['en', 'pl'] : ['en'], pets: random() < 0.2 ? ['dog'] : [] },
      });
    }
    const view = log.view();
    const needs = [
      needProfile(),
      needProfile({ children: [childNeed({ languages: ['pl'], uasc: true })], schoolGrid: milesFrom(5, 5) }),
      needProfile({
        children: [childNeed({ yearGroup: 10, ageMonths: 15 * 12 })],
        schoolGrid: milesFrom(-10, 0),
      }),
      needProfile({ children: twins(2) }),
    ];
    for (const need of needs) {
      const everything = searchView(view, need, DEFAULT_POLICY, { limit: 200 });
      expect(everything.results.length).toBeGreaterThan(10);
      expect(everything.results.length).toBeLessThan(200);
      for (const limit of [1, 5, 10]) {
        const top = searchView(view, need, DEFAULT_POLICY, { limit });
        expect(top.results).toEqual(everything.results.slice(0, limit));
        expect(top.considered).toBeLessThanOrEqual(everything.considered);
      }
    }
  });
});
