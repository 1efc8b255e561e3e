import { OFSTED_JUDGEMENTS, OfstedJudgement, exceedsThreshold } from '@placematch/supply';
import { SPECIALISM_BITS, popcount } from './bits';
import { F, GROUPS, SearchContext } from './context';
import { COSTED_GROUPS, CostBand, CostedGroup, FACTORS, Factor } from './policy';
import { nodeMayAdmit } from './eligibility';
import { NODE_FLAGS, NO_JUDGEMENT, NodeSummaries } from './summaries';
import type { SupplyView } from './supply-view';

/** One factor of a match: its score, the weight it carried in this search and one plain sentence saying why. */
export interface FactorScore {
  factor: Factor;
  /** 0..1, four decimal places. */
  score: number;
  /** The weight used (0 where the factor does not apply to this request). */
  weight: number;
  /** One plain-English sentence; never a name or any other personal detail. */
  why: string;
}

/** Score at the step of a stepped distance, approached from inside. */
const AT_STEP = 0.7;
/** Score just beyond the step: the drop is the step. */
const BEYOND_STEP = 0.5;

/**
 * A distance score with a step: 1 at 0 miles, falling evenly to 0.7 at `stepMiles`, then 0.5 just beyond it and
 * halving each time the distance doubles (`0.5 * step / miles`), so further is always worse but never 0.
 */
export const steppedDistanceScore = (miles: number, stepMiles: number): number =>
  miles <= stepMiles ? 1 - (1 - AT_STEP) * (miles / stepMiles) : (BEYOND_STEP * stepMiles) / miles;

/** Distance from home (M-10) with the DfE 20-mile step (the policy's `distanceStepMiles`). */
export const distanceScore = (miles: number, stepMiles: number): number =>
  steppedDistanceScore(miles, stepMiles);

/** School continuity (M-18): the same shape, stepped at the policy's reasonable distance to school. */
export const schoolScore = (miles: number, reasonableMiles: number): number =>
  steppedDistanceScore(miles, reasonableMiles);

/**
 * Siblings together (M-09): the share of a child's brothers and sisters living with them, from 0 (alone) to 1
 * (the whole group). 1 for a single child.
 */
export const siblingsScore = (together: number, groupSize: number): number =>
  groupSize <= 1 ? 1 : (together - 1) / (groupSize - 1);

/** The share of needs a setting meets; 1 when there are none. */
export const coverageScore = (met: number, needed: number): number => (needed === 0 ? 1 : met / needed);

/**
 * KEEP (M-39, M-40): the share of reported days on which no placement here went over the stress threshold, times
 * 1 / (1 + disruptions). No reports and no disruptions score 1: there is no sign of strain to weigh. A low score
 * is a reason to offer the carer support, not to move anyone.
 */
export const keepScore = (stressfulDays: number, reportedDays: number, disruptions: number): number =>
  (reportedDays === 0 ? 1 : 1 - stressfulDays / reportedDays) / (1 + disruptions);

/** Scores of the Ofsted judgements, best first; a provider not yet inspected scores {@link OFSTED_UNKNOWN_SCORE}. */
export const OFSTED_SCORES: Record<OfstedJudgement, number> = {
  Outstanding: 1,
  Good: 0.75,
  'Requires improvement': 0.4,
  Inadequate: 0.1,
};

/** The Ofsted score of a provider with no judgement recorded: neither rewarded nor punished. */
export const OFSTED_UNKNOWN_SCORE = 0.5;

/** The Ofsted factor. */
export const ofstedScore = (judgement: OfstedJudgement | null): number =>
  judgement === null ? OFSTED_UNKNOWN_SCORE : OFSTED_SCORES[judgement];

/** The cost score of a setting with no weekly cost recorded: neither rewarded nor punished. */
export const COST_UNKNOWN_SCORE = 0.5;

