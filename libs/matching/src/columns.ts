// The facts an eligibility check reads, one typed array per fact, indexed by a setting's slot. A scan of tens of
// thousands of settings then reads a few hundred kilobytes of packed numbers that stay in the CPU cache, instead
// of chasing one heap object (and its provider) per setting, which measured about 190 ns a setting.
import { OFSTED_JUDGEMENTS, OfstedJudgement } from '@placematch/supply';
import type { SettingFacts } from './supply-view';

/** Languages get a bit each, in the order first seen, up to this many; rarer ones are compared as text. */
const LANGUAGE_BITS = 31;

const grow = <T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T => {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
};

/**
 * Hot facts of every setting and provider in typed arrays, kept in step with the records by the view.
 *
 * @internal read by the spatial index and the search; not part of the API.
 */
export class SettingColumns {
  private capacity = 0;
  private providerCapacity = 0;
  private readonly authorities = new Map<string, number>();
  private readonly languageBits = new Map<string, number>();

  providerSlot = new Int32Array(0);
  approved = new Uint8Array(0);
  openPlaces = new Int32Array(0);
  latestFromDay = new Float64Array(0);
  /** The earliest `availableFrom` of the open vacancies (day number): none is free before it. */
  earliestFromDay = new Float64Array(0);
  minAgeMonths = new Int32Array(0);
  maxAgeMonthsExclusive = new Int32Array(0);
  /** The most children of one sibling group: the smaller of the sibling limit and `maxChildren`. */
  maxSiblings = new Int32Array(0);
  groupMask = new Int32Array(0);
  purposeMask = new Int32Array(0);
  riskMask = new Int32Array(0);
  adaptationMask = new Int32Array(0);
  othersCount = new Int32Array(0);
  latestBirthOfOthers = new Float64Array(0);
  earliestBirthOfOthers = new Float64Array(0);
  hasPets = new Uint8Array(0);
  easting = new Float64Array(0);
  northing = new Float64Array(0);
  /** Interned host authority (see {@link authorityId}). */
  authority = new Int32Array(0);
  disabilityMask = new Int32Array(0);
  specialismMask = new Int32Array(0);
  communicationMask = new Int32Array(0);
  religionMask = new Int32Array(0);
  /** Bits of the household's languages (see {@link languageBit}). */
  languageMask = new Int32Array(0);
  /** 1 when the household also speaks a language with no bit: compare the record's list for those. */
  languageOverflow = new Uint8Array(0);
  /** 1 when the setting has stress reports or disruptions on record: KEEP needs the record. */
  strain = new Uint8Array(0);
  /** The latest weekly cost recorded (NaN for none) and the day it takes effect. */
  lastCostPence = new Float64Array(0);
  lastCostFromDay = new Float64Array(0);

  /** Per provider slot: admissions open (registered, not suspended, not deregistered). */
  providerAdmitting = new Uint8Array(0);
  /** Per provider slot: index of the latest judgement in OFSTED_JUDGEMENTS, -1 for none. */
  providerJudgement = new Int32Array(0);

  /** The number of an authority code, the same for equal codes; -1 for one no setting has. */
  authorityId(code: string): number {
    return this.authorities.get(code) ?? -1;
  }

  /** The bit of a primary language, 0 when no household's language has one. */
  languageBit(language: string): number {
    return this.languageBits.get(language) ?? 0;
  }

  private internLanguage(language: string): number {
    let bit = this.languageBits.get(language);
    if (bit === undefined) {
      if (this.languageBits.size >= LANGUAGE_BITS) return 0;
      bit = 1 << this.languageBits.size;
      this.languageBits.set(language, bit);
    }
    return bit;
  }

  private intern(code: string): number {
    let id = this.authorities.get(code);
    if (id === undefined) {
      id = this.authorities.size;
      this.authorities.set(code, id);
    }
    return id;
  }

