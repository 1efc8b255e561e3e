import { ValidationError } from '@placematch/kernel';
import { DFE_DISTANCE_STEP_MILES } from '@placematch/geo';
import {
  KEEP_DAILY_THRESHOLD,
  OFSTED_JUDGEMENTS,
  OfstedJudgement,
  isChildrensServicesAuthority,
} from '@placematch/supply';

/**
 * The soft factors of a match, each scored 0..1 and weighted by the policy (architecture.md section 5, step 2).
 * There is deliberately no factor for the carers' ethnicity (M-28: identity needs, never a same-ethnicity rule)
 * and none for the tiered model of carer skill (M-38: not a matching rule): {@link validatePolicy} refuses a
 * weight for any name not listed here, so no policy can bring them in.
 */
export const FACTORS = [
  'siblings-together',
  'distance-from-home',
  'in-authority',
  'school-continuity',
  'disability-and-health',
  'uasc-support',
  'language-and-communication',
  'religion-and-culture',
  'carer-stress',
  'ofsted',
  'weekly-cost',
] as const;

/** One of {@link FACTORS}. */
export type Factor = (typeof FACTORS)[number];

/** The placement groups whose weekly cost is scored, each against its own band. */
export const COSTED_GROUPS = ['fostering', 'residential', 'supported', 'secure'] as const;

/** One of {@link COSTED_GROUPS}. */
export type CostedGroup = (typeof COSTED_GROUPS)[number];

/**
 * Weekly costs (pence, excluding VAT) that score 1 (`lowPence` or less) and 0 (`highPence` or more), linear
 * between. A band per placement group, so a children's home is compared with other homes: one scale for all
 * would rank residential care last on cost alone, and M-33 says it is not a last resort.
 */
export interface CostBand {
  lowPence: number;
  highPence: number;
}

/**
 * A matching policy: versioned data, per local authority or region (architecture.md section 5). Every search
 * returns the `id@version` it used so that a decision can be explained later; change a policy by publishing a
 * new version, never by editing one in place.
 */
export interface MatchingPolicy {
  /** A stable name such as `placematch-default` or `e08000021-2025`. */
  id: string;
  /** A whole number from 1; a new version for every change. */
  version: number;
  /** Whom the policy is for; empty for the national default. */
  scope: { localAuthority?: string; region?: string };
  /** The weight of each factor (0 switches it off). Every factor needs one. */
  weights: Record<Factor, number>;
  /** The DfE distance step: settings up to this many miles from home score well above those beyond it. */
  distanceStepMiles: number;
  /** KEEP carer-stress signals (M-39, M-40). */
  keep: {
    /** A day counts as stressful when a placement's carer reported more than this many stressful behaviours. */
    stressThreshold: number;
    /** Days of stress reports looked at, ending today (at most {@link MAX_STRESS_LOOKBACK_DAYS}). */
    lookbackDays: number;
    /** Days of disruptions looked at, ending today (at most {@link MAX_DISRUPTION_LOOKBACK_DAYS}). */
    disruptionLookbackDays: number;
  };
  /** School continuity (M-18, M-19). */
  school: {
    /** The furthest a setting may be from the current school before a Year 10/11 child would have to move. */
    reasonableMiles: number;
    /** How many times the school factor's weight counts when a child is in Year 10 or 11 (M-18). */
    keyStage4Multiplier: number;
  };
  /** Weekly cost bands per placement group (see {@link CostBand}). */
  cost: Record<CostedGroup, CostBand>;
  /**
   * When set, a setting whose provider's latest Ofsted judgement is worse than this is left out (a gateway such
   * as East Riding's). A provider not yet inspected is never below a floor.
   */
  ofstedFloor?: OfstedJudgement;
  /** M-35: an emergency placement needs a stated reason; the emergency guard says so when true. */
  emergencyNeedsReason: boolean;
  /** Bounds on the work of proposing sibling splits. */
  splits: {
    /** Split proposals returned at most. */
    maxProposals: number;
    /** Best settings kept for each part of a sibling group. */
    optionsPerPart: number;
    /** Assignments of settings to parts examined at most. */
    maxCombinations: number;
  };
}

/** How far back the supply view keeps daily stress counts: a policy may not look further. */
export const MAX_STRESS_LOOKBACK_DAYS = 56;

/** How far back the supply view keeps disruptions: a policy may not look further. */
export const MAX_DISRUPTION_LOOKBACK_DAYS = 1096;

