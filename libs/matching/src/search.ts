import { ValidationError } from '@placematch/kernel';
import { distanceMetres, distanceMiles } from '@placematch/geo';
import { isIsoDate } from '@placematch/supply';
import { searchContext } from './context';
import {
  ELIGIBILITY_RULES,
  EligibilityRule,
  R,
  passingChildren,
  placesBy,
  settingFailure,
} from './eligibility';
import { childBound, childPart, settingPart, subsetTotal, upperBound } from './factors';
import { Match, buildMatch } from './match';
import type { NeedProfile } from './need-profile';
import { validateNeedProfile } from './need-profile';
import { MatchingPolicy, policyVersion, validatePolicy } from './policy';
import { METRES_PER_DFE_MILE, SpatialIndex, UNAVAILABLE } from './spatial-index';
import { SplitCollector, SplitProposal } from './splits';
import type { SupplyView } from './supply-view';

/** How a search is run. */
export interface SearchOptions {
  /** The most matches returned, 1 to {@link MAX_LIMIT}; default 20. */
  limit?: number;
  /**
   * The day of the search in England (`YYYY-MM-DD`), from the caller's clock: the KEEP and disruption windows
   * end on it, vacancies must be available by it (plus the urgency) and costs are those in effect on it. Default:
   * the view's `today()`, the date of the latest event it has applied.
   */
  today?: string;
}

/** The most matches one search returns. */
export const MAX_LIMIT = 200;

/** What a search found: the evidence a SearchRun records. */
export interface SearchResult {
  /** The policy used, `id@version`. */
  policyVersion: string;
  /** The day the search was run for. */
  asOf: string;
  /** Settings that can take the whole group, best first (ties broken by setting id). */
  results: Match[];
  /**
   * Settings examined and left out, counted under the first rule each failed. Settings are examined nearest
   * first, and the search stops once no setting further away could enter the list, so the counts cover the
   * settings examined (`considered`), not the whole country.
   */
  excluded: Record<EligibilityRule, number>;
  /** For a sibling group no single setting can take: ways to place them apart, each flagged (M-09). */
  splits: SplitProposal[];
  /** Open settings examined. */
  considered: number;
}

interface Candidate {
  slot: number;
  settingId: string;
  total: number;
}

// Totals are rounded to 4 decimal places; a bound this far below the last total cannot tie or beat it.
const BOUND_MARGIN = 1e-4;

const validated = new WeakMap<MatchingPolicy, MatchingPolicy>();

const checkedPolicy = (policy: MatchingPolicy): MatchingPolicy => {
  let clean = validated.get(policy);
  if (!clean) {
    clean = validatePolicy(policy);
    validated.set(policy, clean);
  }
  return clean;
};

const better = (a: Candidate, b: Candidate) =>
  a.total > b.total || (a.total === b.total && a.settingId < b.settingId);

/**
 * Searches the supply for one child or a sibling group: eligibility (hard rules, counted), scores (weighted
 * factors, explained), guards (approvals needed, never filters) and, where no single setting can take a sibling
 * group, proposed splits. Pure and deterministic: the same view, need, policy and day give the same answer.
 *
 * Settings are visited nearest first through the spatial index, which lists only settings that can be matched
 * now and counts the rest per bucket. Once the list is full, a ring of buckets whose best possible total (every
 * factor but distance, school and authority at its best) is below the last match ends the walk, and a setting
 * whose bound is below it is not scored. Cost: O(buckets visited + matchable settings in them), reading packed
 * columns, with no per-setting allocation; a walk of every bucket when fewer than `limit` settings qualify.
 * For a sibling group no setting can take, that complete walk also collects the settings that could take
 * part of the group (skipping, ring by ring, those that could no longer improve any part's list), and the
 * splits are assembled from them at the end.
 *
 * @throws ValidationError for an invalid need (`NEED.*`), policy (`POLICY.*`) or options (`SEARCH.*`).
 */
