import type { LegalStatusCode, ReasonEpisodeCeasedCode, ReasonNewEpisodeCode } from '@placematch/placements';
import type { PlacementTypeCode } from '@placematch/supply';
import { collectionYear } from '../dates';
import type { EpisodeHistory, PlacementSpell } from './episodes';
import {
  childStability,
  DEFAULT_STABILITY_RULES,
  placementsDuringYear,
  summariseStability,
} from './stability';

// The collection year ending 31 March 2024: 1 April 2023 to 31 March 2024; census day 31 March 2024.
const YEAR = collectionYear(2024);

let n = 0;
const spell = (
  startedOn: string,
  endedOn: string | null,
  reasonNewEpisode: ReasonNewEpisodeCode,
  placementType: PlacementTypeCode = 'U4',
  rec: ReasonEpisodeCeasedCode | null = endedOn === null ? null : 'X1',
  legalStatus: LegalStatusCode = 'C2',
): PlacementSpell => ({
  placementId: `p-${String(++n).padStart(3, '0')}`,
  startedOn,
  endedOn,
  reasonNewEpisode,
  legalStatus,
  placementType,
  rec,
});

/** A child 10 years old (120 months) on 1 January 2024 unless told otherwise. */
const child = (
  childId: string,
  spells: PlacementSpell[],
  monthsOn1Jan2024 = 120,
  legalStatusChanges: EpisodeHistory['legalStatusChanges'] = [],
): EpisodeHistory => ({
  childId,
  ages: [{ on: '2024-01-01', months: monthsOn1Jan2024 }],
  spells,
  legalStatusChanges,
});

describe('measure (a): 3 or more placements during the year ending 31 March', () => {
  it('counts each placement that covers a night of the year, the one going on at 1 April included', () => {
    const a = child('A', [
      spell('2022-01-10', '2023-06-01', 'S', 'U6'),
      spell('2023-06-01', '2023-11-15', 'P', 'U4'),
      spell('2023-11-15', null, 'P', 'K2'),
    ]);
    // U6 (in place on 1 April 2023) + U4 + K2 = 1 + 1 + 1 = 3, and 3 >= 3.
    expect(placementsDuringYear(a, YEAR)).toBe(3);
    expect(childStability(a, YEAR)).toMatchObject({ inCohort: true, threeOrMorePlacements: true });
  });

  it('does not count a legal-status-only change (RNE L) or a temporary move (T0-T4) as a placement', () => {
    const b = child('B', [
      spell('2023-01-01', '2023-05-01', 'S', 'U4'),
      spell('2023-05-01', '2023-08-01', 'L', 'U4', 'X1', 'E1'), // same carer, new legal status only
      spell('2023-08-01', null, 'P', 'U6'),
      spell('2023-12-01', '2023-12-10', 'P', 'T2'), // a holiday: never a placement
    ]);
    // U4 (with its L continuation) + U6 = 1 + 1 = 2; the T2 spell adds 0. 2 < 3.
    expect(placementsDuringYear(b, YEAR)).toBe(2);
    expect(childStability(b, YEAR).threeOrMorePlacements).toBe(false);
  });

  it('NI 062: placement for adoption with the current foster carers (A3/A5) is not a change of placement', () => {
    const c = child('C', [
      spell('2023-04-10', '2023-05-20', 'S', 'U6'),
      spell('2023-05-20', '2023-09-01', 'P', 'U4'),
      spell('2023-09-01', null, 'T', 'A5'), // same carers, now adopters
    ]);
    // U6 + U4 (+ A5 continuing U4: 0) = 1 + 1 = 2.
    expect(placementsDuringYear(c, YEAR)).toBe(2);
  });

  it('leaves out a child on a short break (LS V3/V4) on 31 March, and one who left care before it', () => {
    const d = child('D', [
      spell('2023-05-01', '2023-05-03', 'S', 'U6', 'E8', 'V3'),
      spell('2023-08-01', '2023-08-03', 'S', 'U6', 'E8', 'V3'),
      spell('2024-03-30', null, 'S', 'U6', null, 'V3'),
    ]);
    expect(childStability(d, YEAR)).toMatchObject({ inCohort: false, exclusion: 'short-break' });
    const e = child('E', [
      spell('2023-05-01', '2023-07-01', 'S', 'U6'),
      spell('2023-07-01', '2023-10-01', 'P', 'U4'),
      spell('2023-10-01', '2024-02-01', 'P', 'K2', 'E4A'),
    ]);
    expect(childStability(e, YEAR)).toMatchObject({ inCohort: false, exclusion: 'not-looked-after' });
  });

  it('counts placements of every period of care in the year, not only the current one', () => {
    const f = child('F', [
      spell('2023-05-01', '2023-06-01', 'S', 'U6', 'E4A'),
      spell('2023-09-01', '2023-12-01', 'S', 'U6'),
      spell('2023-12-01', null, 'P', 'K2'),
    ]);
    // first period: 1; second period: U6 + K2 = 2; 1 + 2 = 3.
    expect(placementsDuringYear(f, YEAR)).toBe(3);
  });

  it('counts a change of placement with the same carers (RNE T) unless the rules say not', () => {
    const g = child('G', [
      spell('2023-05-01', '2023-10-01', 'S', 'U6'),
      spell('2023-10-01', '2024-01-01', 'T', 'U4'),
      spell('2024-01-01', null, 'P', 'K2'),
    ]);
    // default: U6 + U4 + K2 = 3; with T not a new placement: (U6 + U4) + K2 = 2.
    expect(placementsDuringYear(g, YEAR)).toBe(3);
    expect(
      placementsDuringYear(g, YEAR, { ...DEFAULT_STABILITY_RULES, sameCarerChangeIsNewPlacement: false }),
    ).toBe(2);
  });

  it('does not count a placement that ended on 1 April, the day the child moved on', () => {
    const h = child('H', [
      spell('2022-01-01', '2023-04-01', 'S', 'U6'),
      spell('2023-04-01', '2023-10-01', 'P', 'U4'),
      spell('2023-10-01', null, 'P', 'K2'),
    ]);
    // U6 covers no night of the year (it ended on 1 April): U4 + K2 = 2.
    expect(placementsDuringYear(h, YEAR)).toBe(2);
  });

  it('adds up to the figures of the measure', () => {
    n = 0;
    const histories = [
      child('A', [
        spell('2022-01-10', '2023-06-01', 'S', 'U6'),
        spell('2023-06-01', '2023-11-15', 'P'),
        spell('2023-11-15', null, 'P', 'K2'),
      ]),
      child('B', [spell('2023-01-01', '2023-05-01', 'S'), spell('2023-05-01', null, 'L')]),
      child('D', [spell('2024-03-30', null, 'S', 'U6', null, 'V3')]),
      child('E', [spell('2023-05-01', '2024-02-01', 'S', 'U6', 'E4A')]),
      child('F', [
        spell('2023-05-01', '2023-06-01', 'S', 'U6', 'E4A'),
        spell('2023-09-01', '2023-12-01', 'S'),
        spell('2023-12-01', null, 'P', 'K2'),
      ]),
    ];
    const summary = summariseStability(histories.map((h) => childStability(h, YEAR)));
    // Cohort: A, B, F = 3 (D short break, E left care). 3 or more: A (3), F (3) = 2; B has 1.
    expect(summary).toMatchObject({ lookedAfterAtCensus: 3, threeOrMorePlacements: 2, shortBreaks: 1 });
  });
});

