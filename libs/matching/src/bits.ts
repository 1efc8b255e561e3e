// Code lists as bit masks, so an eligibility check on a setting is one AND instead of a loop over arrays. Each
// list here has at most 31 members (checked when the module loads), so a mask fits a 32-bit integer.
import {
  ADAPTATIONS,
  COMMUNICATION_METHODS,
  DISABILITY_SPECIALISM_CODES,
  PLACEMENT_GROUPS,
  PLACEMENT_PURPOSES,
  PLACEMENT_TYPES,
  PlacementGroup,
  PlacementTypeCode,
  RELIGIONS,
  RISK_CODES,
  SPECIALISMS,
} from '@placematch/supply';

/** Bit positions of the members of one code list. */
export interface CodeBits {
  /** The mask of `values`, ignoring anything not in the list (events are facts: never throw on them). */
  mask(values: readonly unknown[] | undefined): number;
  /** The bit of one value, 0 when it is not in the list. */
  bit(value: unknown): number;
}

/** Builds {@link CodeBits} for a code list of at most 31 members. */
export const codeBits = (list: readonly string[]): CodeBits => {
  if (list.length > 31) throw new Error(`A code list of ${list.length} members does not fit a bit mask`);
  const bits = new Map<unknown, number>(list.map((code, i) => [code, 1 << i]));
  const bit = (value: unknown): number => bits.get(value) ?? 0;
  return {
    bit,
    mask: (values) => {
      let m = 0;
      if (Array.isArray(values)) for (const v of values) m |= bit(v);
      return m;
    },
  };
};

/** Placement groups (fostering, residential, ...). */
export const GROUP_BITS = codeBits(PLACEMENT_GROUPS);
/** Placement purposes. */
export const PURPOSE_BITS = codeBits(PLACEMENT_PURPOSES);
/** Placements Standard v2 risks. */
export const RISK_BITS = codeBits(RISK_CODES);
/** CIN disability codes a setting can specialise in (every code but NONE). */
export const DISABILITY_BITS = codeBits(DISABILITY_SPECIALISM_CODES);
/** Other specialisms (therapeutic, uasc, complex-health). */
export const SPECIALISM_BITS = codeBits(SPECIALISMS);
/** Adaptations of the home. */
export const ADAPTATION_BITS = codeBits(ADAPTATIONS);
/** BSL, Makaton. */
export const COMMUNICATION_BITS = codeBits(COMMUNICATION_METHODS);
/** Religions a household practises. */
export const RELIGION_BITS = codeBits(RELIGIONS);

/** The mask of the placement groups of a setting's placement types. */
export const groupMaskOf = (types: readonly PlacementTypeCode[]): number => {
  let m = 0;
  for (const t of types) {
    const info = (PLACEMENT_TYPES as Record<string, { group: PlacementGroup } | undefined>)[t];
    if (info) m |= GROUP_BITS.bit(info.group);
  }
  return m;
};

/** Number of bits set in a 32-bit mask. */
export const popcount = (mask: number): number => {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** The primary language of a BCP 47 tag, lower case (`pa-Guru` -> `pa`): households and children are compared on it. */
export const primaryLanguage = (tag: string): string => {
  const dash = tag.indexOf('-');
  return (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
};
