// What the settings under one node of the spatial index (a bucket, or a block of buckets) could at best offer a
// search, so that a search can leave out a whole node without reading its settings. Masks are unions, ranges the
// widest, scores the best: a node passes any check one of its settings passes, and scores at least as well.
import { COSTED_GROUPS } from './policy';
import { GROUP_BITS } from './bits';
import type { SettingColumns } from './columns';
import type { SettingFacts } from './supply-view';

/** Bits of {@link NodeSummaries.flags}. */
export const NODE_FLAGS = {
  /** Some setting has no pets. */
  PET_FREE: 1,
  /** Some household speaks a language that has no bit (see `SettingColumns.languageBit`). */
  LANGUAGE_OVERFLOW: 2,
  /** Some setting's provider has no Ofsted judgement yet. */
  UNJUDGED: 4,
} as const;

/** No Ofsted judgement among the settings (see {@link NodeSummaries.bestJudgement}). */
export const NO_JUDGEMENT = 127;

const GROUP_OF_COST = COSTED_GROUPS.map((g) => GROUP_BITS.bit(g));

/**
 * Per node, a summary of the settings that can be matched now listed under it. The one guarantee, relied on by
 * the search's bounds: a summary is never below what its settings hold (every mask covers theirs, every best is at
 * least theirs, the box contains them). It may be above: a change only ever widens it, and the index rebuilds it
 * from the settings once enough changes have accumulated, so the cost of keeping it stays O(1) per change.
 *
 * @internal kept by the spatial index, read by the search.
 */
export class NodeSummaries {
  /** Settings listed under the node (exact). */
  readonly count: Int32Array;
  /** Changes since the summary was last rebuilt: settings that left, and settings whose facts changed. */
  readonly stale: Int32Array;
  /** The box holding every setting's grid reference (metres). */
  readonly minEasting: Float64Array;
  readonly maxEasting: Float64Array;
  readonly minNorthing: Float64Array;
  readonly maxNorthing: Float64Array;
  readonly groups: Int32Array;
  readonly purposes: Int32Array;
  readonly risks: Int32Array;
  readonly adaptations: Int32Array;
  readonly disabilities: Int32Array;
  readonly specialisms: Int32Array;
  readonly communication: Int32Array;
  readonly languages: Int32Array;
  readonly religions: Int32Array;
  /** The youngest age approved (months) and one past the oldest. */
  readonly minAge: Int32Array;
  readonly maxAge: Int32Array;
  /** The most children of one sibling group a setting could take now: min(open places, sibling limit). */
  readonly capacity: Int32Array;
  /** {@link NODE_FLAGS}. */
  readonly flags: Uint8Array;
  /** The best Ofsted judgement (index in OFSTED_JUDGEMENTS) of a judged provider; {@link NO_JUDGEMENT} for none. */
  readonly bestJudgement: Int32Array;
  /** Per node and costed group (COSTED_GROUPS order), the lowest weekly cost on record of a setting of that group. */
  readonly minPence: Float64Array;
  /** The latest day a setting's first cost on record takes effect (+Infinity: a setting has none). */
  readonly latestFirstCostDay: Float64Array;
  /** Interned host authorities present (undefined: none yet). */
  readonly authorities: (number[] | undefined)[];

  constructor(readonly size: number) {
    this.count = new Int32Array(size);
    this.stale = new Int32Array(size);
    this.minEasting = new Float64Array(size);
    this.maxEasting = new Float64Array(size);
    this.minNorthing = new Float64Array(size);
    this.maxNorthing = new Float64Array(size);
    this.groups = new Int32Array(size);
    this.purposes = new Int32Array(size);
    this.risks = new Int32Array(size);
    this.adaptations = new Int32Array(size);
    this.disabilities = new Int32Array(size);
    this.specialisms = new Int32Array(size);
    this.communication = new Int32Array(size);
    this.languages = new Int32Array(size);
    this.religions = new Int32Array(size);
    this.minAge = new Int32Array(size);
    this.maxAge = new Int32Array(size);
    this.capacity = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.bestJudgement = new Int32Array(size);
    this.minPence = new Float64Array(size * COSTED_GROUPS.length);
    this.latestFirstCostDay = new Float64Array(size);
    this.authorities = new Array<number[] | undefined>(size);
    for (let node = 0; node < size; node += 1) this.clear(node);
  }

