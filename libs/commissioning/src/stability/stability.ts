import { AgeBand, ageBand, ageMonthsOn } from '../age';
import { addMonths, CollectionYear } from '../dates';
import {
  ADOPTION_WITH_CURRENT_CARERS,
  coversAnyOf,
  EpisodeHistory,
  isShortBreak,
  legalStatusOn,
  PLACED_FOR_ADOPTION_CODES,
  PlacementSpell,
  placementSpells,
  predecessor,
} from './episodes';

/**
 * The counting rules the DfE methodology leaves to interpretation (domain-anchors.md §1.5 and §6: the DfE
 * methodology text was not retrieved). Each default is documented on its field and in the README.
 */
export interface StabilityRules {
  /**
   * Whether a change of placement with the same carers (RNE `T` or `U`) is a new placement for the
   * "3 or more placements" measure. Default `true`: it is a new episode with a new PLACE code, and only
   * temporary moves, legal-status-only changes and placement for adoption with the current foster carers are
   * excluded by a stated rule. (Unverified: the DfE methodology was not read.) It never breaks the
   * "same carer for 2 years" run, which is about the carer.
   */
  sameCarerChangeIsNewPlacement: boolean;
  /**
   * How a child placed for adoption counts in the long-term measure. `with-previous-placement` (default): NI 063,
   * "are placed for adoption and their adoptive placement together with their previous placement together last
   * for at least 2 years" (verified, domain-anchors.md §1.5). `always`: every child placed for adoption on
   * 31 March counts (the shorter wording of issue 6).
   */
  placedForAdoption: 'with-previous-placement' | 'always';
}

/** The default {@link StabilityRules}. */
export const DEFAULT_STABILITY_RULES: StabilityRules = {
  sameCarerChangeIsNewPlacement: true,
  placedForAdoption: 'with-previous-placement',
};

/** Months of continuous care for the long-term measure: 2.5 years. */
export const LONG_TERM_CARE_MONTHS = 30;
/** Months in the same placement for the long-term measure: 2 years. */
export const SAME_PLACEMENT_MONTHS = 24;
/** The long-term measure is for children under 16 on 31 March: 16 years in months. */
export const LONG_TERM_AGE_LIMIT_MONTHS = 16 * 12;
/** "3 or more placements during the year". */
export const MANY_PLACEMENTS = 3;

/** How a child stands in the long-term stability measure. */
export type LongTermResult =
  'not-in-cohort' | 'same-placement-2-years' | 'placed-for-adoption' | 'not-stable';

/** Why a child looked after on 31 March is outside both measures, when it is. */
export type Exclusion = 'not-looked-after' | 'short-break';

/** One child's part in the stability measures for one collection year. */
export interface ChildStability {
  childId: string;
  /** Looked after on 31 March (a spell covers that night) and not left out as a short break. */
  inCohort: boolean;
  exclusion: Exclusion | null;
  /** Age on 31 March in completed months, from coarse values; `null` when not known. */
  ageMonths: number | null;
  /** The band of {@link ageMonths}; `null` when not known. */
  ageBand: AgeBand | null;
  /** Placements during the year (1 April to 31 March), counted by the rules; 0 outside the cohort. */
  placementsInYear: number;
  /** Measure (a): in the cohort with 3 or more placements during the year. */
  threeOrMorePlacements: boolean;
  /** Measure (b). */
  longTerm: LongTermResult;
  /** The start of the period of care going on at 31 March, where there is one. */
  periodStartedOn: string | null;
  /** The day the child started living with the carer(s) they had on 31 March, where they were looked after. */
  sameCarerSince: string | null;
}

/**
 * Whether spell `i` starts a new placement or continues the one before it (and so is not counted again):
 * - a change of legal status only (RNE `L`) is not a new placement;
 * - placement for adoption with the current foster carer(s) (A3, A5) is not a change of placement (NI 062);
 * - a change of placement with the same carers (RNE `T`, `U`) is one unless the rules say otherwise.
 * A spell that would continue but has no predecessor in the same period of care starts a placement.
 */
const continuesPlacement = (spells: readonly PlacementSpell[], i: number, rules: StabilityRules): boolean => {
  if (predecessor(spells, i) === undefined) return false;
  const s = spells[i];
  if (s.reasonNewEpisode === 'L') return true;
  if (ADOPTION_WITH_CURRENT_CARERS.includes(s.placementType)) return true;
  return !rules.sameCarerChangeIsNewPlacement && (s.reasonNewEpisode === 'T' || s.reasonNewEpisode === 'U');
};

/** True when spell `i` is with the same carer(s) as the one before it. */
const sameCarerAsBefore = (s: PlacementSpell): boolean =>
  s.reasonNewEpisode === 'L' ||
  s.reasonNewEpisode === 'T' ||
  s.reasonNewEpisode === 'U' ||
  ADOPTION_WITH_CURRENT_CARERS.includes(s.placementType);

/** Walks back from spell `i` while `link` holds between each spell and its predecessor; returns the first index. */
const walkBack = (
  spells: readonly PlacementSpell[],
  i: number,
  link: (s: PlacementSpell) => boolean,
): number => {
  let k = i;
  for (;;) {
    const p = predecessor(spells, k);
    if (p === undefined || !link(spells[k])) return k;
    k = p;
  }
};

/**
 * The number of placements during `year` by the rules: each spell that starts a placement, with the spells
 * that continue it, counts once if any of them covers a day of the year. Short-break spells (LS V3/V4) are
 * not placements; temporary moves (T0-T4) never are.
 */