  private ensure(slot: number): void {
    if (slot < this.capacity) return;
    const size = Math.max(1024, this.capacity * 2, slot + 1);
    this.providerSlot = grow(this.providerSlot, size);
    this.approved = grow(this.approved, size);
    this.openPlaces = grow(this.openPlaces, size);
    this.latestFromDay = grow(this.latestFromDay, size);
    this.earliestFromDay = grow(this.earliestFromDay, size);
    this.minAgeMonths = grow(this.minAgeMonths, size);
    this.maxAgeMonthsExclusive = grow(this.maxAgeMonthsExclusive, size);
    this.maxSiblings = grow(this.maxSiblings, size);
    this.groupMask = grow(this.groupMask, size);
    this.purposeMask = grow(this.purposeMask, size);
    this.riskMask = grow(this.riskMask, size);
    this.adaptationMask = grow(this.adaptationMask, size);
    this.othersCount = grow(this.othersCount, size);
    this.latestBirthOfOthers = grow(this.latestBirthOfOthers, size);
    this.earliestBirthOfOthers = grow(this.earliestBirthOfOthers, size);
    this.hasPets = grow(this.hasPets, size);
    this.easting = grow(this.easting, size);
    this.northing = grow(this.northing, size);
    this.authority = grow(this.authority, size);
    this.disabilityMask = grow(this.disabilityMask, size);
    this.specialismMask = grow(this.specialismMask, size);
    this.communicationMask = grow(this.communicationMask, size);
    this.religionMask = grow(this.religionMask, size);
    this.languageMask = grow(this.languageMask, size);
    this.languageOverflow = grow(this.languageOverflow, size);
    this.strain = grow(this.strain, size);
    this.lastCostPence = grow(this.lastCostPence, size);
    this.lastCostFromDay = grow(this.lastCostFromDay, size);
    this.capacity = size;
  }

  /** Copies a setting's hot facts into its slot. */
  sync(s: SettingFacts): void {
    const i = s.slot;
    this.ensure(i);
    this.providerSlot[i] = s.providerSlot;
    this.approved[i] = s.approved ? 1 : 0;
    this.openPlaces[i] = s.openPlaces;
    this.latestFromDay[i] = s.latestFromDay;
    this.earliestFromDay[i] = s.earliestFromDay;
    this.minAgeMonths[i] = s.minAgeMonths;
    this.maxAgeMonthsExclusive[i] = s.maxAgeMonthsExclusive;
    this.maxSiblings[i] = Math.min(s.maxFromOneSiblingGroup, s.maxChildren);
    this.groupMask[i] = s.groupMask;
    this.purposeMask[i] = s.purposeMask;
    this.riskMask[i] = s.riskMask;
    this.adaptationMask[i] = s.adaptationMask;
    this.othersCount[i] = s.othersCount;
    this.latestBirthOfOthers[i] = s.latestBirthOfOthers;
    this.earliestBirthOfOthers[i] = s.earliestBirthOfOthers;
    this.hasPets[i] = s.hasPets ? 1 : 0;
    this.easting[i] = s.easting;
    this.northing[i] = s.northing;
    this.authority[i] = this.intern(s.hostLocalAuthority);
    this.disabilityMask[i] = s.disabilityMask;
    this.specialismMask[i] = s.specialismMask;
    this.communicationMask[i] = s.communicationMask;
    this.religionMask[i] = s.religionMask;
    let languages = 0;
    let overflow = 0;
    for (const language of s.languages) {
      const bit = this.internLanguage(language);
      if (bit === 0) overflow = 1;
      languages |= bit;
    }
    this.languageMask[i] = languages;
    this.languageOverflow[i] = overflow;
    this.strain[i] = s.stressDays.length > 0 || s.disruptionDays.length > 0 ? 1 : 0;
    const last = s.costs[s.costs.length - 1];
    this.lastCostPence[i] = last === undefined ? Number.NaN : last.amountPence;
    this.lastCostFromDay[i] = last === undefined ? Number.NEGATIVE_INFINITY : last.fromDay;
  }

  /** Copies a provider's admissions and judgement into its slot. */
  syncProvider(slot: number, admitting: boolean, judgement: OfstedJudgement | null): void {
    if (slot >= this.providerCapacity) {
      const size = Math.max(256, this.providerCapacity * 2, slot + 1);
      this.providerAdmitting = grow(this.providerAdmitting, size);
      this.providerJudgement = grow(this.providerJudgement, size);
      this.providerCapacity = size;
    }
    this.providerAdmitting[slot] = admitting ? 1 : 0;
    this.providerJudgement[slot] = judgement === null ? -1 : OFSTED_JUDGEMENTS.indexOf(judgement);
  }
}
