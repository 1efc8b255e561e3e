import { DEFAULT_POLICY, FACTORS, MatchingPolicy, policyVersion, validatePolicy } from '@placematch/matching';

const withChange = (change: (p: MatchingPolicy) => void): MatchingPolicy => {
  const copy = structuredClone(DEFAULT_POLICY);
  change(copy);
  return copy;
};

const refused = (change: (p: MatchingPolicy) => void, code: string) =>
  expect(() => validatePolicy(withChange(change))).toThrow(expect.objectContaining({ code }));

describe('Matching policy', () => {
  it('accepts the default policy and returns an equal copy', () => {
    const clean = validatePolicy(DEFAULT_POLICY);
    expect(clean).toEqual(DEFAULT_POLICY);
    expect(clean).not.toBe(DEFAULT_POLICY);
  });

  it('uses the DfE 20-mile step and the KEEP threshold of more than 5 a day over 35 days (M-40)', () => {
    expect(DEFAULT_POLICY.distanceStepMiles).toBe(20);
    expect(DEFAULT_POLICY.keep).toEqual({
      stressThreshold: 5,
      lookbackDays: 35,
      disruptionLookbackDays: 365,
    });
    expect(DEFAULT_POLICY.emergencyNeedsReason).toBe(true);
  });

  it('records its version as id@version', () => {
    expect(policyVersion(DEFAULT_POLICY)).toBe('placematch-default@1');
  });

  it('M-28: refuses a weight for ethnicity, or anything that is not a factor', () => {
    refused((p) => Object.assign(p.weights, { 'same-ethnicity': 1 }), 'POLICY.UNKNOWN_FACTOR');
  });

  it('M-38: refuses a weight for the skill tier', () => {
    refused((p) => Object.assign(p.weights, { 'skill-tier': 1 }), 'POLICY.UNKNOWN_FACTOR');
  });

  it('has no factor an ethnicity or a tier could hide in (M-28, M-38)', () => {
    expect(FACTORS.join(' ')).not.toMatch(/ethnic|tier|skill/);
  });

  it('needs a weight for every factor', () => {
    refused(
      (p) => delete (p.weights as Partial<MatchingPolicy['weights']>)['carer-stress'],
      'POLICY.MISSING_WEIGHT',
    );
  });

  it('refuses negative weights and all-zero weights', () => {
    refused((p) => (p.weights.ofsted = -1), 'POLICY.INVALID_WEIGHT');
    refused((p) => {
      for (const f of FACTORS) p.weights[f] = 0;
    }, 'POLICY.ALL_WEIGHTS_ZERO');
  });

  it('refuses a missing id or a version below 1', () => {
    refused((p) => (p.id = ''), 'POLICY.ID_REQUIRED');
    refused((p) => (p.version = 0), 'POLICY.INVALID_VERSION');
  });

  it('refuses a scope that names no authority', () => {
    refused((p) => (p.scope = { localAuthority: 'Newcastle' }), 'POLICY.INVALID_SCOPE');
    expect(validatePolicy(withChange((p) => (p.scope = { localAuthority: 'E08000021' }))).scope).toEqual({
      localAuthority: 'E08000021',
    });
  });

  it('M-40: refuses a look-back longer than the view keeps', () => {
    refused((p) => (p.keep.lookbackDays = 57), 'POLICY.INVALID_KEEP');
    refused((p) => (p.keep.disruptionLookbackDays = 5_000), 'POLICY.INVALID_KEEP');
    refused((p) => (p.keep.stressThreshold = 2.5), 'POLICY.INVALID_KEEP');
  });

  it('refuses a cost band whose high mark is not above its low mark', () => {
    refused(
      (p) => (p.cost.residential = { lowPence: 500_000, highPence: 500_000 }),
      'POLICY.INVALID_COST_BAND',
    );
  });

  it('refuses an Ofsted floor that is not a judgement', () => {
    refused((p) => (p.ofstedFloor = 'Fine' as never), 'POLICY.UNKNOWN_OFSTED_FLOOR');
    expect(validatePolicy(withChange((p) => (p.ofstedFloor = 'Good'))).ofstedFloor).toBe('Good');
  });

  it('refuses a step of 0 miles, school settings out of range and unbounded split work', () => {
    refused((p) => (p.distanceStepMiles = 0), 'POLICY.INVALID_DISTANCE_STEP');
    refused((p) => (p.school.keyStage4Multiplier = 0.5), 'POLICY.INVALID_SCHOOL');
    refused((p) => (p.splits.maxCombinations = 10_000_000), 'POLICY.INVALID_SPLITS');
  });
});
