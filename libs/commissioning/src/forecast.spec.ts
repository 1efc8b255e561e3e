import type { ReasonNewEpisodeCode } from '@placematch/placements';
import { forecastDemand, ForecastSpell, observedYears } from './forecast';
import { suppressionPolicy } from './suppression';

const policy = suppressionPolicy();
const options = { asOf: '2026-11-22', observedFrom: '2023-04-01' };

let n = 0;
const starts = (
  count: number,
  startedOn: string,
  rne: ReasonNewEpisodeCode = 'P',
  ageMonths = 150,
): ForecastSpell[] =>
  Array.from({ length: count }, () => ({
    placementId: `p${++n}`,
    startedOn,
    endedOn: null,
    reasonNewEpisode: rne,
    legalStatus: 'C2',
    placementType: 'U4',
    rec: null,
    localAuthority: 'X',
    childAgeMonths: ageMonths,
  }));

describe('forecast of next year’s demand from observed rates', () => {
  it('weights the last three collection years 1, 2, 3, the current one by the share of it observed', () => {
    // 2024-25 and 2025-26 are whole; 2026-27 is observed from 1 April to 22 November 2026:
    // April 30 + May 31 + June 30 + July 31 + August 31 + September 30 + October 31 + 22 = 236 days.
    expect(
      observedYears(options).map((y) => [y.endYear, y.daysObserved, Number(y.weight.toFixed(4))]),
    ).toEqual([
      [2025, 365, 1],
      [2026, 365, 2],
      [2027, 236, Number(((3 * 236) / 365).toFixed(4))],
    ]);
  });

  it('forecasts a group and age band from its annualised counts', () => {
    const spells = [
      ...starts(10, '2024-06-01'),
      ...starts(12, '2025-06-01'),
      ...starts(8, '2026-06-01'),
      // Not new placements: a change with the same carers (T) and a legal status change (L) are left out.
      ...starts(7, '2026-06-01', 'T'),
      ...starts(7, '2026-06-01', 'L'),
    ];
    const f = forecastDemand(spells, ['X'], { kind: 'all' }, policy, options);
    // Annualised: 10, 12, 8 x 365 / 236 = 12.37. Weighted: (1 x 10 + 2 x 12 + (3 x 236/365) x (8 x 365/236))
    // / (1 + 2 + 3 x 236/365) = (10 + 24 + 24) / 4.9397 = 11.74, forecast 12.
    // Interval: 12 +/- 1.645 x sqrt(12) = 12 +/- 5.70: 6 to 18.
    const cell = f.cells.find((c) => c.placementGroup === 'fostering' && c.ageBand === '10-15')!;
    expect(cell).toEqual({
      placementGroup: 'fostering',
      ageBand: '10-15',
      observed: { '2025': 10, '2026': 12, '2027': 8 },
      forecast: 12,
      low: 6,
      high: 18,
    });
    expect(f.total.forecast).toBe(12);
    expect(f.targetYear).toMatchObject({ start: '2027-04-01', end: '2028-03-31' });
    expect(f.byLocalAuthority).toEqual({ X: 12 });
  });

  it('leaves out a year the log covers for fewer than 90 days, and suppresses small forecasts with their interval', () => {
    const years = observedYears({ asOf: '2026-11-22', observedFrom: '2026-09-01' });
    // Only 2026-09-01 to 2026-11-22 is observed: 83 days, under 90: no year is left to forecast from.
    expect(years).toEqual([]);
    const small = forecastDemand(starts(3, '2025-06-01', 'S', 5), ['X'], { kind: 'all' }, policy, options);
    // Under 1: (2 x 3) / 4.94 = 1.21, forecast 1: suppressed, and so is its interval.
    const baby = small.cells.find((c) => c.placementGroup === 'fostering' && c.ageBand === 'under-1')!;
    expect(baby).toMatchObject({ forecast: 'c', low: 'c', high: 'c' });
  });
});
