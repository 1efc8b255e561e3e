import { distanceMiles } from '@placematch/geo';
import { popcount } from './bits';
import type { SearchContext } from './context';
import { childBound, childPart, settingPart, siblingLoss, subsetTotal } from './factors';
import { GUARDS, Guard, Match, buildMatch } from './match';
import type { SupplyView } from './supply-view';

/** One part of a split: some of the sibling group, in one setting. */
export interface SplitPart {
  /** The children of this part, by their opaque refs. */
  childRefs: string[];
  /** The setting for them; its guards include `sibling-separation`. */
  match: Match;
}

/**
 * A way to place a sibling group across more than one setting, proposed only when no single setting can take
 * them all (or the request does not ask to keep them together). Every proposal needs the separation
 * assessment (M-09).
 */
export interface SplitProposal {
  /** The parts, in the order of their first child in the request. */
  parts: SplitPart[];
  /** How many settings the group would be spread over. */
  settings: number;
  /** The longest DfE distance between two of the settings, miles to one decimal place. */
  greatestDistanceBetweenSettingsMiles: number;
  /** The mean distance from home over the children, miles to one decimal place. */
  meanDistanceFromHomeMiles: number;
  /** The mean of the parts' totals over the children, four decimal places. */
  total: number;
  /** Every guard of any part, in the order of `GUARDS`; always `sibling-separation`. */
  guards: Guard[];
}

interface Option {
  slot: number;
  settingId: string;
  total: number;
  homeMiles: number;
}

interface Candidate {
  blocks: number[];
  picks: Option[];
  spread: number;
  meanHome: number;
  total: number;
  key: string;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const betterOption = (a: Option, b: Option) =>
  a.total > b.total || (a.total === b.total && a.settingId < b.settingId);

const compareCandidates = (a: Candidate, b: Candidate) =>
  a.picks.length - b.picks.length ||
  a.spread - b.spread ||
  a.meanHome - b.meanHome ||
  b.total - a.total ||
  byId(a.key, b.key);

const round1 = (x: number) => Math.round(x * 10) / 10;

// Totals are rounded to 4 decimal places; a bound this far below the last total cannot tie or beat it.
const BOUND_MARGIN = 1e-4;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Collects, for every proper subset of a sibling group, the best `optionsPerPart` settings that could take
 * exactly those children, as the search offers it settings; then proposes splits: partitions of the group into
 * the fewest parts, each part in a different setting, examining at most `maxCombinations` assignments. Ranked by
 * the fewest settings, then the nearest to each other, then the nearest to home, then the best score, then
 * setting ids.
 *
 * @internal
 */
export class SplitCollector {
  private readonly options: (Option[] | undefined)[];
  /** The smallest part size whose lists could still change; above `n - 1` when none can. */
  private openFrom = 1;

  constructor(
    private readonly ctx: SearchContext,
    private readonly view: SupplyView,
  ) {
    this.options = new Array(1 << ctx.n);
  }

  /**
   * Told, before each bucket the walk visits, the best total anything from there on could reach (for any part of
   * the group, before the siblings factor): closes the part sizes whose every list is full of better options, so
   * settings that could only join those need not be checked child by child.
   */
  ring(bound: number): void {
    const { ctx, options } = this;
    const keep = ctx.policy.splits.optionsPerPart;
    while (this.openFrom < ctx.n) {
      const size = this.openFrom;
      for (let sub = 1; sub < ctx.fullMask; sub += 1) {
        if (popcount(sub) !== size) continue;
        const list = options[sub];
        if (
          !list ||
          list.length < keep ||
          bound - siblingLoss(ctx, size) + BOUND_MARGIN >= list[keep - 1].total
        )
          return;
      }
      this.openFrom += 1;
    }
  }

  /** True when no setting could join any list any more: every part size is closed. */
  closed(): boolean {
    return this.openFrom >= this.ctx.n;
  }

  /** True when a setting that can take up to `capacity` of the children could still join some list. */
  wants(capacity: number): boolean {
    return this.openFrom <= capacity;
  }

  /**
   * Offers the setting in `slot`, which passes the setting-wide rules for one child and every child-by-child
   * rule for the children in `mask`, with `places` open by the date needed. `bound` is the best total it could
   * reach from its distances and authority alone (see `upperBound`).
   */
  offer(
    slot: number,
    places: number,
    mask: number,
    homeMiles: number,
    schoolMiles: number,
    bound: number,
  ): void {
    const { ctx, view, options } = this;
    const keep = ctx.policy.splits.optionsPerPart;
    const cap = Math.min(places, view.columns.maxSiblings[slot]);
    let settingSum = Number.NaN;
    let settingId = '';
    for (let sub = mask; sub > 0; sub = (sub - 1) & mask) {
      const size = popcount(sub);
      if (sub === ctx.fullMask || size > cap) continue;
      let list = options[sub];
      if (!list) {
        list = [];
        options[sub] = list;
      }
      const lastTotal = list.length === keep ? list[keep - 1].total : Number.NEGATIVE_INFINITY;
      // Once a part's list is full, a setting that cannot beat its last is not scored for it: first from its
      // distances alone, then from the factors that do not depend on the children, each child factor at 1.
      if (bound - siblingLoss(ctx, size) + BOUND_MARGIN < lastTotal) continue;
      if (Number.isNaN(settingSum)) {
        settingSum = settingPart(ctx, view, slot, homeMiles, schoolMiles);
        childPart(ctx, view, slot);
        settingId = view.factsAt(slot).settingId;
      }
      if (childBound(ctx, settingSum, size) + BOUND_MARGIN < lastTotal) continue;
      const option = { slot, settingId, total: subsetTotal(ctx, sub, size, settingSum), homeMiles };
      if (list.length === keep && !betterOption(option, list[keep - 1])) continue;
      let i = list.length;
      while (i > 0 && betterOption(option, list[i - 1])) i -= 1;
      list.splice(i, 0, option);
      if (list.length > keep) list.pop();
    }
  }

