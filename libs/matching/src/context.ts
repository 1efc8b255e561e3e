import type { GridRef } from '@placematch/geo';
import { OFSTED_JUDGEMENTS } from '@placematch/supply';
import {
  ADAPTATION_BITS,
  COMMUNICATION_BITS,
  DISABILITY_BITS,
  GROUP_BITS,
  PURPOSE_BITS,
  RELIGION_BITS,
  RISK_BITS,
  popcount,
  primaryLanguage,
} from './bits';
import type { SettingColumns } from './columns';
import { dayNumber, monthIndex } from './dates';
import { isKeyStage4, LivesAlongside, NeedProfile } from './need-profile';
import { FACTORS, Factor, MatchingPolicy } from './policy';

/** Age from which a child may live in supported accommodation: 16 (the 2023 regulations; domain-anchors §1.7). */
export const SUPPORTED_MIN_AGE_MONTHS = 16 * 12;

/**
 * One child of the need, in the form the checks read.
 *
 * @internal
 */
export interface ChildContext {
  ref: string;
  ageMonths: number;
  birthMonth: number;
  riskMask: number;
  adaptationMask: number;
  /** Disabilities other than NONE, as specialism bits. */
  disabilityMask: number;
  needsComplexHealth: boolean;
  /** Disability and complex health needs to meet. */
  specialistNeeds: number;
  /** Languages and communication methods to meet. */
  languageNeeds: number;
  uasc: boolean;
  /** Primary languages, each once. */
  languages: string[];
  /** The bits of those languages that have one in the columns. */
  languageMask: number;
  /** Those languages that have no bit: only a household flagged with rarer languages can speak them. */
  rareLanguages: string[];
  communicationMask: number;
  /** The bit of the child's religion, 0 for none or `no-religion`. */
  religionBit: number;
  culturalNeeds: number;
  livesAlongside: LivesAlongside;
  cannotLiveWithPets: boolean;
  keyStage4: boolean;
}

/**
 * Everything a search derives once from the need, the policy and the day, so the per-setting loop reads plain
 * numbers. Holds the reusable score buffer, so a search allocates nothing per setting.
 *
 * @internal
 */
export interface SearchContext {
  need: NeedProfile & { keepSiblingsTogether: boolean };
  policy: MatchingPolicy;
  today: string;
  todayDay: number;
  /** The last day a vacancy may become available and still meet the urgency. */
  neededByDay: number;
  children: ChildContext[];
  n: number;
  fullMask: number;
  allowedGroups: number;
  purposeBit: number;
  /** Index in OFSTED_JUDGEMENTS of the floor (worse judgements have higher indexes); Infinity for none. */
  ofstedFloorRank: number;
  home: GridRef;
  school: GridRef | null;
  homeLocalAuthority: string;
  /** The home authority's number in the columns (-1: no setting is there). */
  homeAuthority: number;
  anyKeyStage4: boolean;
  /** Effective weight of each factor in FACTORS order (0 where the factor does not apply to this need). */
  weights: Float64Array;
  weightSum: number;
  /** Scratch: the factor scores of the setting last evaluated. */
  scores: Float64Array;
  /** Scratch: the first child-by-child rule failed in the setting last checked, or -1. */
  childFailure: number;
  /** Scratch: KEEP counts of the setting last evaluated (days reported, days over threshold, disruptions). */
  keepReported: number;
  keepOver: number;
  keepDisruptions: number;
  /** Scratch, per child: needs the setting last evaluated meets (specialist, language) and its religion score. */
  specialistMet: Int32Array;
  languageMet: Int32Array;
  religionScore: Float64Array;
  /** Scratch: the setting last evaluated specialises in UASC. */
  uascSpecialist: boolean;
  /** Total weight of the factors that depend on which children are placed (siblings, needs, identity). */
  childWeightSum: number;
}

/** The position of each factor in {@link FACTORS}. */
export const F = Object.fromEntries(FACTORS.map((f, i) => [f, i])) as Record<Factor, number>;

/** The factors whose score depends on which of the children are placed, not only on the setting. */
export const CHILD_FACTORS: readonly Factor[] = [
  'siblings-together',
  'disability-and-health',
  'uasc-support',
  'language-and-communication',
  'religion-and-culture',
];

const FOSTERING = GROUP_BITS.bit('fostering');
const RESIDENTIAL = GROUP_BITS.bit('residential');
const SUPPORTED = GROUP_BITS.bit('supported');
const SECURE = GROUP_BITS.bit('secure');

/** The group bits by their name, for the checks. */
export const GROUPS = { FOSTERING, RESIDENTIAL, SUPPORTED, SECURE };