/**
 * The national default policy. The figures with a source: the 20-mile step is where DfE splits placement
 * distances ("20 miles or less" / "over 20 miles"); the KEEP threshold of 5 is the Care Matters reading of the
 * research (M-40, "more than 5 daily incidences") over 35 days, the 3 to 5 weeks of reports in which prediction
 * was good (domain-anchors §3.2); a year of disruptions. The rest are Placematch's starting values, to be set by
 * each authority: the weights (siblings and distance from home first, as s22C lists them); 15 miles to school,
 * about the 75-minute secondary journey of the home-to-school travel guidance [outside seeds, verify]; the cost
 * bands, illustrative 2025 weekly fees [outside seeds].
 */
export const DEFAULT_POLICY: MatchingPolicy = {
  id: 'placematch-default',
  version: 1,
  scope: {},
  weights: {
    'siblings-together': 3,
    'distance-from-home': 3,
    'in-authority': 1.5,
    'school-continuity': 2,
    'disability-and-health': 2,
    'uasc-support': 1,
    'language-and-communication': 2,
    'religion-and-culture': 1,
    'carer-stress': 2,
    ofsted: 1,
    'weekly-cost': 0.5,
  },
  distanceStepMiles: DFE_DISTANCE_STEP_MILES,
  keep: { stressThreshold: KEEP_DAILY_THRESHOLD, lookbackDays: 35, disruptionLookbackDays: 365 },
  school: { reasonableMiles: 15, keyStage4Multiplier: 3 },
  cost: {
    fostering: { lowPence: 40_000, highPence: 150_000 },
    residential: { lowPence: 300_000, highPence: 1_200_000 },
    supported: { lowPence: 80_000, highPence: 400_000 },
    secure: { lowPence: 600_000, highPence: 2_000_000 },
  },
  emergencyNeedsReason: true,
  splits: { maxProposals: 5, optionsPerPart: 4, maxCombinations: 2_000 },
};

/** The text a search records for the policy it used: `id@version`. */
export const policyVersion = (policy: Pick<MatchingPolicy, 'id' | 'version'>): string =>
  `${policy.id}@${policy.version}`;

const fail = (code: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new ValidationError(code, message, details);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const number = (value: unknown, min: number, max: number, code: string, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(code, `${field} must be a number from ${min} to ${max}`, { field, value });
  }
  return value as number;
};

const integer = (value: unknown, min: number, max: number, code: string, field: string): number => {
  const n = number(value, min, max, code, field);
  if (!Number.isInteger(n)) fail(code, `${field} must be a whole number`, { field, value });
  return n;
};

/**
 * Checks a policy and returns a clean copy with only the known fields. A bad policy is a configuration error
 * that should stop the service at start with the reason, so each problem has its own `POLICY.*` code and a
 * message that says what to change.
 */