describe('measure (b): under 16, looked after 2.5 years, same placement 2 years or placed for adoption', () => {
  it('counts a child in the same placement since before 31 March 2022', () => {
    const p1 = child('P1', [spell('2021-01-01', null, 'S')]);
    // Age: 120 months on 2024-01-01 + 2 completed months = 122 < 192 (under 16).
    // Care since 2021-01-01: + 30 months = 2023-07-01 <= 2024-03-31. Same carer since 2021-01-01: + 24 = 2023-01-01 <= census.
    expect(childStability(p1, YEAR)).toMatchObject({
      ageMonths: 122,
      periodStartedOn: '2021-01-01',
      sameCarerSince: '2021-01-01',
      longTerm: 'same-placement-2-years',
    });
  });

  it('does not count a child who moved less than 2 years before 31 March', () => {
    const p2 = child('P2', [spell('2021-06-01', '2022-05-01', 'S', 'U6'), spell('2022-05-01', null, 'P')]);
    // Care since 2021-06-01 + 30 months = 2023-12-01 <= census (in the cohort);
    // same carer since 2022-05-01 + 24 months = 2024-05-01 > 2024-03-31: not stable.
    expect(childStability(p2, YEAR).longTerm).toBe('not-stable');
  });

  it('keeps the run going through a change with the same carers (T) and a legal status change (L)', () => {
    const p3 = child('P3', [
      spell('2021-03-01', '2022-09-01', 'S', 'U6'),
      spell('2022-09-01', null, 'T', 'U4'),
    ]);
    const p4 = child('P4', [
      spell('2021-02-01', '2023-01-01', 'S'),
      spell('2023-01-01', null, 'L', 'U4', null, 'E1'),
    ]);
    // P3: same carer since 2021-03-01 (+24 = 2023-03-01 <= census). P4: since 2021-02-01.
    expect(childStability(p3, YEAR)).toMatchObject({
      sameCarerSince: '2021-03-01',
      longTerm: 'same-placement-2-years',
    });
    expect(childStability(p4, YEAR)).toMatchObject({
      sameCarerSince: '2021-02-01',
      longTerm: 'same-placement-2-years',
    });
  });

  it('needs 2.5 years of care on 31 March: 30 September 2021 is enough, 1 October 2021 is not', () => {
    // 2021-09-30 + 30 months = 2024-03-30 <= 2024-03-31; 2021-10-01 + 30 months = 2024-04-01 > 2024-03-31.
    expect(childStability(child('P5b', [spell('2021-09-30', null, 'S')]), YEAR).longTerm).toBe(
      'same-placement-2-years',
    );
    expect(childStability(child('P5a', [spell('2021-10-01', null, 'S')]), YEAR).longTerm).toBe(
      'not-in-cohort',
    );
  });

  it('leaves out a child of 16 on 31 March', () => {
    // 190 months on 2024-01-01 + 2 = 192 months = 16 years: not under 16.
    const p6 = child('P6', [spell('2020-01-01', null, 'S')], 190);
    expect(childStability(p6, YEAR)).toMatchObject({ ageMonths: 192, longTerm: 'not-in-cohort' });
  });

  it('NI 063: counts a child placed for adoption when the adoptive and previous placements last 2 years together', () => {
    const p7 = child('P7', [spell('2021-01-01', '2023-06-01', 'S'), spell('2023-06-01', null, 'P', 'A6')]);
    // Adoptive placement since 2023-06-01, the previous one since 2021-01-01: + 24 = 2023-01-01 <= census.
    expect(childStability(p7, YEAR).longTerm).toBe('placed-for-adoption');
    const p8 = child('P8', [
      spell('2021-08-01', '2023-02-01', 'S', 'U6'),
      spell('2023-02-01', '2023-11-01', 'P', 'U4'),
      spell('2023-11-01', null, 'P', 'A4'),
    ]);
    // Previous placement since 2023-02-01: + 24 = 2025-02-01 > census. Not stable under NI 063...
    expect(childStability(p8, YEAR).longTerm).toBe('not-stable');
    // ...but counted when every child placed for adoption counts.
    expect(
      childStability(p8, YEAR, { ...DEFAULT_STABILITY_RULES, placedForAdoption: 'always' }).longTerm,
    ).toBe('placed-for-adoption');
  });

  it('restarts the period of care after a break: only continuous care counts', () => {
    const p9 = child('P9', [
      spell('2020-01-01', '2022-01-01', 'S', 'U4', 'E4A'),
      spell('2022-03-01', null, 'S'),
    ]);
    // Period since 2022-03-01 + 30 months = 2024-09-01 > census: not in the cohort.
    expect(childStability(p9, YEAR)).toMatchObject({
      periodStartedOn: '2022-03-01',
      longTerm: 'not-in-cohort',
    });
  });

  it('adds up to the figures of the measure', () => {
    const histories = [
      child('P1', [spell('2021-01-01', null, 'S')]),
      child('P2', [spell('2021-06-01', '2022-05-01', 'S', 'U6'), spell('2022-05-01', null, 'P')]),
      child('P3', [spell('2021-03-01', '2022-09-01', 'S', 'U6'), spell('2022-09-01', null, 'T', 'U4')]),
      child('P4', [spell('2021-02-01', '2023-01-01', 'S'), spell('2023-01-01', null, 'L')]),
      child('P5a', [spell('2021-10-01', null, 'S')]),
      child('P5b', [spell('2021-09-30', null, 'S')]),
      child('P6', [spell('2020-01-01', null, 'S')], 190),
      child('P7', [spell('2021-01-01', '2023-06-01', 'S'), spell('2023-06-01', null, 'P', 'A6')]),
      child('P8', [
        spell('2021-08-01', '2023-02-01', 'S', 'U6'),
        spell('2023-02-01', '2023-11-01', 'P'),
        spell('2023-11-01', null, 'P', 'A4'),
      ]),
      child('P9', [spell('2020-01-01', '2022-01-01', 'S', 'U4', 'E4A'), spell('2022-03-01', null, 'S')]),
    ];
    const summary = summariseStability(histories.map((h) => childStability(h, YEAR)));
    // Cohort: P1, P2, P3, P4, P5b, P7, P8 = 7 (P5a and P9 too short in care, P6 is 16).
    // Stable: P1, P3, P4, P5b (same placement) + P7 (adoption) = 5. 5 of 7.
    expect(summary).toMatchObject({ longTermCohort: 7, longTermStable: 5, lookedAfterAtCensus: 10 });
  });

  it('uses the legal status on 31 March: a short break then is left out, a later care order is not', () => {
    const shortBreak = child('Q1', [spell('2021-01-01', null, 'S')], 120, [
      { on: '2024-02-01', legalStatus: 'V4' },
    ]);
    expect(childStability(shortBreak, YEAR).exclusion).toBe('short-break');
    const careOrder = child('Q2', [spell('2021-01-01', null, 'S', 'U4', null, 'V3')], 120, [
      { on: '2023-01-01', legalStatus: 'C2' },
    ]);
    expect(childStability(careOrder, YEAR).inCohort).toBe(true);
  });

  it('cannot place a child whose age is not known in measure (b), and says so', () => {
    const noAge: EpisodeHistory = {
      childId: 'R1',
      ages: [],
      spells: [spell('2021-01-01', null, 'S')],
      legalStatusChanges: [],
    };
    const r = childStability(noAge, YEAR);
    expect(r).toMatchObject({ inCohort: true, ageMonths: null, longTerm: 'not-in-cohort' });
    expect(summariseStability([r]).ageNotKnown).toBe(1);
  });
});