  /** The split proposals, best first. */
  propose(): SplitProposal[] {
    const { ctx, view, options } = this;
    const { n, fullMask, policy } = ctx;
    let combinations = 0;
    const best: Candidate[] = [];
    const consider = (blocks: number[], picks: Option[]) => {
      let spread = 0;
      for (let i = 0; i < picks.length; i += 1) {
        for (let j = i + 1; j < picks.length; j += 1) {
          const d = distanceMiles(view.factsAt(picks[i].slot), view.factsAt(picks[j].slot));
          if (d > spread) spread = d;
        }
      }
      let home = 0;
      let total = 0;
      for (let i = 0; i < blocks.length; i += 1) {
        const size = popcount(blocks[i]);
        home += size * picks[i].homeMiles;
        total += size * picks[i].total;
      }
      const meanHome = round1(home / n);
      const mean = round4(total / n);
      spread = round1(spread);
      // Most combinations lose to the last proposal kept: tell so before building anything (the order is that of
      // compareCandidates, the setting ids last).
      const worst = best.length === policy.splits.maxProposals ? best[best.length - 1] : undefined;
      if (worst !== undefined) {
        const order =
          picks.length - worst.picks.length ||
          spread - worst.spread ||
          meanHome - worst.meanHome ||
          worst.total - mean;
        if (order > 0) return;
      }
      const candidate: Candidate = {
        blocks: [...blocks],
        picks: [...picks],
        spread,
        meanHome,
        total: mean,
        key: picks.map((p) => p.settingId).join(' '),
      };
      let i = best.length;
      while (i > 0 && compareCandidates(candidate, best[i - 1]) < 0) i -= 1;
      if (i >= policy.splits.maxProposals) return;
      best.splice(i, 0, candidate);
      if (best.length > policy.splits.maxProposals) best.pop();
    };
    const assign = (blocks: number[], picks: Option[], used: Set<number>) => {
      if (combinations >= policy.splits.maxCombinations) return;
      const at = picks.length;
      if (at === blocks.length) {
        combinations += 1;
        consider(blocks, picks);
        return;
      }
      for (const option of options[blocks[at]] as Option[]) {
        // Two parts never share a setting: a setting that could take both could take them as one part.
        if (used.has(option.slot)) continue;
        used.add(option.slot);
        picks.push(option);
        assign(blocks, picks, used);
        picks.pop();
        used.delete(option.slot);
        if (combinations >= policy.splits.maxCombinations) return;
      }
    };
    const partitions = (remaining: number, blocks: number[], k: number) => {
      if (combinations >= policy.splits.maxCombinations) return;
      if (remaining === 0) {
        if (blocks.length === k) assign(blocks, [], new Set());
        return;
      }
      if (blocks.length === k) return;
      // Each partition once: the next part always holds the lowest child not yet placed.
      const lowest = remaining & -remaining;
      for (let sub = remaining; sub > 0; sub = (sub - 1) & remaining) {
        if ((sub & lowest) === 0 || !options[sub]) continue;
        blocks.push(sub);
        partitions(remaining & ~sub, blocks, k);
        blocks.pop();
      }
    };
    for (let k = 2; k <= n && best.length === 0; k += 1) partitions(fullMask, [], k);

    return best.map((c) => {
      const parts = c.blocks.map((block, i): SplitPart => ({
        childRefs: ctx.children.filter((_, j) => (block & (1 << j)) !== 0).map((child) => child.ref),
        match: buildMatch(ctx, view, c.picks[i].slot, block, popcount(block), true),
      }));
      const present = new Set(parts.flatMap((p) => p.match.guards.map((g) => g.guard)));
      const guards = GUARDS.filter((g) => present.has(g)).map(
        (g) => parts.flatMap((p) => p.match.guards).find((x) => x.guard === g) as Guard,
      );
      return {
        parts,
        settings: parts.length,
        greatestDistanceBetweenSettingsMiles: c.spread,
        meanDistanceFromHomeMiles: c.meanHome,
        total: c.total,
        guards,
      };
    });
  }
}