/** Weekly cost: 1 at or under the band's low mark, 0 at or over its high mark, linear between. */
export const costScore = (pence: number | null, band: CostBand): number => {
  if (pence === null) return COST_UNKNOWN_SCORE;
  if (pence <= band.lowPence) return 1;
  if (pence >= band.highPence) return 0;
  return (band.highPence - pence) / (band.highPence - band.lowPence);
};

/**
 * The religion score where the household does not practise the child's religion: carers of another faith or
 * none can still support a child's practice (s22(5)(c) asks for due consideration, not a match), so it is a
 * preference, never a bar.
 */
export const RELIGION_NOT_PRACTISED_SCORE = 0.4;

const COMPLEX_HEALTH = SPECIALISM_BITS.bit('complex-health');
const UASC = SPECIALISM_BITS.bit('uasc');
const OFSTED_BY_RANK = OFSTED_JUDGEMENTS.map((j) => OFSTED_SCORES[j]);

/** The placement group whose cost band applies to a setting (by its group mask) for this request. */
export const costGroupOf = (ctx: SearchContext, groupMask: number): CostedGroup => {
  const usable = groupMask & ctx.allowedGroups;
  if (usable & GROUPS.FOSTERING) return 'fostering';
  if (usable & GROUPS.RESIDENTIAL) return 'residential';
  if (usable & GROUPS.SUPPORTED) return 'supported';
  return 'secure';
};

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Scores the factors of the setting in `slot` that do not depend on which children are placed (distance,
 * authority, school, KEEP, Ofsted, cost) into `ctx.scores`; returns their weighted sum. Reads the view's
 * columns, and the setting's record only when it has stress reports or disruptions or a cost that starts after
 * today. Allocates nothing; reads no clock ("today" is in the context).
 *
 * @internal
 */
export const settingPart = (
  ctx: SearchContext,
  view: SupplyView,
  slot: number,
  homeMiles: number,
  schoolMiles: number,
): number => {
  const cols = view.columns;
  const scores = ctx.scores;
  const policy = ctx.policy;
  scores[F['distance-from-home']] = distanceScore(homeMiles, policy.distanceStepMiles);
  scores[F['in-authority']] = cols.authority[slot] === ctx.homeAuthority ? 1 : 0;
  scores[F['school-continuity']] =
    ctx.school === null ? 1 : schoolScore(schoolMiles, policy.school.reasonableMiles);

  let reported = 0;
  let over = 0;
  let disruptions = 0;
  if (cols.strain[slot] === 1) {
    // KEEP: days in the look-back window (ending today) with a report, and those over the threshold (M-40).
    const s = view.factsAt(slot);
    const from = ctx.todayDay - policy.keep.lookbackDays;
    for (let i = s.stressDays.length - 1; i >= 0; i -= 1) {
      const day = s.stressDays[i];
      if (day <= from) break;
      if (day > ctx.todayDay) continue;
      reported += 1;
      if (exceedsThreshold(s.stressMax[i], policy.keep.stressThreshold)) over += 1;
    }
    const disruptedFrom = ctx.todayDay - policy.keep.disruptionLookbackDays;
    for (let i = s.disruptionDays.length - 1; i >= 0; i -= 1) {
      const day = s.disruptionDays[i];
      if (day <= disruptedFrom) break;
      if (day <= ctx.todayDay) disruptions += 1;
    }
  }
  ctx.keepReported = reported;
  ctx.keepOver = over;
  ctx.keepDisruptions = disruptions;
  scores[F['carer-stress']] = keepScore(over, reported, disruptions);

  const judgement = cols.providerJudgement[cols.providerSlot[slot]];
  scores[F.ofsted] = judgement < 0 ? OFSTED_UNKNOWN_SCORE : OFSTED_BY_RANK[judgement];
  const last = cols.lastCostPence[slot];
  const pence = Number.isNaN(last)
    ? null
    : ctx.todayDay >= cols.lastCostFromDay[slot]
      ? last
      : view.factsAt(slot).weeklyCostOn(ctx.todayDay);
  scores[F['weekly-cost']] = costScore(pence, policy.cost[costGroupOf(ctx, cols.groupMask[slot])]);

  const w = ctx.weights;
  return (
    w[F['distance-from-home']] * scores[F['distance-from-home']] +
    w[F['in-authority']] * scores[F['in-authority']] +
    w[F['school-continuity']] * scores[F['school-continuity']] +
    w[F['carer-stress']] * scores[F['carer-stress']] +
    w[F.ofsted] * scores[F.ofsted] +
    w[F['weekly-cost']] * scores[F['weekly-cost']]
  );
};

