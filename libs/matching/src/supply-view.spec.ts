import { SupplyView, SNAPSHOT_FORMAT } from '@placematch/matching';
import {
  FixtureLog,
  HOME,
  OTHER_LA,
  TODAY,
  dayOffset,
  fixtureLog,
  milesFrom,
  uuidOf,
} from '@placematch/matching/testing';

const A = uuidOf(101);
const B = uuidOf(102);
const PROVIDER = uuidOf(1);

const viewOf = (log: FixtureLog) => log.view();

describe('SupplyView: settings and providers', () => {
  it('folds a registered setting with its provider, placement types, grid reference and host authority', () => {
    const view = viewOf(fixtureLog().setting(A, { grid: milesFrom(5), hostLocalAuthority: OTHER_LA }));
    expect(view.setting(A)).toMatchObject({
      settingId: A,
      providerId: PROVIDER,
      closed: false,
      approved: true,
      placementTypes: ['U4', 'U6'],
      hostLocalAuthority: OTHER_LA,
      providerAdmitting: true,
      providerJudgement: 'Good',
      openPlaces: 2,
    });
    expect(view.setting(A)?.grid?.easting).toBeCloseTo(milesFrom(5).easting, -1);
    expect(view.size).toBe(1);
  });

  it('knows nothing of a setting that was never registered', () => {
    expect(viewOf(fixtureLog()).setting(A)).toBeUndefined();
  });

  it('M-48: follows a provider through suspension, restoration and deregistration', () => {
    const log = fixtureLog().setting(A).suspend(PROVIDER);
    expect(viewOf(log).setting(A)?.providerAdmitting).toBe(false);
    log.restore(PROVIDER);
    expect(viewOf(log).setting(A)?.providerAdmitting).toBe(true);
    log.providerCommand(PROVIDER, { type: 'DeregisterProvider', data: { reason: 'Synthetic' } });
    expect(viewOf(log).setting(A)?.providerAdmitting).toBe(false);
  });

  it('keeps the Ofsted judgement with the latest inspection date, not the latest recorded', () => {
    const log = fixtureLog()
      .setting(A)
      .providerCommand(PROVIDER, {
        type: 'RecordOfstedJudgement',
        data: { judgement: 'Inadequate', inspectionDate: '2020-01-01' },
      });
    expect(viewOf(log).setting(A)?.providerJudgement).toBe('Good');
    log.providerCommand(PROVIDER, {
      type: 'RecordOfstedJudgement',
      data: { judgement: 'Outstanding', inspectionDate: '2025-01-15' },
    });
    expect(viewOf(log).setting(A)?.providerJudgement).toBe('Outstanding');
  });

  it('marks a closed setting closed with no open places', () => {
    const view = viewOf(fixtureLog().setting(A).close(A));
    expect(view.setting(A)).toMatchObject({ closed: true, openPlaces: 0 });
  });

  it('has no approval until terms are set', () => {
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
    expect(viewOf(log).setting(A)?.approved).toBe(false);
  });
});

describe('SupplyView: vacancies', () => {
  it('adds the places of open vacancies and follows changes, fills and closures', () => {
    const log = fixtureLog().setting(A, { terms: { maxChildren: 3, maxFromOneSiblingGroup: 3 }, places: 1 });
    const vacancyId = uuidOf(900_001);
    expect(viewOf(log).setting(A)?.openPlaces).toBe(1);
    log.settingCommand(A, { type: 'ChangeVacancy', data: { vacancyId: vacancyId as never, places: 3 } });
    expect(viewOf(log).setting(A)?.openPlaces).toBe(3);
    log.settingCommand(A, {
      type: 'FillVacancy',
      data: { vacancyId: vacancyId as never, placementId: uuidOf(501) as never },
    });
    expect(viewOf(log).setting(A)?.openPlaces).toBe(2);
    log.settingCommand(A, {
      type: 'CloseVacancy',
      data: { vacancyId: vacancyId as never, reason: 'Synthetic' },
    });
    expect(viewOf(log).setting(A)?.openPlaces).toBe(0);
  });

  it('closes the vacancy when its last place is filled', () => {
    const log = fixtureLog().setting(A, { places: 1 });
    log.settingCommand(A, {
      type: 'FillVacancy',
      data: { vacancyId: uuidOf(900_001) as never, placementId: uuidOf(501) as never },
    });
    expect(viewOf(log).setting(A)?.openPlaces).toBe(0);
  });

  it('ignores a stale-vacancy reminder: matching does not read whether a vacancy was confirmed lately', () => {
    const log = fixtureLog().setting(A, { places: 1 });
    const view = viewOf(log);
    const before = view.snapshot();
    view.apply({
      type: 'VacancyConfirmationRequested',
      data: {
        vacancyId: uuidOf(900_001),
        staleSince: '2025-01-08T00:00:00.000Z',
        requestedAt: '2025-01-09T08:00:00.000Z',
      },
      streamId: `setting-${A}`,
      recordedAt: log.events[log.events.length - 1].recordedAt,
    });
    expect(view.snapshot()).toEqual(before);
  });
});