export const search = (
  view: SupplyView,
  index: SpatialIndex,
  need: NeedProfile,
  policy: MatchingPolicy,
  options: SearchOptions = {},
): SearchResult => {
  if (index.view !== view) throw new Error('The spatial index given was built for another supply view');
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError('SEARCH.INVALID_LIMIT', `limit is a whole number from 1 to ${MAX_LIMIT}`, {
      limit,
    });
  }
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new ValidationError('SEARCH.INVALID_DATE', 'today is a date written YYYY-MM-DD', {
      today: options.today,
    });
  }
  const today = options.today ?? view.today() ?? '1970-01-01';
  const cleanPolicy = checkedPolicy(policy);
  const ctx = searchContext(validateNeedProfile(need), cleanPolicy, today, view.columns);
  const { n, fullMask, home, school } = ctx;

  const counts = new Array<number>(ELIGIBILITY_RULES.length).fill(0);
  const top: Candidate[] = [];
  let considered = 0;
  const homeToSchool = school === null ? 0 : distanceMetres(home, school) / METRES_PER_DFE_MILE;
  // The best total anything at least `metres` from home could reach. Rounding to one decimal place can make a
  // distance read 0.05 miles shorter; the school is at least as far as home's distance less home-to-school.
  const boundBeyond = (metres: number): number => {
    const miles = metres / METRES_PER_DFE_MILE;
    return upperBound(ctx, Math.max(0, miles - 0.05), Math.max(0, miles - homeToSchool - 0.05), true);
  };
  // M-09: a sibling group is searched as a whole first. Splits are proposed only if no setting takes them all,
  // which is known only at the end; so while there is no whole-group match, settings that could take some of
  // them are collected on the way (a search that finds none has visited every setting anyway). A request that
  // does not ask to keep them together gets splits as well, from a walk that does not stop early.
  const wantSplits = n > 1 && cleanPolicy.splits.maxProposals > 0;
  const everyone = wantSplits && !ctx.need.keepSiblingsTogether;
  let collector = wantSplits ? new SplitCollector(ctx, view) : undefined;
  const full = () => !everyone && top.length === limit;
  const last = () => top[limit - 1].total;
  const cols = view.columns;
  const point = { easting: 0, northing: 0 };

  index.visit(
    home,
    (cell, minMetres, at) => {
      if (full() && boundBeyond(minMetres) + BOUND_MARGIN < last()) return;
      // Settings the index holds but cannot be matched now fail one of the first three rules.
      for (let r = 0; r < UNAVAILABLE.length; r += 1) {
        const unavailable = index.unavailable(at, r);
        counts[r] += unavailable;
        considered += unavailable;
      }
      for (let k = 0; k < cell.length; k += 1) {
        const slot = cell[k];
        considered += 1;
        const places = placesBy(view, slot, ctx.neededByDay);
        let rule = settingFailure(ctx, cols, slot, n, places);
        const splitting =
          collector !== undefined &&
          collector.wants(Math.min(places, cols.maxSiblings[slot])) &&
          (rule < 0 ||
            ((rule === R['no-vacancy'] || rule === R['sibling-capacity']) &&
              settingFailure(ctx, cols, slot, 1, places) < 0));
        let mask = 0;
        if (rule < 0 || splitting) {
          mask = passingChildren(ctx, cols, slot);
          if (rule < 0 && mask !== fullMask) rule = ctx.childFailure;
        }
        if (rule >= 0) counts[rule] += 1;
        if (rule >= 0 && !(splitting && mask !== 0)) continue;
        point.easting = cols.easting[slot];
        point.northing = cols.northing[slot];
        const homeMiles = distanceMiles(home, point);
        const schoolMiles = school === null ? 0 : distanceMiles(school, point);
        const bound = upperBound(ctx, homeMiles, schoolMiles, cols.authority[slot] === ctx.homeAuthority);
        if (splitting && mask !== 0) collector?.offer(slot, places, mask, homeMiles, schoolMiles, bound);
        if (rule >= 0) continue;
        if (!everyone) collector = undefined;
        if (full() && bound + BOUND_MARGIN < last()) continue;
        const settingSum = settingPart(ctx, view, slot, homeMiles, schoolMiles);
        if (full() && childBound(ctx, settingSum, n) + BOUND_MARGIN < last()) continue;
        childPart(ctx, view, slot);
        const candidate = {
          slot,
          settingId: view.factsAt(slot).settingId,
          total: subsetTotal(ctx, fullMask, n, settingSum),
        };
        if (full() && !better(candidate, top[limit - 1])) continue;
        let i = top.length;
        while (i > 0 && better(candidate, top[i - 1])) i -= 1;
        top.splice(i, 0, candidate);
        if (top.length > limit) top.pop();
      }
    },
    (ringMin) => {
      if (full()) return boundBeyond(ringMin) + BOUND_MARGIN < last();
      collector?.ring(boundBeyond(ringMin));
      return false;
    },
  );

  const splits = collector !== undefined && (top.length === 0 || everyone) ? collector.propose() : [];
  const excluded = Object.fromEntries(ELIGIBILITY_RULES.map((r, i) => [r, counts[i]])) as Record<
    EligibilityRule,
    number
  >;
  return {
    policyVersion: policyVersion(cleanPolicy),
    asOf: today,
    results: top.map((c) => buildMatch(ctx, view, c.slot, fullMask, n, false)),
    excluded,
    splits,
    considered,
  };
};
