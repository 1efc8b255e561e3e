import { ValidationError } from '@placematch/kernel';
import { distanceMiles } from '@placematch/geo';
import { isIsoDate } from '@placematch/supply';
import { searchContext } from './context';
import { ELIGIBILITY_RULES, EligibilityRule, passingChildren, placesBy, settingFailure } from './eligibility';
import { childBound, childPart, nodeBound, settingPart, subsetTotal, upperBound } from './factors';
import { Match, buildMatch } from './match';
import type { NeedProfile } from './need-profile';
import { validateNeedProfile } from './need-profile';
import { MatchingPolicy, policyVersion, validatePolicy } from './policy';
import { NodeHeap } from './node-heap';
import { BLOCK_SIDE, METRES_PER_DFE_MILE, SpatialIndex, UNAVAILABLE } from './spatial-index';
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
   * Settings examined and left out, counted under the first rule each failed. Buckets of settings are examined
   * best first, and once the list is full the search stops where no setting left could enter it, so the counts
   * cover the settings examined (`considered`): those of the buckets visited, the ones that cannot be matched now
   * included. A search whose list is not filled examines every setting, and its counts cover the whole index.
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

// Scratch kept between searches (a search runs to the end without yielding, so one at a time uses them).
const HEAP = new NodeHeap();
const BUCKETS = new Int32Array(BLOCK_SIDE * BLOCK_SIDE);
const ASIDE: number[] = [];

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
 * Visits the buckets of the index best first: blocks, then their buckets, by `key` (the best total a setting
 * under a node could reach, -Infinity when none could pass the rules). A bucket's key is capped at its block's,
 * so the largest key left bounds everything not yet visited; `stop` is asked with it before each node and ends
 * the walk when true. Nodes keyed -Infinity come last, and are visited (after the rest) only when `visitAside`
 * and `stop(-Infinity)` is false. Returns true when every bucket with a matchable setting was visited.
 */
const bestFirst = (
  index: SpatialIndex,
  key: (node: number) => number,
  visit: (cell: number) => void,
  stop: (best: number) => boolean,
  visitAside: boolean,
): boolean => {
  const sums = index.summaries;
  const heap = HEAP;
  heap.clear();
  const aside = ASIDE;
  aside.length = 0;
  const queue = (k: number, node: number) => {
    if (k === Number.NEGATIVE_INFINITY) aside.push(node);
    else heap.push(k, node);
  };
  for (let block = index.firstBlock; block < sums.size; block += 1) {
    if (sums.count[block] > 0) queue(key(block), block);
  }
  while (heap.size > 0) {
    const best = heap.topKey();
    const node = heap.topNode();
    heap.pop();
    if (stop(best)) return false;
    if (node < index.firstBlock) {
      visit(node);
      continue;
    }
    const k = index.bucketsOf(node, BUCKETS);
    for (let i = 0; i < k; i += 1) queue(Math.min(best, key(BUCKETS[i])), BUCKETS[i]);
  }
  if (aside.length === 0) return true;
  if (!visitAside || stop(Number.NEGATIVE_INFINITY)) return false;
  for (const node of aside) {
    if (node < index.firstBlock) {
      visit(node);
      continue;
    }
    const k = index.bucketsOf(node, BUCKETS);
    for (let i = 0; i < k; i += 1) visit(BUCKETS[i]);
  }
  return true;
};

