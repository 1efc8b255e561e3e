import { distanceMiles } from '@placematch/geo';
import { SpatialIndex, SupplyView } from '@placematch/matching';
import { HOME, fixtureLog, milesFrom, uuidOf } from '@placematch/matching/testing';

const PROVIDER = uuidOf(1);

describe('Spatial index', () => {
  const log = fixtureLog()
    .setting(uuidOf(101), { grid: milesFrom(3) })
    .setting(uuidOf(102), { grid: milesFrom(0, 12) })
    .setting(uuidOf(103), { grid: milesFrom(-20) })
    .setting(uuidOf(104), { grid: milesFrom(0, -45) })
    .setting(uuidOf(105), { grid: milesFrom(14, 14) });

  it('finds the settings within a radius, nearest first, with DfE distances', () => {
    const index = SpatialIndex.forView(log.view());
    expect(index.withinMiles(HOME, 20)).toEqual([
      { settingId: uuidOf(101), miles: 3 },
      { settingId: uuidOf(102), miles: 12 },
      { settingId: uuidOf(105), miles: 19.8 },
      { settingId: uuidOf(103), miles: 20 },
    ]);
  });

  it('finds the k nearest', () => {
    const index = SpatialIndex.forView(log.view());
    expect(index.nearest(HOME, 2).map((n) => n.settingId)).toEqual([uuidOf(101), uuidOf(102)]);
    expect(index.nearest(milesFrom(0, -40), 1)).toEqual([{ settingId: uuidOf(104), miles: 5 }]);
    expect(index.nearest(HOME, 0)).toEqual([]);
  });

  it('keeps up as settings close, fill their places, and their provider is suspended (M-48) and restored', () => {
    const view = new SupplyView();
    const index = SpatialIndex.forView(view);
    const live = fixtureLog()
      .setting(uuidOf(101), { grid: milesFrom(1), places: 1 })
      .setting(uuidOf(102), { grid: milesFrom(2) });
    view.applyAll(live.events);
    const near = () => index.withinMiles(HOME, 10).map((n) => n.settingId);
    expect(near()).toEqual([uuidOf(101), uuidOf(102)]);

    const from = live.events.length;
    live.settingCommand(uuidOf(101), {
      type: 'FillVacancy',
      data: { vacancyId: uuidOf(900_001) as never, placementId: uuidOf(501) as never },
    });
    view.applyAll(live.events.slice(from));
    expect(near()).toEqual([uuidOf(102)]);

    const before = live.events.length;
    live.suspend(PROVIDER);
    view.applyAll(live.events.slice(before));
    expect(near()).toEqual([]);
    expect(index.has(uuidOf(102))).toBe(true);

    const after = live.events.length;
    live.restore(PROVIDER).close(uuidOf(102));
    view.applyAll(live.events.slice(after));
    expect(near()).toEqual([]);
    expect(index.has(uuidOf(102))).toBe(false);
    expect(index.size).toBe(1);
  });

  it('agrees with checking every setting, for many points and radii', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const many = fixtureLog();
    const grids = new Map<string, { easting: number; northing: number }>();
    for (let i = 0; i < 300; i += 1) {
      const grid = {
        easting: Math.round(300_000 + random() * 200_000),
        northing: Math.round(300_000 + random() * 200_000),
      };
      grids.set(uuidOf(1000 + i), grid);
      many.setting(uuidOf(1000 + i), { grid });
    }
    const index = SpatialIndex.forView(many.view(), { cellMetres: 7_000 });
    for (let q = 0; q < 20; q += 1) {
      const centre = { easting: 300_000 + random() * 200_000, northing: 300_000 + random() * 200_000 };
      const radius = 5 + random() * 60;
      const expected = [...grids]
        .map(([settingId, grid]) => ({ settingId, miles: distanceMiles(centre, grid) }))
        .filter((n) => n.miles <= radius)
        .sort((a, b) => a.miles - b.miles || (a.settingId < b.settingId ? -1 : 1));
      expect(index.withinMiles(centre, radius)).toEqual(expected);
      expect(index.nearest(centre, 7).map((n) => n.settingId)).toEqual(
        [...grids]
          .map(([settingId, grid]) => ({
            settingId,
            d: Math.hypot(centre.easting - grid.easting, centre.northing - grid.northing),
          }))
          .sort((a, b) => a.d - b.d || (a.settingId < b.settingId ? -1 : 1))
          .slice(0, 7)
          .map((n) => n.settingId),
      );
    }
  });

  it('refuses a bucket size outside 1 to 100 km', () => {
    expect(() => SpatialIndex.forView(new SupplyView(), { cellMetres: 10 })).toThrow(RangeError);
  });
});