  /** Empties a node's summary (its count and staleness are left alone). */
  clear(node: number): void {
    this.minEasting[node] = Number.POSITIVE_INFINITY;
    this.maxEasting[node] = Number.NEGATIVE_INFINITY;
    this.minNorthing[node] = Number.POSITIVE_INFINITY;
    this.maxNorthing[node] = Number.NEGATIVE_INFINITY;
    this.groups[node] = 0;
    this.purposes[node] = 0;
    this.risks[node] = 0;
    this.adaptations[node] = 0;
    this.disabilities[node] = 0;
    this.specialisms[node] = 0;
    this.communication[node] = 0;
    this.languages[node] = 0;
    this.religions[node] = 0;
    this.minAge[node] = 0x7fffffff;
    this.maxAge[node] = -0x7fffffff;
    this.capacity[node] = 0;
    this.flags[node] = 0;
    this.bestJudgement[node] = NO_JUDGEMENT;
    for (let g = 0; g < COSTED_GROUPS.length; g += 1) {
      this.minPence[node * COSTED_GROUPS.length + g] = Number.POSITIVE_INFINITY;
    }
    this.latestFirstCostDay[node] = Number.NEGATIVE_INFINITY;
    this.authorities[node] = undefined;
  }

  /** Widens a node's summary to cover one setting (its columns must be current). */
  addSetting(node: number, cols: SettingColumns, s: SettingFacts): void {
    const slot = s.slot;
    const e = cols.easting[slot];
    const n = cols.northing[slot];
    if (e < this.minEasting[node]) this.minEasting[node] = e;
    if (e > this.maxEasting[node]) this.maxEasting[node] = e;
    if (n < this.minNorthing[node]) this.minNorthing[node] = n;
    if (n > this.maxNorthing[node]) this.maxNorthing[node] = n;
    const groups = cols.groupMask[slot];
    this.groups[node] |= groups;
    this.purposes[node] |= cols.purposeMask[slot];
    this.risks[node] |= cols.riskMask[slot];
    this.adaptations[node] |= cols.adaptationMask[slot];
    this.disabilities[node] |= cols.disabilityMask[slot];
    this.specialisms[node] |= cols.specialismMask[slot];
    this.communication[node] |= cols.communicationMask[slot];
    this.languages[node] |= cols.languageMask[slot];
    this.religions[node] |= cols.religionMask[slot];
    if (cols.minAgeMonths[slot] < this.minAge[node]) this.minAge[node] = cols.minAgeMonths[slot];
    if (cols.maxAgeMonthsExclusive[slot] > this.maxAge[node]) {
      this.maxAge[node] = cols.maxAgeMonthsExclusive[slot];
    }
    const capacity = Math.min(cols.openPlaces[slot], cols.maxSiblings[slot]);
    if (capacity > this.capacity[node]) this.capacity[node] = capacity;
    let flags = this.flags[node];
    if (cols.hasPets[slot] === 0) flags |= NODE_FLAGS.PET_FREE;
    if (cols.languageOverflow[slot] === 1) flags |= NODE_FLAGS.LANGUAGE_OVERFLOW;
    const provider = cols.providerSlot[slot];
    const judgement = provider < 0 ? -1 : cols.providerJudgement[provider];
    if (judgement < 0) flags |= NODE_FLAGS.UNJUDGED;
    else if (judgement < this.bestJudgement[node]) this.bestJudgement[node] = judgement;
    this.flags[node] = flags;
    // Any cost on record may be the one in effect on the day searched for; before the first, none is.
    let cheapest = Number.POSITIVE_INFINITY;
    for (const c of s.costs) if (c.amountPence < cheapest) cheapest = c.amountPence;
    const firstDay = s.costs.length === 0 ? Number.POSITIVE_INFINITY : s.costs[0].fromDay;
    if (firstDay > this.latestFirstCostDay[node]) this.latestFirstCostDay[node] = firstDay;
    for (let g = 0; g < GROUP_OF_COST.length; g += 1) {
      const at = node * GROUP_OF_COST.length + g;
      if ((groups & GROUP_OF_COST[g]) !== 0 && cheapest < this.minPence[at]) this.minPence[at] = cheapest;
    }
    const authority = cols.authority[slot];
    const present = this.authorities[node];
    if (present === undefined) this.authorities[node] = [authority];
    else if (!present.includes(authority)) present.push(authority);
  }

