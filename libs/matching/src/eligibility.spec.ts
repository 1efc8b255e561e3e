import {
  DEFAULT_POLICY,
  ELIGIBILITY_RULES,
  ELIGIBILITY_RULE_DESCRIPTIONS,
  EligibilityRule,
  MatchingPolicy,
  NeedProfile,
  SearchResult,
  SpatialIndex,
  search,
} from '@placematch/matching';
import {
  FixtureLog,
  HOME,
  TODAY,
  childNeed,
  dayOffset,
  fixtureLog,
  needProfile,
  uuidOf,
} from '@placematch/matching/testing';

const A = uuidOf(101);
const PROVIDER = uuidOf(1);

const run = (
  log: FixtureLog,
  need: NeedProfile = needProfile(),
  policy: MatchingPolicy = DEFAULT_POLICY,
): SearchResult => {
  const view = log.view();
  return search(view, SpatialIndex.forView(view), need, policy);
};

/** The rules that left settings out, with their counts. */
const exclusions = (result: SearchResult) =>
  Object.fromEntries(Object.entries(result.excluded).filter(([, n]) => n > 0)) as Partial<
    Record<EligibilityRule, number>
  >;

const expectExcluded = (result: SearchResult, rule: EligibilityRule) => {
  expect(result.results).toEqual([]);
  expect(exclusions(result)).toEqual({ [rule]: 1 });
  expect(result.considered).toBe(1);
};

const expectEligible = (result: SearchResult) => {
  expect(exclusions(result)).toEqual({});
  expect(result.results.map((m) => m.settingId)).toEqual([A]);
};

const siblings = (n: number) =>
  Array.from({ length: n }, (_, i) => childNeed({ ref: `sibling-${i}`, ageMonths: 100 + i * 12 }));

