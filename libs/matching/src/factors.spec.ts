import {
  COST_UNKNOWN_SCORE,
  OFSTED_UNKNOWN_SCORE,
  costScore,
  coverageScore,
  distanceScore,
  keepScore,
  ofstedScore,
  schoolScore,
  siblingsScore,
} from '@placematch/matching';

describe('Factor: distance from home (M-10, DfE 20-mile step)', () => {
  it('scores 1 at home, falling evenly to 0.7 at the step', () => {
    expect(distanceScore(0, 20)).toBe(1);
    expect(distanceScore(10, 20)).toBeCloseTo(0.85);
    expect(distanceScore(20, 20)).toBeCloseTo(0.7);
  });

  it('drops at the step: 20.1 miles scores well below 20.0', () => {
    expect(distanceScore(20, 20) - distanceScore(20.1, 20)).toBeGreaterThan(0.19);
  });

  it('keeps falling beyond the step and never reaches 0', () => {
    expect(distanceScore(40, 20)).toBeCloseTo(0.25);
    expect(distanceScore(80, 20)).toBeLessThan(distanceScore(40, 20));
    expect(distanceScore(400, 20)).toBeGreaterThan(0);
  });

  it('follows the policy step', () => {
    expect(distanceScore(15, 10)).toBeLessThan(0.5);
    expect(distanceScore(15, 30)).toBeGreaterThan(0.8);
  });
});

describe('Factor: school continuity (M-18)', () => {
  it('has the same step at the reasonable distance to school', () => {
    expect(schoolScore(0, 15)).toBe(1);
    expect(schoolScore(15, 15)).toBeCloseTo(0.7);
    expect(schoolScore(30, 15)).toBeCloseTo(0.25);
  });
});

describe('Factor: siblings together (M-09)', () => {
  it('is the share of brothers and sisters living together', () => {
    expect(siblingsScore(3, 3)).toBe(1);
    expect(siblingsScore(2, 3)).toBe(0.5);
    expect(siblingsScore(1, 3)).toBe(0);
    expect(siblingsScore(1, 1)).toBe(1);
  });
});

describe('Factor: disability, health and language needs met', () => {
  it('is the share of needs met, 1 when there are none', () => {
    expect(coverageScore(2, 3)).toBeCloseTo(0.6667);
    expect(coverageScore(0, 0)).toBe(1);
  });
});

describe('Factor: carer stress (KEEP, M-39, M-40)', () => {
  it('is 1 with no reports and no disruptions', () => {
    expect(keepScore(0, 0, 0)).toBe(1);
  });

  it('M-40: falls with the share of reported days over the threshold', () => {
    expect(keepScore(1, 4, 0)).toBe(0.75);
    expect(keepScore(4, 4, 0)).toBe(0);
  });

  it('M-39: halves with one disruption, thirds with two', () => {
    expect(keepScore(0, 10, 1)).toBe(0.5);
    expect(keepScore(0, 0, 2)).toBeCloseTo(1 / 3);
  });
});

describe('Factor: Ofsted judgement', () => {
  it('ranks the judgements and is neutral for a provider not yet inspected', () => {
    const scores = (['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const).map(ofstedScore);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(ofstedScore(null)).toBe(OFSTED_UNKNOWN_SCORE);
  });
});

describe('Factor: weekly cost', () => {
  const band = { lowPence: 40_000, highPence: 140_000 };
  it('is 1 at or below the low mark, 0 at or above the high mark, linear between', () => {
    expect(costScore(30_000, band)).toBe(1);
    expect(costScore(90_000, band)).toBe(0.5);
    expect(costScore(200_000, band)).toBe(0);
  });

  it('is neutral when no cost is recorded', () => {
    expect(costScore(null, band)).toBe(COST_UNKNOWN_SCORE);
  });
});