  /** Widens the summary of `node` to cover that of `from`. */
  addNode(node: number, from: number): void {
    if (this.minEasting[from] < this.minEasting[node]) this.minEasting[node] = this.minEasting[from];
    if (this.maxEasting[from] > this.maxEasting[node]) this.maxEasting[node] = this.maxEasting[from];
    if (this.minNorthing[from] < this.minNorthing[node]) this.minNorthing[node] = this.minNorthing[from];
    if (this.maxNorthing[from] > this.maxNorthing[node]) this.maxNorthing[node] = this.maxNorthing[from];
    this.groups[node] |= this.groups[from];
    this.purposes[node] |= this.purposes[from];
    this.risks[node] |= this.risks[from];
    this.adaptations[node] |= this.adaptations[from];
    this.disabilities[node] |= this.disabilities[from];
    this.specialisms[node] |= this.specialisms[from];
    this.communication[node] |= this.communication[from];
    this.languages[node] |= this.languages[from];
    this.religions[node] |= this.religions[from];
    if (this.minAge[from] < this.minAge[node]) this.minAge[node] = this.minAge[from];
    if (this.maxAge[from] > this.maxAge[node]) this.maxAge[node] = this.maxAge[from];
    if (this.capacity[from] > this.capacity[node]) this.capacity[node] = this.capacity[from];
    this.flags[node] |= this.flags[from];
    if (this.bestJudgement[from] < this.bestJudgement[node]) {
      this.bestJudgement[node] = this.bestJudgement[from];
    }
    for (let g = 0; g < GROUP_OF_COST.length; g += 1) {
      const at = node * GROUP_OF_COST.length + g;
      const other = from * GROUP_OF_COST.length + g;
      if (this.minPence[other] < this.minPence[at]) this.minPence[at] = this.minPence[other];
    }
    if (this.latestFirstCostDay[from] > this.latestFirstCostDay[node]) {
      this.latestFirstCostDay[node] = this.latestFirstCostDay[from];
    }
    for (const authority of this.authorities[from] ?? []) {
      const present = this.authorities[node];
      if (present === undefined) this.authorities[node] = [authority];
      else if (!present.includes(authority)) present.push(authority);
    }
  }

  /** True when a setting of the authority (its interned number) may be under the node. */
  hasAuthority(node: number, authority: number): boolean {
    const present = this.authorities[node];
    return present !== undefined && present.includes(authority);
  }

  /** The least distance in metres from a point to the box of a node's settings (Infinity when it has none). */
  minMetres(node: number, easting: number, northing: number): number {
    const minE = this.minEasting[node];
    if (minE === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    const maxE = this.maxEasting[node];
    const minN = this.minNorthing[node];
    const maxN = this.maxNorthing[node];
    const dx = easting < minE ? minE - easting : easting > maxE ? easting - maxE : 0;
    const dy = northing < minN ? minN - northing : northing > maxN ? northing - maxN : 0;
    return Math.sqrt(dx * dx + dy * dy);
  }
}