describe('Eligibility rules', () => {
  it('describes every rule', () => {
    for (const rule of ELIGIBILITY_RULES)
      expect(ELIGIBILITY_RULE_DESCRIPTIONS[rule].length).toBeGreaterThan(10);
  });

  describe('provider-not-admitting (M-48)', () => {
    it('leaves out a setting whose provider has admissions suspended', () => {
      expectExcluded(run(fixtureLog().setting(A).suspend(PROVIDER)), 'provider-not-admitting');
    });

    it('takes it back when admissions are restored', () => {
      expectEligible(run(fixtureLog().setting(A).suspend(PROVIDER).restore(PROVIDER)));
    });

    it('leaves out a setting whose provider is deregistered', () => {
      const log = fixtureLog()
        .setting(A)
        .providerCommand(PROVIDER, { type: 'DeregisterProvider', data: { reason: 'x' } });
      expectExcluded(run(log), 'provider-not-admitting');
    });

    it('leaves out a setting whose provider the view has never seen registered', () => {
      expectExcluded(run(fixtureLog().setting(A, { providerId: uuidOf(9) })), 'provider-not-admitting');
    });
  });

  it('not-approved: leaves out a setting with no approval terms', () => {
    const log = fixtureLog().settingCommand(A, {
      type: 'RegisterSetting',
      data: {
        settingId: A as never,
        providerId: PROVIDER as never,
        providerStatus: 'active',
        name: 'Synthetic household',
        placementTypes: ['U4'],
        location: { postcode: 'NE1 9ZZ', postcodeSector: 'NE1 9', gridReference: HOME },
        hostLocalAuthority: 'E08000021',
      },
    });
    expectExcluded(run(log), 'not-approved');
  });

  describe('no-vacancy', () => {
    it('leaves out a setting with no open place', () => {
      expectExcluded(run(fixtureLog().setting(A, { places: 0 })), 'no-vacancy');
    });

    it('M-09: leaves out a setting with fewer places than the sibling group', () => {
      expectExcluded(
        run(fixtureLog().setting(A, { places: 1 }), needProfile({ children: siblings(2) })),
        'no-vacancy',
      );
    });

    it('counts only places free by the day the urgency needs', () => {
      const later = fixtureLog().setting(A, { availableFrom: dayOffset(4) });
      expectExcluded(run(later, needProfile({ urgency: 'today' })), 'no-vacancy');
      expectEligible(run(later, needProfile({ urgency: 'under-5-days' })));
      const tooLate = fixtureLog().setting(A, { availableFrom: dayOffset(5) });
      expectExcluded(run(tooLate, needProfile({ urgency: 'under-5-days' })), 'no-vacancy');
      expectEligible(run(tooLate, needProfile({ urgency: 'over-5-days' })));
    });
  });

  it('sibling-capacity (M-09): leaves out a setting that may not take this many from one sibling group', () => {
    const log = fixtureLog().setting(A, { terms: { maxChildren: 2, maxFromOneSiblingGroup: 1 } });
    expectExcluded(run(log, needProfile({ children: siblings(2) })), 'sibling-capacity');
    expectEligible(run(log, needProfile({ children: siblings(1) })));
  });

  it("placement-type: leaves out a children's home when only foster care is suitable", () => {
    const log = fixtureLog().setting(A, { placementTypes: ['K2'] });
    expectExcluded(run(log), 'placement-type');
    expectEligible(
      run(log, needProfile({ suitability: { foster: true, residential: true, supported: false } })),
    );
  });

  it('secure-criteria-not-met (M-31): searches secure homes only when the legal criteria are met', () => {
    const log = fixtureLog().setting(A, { placementTypes: ['K1'] });
    const residential = { foster: false, residential: true, supported: false };
    expectExcluded(run(log, needProfile({ suitability: residential })), 'secure-criteria-not-met');
    expectEligible(run(log, needProfile({ suitability: residential, secureCriteriaMet: true })));
  });

  it('purpose-not-approved: leaves out a setting not approved for the purpose', () => {
    const log = fixtureLog().setting(A, { terms: { purposes: ['long-term'] } });
    expectExcluded(run(log, needProfile({ purpose: 'short-term' })), 'purpose-not-approved');
    expectEligible(run(log, needProfile({ purpose: 'long-term' })));
  });

  it("ofsted-below-floor: applies the policy's floor, never to a provider not yet inspected", () => {
    const floor = { ...DEFAULT_POLICY, ofstedFloor: 'Good' as const };
    const judged = new FixtureLog().provider(PROVIDER, { judgement: 'Requires improvement' }).setting(A);
    expectExcluded(run(judged, needProfile(), floor), 'ofsted-below-floor');
    expectEligible(run(judged));
    expectEligible(run(new FixtureLog().provider(PROVIDER).setting(A), needProfile(), floor));
  });

  it("age-outside-approval: checks each child's age against the approved years, both ends included", () => {
    const log = fixtureLog().setting(A, { terms: { ageRange: { minYears: 5, maxYears: 8 } } });
    expectEligible(run(log, needProfile({ children: [childNeed({ ageMonths: 5 * 12 })] })));
    expectEligible(run(log, needProfile({ children: [childNeed({ ageMonths: 9 * 12 - 1 })] })));
    expectExcluded(
      run(log, needProfile({ children: [childNeed({ ageMonths: 9 * 12 })] })),
      'age-outside-approval',
    );
    expectExcluded(
      run(log, needProfile({ children: [childNeed({ ageMonths: 5 * 12 - 1 })] })),
      'age-outside-approval',
    );
  });

  it('supported-accommodation-under-16: supported accommodation only for children of 16 and over', () => {
    const log = fixtureLog().setting(A, {
      placementTypes: ['H5'],
      terms: { ageRange: { minYears: 0, maxYears: 17 } },
    });
    const supported = { foster: false, residential: false, supported: true };
    expectExcluded(
      run(log, needProfile({ suitability: supported, children: [childNeed({ ageMonths: 16 * 12 - 1 })] })),
      'supported-accommodation-under-16',
    );
    expectEligible(
      run(log, needProfile({ suitability: supported, children: [childNeed({ ageMonths: 16 * 12 })] })),
    );
  });

  describe('cared-for-alongside (Placements Standard v2)', () => {
    const alone = (livesAlongside: 'solo' | 'older-only' | 'younger-only') =>
      needProfile({ children: [childNeed({ ageMonths: 8 * 12, livesAlongside })] });

    it('solo: leaves out a household with its own child or a child placed there', () => {
      expectExcluded(
        run(fixtureLog().setting(A, { household: { otherChildren: [{ ageYears: 15 }] } }), alone('solo')),
        'cared-for-alongside',
      );
      expectExcluded(
        run(fixtureLog().setting(A).placeChild(A, uuidOf(501), 30), alone('solo')),
        'cared-for-alongside',
      );
      expectEligible(run(fixtureLog().setting(A), alone('solo')));
    });

    it('older-only: every child already there must be older', () => {
      expectExcluded(
        run(
          fixtureLog()
            .setting(A)
            .placeChild(A, uuidOf(501), 5 * 12),
          alone('older-only'),
        ),
        'cared-for-alongside',
      );
      expectEligible(
        run(
          fixtureLog()
            .setting(A)
            .placeChild(A, uuidOf(501), 12 * 12),
          alone('older-only'),
        ),
      );
      expectEligible(
        run(
          fixtureLog().setting(A, { household: { otherChildren: [{ ageYears: 10 }] } }),
          alone('older-only'),
        ),
      );
    });

    it('younger-only: every child already there must be younger, ages compared across the dates they were recorded', () => {
      // Placed at 7 years old a year ago: 8 now, as old as the child, so not younger.
      const sameAge = fixtureLog()
        .setting(A)
        .placeChild(A, uuidOf(501), 7 * 12, dayOffset(-365));
      expectExcluded(run(sameAge, alone('younger-only')), 'cared-for-alongside');
      const younger = fixtureLog()
        .setting(A)
        .placeChild(A, uuidOf(501), 4 * 12, dayOffset(-365));
      expectEligible(run(younger, alone('younger-only')));
      expectExcluded(
        run(
          fixtureLog().setting(A, { household: { otherChildren: [{ ageYears: 8 }] } }),
          alone('younger-only'),
        ),
        'cared-for-alongside',
      );
    });

    it('any: lives alongside anyone', () => {
      expectEligible(
        run(
          fixtureLog()
            .setting(A)
            .placeChild(A, uuidOf(501), 5 * 12),
        ),
      );
    });
  });

  it('pets: leaves out a household with pets for a child who cannot live with them', () => {
    const log = fixtureLog().setting(A, { household: { pets: ['cat'] } });
    expectExcluded(run(log, needProfile({ children: [childNeed({ cannotLiveWithPets: true })] })), 'pets');
    expectEligible(run(log));
  });

  it('risks-not-manageable: every risk the child presents must be one the setting can manage', () => {
    const log = fixtureLog().setting(A, { terms: { manageableRisks: ['child.going-missing'] } });
    expectEligible(run(log, needProfile({ children: [childNeed({ risks: ['child.going-missing'] })] })));
    expectExcluded(
      run(
        log,
        needProfile({ children: [childNeed({ risks: ['child.going-missing', 'others.fire-setting'] })] }),
      ),
      'risks-not-manageable',
    );
  });

  it('adaptations-missing: a child who needs an adaptation of the home is placed only where it is', () => {
    const need = needProfile({ children: [childNeed({ adaptations: ['wheelchair-access'] })] });
    expectExcluded(run(fixtureLog().setting(A), need), 'adaptations-missing');
    expectEligible(
      run(fixtureLog().setting(A, { terms: { adaptations: ['wheelchair-access', 'hoist'] } }), need),
    );
  });

  it('counts a setting under the first rule it fails only', () => {
    const log = fixtureLog().setting(A, {
      terms: { ageRange: { minYears: 12, maxYears: 17 } },
      household: { pets: ['dog'] },
    });
    expectExcluded(
      run(log, needProfile({ children: [childNeed({ cannotLiveWithPets: true })] })),
      'age-outside-approval',
    );
  });

  it('counts a sibling group under the first rule any of them fails', () => {
    const log = fixtureLog().setting(A, {
      terms: { ageRange: { minYears: 0, maxYears: 9 }, manageableRisks: [] },
    });
    const need = needProfile({
      children: [
        childNeed({ ref: 'a', risks: ['child.self-harm'] }),
        childNeed({ ref: 'b', ageMonths: 12 * 12 }),
      ],
    });
    expect(exclusions(run(log, need))).toEqual({ 'age-outside-approval': 1 });
  });

  it('counts every setting considered once', () => {
    const log = fixtureLog()
      .setting(uuidOf(101))
      .setting(uuidOf(102), { places: 0 })
      .setting(uuidOf(103), { placementTypes: ['K2'] })
      .setting(uuidOf(104), { terms: { purposes: ['long-term'] } })
      .setting(uuidOf(105), { household: { pets: ['dog'] } });
    const result = run(log, needProfile({ children: [childNeed({ cannotLiveWithPets: true })] }));
    expect(exclusions(result)).toEqual({
      'no-vacancy': 1,
      'placement-type': 1,
      'purpose-not-approved': 1,
      pets: 1,
    });
    expect(result.considered).toBe(5);
    expect(result.results.map((m) => m.settingId)).toEqual([uuidOf(101)]);
    expect(result.asOf).toBe(TODAY);
  });
});