const URGENCY_DAYS = { today: 0, 'under-5-days': 4, 'over-5-days': Number.POSITIVE_INFINITY } as const;

/** Builds the context of one search from a validated need and policy. */
export const searchContext = (
  need: NeedProfile & { keepSiblingsTogether: boolean },
  policy: MatchingPolicy,
  today: string,
  cols: SettingColumns,
): SearchContext => {
  const todayDay = dayNumber(today);
  const todayMonth = monthIndex(today);
  const children = need.children.map((c): ChildContext => {
    const languages = [...new Set(c.languages.map(primaryLanguage))];
    const disabilityMask = DISABILITY_BITS.mask(c.disabilities);
    const communicationMask = COMMUNICATION_BITS.mask(c.communication);
    return {
      ref: c.ref,
      ageMonths: c.ageMonths,
      birthMonth: todayMonth - c.ageMonths,
      riskMask: RISK_BITS.mask(c.risks),
      adaptationMask: ADAPTATION_BITS.mask(c.adaptations),
      disabilityMask,
      needsComplexHealth: c.healthNeeds.length > 0,
      specialistNeeds: popcount(disabilityMask) + (c.healthNeeds.length > 0 ? 1 : 0),
      languageNeeds: languages.length + popcount(communicationMask),
      uasc: c.uasc,
      languages,
      languageMask: languages.reduce((m, l) => m | cols.languageBit(l), 0),
      rareLanguages: languages.filter((l) => cols.languageBit(l) === 0),
      communicationMask,
      religionBit:
        c.religion === undefined || c.religion === 'no-religion' ? 0 : RELIGION_BITS.bit(c.religion),
      culturalNeeds: c.culturalNeeds.length,
      livesAlongside: c.livesAlongside,
      cannotLiveWithPets: c.cannotLiveWithPets,
      keyStage4: isKeyStage4(c.yearGroup),
    };
  });
  const n = children.length;
  // The Placements Standard's three suitabilities map onto placement groups; secure homes (K1) only when the
  // legal criteria are met (M-31). Adoption and 'other' codes are never matched here: adoption has its own
  // process, and hospitals, schools and custody are not homes a vacancy search offers.
  const allowedGroups =
    (need.suitability.foster ? FOSTERING : 0) |
    (need.suitability.residential ? RESIDENTIAL : 0) |
    (need.suitability.supported ? SUPPORTED : 0) |
    (need.secureCriteriaMet ? SECURE : 0);
  const anyKeyStage4 = children.some((c) => c.keyStage4);
  const applies: Record<Factor, boolean> = {
    'siblings-together': n > 1,
    'distance-from-home': true,
    'in-authority': true,
    'school-continuity': need.schoolGrid !== undefined,
    'disability-and-health': children.some((c) => c.disabilityMask !== 0 || c.needsComplexHealth),
    'uasc-support': children.some((c) => c.uasc),
    'language-and-communication': children.some((c) => c.languages.length > 0 || c.communicationMask !== 0),
    'religion-and-culture': children.some((c) => c.religionBit !== 0),
    'carer-stress': true,
    ofsted: true,
    'weekly-cost': true,
  };
  const weights = new Float64Array(FACTORS.length);
  let weightSum = 0;
  FACTORS.forEach((factor, i) => {
    let w = applies[factor] ? policy.weights[factor] : 0;
    // M-18: a strong preference for the current school when a child is in Year 10 or 11.
    if (factor === 'school-continuity' && anyKeyStage4) w *= policy.school.keyStage4Multiplier;
    weights[i] = w;
    weightSum += w;
  });
  return {
    need,
    policy,
    today,
    todayDay,
    neededByDay: todayDay + URGENCY_DAYS[need.urgency],
    children,
    n,
    fullMask: (1 << n) - 1,
    allowedGroups,
    purposeBit: PURPOSE_BITS.bit(need.purpose),
    ofstedFloorRank:
      policy.ofstedFloor === undefined
        ? Number.POSITIVE_INFINITY
        : OFSTED_JUDGEMENTS.indexOf(policy.ofstedFloor),
    home: need.homeGrid,
    school: need.schoolGrid ?? null,
    homeLocalAuthority: need.homeLocalAuthority,
    homeAuthority: cols.authorityId(need.homeLocalAuthority),
    anyKeyStage4,
    weights,
    weightSum,
    scores: new Float64Array(FACTORS.length),
    childFailure: -1,
    keepReported: 0,
    keepOver: 0,
    keepDisruptions: 0,
    specialistMet: new Int32Array(n),
    languageMet: new Int32Array(n),
    religionScore: new Float64Array(n),
    uascSpecialist: false,
    childWeightSum: CHILD_FACTORS.reduce((sum, f) => sum + weights[F[f]], 0),
  };
};