/**
 * Searches the supply for one child or a sibling group: eligibility (hard rules, counted), scores (weighted
 * factors, explained), guards (approvals needed, never filters) and, where no single setting can take a sibling
 * group, proposed splits. Pure and deterministic: the same view, need, policy and day give the same answer.
 *
 * Settings are read through the spatial index, which lists only settings that can be matched now (counting the
 * rest per bucket) and keeps, per bucket and per block of buckets, a summary of what they offer. From a summary
 * the search works out the best total any setting there could reach (distances to the box they lie in, whether
 * the child's authority is there, the best Ofsted judgement and cost, the needs the union of their specialisms,
 * languages and religions could meet, and none at all when no setting there can pass the rules), and visits
 * blocks and buckets best first. Once the list is full, the walk ends when the best left is below the last
 * match, and a setting whose own bound is below it is not scored; since a summary is never below its settings,
 * the answer is the one a search of every setting would give. Cost: O(blocks + buckets weighed + matchable
 * settings in the buckets visited), reading packed columns, with no per-setting allocation; a visit of every
 * bucket when fewer than `limit` settings qualify. For a sibling group no setting can take (or one the request
 * does not ask to keep together), a second walk, best first for a part of the group, collects the settings that
 * could take part of it until none left could improve any part's list, and the splits are assembled from them.
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
  // The best total any setting under an index node could reach, for the whole group or for any part of a sibling
  // group (see nodeBound). Rounding to one decimal place can make a distance read 0.05 miles shorter than the box.
  const sums = index.summaries;
  const nodeKey = (node: number, parts: boolean): number => {
    const homeMiles = sums.minMetres(node, home.easting, home.northing) / METRES_PER_DFE_MILE;
    const schoolMiles =
      school === null ? 0 : sums.minMetres(node, school.easting, school.northing) / METRES_PER_DFE_MILE;
    return nodeBound(ctx, sums, node, Math.max(0, homeMiles - 0.05), Math.max(0, schoolMiles - 0.05), parts);
  };
  const full = () => top.length === limit;
  const last = () => top[limit - 1].total;
  const cols = view.columns;
  const point = { easting: 0, northing: 0 };

  // 1. The whole group (M-09: a sibling group is searched as a whole first), every setting examined counted.
  const unavailableSeen = new Array<number>(UNAVAILABLE.length).fill(0);
  const examine = (cell: number): void => {
    // Settings the index holds but cannot be matched now fail one of the first three rules.
    for (let r = 0; r < UNAVAILABLE.length; r += 1) {
      const unavailable = index.unavailable(cell, r);
      counts[r] += unavailable;
      unavailableSeen[r] += unavailable;
      considered += unavailable;
    }
    const slots = index.listed(cell);
    for (let k = 0; k < slots.length; k += 1) {
      const slot = slots[k];
      considered += 1;
      let rule = settingFailure(ctx, cols, slot, n, placesBy(view, slot, ctx.neededByDay));
      if (rule < 0 && passingChildren(ctx, cols, slot) !== fullMask) rule = ctx.childFailure;
      if (rule >= 0) {
        counts[rule] += 1;
        continue;
      }
      point.easting = cols.easting[slot];
      point.northing = cols.northing[slot];
      const homeMiles = distanceMiles(home, point);
      const schoolMiles = school === null ? 0 : distanceMiles(school, point);
      if (
        full() &&
        upperBound(ctx, homeMiles, schoolMiles, cols.authority[slot] === ctx.homeAuthority) + BOUND_MARGIN <
          last()
      ) {
        continue;
      }
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
  };
  const complete = bestFirst(
    index,
    (node) => nodeKey(node, false),
    examine,
    (key) => full() && key + BOUND_MARGIN < last(),
    true,
  );
  if (complete) {
    // Every bucket with a setting that can be matched was examined: count every setting that cannot, too.
    for (let r = 0; r < UNAVAILABLE.length; r += 1) {
      const rest = index.unavailableTotal(r) - unavailableSeen[r];
      counts[r] += rest;
      considered += rest;
    }
  }

  // 2. M-09: splits, only when no setting takes the whole group, or the request does not ask to keep them
  // together: the settings that could take part of the group, best first, until none left could improve the list
  // of any part (the settings were counted above).
  let splits: SplitProposal[] = [];
  if (n > 1 && cleanPolicy.splits.maxProposals > 0 && (top.length === 0 || !ctx.need.keepSiblingsTogether)) {
    const collector = new SplitCollector(ctx, view);
    const offer = (cell: number): void => {
      const slots = index.listed(cell);
      for (let k = 0; k < slots.length; k += 1) {
        const slot = slots[k];
        const places = placesBy(view, slot, ctx.neededByDay);
        if (!collector.wants(Math.min(places, cols.maxSiblings[slot]))) continue;
        if (settingFailure(ctx, cols, slot, 1, places) >= 0) continue;
        const mask = passingChildren(ctx, cols, slot);
        if (mask === 0) continue;
        point.easting = cols.easting[slot];
        point.northing = cols.northing[slot];
        const homeMiles = distanceMiles(home, point);
        const schoolMiles = school === null ? 0 : distanceMiles(school, point);
        const bound = upperBound(ctx, homeMiles, schoolMiles, cols.authority[slot] === ctx.homeAuthority);
        collector.offer(slot, places, mask, homeMiles, schoolMiles, bound);
      }
    };
    bestFirst(
      index,
      (node) => nodeKey(node, true),
      offer,
      (key) => {
        collector.ring(key);
        return collector.closed();
      },
      false,
    );
    splits = collector.propose();
  }

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
