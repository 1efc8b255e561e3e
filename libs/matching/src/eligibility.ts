import { GROUPS, SUPPORTED_MIN_AGE_MONTHS, SearchContext } from './context';
import type { SettingColumns } from './columns';
import { NODE_FLAGS, NodeSummaries } from './summaries';
import type { SupplyView } from './supply-view';

/**
 * The hard rules of a match, in the order they are checked: a candidate that fails is left out and counted under
 * the first rule it fails (architecture.md section 5, step 1). Setting-wide rules come first, then the rules
 * checked child by child.
 *
 * Left out on purpose, as scores instead: disability and health specialisms (NMS 15 lets a gap be met with
 * training or support in the placement plan; M-26), UASC (M-30: the same range of placements as any child),
 * language, communication, religion and culture (M-28), distance, authority and school (M-10, M-11, M-18: a
 * guard or a score, never a filter; M-19: transport is no reason to move school), KEEP stress (M-40: a risk that
 * calls for support, not an exclusion). Never used at all: carers' ethnicity (M-28) and the skill tier (M-38).
 */
export const ELIGIBILITY_RULES = [
  'provider-not-admitting',
  'not-approved',
  'no-vacancy',
  'sibling-capacity',
  'placement-type',
  'secure-criteria-not-met',
  'purpose-not-approved',
  'ofsted-below-floor',
  'age-outside-approval',
  'supported-accommodation-under-16',
  'cared-for-alongside',
  'pets',
  'risks-not-manageable',
  'adaptations-missing',
] as const;

/** One of {@link ELIGIBILITY_RULES}. */
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

/** What each rule means, for people reading the counts of a search. */
export const ELIGIBILITY_RULE_DESCRIPTIONS: Record<EligibilityRule, string> = {
  'provider-not-admitting':
    "The provider's admissions are suspended by Ofsted (M-48) or it is deregistered or unknown.",
  'not-approved': 'The setting has no approval terms yet.',
  'no-vacancy': 'Fewer places are open, by the date needed, than there are children to place.',
  'sibling-capacity': 'The setting may not take this many children from one sibling group.',
  'placement-type': "None of the setting's placement types is one the request says is suitable.",
  'secure-criteria-not-met':
    "A secure children's home, and the legal criteria for secure accommodation are not met (M-31).",
  'purpose-not-approved': 'The setting is not approved for the purpose of the placement.',
  'ofsted-below-floor': "The provider's latest Ofsted judgement is below the policy's floor.",
  'age-outside-approval': "A child's age is outside the setting's approved age range.",
  'supported-accommodation-under-16': 'Supported accommodation only, and a child is under 16.',
  'cared-for-alongside':
    'A child must live alone, or only with older or only with younger children, and cannot here.',
  pets: 'A child cannot live with pets and the household has them.',
  'risks-not-manageable': 'A child presents a risk the setting has not said it can manage.',
  'adaptations-missing': 'A child needs an adaptation of the home the setting does not have.',
};

/** Rule indexes, for the per-setting loop. */
export const R = Object.fromEntries(ELIGIBILITY_RULES.map((r, i) => [r, i])) as Record<
  EligibilityRule,
  number
>;

/**
 * Places open in a setting by the day needed: the columns answer when it has none, or all or none of them are free
 * by then; only a mix of vacancies free by then and still to come needs the record.
 *
 * @internal
 */
export const placesBy = (view: SupplyView, slot: number, day: number): number => {
  const cols = view.columns;
  const open = cols.openPlaces[slot];
  if (open === 0 || cols.latestFromDay[slot] <= day) return open;
  // Most settings have one vacancy, so its places are all free by the day or none is: only a mix needs the record.
  if (cols.earliestFromDay[slot] > day) return 0;
  return view.factsAt(slot).placesAvailableBy(day);
};

/**
 * The first setting-wide rule the setting in `slot` fails for `size` children, or -1. `places` is what it has
 * open by the date needed.
 *
 * @internal
 */
export const settingFailure = (
  ctx: SearchContext,
  cols: SettingColumns,
  slot: number,
  size: number,
  places: number,
): number => {
  const provider = cols.providerSlot[slot];
  // M-48: a provider whose admissions are suspended disappears from search (children placed there stay).
  if (provider < 0 || cols.providerAdmitting[provider] === 0) return R['provider-not-admitting'];
  if (cols.approved[slot] === 0) return R['not-approved'];
  if (places < size) return R['no-vacancy'];
  // M-09: the approval's limit on one sibling group is part of the terms (a hard rule, architecture.md §5).
  if (size > cols.maxSiblings[slot]) return R['sibling-capacity'];
  const groups = cols.groupMask[slot];
  if ((groups & ctx.allowedGroups) === 0) {
    // M-31: only a secure home could take the child, and secure accommodation needs its legal criteria met.
    return (groups & GROUPS.SECURE) !== 0 && !ctx.need.secureCriteriaMet
      ? R['secure-criteria-not-met']
      : R['placement-type'];
  }
  if ((cols.purposeMask[slot] & ctx.purposeBit) === 0) return R['purpose-not-approved'];
  if (cols.providerJudgement[provider] > ctx.ofstedFloorRank) return R['ofsted-below-floor'];
  return -1;
};