/**
 * Works out, child by child, what the setting in `slot` meets (specialist needs, languages, religion) into the
 * context's scratch arrays, for {@link subsetTotal}.
 *
 * @internal
 */
export const childPart = (ctx: SearchContext, view: SupplyView, slot: number): void => {
  const cols = view.columns;
  const disabilities = cols.disabilityMask[slot];
  const specialisms = cols.specialismMask[slot];
  const communication = cols.communicationMask[slot];
  const languages = cols.languageMask[slot];
  const religions = cols.religionMask[slot];
  for (let i = 0; i < ctx.n; i += 1) {
    const c = ctx.children[i];
    ctx.specialistMet[i] =
      popcount(c.disabilityMask & disabilities) +
      (c.needsComplexHealth && (specialisms & COMPLEX_HEALTH) !== 0 ? 1 : 0);
    let met = popcount(c.communicationMask & communication) + popcount(c.languageMask & languages);
    if (c.rareLanguages.length > 0 && cols.languageOverflow[slot] === 1) {
      const spoken = view.factsAt(slot).languages;
      for (const l of c.rareLanguages) if (spoken.includes(l)) met += 1;
    }
    ctx.languageMet[i] = met;
    ctx.religionScore[i] =
      c.religionBit === 0 ? 1 : (religions & c.religionBit) !== 0 ? 1 : RELIGION_NOT_PRACTISED_SCORE;
  }
  ctx.uascSpecialist = (specialisms & UASC) !== 0;
};

/**
 * The weighted total (0..1, four decimal places) for the children in `subset` (a bit mask over the need's
 * children, `size` of them), from a {@link settingPart} sum and a {@link childPart} of the same setting; writes
 * the child factors into `ctx.scores`.
 *
 * @internal
 */
export const subsetTotal = (ctx: SearchContext, subset: number, size: number, settingSum: number): number => {
  const scores = ctx.scores;
  let needed = 0;
  let met = 0;
  let uascNeeded = false;
  let langNeeded = 0;
  let langMet = 0;
  let religionNeeded = 0;
  let religionSum = 0;
  for (let i = 0; i < ctx.n; i += 1) {
    if ((subset & (1 << i)) === 0) continue;
    const c = ctx.children[i];
    needed += c.specialistNeeds;
    met += ctx.specialistMet[i];
    if (c.uasc) uascNeeded = true;
    langNeeded += c.languageNeeds;
    langMet += ctx.languageMet[i];
    if (c.religionBit !== 0) {
      religionNeeded += 1;
      religionSum += ctx.religionScore[i];
    }
  }
  scores[F['siblings-together']] = siblingsScore(size, ctx.n);
  scores[F['disability-and-health']] = coverageScore(met, needed);
  scores[F['uasc-support']] = !uascNeeded || ctx.uascSpecialist ? 1 : 0;
  scores[F['language-and-communication']] = coverageScore(langMet, langNeeded);
  scores[F['religion-and-culture']] = religionNeeded === 0 ? 1 : religionSum / religionNeeded;
  if (ctx.weightSum === 0) return 0;
  const w = ctx.weights;
  const total =
    settingSum +
    w[F['siblings-together']] * scores[F['siblings-together']] +
    w[F['disability-and-health']] * scores[F['disability-and-health']] +
    w[F['uasc-support']] * scores[F['uasc-support']] +
    w[F['language-and-communication']] * scores[F['language-and-communication']] +
    w[F['religion-and-culture']] * scores[F['religion-and-culture']];
  return round4(total / ctx.weightSum);
};

