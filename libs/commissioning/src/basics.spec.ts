import { SearchRun } from '@placematch/placements';
import { ageBand, ageMonthsOn, birthMonthAnchor } from './age';
import { addMonths, collectionYearOf, completedMonthsBetween, daysBetween, lastCompleteYear } from './dates';
import { searchEvidence } from './search-evidence';
import {
  SUFFICIENCY_CSV_COLUMNS,
  sufficiencyCsv,
  sufficiencySeriesCsv,
  SufficiencyStatement,
} from './sufficiency';

describe('dates', () => {
  it('adds months, keeping to the end of a shorter month', () => {
    expect(addMonths('2021-09-30', 30)).toBe('2024-03-30');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -25)).toBe('2022-02-28');
  });

  it('counts completed months as an age is counted, and days', () => {
    expect(completedMonthsBetween('2024-01-15', '2024-03-14')).toBe(1);
    expect(completedMonthsBetween('2024-01-15', '2024-03-15')).toBe(2);
    expect(completedMonthsBetween('2024-03-15', '2024-01-15')).toBe(-2);
    expect(daysBetween('2026-04-01', '2026-11-22')).toBe(235);
  });

  it('names collection years by the 31 March they end on', () => {
    expect(collectionYearOf('2024-03-31')).toMatchObject({ endYear: 2024, start: '2023-04-01' });
    expect(collectionYearOf('2024-04-01').endYear).toBe(2025);
    expect(lastCompleteYear('2024-03-31').endYear).toBe(2024);
    expect(lastCompleteYear('2024-03-30').endYear).toBe(2023);
  });
});

describe('ages from coarse values', () => {
  it('puts ages in the DfE bands, babies under one apart', () => {
    expect([0, 11, 12, 59, 60, 119, 120, 191, 192, 215, 216].map(ageBand)).toEqual([
      'under-1',
      'under-1',
      '1-4',
      '1-4',
      '5-9',
      '5-9',
      '10-15',
      '10-15',
      '16-17',
      '16-17',
      '16-17',
    ]);
  });

  it('derives an age on a date from the nearest anchor', () => {
    const anchors = [
      { on: '2020-01-10', months: 12 },
      { on: '2024-01-10', months: 60 },
    ];
    // Nearest to 2024-03-31 is 2024-01-10: 60 + 2 completed months = 62.
    expect(ageMonthsOn(anchors, '2024-03-31')).toBe(62);
    // Nearest to 2020-06-01 is 2020-01-10: 12 + 4 = 16.
    expect(ageMonthsOn(anchors, '2020-06-01')).toBe(16);
    expect(ageMonthsOn([], '2020-06-01')).toBeNull();
  });

  it('prefers a known month of birth, exact on a month end such as 31 March', () => {
    // Born in May 2012: on 31 March 2024, (2024 - 2012) x 12 + (3 - 5) = 142 completed months, whatever the day.
    const anchors = [{ on: '2024-03-01', months: 150 }, birthMonthAnchor('2012-05')];
    expect(ageMonthsOn(anchors, '2024-03-31')).toBe(142);
  });
});

describe('search evidence', () => {
  const run = (results: unknown): SearchRun['data'] => ({
    searchId: 's1' as never,
    policyVersion: 'placematch-default@1',
    resultCount: 3,
    top: [
      { settingId: 'a' as never, providerId: 'p' as never, score: 0.9, guards: [] },
      { settingId: 'c' as never, providerId: 'p' as never, score: 0.5, guards: ['out-of-authority'] },
    ],
    results: results as never,
    runAt: '2026-01-01T00:00:00Z',
  });

  it("reads matching's SearchResult: each listed setting's distance and authority", () => {
    const evidence = searchEvidence(
      run({
        results: [
          { settingId: 'a', distanceFromHomeMiles: 3.2, inAuthority: true },
          { settingId: 'b', distanceFromHomeMiles: 24.1, inAuthority: false },
        ],
      }),
    );
    expect(evidence.results).toEqual([
      { settingId: 'a', distanceMiles: 3.2, inAuthority: true },
      { settingId: 'b', distanceMiles: 24.1, inAuthority: false },
      { settingId: 'c', distanceMiles: null, inAuthority: false },
    ]);
  });

  it('falls back on the top summary when the results are in another shape', () => {
    expect(searchEvidence(run({ matches: [] })).results).toEqual([
      { settingId: 'a', distanceMiles: null, inAuthority: true },
      { settingId: 'c', distanceMiles: null, inAuthority: false },
    ]);
  });
});

describe('sufficiency CSV', () => {
  const statementOf = (): SufficiencyStatement => {
    const empty = { breakdowns: [], shares: [], statistics: [] };
    const statement: SufficiencyStatement = {
      generatedAt: '2026-11-22T10:00:00Z',
      scope: { region: 'north-east', localAuthority: null, localAuthorities: ['E08000021'] },
      period: {
        from: '2026-04-01',
        to: '2026-11-22',
        stabilityYear: { start: '2025-04-01', end: '2026-03-31' },
      },
      suppression: { threshold: 5, marker: 'c', method: 'x' },
      demand: {
        ...empty,
        breakdowns: [
          {
            id: 'urgency',
            dimension: 'When, "soon"',
            unit: 'requests',
            additive: true,
            categories: ['today'],
            figures: { today: 'c', total: 12 },
            byLocalAuthority: { E08000021: { today: 'c', total: 12 } },
          },
        ],
      },
      supply: empty,
      gaps: empty,
      outcomes: empty,
      forecast: {
        method: 'm',
        targetYear: { endYear: 2028, start: '2027-04-01', end: '2028-03-31' },
        observedYears: [],
        cells: [],
        byPlacementGroup: [],
        byAgeBand: [],
        total: { observed: {}, forecast: 0, low: 0, high: 0 },
      },
    };
    return statement;
  };

  it('writes one figure a line, quoting what a spreadsheet would take for a formula', () => {
    const lines = sufficiencyCsv(statementOf()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(SUFFICIENCY_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('demand,count,urgency,"When, ""soon""",requests,region:north-east,today,c');
    expect(lines[2]).toBe('demand,count,urgency,"When, ""soon""",requests,region:north-east,total,12');
    expect(lines[3]).toBe('demand,count,urgency,"When, ""soon""",requests,E08000021,today,c');
    expect(lines.at(-1)).toMatch(/^forecast,forecast,forecast,.*,region:north-east,total,0$/);
  });

  it('writes a series of dated statements: the same lines, each led by its date', () => {
    const one = sufficiencyCsv(statementOf()).trimEnd().split('\r\n').slice(1);
    const lines = sufficiencySeriesCsv([
      { date: '2026-11-21', statement: statementOf() },
      { date: '2026-11-22', statement: statementOf() },
    ])
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(`date,${SUFFICIENCY_CSV_COLUMNS.join(',')}`);
    expect(lines.slice(1)).toEqual([
      ...one.map((l) => `2026-11-21,${l}`),
      ...one.map((l) => `2026-11-22,${l}`),
    ]);
  });
});