export const placementsDuringYear = (
  history: EpisodeHistory,
  year: CollectionYear,
  rules: StabilityRules = DEFAULT_STABILITY_RULES,
): number => {
  const spells = placementSpells(history).filter((s) => !isShortBreak(s.legalStatus));
  const unit: number[] = [];
  spells.forEach((_, i) => {
    unit[i] = continuesPlacement(spells, i, rules) ? unit[predecessor(spells, i)!] : i;
  });
  const counted = new Set<number>();
  spells.forEach((s, i) => {
    if (coversAnyOf(s, year.start, year.end)) counted.add(unit[i]);
  });
  return counted.size;
};

/**
 * One child's part in the DfE stability measures for the collection year `year`, counted as the rules in
 * README.md ("Stability measures") say:
 * - (a) looked after on 31 March, not a short break, with {@link MANY_PLACEMENTS} or more placements in the year;
 * - (b) of those under 16 on 31 March and looked after continuously for {@link LONG_TERM_CARE_MONTHS} months:
 *   living with the same carer(s) for {@link SAME_PLACEMENT_MONTHS} months, or placed for adoption.
 */
export const childStability = (
  history: EpisodeHistory,
  year: CollectionYear,
  rules: StabilityRules = DEFAULT_STABILITY_RULES,
): ChildStability => {
  const spells = placementSpells(history);
  const census = year.end;
  const ageMonths = ageMonthsOn(history.ages, census);
  let current = -1;
  spells.forEach((s, i) => {
    if (s.startedOn <= census && (s.endedOn === null || s.endedOn > census)) current = i;
  });
  const base = {
    childId: history.childId,
    ageMonths,
    ageBand: ageMonths === null ? null : ageBand(ageMonths),
  };
  const outside = (exclusion: Exclusion): ChildStability => ({
    ...base,
    inCohort: false,
    exclusion,
    placementsInYear: 0,
    threeOrMorePlacements: false,
    longTerm: 'not-in-cohort',
    periodStartedOn: null,
    sameCarerSince: null,
  });
  if (current < 0) return outside('not-looked-after');
  // DfE: the stability figures "exclude children looked after under an agreed series of short term placements".
  const status = legalStatusOn(history, census);
  if (status !== undefined && isShortBreak(status)) return outside('short-break');

  const placements = placementsDuringYear(history, year, rules);
  const periodStartedOn = spells[walkBack(spells, current, () => true)].startedOn;
  const runStart = walkBack(spells, current, sameCarerAsBefore);
  const sameCarerSince = spells[runStart].startedOn;

  let longTerm: LongTermResult = 'not-in-cohort';
  const longTermCohort =
    ageMonths !== null &&
    ageMonths < LONG_TERM_AGE_LIMIT_MONTHS &&
    addMonths(periodStartedOn, LONG_TERM_CARE_MONTHS) <= census;
  if (longTermCohort) {
    if (addMonths(sameCarerSince, SAME_PLACEMENT_MONTHS) <= census) {
      longTerm = 'same-placement-2-years';
    } else if (PLACED_FOR_ADOPTION_CODES.includes(spells[current].placementType)) {
      if (rules.placedForAdoption === 'always') {
        longTerm = 'placed-for-adoption';
      } else {
        // NI 063: the adoptive placement together with the placement before it lasts 2 years.
        // The first spell of the adoptive placement: back over legal-status changes and earlier adoption spells.
        let adoptionStart = current;
        for (;;) {
          const p = predecessor(spells, adoptionStart);
          if (p === undefined) break;
          const legalOnly = spells[adoptionStart].reasonNewEpisode === 'L';
          if (!legalOnly && !PLACED_FOR_ADOPTION_CODES.includes(spells[p].placementType)) break;
          adoptionStart = p;
        }
        const before = predecessor(spells, adoptionStart);
        const from =
          before === undefined
            ? spells[adoptionStart].startedOn
            : spells[walkBack(spells, before, (s) => s.reasonNewEpisode === 'L')].startedOn;
        longTerm = addMonths(from, SAME_PLACEMENT_MONTHS) <= census ? 'placed-for-adoption' : 'not-stable';
      }
    } else {
      longTerm = 'not-stable';
    }
  }
  return {
    ...base,
    inCohort: true,
    exclusion: null,
    placementsInYear: placements,
    threeOrMorePlacements: placements >= MANY_PLACEMENTS,
    longTerm,
    periodStartedOn,
    sameCarerSince,
  };
};

/** The national-style figures of the two measures over a set of children (before any suppression). */
export interface StabilitySummary {
  /** Children looked after on 31 March, short breaks left out: the denominator of (a). */
  lookedAfterAtCensus: number;
  /** Measure (a): of those, with 3 or more placements during the year. */
  threeOrMorePlacements: number;
  /** Children under 16 looked after continuously for 2.5 years or more: the denominator of (b). */
  longTermCohort: number;
  /** Measure (b): of those, in the same placement 2 years or placed for adoption. */
  longTermStable: number;
  /** Children left out as short breaks (LS V3/V4 on 31 March). */
  shortBreaks: number;
  /** Children in the cohort whose age on 31 March is not known, so (b) cannot place them. */
  ageNotKnown: number;
}

/** Adds up {@link childStability} results. */
export const summariseStability = (results: readonly ChildStability[]): StabilitySummary => ({
  lookedAfterAtCensus: results.filter((r) => r.inCohort).length,
  threeOrMorePlacements: results.filter((r) => r.threeOrMorePlacements).length,
  longTermCohort: results.filter((r) => r.longTerm !== 'not-in-cohort').length,
  longTermStable: results.filter(
    (r) => r.longTerm === 'same-placement-2-years' || r.longTerm === 'placed-for-adoption',
  ).length,
  shortBreaks: results.filter((r) => r.exclusion === 'short-break').length,
  ageNotKnown: results.filter((r) => r.inCohort && r.ageMonths === null).length,
});