/**
 * The best total a setting could reach for `size` of the children, knowing its {@link settingPart} sum: every
 * child factor at 1 but siblings together, which the size decides.
 *
 * @internal
 */
export const childBound = (ctx: SearchContext, settingSum: number, size: number): number =>
  ctx.weightSum === 0 ? 0 : (settingSum + ctx.childWeightSum) / ctx.weightSum - siblingLoss(ctx, size);

/**
 * What placing only `size` of the children in one setting costs the total through the siblings factor (M-09).
 *
 * @internal
 */
export const siblingLoss = (ctx: SearchContext, size: number): number =>
  ctx.weightSum === 0
    ? 0
    : (ctx.weights[F['siblings-together']] * (1 - siblingsScore(size, ctx.n))) / ctx.weightSum;

/**
 * Scores the setting in `slot` for the children in `subset` (`size` of them): every factor into `ctx.scores`,
 * and the weighted total returned (0..1, four decimal places).
 *
 * @internal
 */
export const evaluate = (
  ctx: SearchContext,
  view: SupplyView,
  slot: number,
  subset: number,
  size: number,
  homeMiles: number,
  schoolMiles: number,
): number => {
  const settingSum = settingPart(ctx, view, slot, homeMiles, schoolMiles);
  childPart(ctx, view, slot);
  return subsetTotal(ctx, subset, size, settingSum);
};

/**
 * The highest total a setting could reach given only its distances and authority, every other factor at 1: a
 * setting whose bound is below the current last of the list need not be scored.
 *
 * @internal
 */
export const upperBound = (
  ctx: SearchContext,
  homeMiles: number,
  schoolMiles: number,
  inAuthority: boolean,
): number => {
  if (ctx.weightSum === 0) return 0;
  const w = ctx.weights;
  let lost = w[F['distance-from-home']] * (1 - distanceScore(homeMiles, ctx.policy.distanceStepMiles));
  if (ctx.school !== null) {
    lost += w[F['school-continuity']] * (1 - schoolScore(schoolMiles, ctx.policy.school.reasonableMiles));
  }
  if (!inAuthority) lost += w[F['in-authority']];
  return (ctx.weightSum - lost) / ctx.weightSum;
};

/** The cost score of the cheapest cost on record of a group; 0 when none of its settings has one. */
const cheapestScore = (pence: number, band: CostBand): number =>
  pence === Number.POSITIVE_INFINITY ? 0 : costScore(pence, band);

/**
 * The highest total any setting under an index node could reach, from the node's summary: `homeMiles` and
 * `schoolMiles` are at most the DfE distances of any setting there (the least distance to the node's box, less the
 * 0.05 miles rounding may take off); the authority factor counts only if the home authority is present; Ofsted and
 * cost at the node's best; KEEP at 1 (its windows depend on the policy and the day). For the whole group (`parts`
 * false) the child factors are the best the union of the node's specialisms, languages and religions could meet;
 * for a part of a sibling group (`parts` true, before the siblings factor's loss) the best of any one child, which
 * bounds any part and the whole group too. -Infinity when no setting there can pass the rules (see
 * `nodeMayAdmit`).
 *
 * @internal
 */
