import { ValidationError } from '@placematch/kernel';
import {
  distanceBand,
  distanceMetres,
  distanceMiles,
  isOver20Miles,
  roundGridRef,
  roundMiles,
  withinMiles,
  type GridRef,
} from './grid';

const at = (easting: number, northing: number): GridRef => ({ easting, northing });
const origin = at(400000, 300000);
const east = (metres: number): GridRef => at(origin.easting + metres, origin.northing);

// District centroids from libs/geo/data/outcode-centroids-gb.csv.
const TS1 = at(449300, 519900);
const SW1A = at(529700, 179900);
const M1 = at(384400, 397900);

describe('distanceMetres', () => {
  it('is the straight line on the grid: a 3-4-5 triangle of kilometres is 5000 m', () => {
    expect(distanceMetres(origin, at(403000, 304000))).toBe(5000);
  });

  it('does not depend on the direction', () => {
    expect(distanceMetres(TS1, SW1A)).toBe(distanceMetres(SW1A, TS1));
  });

  it('is zero for one point', () => {
    expect(distanceMetres(TS1, TS1)).toBe(0);
  });
});

describe('distanceMiles (DfE PL_DISTANCE: sqrt(dE^2 + dN^2) / 1000 / 1.6093, one decimal)', () => {
  it('3-4-5 triangle: 5000 m / 1000 / 1.6093 = 3.10694… -> 3.1', () => {
    expect(distanceMiles(origin, at(403000, 304000))).toBe(3.1);
  });

  it('TS1 to SW1A: dE = -80400, dN = 340000; 6,464,160,000 + 115,600,000,000 = 122,064,160,000; sqrt = 349,376.82 m; / 1000 / 1.6093 = 217.0986… -> 217.1', () => {
    expect(distanceMiles(TS1, SW1A)).toBe(217.1);
  });

  it('TS1 to M1: dE = 64900, dN = 122000; 4,212,010,000 + 14,884,000,000 = 19,096,010,000; sqrt = 138,188.31 m; / 1000 / 1.6093 = 85.8686… -> 85.9', () => {
    expect(distanceMiles(TS1, M1)).toBe(85.9);
  });

  it('M1 to SW1A: dE = 145300, dN = -218000; 21,112,090,000 + 47,524,000,000 = 68,636,090,000; sqrt = 261,984.90 m; / 1000 / 1.6093 = 162.7943… -> 162.8', () => {
    expect(distanceMiles(M1, SW1A)).toBe(162.8);
  });

  it('divides by 1.6093 km, not the exact 1.609344: 32,267 m is 20.0503… -> 20.1 (exact miles: 20.0498… -> 20.0)', () => {
    expect(distanceMiles(origin, east(32267))).toBe(20.1);
    expect(Math.round((32267 / 1609.344) * 10) / 10).toBe(20);
  });

  it('rounds across the .x5 boundary by the unrounded value: 3942 m = 2.44951… -> 2.4; 3943 m = 2.45013… -> 2.5', () => {
    expect(distanceMiles(origin, east(3942))).toBe(2.4);
    expect(distanceMiles(origin, east(3943))).toBe(2.5);
  });

  it('is 0 for one point', () => {
    expect(distanceMiles(SW1A, SW1A)).toBe(0);
  });
});

describe('roundMiles (pandas round(decimals=1): scale by 10, round half to even)', () => {
  it.each([
    // Exact ties after scaling (the scaled float is exactly k.5): half to even.
    [0.05, 0], // 0.5 -> 0
    [0.25, 0.2], // 2.5 -> 2
    [0.35, 0.4], // 3.5 -> 4
    [0.45, 0.4], // 4.5 -> 4
    [2.45, 2.4], // 24.5 -> 24, where Math.round would give 2.5
    [20.05, 20], // 200.5 -> 200
    [20.15, 20.2], // 201.5 -> 202
    // Not ties: the nearest tenth.
    [2.4500001, 2.5],
    [2.4499999, 2.4],
    [217.0986246, 217.1],
  ])('%d -> %d', (miles, rounded) => {
    expect(roundMiles(miles)).toBe(rounded);
  });

  it('never meets an exact tie from whole-metre grid references (no whole metre from 1 to 3,000,000 lands on one)', () => {
    // 160.93 * (k + 0.5) metres is never a whole number, nor the square root of one, so the tie branch only
    // matters for distances computed elsewhere and passed in.
    const ties: number[] = [];
    for (let m = 1; m <= 3_000_000; m += 1) {
      const scaled = (m / 1000 / 1.6093) * 10;
      if (scaled - Math.floor(scaled) === 0.5) ties.push(m);
    }
    expect(ties).toEqual([]);
  });
});