/**
 * The children (as a bit mask over `ctx.children`) who pass every child-by-child rule in the setting in `slot`.
 * The first rule (lowest index) any child fails, or -1, is left in `ctx.childFailure`: a scratch field, so the
 * loop over tens of thousands of settings allocates nothing.
 *
 * @internal
 */
export const passingChildren = (ctx: SearchContext, cols: SettingColumns, slot: number): number => {
  // Supported accommodation is for 16- and 17-year-olds: the only usable group being supported rules out
  // younger children (domain-anchors §1.7: no under-16s in unregulated or supported settings since 2021).
  const supportedOnly = (cols.groupMask[slot] & ctx.allowedGroups & ~GROUPS.SUPPORTED) === 0;
  const minAge = cols.minAgeMonths[slot];
  const maxAge = cols.maxAgeMonthsExclusive[slot];
  const others = cols.othersCount[slot];
  const pets = cols.hasPets[slot] === 1;
  const risks = cols.riskMask[slot];
  const adaptations = cols.adaptationMask[slot];
  let mask = 0;
  let first = -1;
  for (let i = 0; i < ctx.n; i += 1) {
    const c = ctx.children[i];
    let rule = -1;
    if (c.ageMonths < minAge || c.ageMonths >= maxAge) {
      rule = R['age-outside-approval'];
    } else if (supportedOnly && c.ageMonths < SUPPORTED_MIN_AGE_MONTHS) {
      rule = R['supported-accommodation-under-16'];
    } else if (
      // Placements Standard v2 "who can the child be cared for alongside", against children already here (placed
      // and the household's own). Siblings searched together are the request's own choice and not counted.
      others > 0 &&
      !(
        c.livesAlongside === 'any' ||
        (c.livesAlongside === 'older-only' && cols.latestBirthOfOthers[slot] < c.birthMonth) ||
        (c.livesAlongside === 'younger-only' && cols.earliestBirthOfOthers[slot] > c.birthMonth)
      )
    ) {
      rule = R['cared-for-alongside'];
    } else if (c.cannotLiveWithPets && pets) {
      rule = R.pets;
    } else if ((c.riskMask & ~risks) !== 0) {
      // Every risk the child presents must be one the setting has said it can manage (architecture.md §5).
      rule = R['risks-not-manageable'];
    } else if ((c.adaptationMask & ~adaptations) !== 0) {
      // An adaptation (a wheelchair-accessible home, a hoist) cannot be supplied on the day of a move, so a need
      // for one is a requirement (Placements Standard v2; domain-anchors §4.2 lists adaptations as hard).
      rule = R['adaptations-missing'];
    }
    if (rule < 0) mask |= 1 << i;
    else if (first < 0 || rule < first) first = rule;
  }
  ctx.childFailure = first;
  return mask;
};

/**
 * False when no setting under an index node can pass the rules for the whole group (`parts` false), or for any
 * one of the children (`parts` true: a setting that could take part of a sibling group), as far as the node's
 * summary tells: every check here is one a setting must pass, made against the union of the node's settings.
 *
 * @internal
 */
export const nodeMayAdmit = (
  ctx: SearchContext,
  sums: NodeSummaries,
  node: number,
  parts: boolean,
): boolean => {
  const groups = sums.groups[node] & ctx.allowedGroups;
  if (groups === 0 || (sums.purposes[node] & ctx.purposeBit) === 0) return false;
  if ((sums.flags[node] & NODE_FLAGS.UNJUDGED) === 0 && sums.bestJudgement[node] > ctx.ofstedFloorRank) {
    return false;
  }
  if (sums.capacity[node] < (parts ? 1 : ctx.n)) return false;
  const supportedOnly = (groups & ~GROUPS.SUPPORTED) === 0;
  const minAge = sums.minAge[node];
  const maxAge = sums.maxAge[node];
  const risks = sums.risks[node];
  const adaptations = sums.adaptations[node];
  const petFree = (sums.flags[node] & NODE_FLAGS.PET_FREE) !== 0;
  for (let i = 0; i < ctx.n; i += 1) {
    const c = ctx.children[i];
    const may =
      c.ageMonths >= minAge &&
      c.ageMonths < maxAge &&
      !(supportedOnly && c.ageMonths < SUPPORTED_MIN_AGE_MONTHS) &&
      (!c.cannotLiveWithPets || petFree) &&
      (c.riskMask & ~risks) === 0 &&
      (c.adaptationMask & ~adaptations) === 0;
    if (may && parts) return true;
    if (!may && !parts) return false;
  }
  return !parts;
};