describe('SupplyView: placements, stress and disruptions', () => {
  it('counts children placed from PlacementStarted until PlacementEnded', () => {
    const log = fixtureLog().setting(A).placeChild(A, uuidOf(501), 60).placeChild(A, uuidOf(502), 90);
    expect(viewOf(log).setting(A)?.placedChildren).toBe(2);
    log.endPlacement(A, uuidOf(501), { disrupted: false });
    expect(viewOf(log).setting(A)).toMatchObject({ placedChildren: 1, disruptions: 0 });
  });

  it('M-39: records a disrupted ending, and a CREQB ending even when not flagged disrupted', () => {
    const log = fixtureLog()
      .setting(A)
      .placeChild(A, uuidOf(501), 60)
      .placeChild(A, uuidOf(502), 60)
      .endPlacement(A, uuidOf(501), { disrupted: true, reason: 'CHILD' })
      .endPlacement(A, uuidOf(502), { disrupted: false, reason: 'CREQB' });
    expect(viewOf(log).setting(A)?.disruptions).toBe(2);
  });

  it('M-40: keeps daily stress counts of current placements and drops them when the placement ends', () => {
    const log = fixtureLog()
      .setting(A)
      .placeChild(A, uuidOf(501), 60)
      .reportStress(A, uuidOf(501), [
        { date: dayOffset(-2), stressful: 7 },
        { date: dayOffset(-1), stressful: 2 },
      ]);
    expect(viewOf(log).setting(A)?.stressDaysRecorded).toBe(2);
    log.endPlacement(A, uuidOf(501), { disrupted: false });
    expect(viewOf(log).setting(A)?.stressDaysRecorded).toBe(0);
  });

  it('ignores a stress report for a placement it does not know', () => {
    const log = fixtureLog()
      .setting(A)
      .reportStress(A, uuidOf(599), [{ date: TODAY, stressful: 9 }]);
    expect(viewOf(log).setting(A)?.stressDaysRecorded).toBe(0);
  });

  it('drops stress days older than it keeps (56 days)', () => {
    const log = fixtureLog()
      .setting(A)
      .placeChild(A, uuidOf(501), 60, '2024-01-01')
      .reportStress(A, uuidOf(501), [
        { date: dayOffset(-80), stressful: 7 },
        { date: dayOffset(-3), stressful: 7 },
      ]);
    expect(viewOf(log).setting(A)?.stressDaysRecorded).toBe(1);
  });
});

describe('SupplyView: other facts', () => {
  it('uses the weekly cost in effect on its day, not one that starts later', () => {
    const log = fixtureLog()
      .setting(A, { weeklyCostPence: 80_000 })
      .settingCommand(A, {
        type: 'SetWeeklyCost',
        data: { amountPence: 95_000, effectiveFrom: '2025-04-01' },
      });
    expect(viewOf(log).setting(A)?.weeklyCostPence).toBe(80_000);
  });

  it("counts the household's own children", () => {
    const view = viewOf(
      fixtureLog().setting(A, { household: { otherChildren: [{ ageYears: 4 }, { ageYears: 12 }] } }),
    );
    expect(view.setting(A)?.otherChildren).toBe(2);
  });

  it("takes today as the date in England of the latest event (BST: 23:30 UTC is the next day's 00:30)", () => {
    const view = new SupplyView();
    view.apply({ type: 'Anything', data: {}, streamId: 'x-1', recordedAt: '2025-06-30T23:30:00.000Z' });
    expect(view.today()).toBe('2025-07-01');
    view.apply({ type: 'Anything', data: {}, streamId: 'x-1', recordedAt: '2025-06-01T10:00:00.000Z' });
    expect(view.today()).toBe('2025-07-01');
  });

  it('never throws on events it cannot use', () => {
    const view = new SupplyView();
    const odd = [
      { type: 'SettingRegistered', data: null, streamId: 'setting-1', recordedAt: 'not a date' },
      {
        type: 'SettingRegistered',
        data: { settingId: 'x' },
        streamId: 'setting-x',
        recordedAt: '2025-01-01T00:00:00Z',
      },
      {
        type: 'VacancyOpened',
        data: { places: 'two' },
        streamId: 'setting-x',
        recordedAt: '2025-01-01T00:00:00Z',
      },
      {
        type: 'PlacementStarted',
        data: { settingId: 'x' },
        streamId: 'placement-1',
        recordedAt: '2025-01-01T00:00:00Z',
      },
      {
        type: 'OfstedJudgementRecorded',
        data: { judgement: 'Great' },
        streamId: 'provider-1',
        recordedAt: '2025-01-01T00:00:00Z',
      },
      { type: 'ProviderRegistered', data: {}, streamId: 'nonsense', recordedAt: '2025-01-01T00:00:00Z' },
    ];
    expect(() => view.applyAll(odd as never)).not.toThrow();
    expect(view.size).toBe(0);
  });
});