describe('the 20-mile step', () => {
  // 20.05 miles = 20.05 * 1.6093 km = 32,266.465 m: the edge between the figures 20.0 and 20.1.
  it('32,266 m = 20.0497… miles -> 20.0: "20 miles or less", within 20 miles', () => {
    const b = east(32266);
    expect(distanceMiles(origin, b)).toBe(20);
    expect(distanceBand(distanceMiles(origin, b))).toBe('20 miles or less');
    expect(isOver20Miles(origin, b)).toBe(false);
    expect(withinMiles(origin, b, 20)).toBe(true);
  });

  it('32,267 m = 20.0503… miles -> 20.1: "over 20 miles", not within 20 miles', () => {
    const b = east(32267);
    expect(distanceMiles(origin, b)).toBe(20.1);
    expect(distanceBand(distanceMiles(origin, b))).toBe('over 20 miles');
    expect(isOver20Miles(origin, b)).toBe(true);
    expect(withinMiles(origin, b, 20)).toBe(false);
  });

  it('a diagonal at the edge: dE = dN = 22,815 m; sqrt(2 * 520,524,225) = 32,265.28 m = 20.0493… -> 20.0, not over', () => {
    expect(isOver20Miles(origin, at(origin.easting + 22815, origin.northing + 22815))).toBe(false);
  });

  it('one metre further: dE = dN = 22,816 m; sqrt(2 * 520,569,856) = 32,266.70 m = 20.0501… -> 20.1, over', () => {
    expect(isOver20Miles(origin, at(origin.easting + 22816, origin.northing + 22816))).toBe(true);
  });

  it.each([
    [0, '20 miles or less'],
    [20, '20 miles or less'],
    [20.1, 'over 20 miles'],
    [217.1, 'over 20 miles'],
    [undefined, 'not known or not recorded'],
    [null, 'not known or not recorded'],
    [NaN, 'not known or not recorded'],
  ])('distanceBand(%s) is %s', (miles, band) => {
    expect(distanceBand(miles)).toBe(band);
  });

  it('withinMiles takes any limit, inclusive of the rounded figure', () => {
    expect(withinMiles(origin, at(403000, 304000), 3.1)).toBe(true);
    expect(withinMiles(origin, at(403000, 304000), 3)).toBe(false);
  });
});

describe('roundGridRef', () => {
  it('snaps each axis to the nearest multiple: 449,312 / 519,987 to 1 km -> 449,000 / 520,000', () => {
    expect(roundGridRef(at(449312, 519987), 1000)).toEqual(at(449000, 520000));
  });

  it('to 100 m -> 449,300 / 520,000', () => {
    expect(roundGridRef(at(449312, 519987), 100)).toEqual(at(449300, 520000));
  });

  it('rounds a half up: 449,500 to 1 km -> 450,000', () => {
    expect(roundGridRef(at(449500, 519499), 1000)).toEqual(at(450000, 519000));
  });

  it('handles the negative northings of the Channel Islands, and never yields -0', () => {
    expect(roundGridRef(at(391286, -78769), 1000)).toEqual(at(391000, -79000));
    const nearZero = roundGridRef(at(1000, -400), 1000);
    expect(Object.is(nearZero.northing, 0)).toBe(true);
  });

  it('does not change the reference it was given', () => {
    const g = at(449312, 519987);
    roundGridRef(g, 1000);
    expect(g).toEqual(at(449312, 519987));
  });

  it.each([0, -100, NaN, Infinity])(
    'refuses a precision of %d metres with GRID.PRECISION_INVALID',
    (metres) => {
      expect(() => roundGridRef(TS1, metres)).toThrow(ValidationError);
      try {
        roundGridRef(TS1, metres);
      } catch (e) {
        expect((e as ValidationError).code).toBe('GRID.PRECISION_INVALID');
      }
    },
  );
});