export const validatePolicy = (policy: MatchingPolicy): MatchingPolicy => {
  if (!isObject(policy)) return fail('POLICY.INVALID', 'A policy is an object');
  if (typeof policy.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(policy.id)) {
    fail('POLICY.ID_REQUIRED', 'id is 1 to 64 letters, digits, dots, dashes or underscores', {
      id: policy.id,
    });
  }
  const version = integer(policy.version, 1, Number.MAX_SAFE_INTEGER, 'POLICY.INVALID_VERSION', 'version');
  if (!isObject(policy.scope))
    fail('POLICY.INVALID_SCOPE', 'scope is an object, {} for the national default');
  const { localAuthority, region } = policy.scope;
  if (localAuthority !== undefined && !isChildrensServicesAuthority(localAuthority)) {
    fail('POLICY.INVALID_SCOPE', "scope.localAuthority is the ONS code of a children's services authority", {
      localAuthority,
    });
  }
  if (region !== undefined && (typeof region !== 'string' || region.trim() === '')) {
    fail('POLICY.INVALID_SCOPE', 'scope.region is a non-empty name or code', { region });
  }
  if (!isObject(policy.weights))
    fail('POLICY.MISSING_WEIGHT', 'weights is an object with a weight per factor');
  for (const name of Object.keys(policy.weights)) {
    // M-28, M-38: a weight for anything else (an ethnicity match, a skill tier) is refused, not ignored.
    if (!(FACTORS as readonly string[]).includes(name)) {
      fail(
        'POLICY.UNKNOWN_FACTOR',
        `${name} is not a matching factor; the factors are ${FACTORS.join(', ')}`,
        {
          factor: name,
        },
      );
    }
  }
  const weights = {} as Record<Factor, number>;
  let sum = 0;
  for (const factor of FACTORS) {
    if (!(factor in policy.weights))
      fail('POLICY.MISSING_WEIGHT', `weights.${factor} is missing`, { factor });
    weights[factor] = number(policy.weights[factor], 0, 1_000, 'POLICY.INVALID_WEIGHT', `weights.${factor}`);
    sum += weights[factor];
  }
  if (sum === 0) fail('POLICY.ALL_WEIGHTS_ZERO', 'At least one factor needs a weight above 0');
  const distanceStepMiles = number(
    policy.distanceStepMiles,
    0.1,
    500,
    'POLICY.INVALID_DISTANCE_STEP',
    'distanceStepMiles',
  );
  if (!isObject(policy.keep)) fail('POLICY.INVALID_KEEP', 'keep is an object');
  const keep = {
    stressThreshold: integer(
      policy.keep.stressThreshold,
      0,
      100,
      'POLICY.INVALID_KEEP',
      'keep.stressThreshold',
    ),
    lookbackDays: integer(
      policy.keep.lookbackDays,
      1,
      MAX_STRESS_LOOKBACK_DAYS,
      'POLICY.INVALID_KEEP',
      'keep.lookbackDays',
    ),
    disruptionLookbackDays: integer(
      policy.keep.disruptionLookbackDays,
      1,
      MAX_DISRUPTION_LOOKBACK_DAYS,
      'POLICY.INVALID_KEEP',
      'keep.disruptionLookbackDays',
    ),
  };
  if (!isObject(policy.school)) fail('POLICY.INVALID_SCHOOL', 'school is an object');
  const school = {
    reasonableMiles: number(
      policy.school.reasonableMiles,
      0.1,
      500,
      'POLICY.INVALID_SCHOOL',
      'school.reasonableMiles',
    ),
    keyStage4Multiplier: number(
      policy.school.keyStage4Multiplier,
      1,
      100,
      'POLICY.INVALID_SCHOOL',
      'school.keyStage4Multiplier',
    ),
  };
  if (!isObject(policy.cost)) fail('POLICY.INVALID_COST_BAND', 'cost is an object with a band per group');
  const cost = {} as Record<CostedGroup, CostBand>;
  for (const group of COSTED_GROUPS) {
    const band = policy.cost[group];
    if (!isObject(band)) return fail('POLICY.INVALID_COST_BAND', `cost.${group} is missing`, { group });
    const lowPence = integer(
      band.lowPence,
      0,
      Number.MAX_SAFE_INTEGER,
      'POLICY.INVALID_COST_BAND',
      `cost.${group}.lowPence`,
    );
    const highPence = integer(
      band.highPence,
      0,
      Number.MAX_SAFE_INTEGER,
      'POLICY.INVALID_COST_BAND',
      `cost.${group}.highPence`,
    );
    if (highPence <= lowPence) {
      fail('POLICY.INVALID_COST_BAND', `cost.${group}.highPence must be above lowPence`, {
        group,
        lowPence,
        highPence,
      });
    }
    cost[group] = { lowPence, highPence };
  }
  if (
    policy.ofstedFloor !== undefined &&
    !(OFSTED_JUDGEMENTS as readonly unknown[]).includes(policy.ofstedFloor)
  ) {
    fail('POLICY.UNKNOWN_OFSTED_FLOOR', `ofstedFloor is one of ${OFSTED_JUDGEMENTS.join(', ')}`, {
      ofstedFloor: policy.ofstedFloor,
    });
  }
  if (typeof policy.emergencyNeedsReason !== 'boolean') {
    fail('POLICY.INVALID_EMERGENCY', 'emergencyNeedsReason is true or false');
  }
  if (!isObject(policy.splits)) fail('POLICY.INVALID_SPLITS', 'splits is an object');
  const splits = {
    maxProposals: integer(policy.splits.maxProposals, 0, 50, 'POLICY.INVALID_SPLITS', 'splits.maxProposals'),
    optionsPerPart: integer(
      policy.splits.optionsPerPart,
      1,
      20,
      'POLICY.INVALID_SPLITS',
      'splits.optionsPerPart',
    ),
    maxCombinations: integer(
      policy.splits.maxCombinations,
      1,
      100_000,
      'POLICY.INVALID_SPLITS',
      'splits.maxCombinations',
    ),
  };
  return {
    id: policy.id,
    version,
    scope: {
      ...(localAuthority !== undefined && { localAuthority }),
      ...(region !== undefined && { region: region.trim() }),
    },
    weights,
    distanceStepMiles,
    keep,
    school,
    cost,
    ...(policy.ofstedFloor !== undefined && { ofstedFloor: policy.ofstedFloor }),
    emergencyNeedsReason: policy.emergencyNeedsReason,
    splits,
  };
};