export const nodeBound = (
  ctx: SearchContext,
  sums: NodeSummaries,
  node: number,
  homeMiles: number,
  schoolMiles: number,
  parts: boolean,
): number => {
  if (!nodeMayAdmit(ctx, sums, node, parts)) return Number.NEGATIVE_INFINITY;
  if (ctx.weightSum === 0) return 0;
  const w = ctx.weights;
  const policy = ctx.policy;
  let sum = w[F['distance-from-home']] * distanceScore(homeMiles, policy.distanceStepMiles);
  if (sums.hasAuthority(node, ctx.homeAuthority)) sum += w[F['in-authority']];
  sum +=
    w[F['school-continuity']] *
    (ctx.school === null ? 1 : schoolScore(schoolMiles, policy.school.reasonableMiles));
  sum += w[F['carer-stress']];
  const flags = sums.flags[node];
  const judged = sums.bestJudgement[node];
  const ofsted = Math.max(
    (flags & NODE_FLAGS.UNJUDGED) !== 0 ? OFSTED_UNKNOWN_SCORE : 0,
    judged === NO_JUDGEMENT ? 0 : OFSTED_BY_RANK[judged],
  );
  sum += w[F.ofsted] * ofsted;
  if (w[F['weekly-cost']] > 0) {
    // The cheapest cost on record of each usable group, against that group's band (a setting is costed in one
    // of its usable groups, see costGroupOf); a setting with no cost in effect scores 0.5.
    let cost = sums.latestFirstCostDay[node] > ctx.todayDay ? COST_UNKNOWN_SCORE : 0;
    const groups = sums.groups[node] & ctx.allowedGroups;
    const pence = node * COSTED_GROUPS.length;
    if ((groups & GROUPS.FOSTERING) !== 0) {
      cost = Math.max(cost, cheapestScore(sums.minPence[pence], policy.cost.fostering));
    }
    if ((groups & GROUPS.RESIDENTIAL) !== 0) {
      cost = Math.max(cost, cheapestScore(sums.minPence[pence + 1], policy.cost.residential));
    }
    if ((groups & GROUPS.SUPPORTED) !== 0) {
      cost = Math.max(cost, cheapestScore(sums.minPence[pence + 2], policy.cost.supported));
    }
    if ((groups & GROUPS.SECURE) !== 0) {
      cost = Math.max(cost, cheapestScore(sums.minPence[pence + 3], policy.cost.secure));
    }
    sum += w[F['weekly-cost']] * cost;
  }
  const disabilities = sums.disabilities[node];
  const specialisms = sums.specialisms[node];
  const communication = sums.communication[node];
  const languages = sums.languages[node];
  const religions = sums.religions[node];
  const overflow = (flags & NODE_FLAGS.LANGUAGE_OVERFLOW) !== 0;
  // The whole group's child factors from the sums over the children; any part's from the best child, since a
  // share of sums is never above the best share of one child (and a child with no need scores 1).
  let needed = 0;
  let met = 0;
  let uascNeeded = false;
  let langNeeded = 0;
  let langMet = 0;
  let religionNeeded = 0;
  let religionSum = 0;
  let bestSpecialist = 0;
  let bestLanguage = 0;
  let bestReligion = 0;
  let uascPart = 0;
  for (let i = 0; i < ctx.n; i += 1) {
    const c = ctx.children[i];
    const childMet =
      popcount(c.disabilityMask & disabilities) +
      (c.needsComplexHealth && (specialisms & COMPLEX_HEALTH) !== 0 ? 1 : 0);
    needed += c.specialistNeeds;
    met += childMet;
    bestSpecialist = Math.max(bestSpecialist, coverageScore(childMet, c.specialistNeeds));
    if (c.uasc) uascNeeded = true;
    else uascPart = 1;
    const childLangMet =
      popcount(c.communicationMask & communication) +
      popcount(c.languageMask & languages) +
      (overflow ? c.rareLanguages.length : 0);
    langNeeded += c.languageNeeds;
    langMet += childLangMet;
    bestLanguage = Math.max(bestLanguage, coverageScore(childLangMet, c.languageNeeds));
    if (c.religionBit !== 0) {
      const score = (religions & c.religionBit) !== 0 ? 1 : RELIGION_NOT_PRACTISED_SCORE;
      religionNeeded += 1;
      religionSum += score;
      bestReligion = Math.max(bestReligion, score);
    } else {
      bestReligion = 1;
    }
  }
  if ((specialisms & UASC) !== 0) uascPart = 1;
  if (parts) {
    sum +=
      w[F['siblings-together']] +
      w[F['disability-and-health']] * bestSpecialist +
      w[F['uasc-support']] * uascPart +
      w[F['language-and-communication']] * bestLanguage +
      w[F['religion-and-culture']] * bestReligion;
    return sum / ctx.weightSum;
  }
  sum +=
    w[F['siblings-together']] +
    w[F['disability-and-health']] * coverageScore(met, needed) +
    w[F['uasc-support']] * (!uascNeeded || (specialisms & UASC) !== 0 ? 1 : 0) +
    w[F['language-and-communication']] * coverageScore(langMet, langNeeded) +
    w[F['religion-and-culture']] * (religionNeeded === 0 ? 1 : religionSum / religionNeeded);
  return sum / ctx.weightSum;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `£1,234` or `£1,234.50`, without Intl (which is slow to set up on every call). */
const pounds = (pence: number): string => {
  const whole = Math.floor(pence / 100);
  const rest = pence % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${grouped}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
};

/**
 * The factors of a setting for the children in `subset`, each with its weight and a sentence (for the matches
 * returned, not for every setting scored).
 *
 * @internal
 */
export const explainFactors = (
  ctx: SearchContext,
  view: SupplyView,
  slot: number,
  subset: number,
  size: number,
  homeMiles: number,
  schoolMiles: number,
): { total: number; factors: FactorScore[] } => {
  const total = evaluate(ctx, view, slot, subset, size, homeMiles, schoolMiles);
  const s = view.factsAt(slot);
  const policy = ctx.policy;
  const inSubset = ctx.children.filter((_, i) => (subset & (1 << i)) !== 0);
  const why: Record<Factor, string> = {
    'siblings-together':
      ctx.n === 1
        ? 'One child is being placed, so there are no brothers or sisters to keep together.'
        : size === ctx.n
          ? `All ${ctx.n} children of the sibling group would live here together (M-09).`
          : `${size} of the ${ctx.n} children of the sibling group would live here, apart from the others (M-09).`,
    'distance-from-home': `The setting is ${homeMiles.toFixed(1)} miles from the child's home, ${
      homeMiles <= policy.distanceStepMiles ? 'within' : 'beyond'
    } the ${policy.distanceStepMiles}-mile step (DfE straight-line distance, M-10).`,
    'in-authority':
      s.hostLocalAuthority === ctx.homeLocalAuthority
        ? "The setting is inside the child's local authority."
        : `The setting is in another local authority (${s.hostLocalAuthority || 'unknown'}), outside the child's own (M-11).`,
    'school-continuity':
      ctx.school === null
        ? 'No current school location was given, so school continuity was not scored.'
        : `The setting is ${schoolMiles.toFixed(1)} miles from the current school, ${
            schoolMiles <= policy.school.reasonableMiles ? 'within' : 'beyond'
          } the policy's ${policy.school.reasonableMiles}-mile reasonable distance${
            ctx.anyKeyStage4
              ? `, and counts ${policy.school.keyStage4Multiplier} times because a child is in Year 10 or 11 (M-18)`
              : ' (M-18)'
          }.`,
    'disability-and-health': (() => {
      const needed = inSubset.reduce((n, c) => n + c.specialistNeeds, 0);
      const adaptations = inSubset.some((c) => c.adaptationMask !== 0)
        ? '; every adaptation of the home needed is in place'
        : '';
      if (ctx.weights[F['disability-and-health']] === 0 && !adaptations) {
        return 'No disability or complex health needs were given.';
      }
      if (needed === 0)
        return `These children have no disability or complex health needs to meet${adaptations}.`;
      const met = Math.round(ctx.scores[F['disability-and-health']] * needed);
      return `The setting's specialisms cover ${met} of ${plural(needed, 'disability or health need')}${adaptations} (M-26).`;
    })(),
    'uasc-support': !ctx.children.some((c) => c.uasc)
      ? 'No child is an unaccompanied asylum-seeking child.'
      : !inSubset.some((c) => c.uasc)
        ? 'No child placed here would be an unaccompanied asylum-seeking child.'
        : ctx.scores[F['uasc-support']] === 1
          ? 'The setting specialises in caring for unaccompanied asylum-seeking children (M-30).'
          : 'The setting has no specialism for unaccompanied asylum-seeking children, though it may still care for them (M-30).',
    'language-and-communication': (() => {
      const needed = inSubset.reduce((n, c) => n + c.languageNeeds, 0);
      if (ctx.weights[F['language-and-communication']] === 0) {
        return 'No language or communication needs were given.';
      }
      if (needed === 0) return 'These children have no language or communication needs to meet.';
      const met = Math.round(ctx.scores[F['language-and-communication']] * needed);
      const what = inSubset.some((c) => c.communicationMask !== 0)
        ? 'spoken languages and signing (BSL, Makaton)'
        : 'spoken languages';
      return `The household meets ${met} of ${needed} language and communication ${
        needed === 1 ? 'need' : 'needs'
      }, counting ${what} (M-28).`;
    })(),
    'religion-and-culture': (() => {
      const cultural = inSubset.reduce((n, c) => n + c.culturalNeeds, 0);
      const culturalNote =
        cultural > 0
          ? `; ${plural(cultural, 'cultural need')} cannot be checked against the setting's record, so ask the provider`
          : '';
      const withReligion = inSubset.filter((c) => c.religionBit !== 0);
      if (withReligion.length === 0) {
        return cultural > 0
          ? `No religion to support was given${culturalNote} (M-28).`
          : 'No religious or cultural needs were given.';
      }
      const practised = withReligion.filter((c) => (s.religionMask & c.religionBit) !== 0).length;
      const religion =
        withReligion.length === 1
          ? practised === 1
            ? "The household practises the child's religion"
            : "The household does not practise the child's religion, though carers of another faith or none can support it"
          : `The household practises the religion of ${practised} of the ${withReligion.length} children with one to support`;
      return `${religion}${culturalNote} (M-28: identity needs, never ethnicity).`;
    })(),
    'carer-stress':
      ctx.keepReported === 0 && ctx.keepDisruptions === 0
        ? `No stress reports in the last ${policy.keep.lookbackDays} days and no disruptions in the last ${policy.keep.disruptionLookbackDays} days (KEEP, M-40).`
        : `Carers reported more than ${policy.keep.stressThreshold} stressful behaviours a day on ${ctx.keepOver} of ${plural(
            ctx.keepReported,
            'reported day',
          )} in the last ${policy.keep.lookbackDays} days, and ${
            ctx.keepDisruptions === 0 ? 'no placement' : plural(ctx.keepDisruptions, 'placement')
          } here ended in disruption in the last ${policy.keep.disruptionLookbackDays} days; a reason to offer support, not to move anyone (KEEP, M-39, M-40).`,
    ofsted:
      s.provider?.judgement == null
        ? 'The provider has no Ofsted judgement recorded yet.'
        : `The provider's latest Ofsted judgement is ${s.provider.judgement} (inspected ${s.provider.inspectionDate}).`,
    'weekly-cost': (() => {
      const pence = s.weeklyCostOn(ctx.todayDay);
      const group = costGroupOf(ctx, s.groupMask);
      const band = policy.cost[group];
      return pence === null
        ? 'No weekly cost is recorded for the setting.'
        : `The usual weekly cost is ${pounds(pence)}, against the policy's ${pounds(band.lowPence)} to ${pounds(
            band.highPence,
          )} range for ${group}.`;
    })(),
  };
  const factors: FactorScore[] = [];
  for (let i = 0; i < FACTORS.length; i += 1) {
    const factor = FACTORS[i];
    factors.push({ factor, score: round4(ctx.scores[i]), weight: ctx.weights[i], why: why[factor] });
  }
  return { total, factors };
};