describe('SupplyView: what it never keeps', () => {
  it("M-28: keeps no trace of the carers' ethnicity: views that differ only in it are identical", () => {
    const build = (carerEthnicities: string[]) =>
      viewOf(
        fixtureLog().setting(A, {
          household: {
            carerEthnicities: carerEthnicities as never,
            pets: [],
            otherChildren: [{ ageYears: 6 }],
          },
        }),
      );
    const one = build(['WBRI']);
    for (const other of [['MWBA', 'BCRB'], ['APKN'], ['WROM', 'CHNE']]) {
      expect(build(other).snapshot()).toEqual(one.snapshot());
      expect(build(other).setting(A)).toEqual(one.setting(A));
    }
    expect(JSON.stringify(build(['MWBA', 'BCRB']).snapshot())).not.toMatch(/MWBA|BCRB|thnic/);
  });

  it('M-38: keeps no trace of the skill tier', () => {
    const without = viewOf(fixtureLog().setting(A));
    const withTier = viewOf(fixtureLog().setting(A, { skillTier: 3 }));
    const strip = (v: SupplyView) => ({ ...v.snapshot(), latestRecordedAt: null });
    expect(strip(withTier)).toEqual(strip(without));
    expect(JSON.stringify(withTier.snapshot())).not.toMatch(/tier/i);
  });
});

describe('SupplyView: snapshots', () => {
  const busyLog = () =>
    fixtureLog()
      .setting(A, { weeklyCostPence: 70_000, household: { otherChildren: [{ ageYears: 9 }], pets: ['cat'] } })
      .setting(B, {
        grid: milesFrom(12, 3),
        hostLocalAuthority: OTHER_LA,
        terms: { manageableRisks: ['child.self-harm'], maxChildren: 3 },
      })
      .placeChild(A, uuidOf(501), 70, '2024-11-01')
      .reportStress(A, uuidOf(501), [{ date: dayOffset(-1), stressful: 6 }])
      .placeChild(B, uuidOf(502), 30, '2024-05-01')
      .endPlacement(B, uuidOf(502), { disrupted: true })
      .suspend(PROVIDER)
      .restore(PROVIDER);

  it('round-trips through plain JSON to an equal view', () => {
    const view = busyLog().view();
    const restored = SupplyView.fromSnapshot(JSON.parse(JSON.stringify(view.snapshot())));
    expect(restored.snapshot()).toEqual(view.snapshot());
    expect(restored.today()).toBe(view.today());
    expect(restored.setting(A)).toEqual(view.setting(A));
    expect(restored.setting(B)).toEqual(view.setting(B));
  });

  it('continues from a snapshot plus the events after it as if it had read them all', () => {
    const log = busyLog();
    const cut = log.events.length;
    log.placeChild(A, uuidOf(503), 20).openVacancy(B, 1).close(A);
    const whole = log.view();
    const restored = SupplyView.fromSnapshot(new SupplyView().applyAll(log.events.slice(0, cut)).snapshot());
    restored.applyAll(log.events.slice(cut));
    expect(restored.snapshot()).toEqual(whole.snapshot());
  });

  it('refuses a snapshot of another format', () => {
    expect(() => SupplyView.fromSnapshot({ format: SNAPSHOT_FORMAT, version: 99 } as never)).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT.UNSUPPORTED' }),
    );
  });
});
