/** The broad groups of the SSDA903 ethnicity codes, for sufficiency views. */
export const ETHNICITY_GROUPS = ['white', 'mixed', 'asian', 'black', 'other', 'not-known'] as const;

/** One of {@link ETHNICITY_GROUPS}. */
export type EthnicityGroup = (typeof ETHNICITY_GROUPS)[number];

/**
 * The 20 SSDA903 `ETHNIC` codes (domain-anchors.md §1.2, "Other relevant 903 codes"). M-28: these describe
 * identity for meeting needs and for supply planning; there is no same-ethnicity matching rule.
 */
export const ETHNICITY_CODES = {
  WBRI: { description: 'White British', group: 'white' },
  WIRI: { description: 'White Irish', group: 'white' },
  WOTH: { description: 'Any other White background', group: 'white' },
  WIRT: { description: 'Traveller of Irish heritage', group: 'white' },
  WROM: { description: 'Gypsy/Roma', group: 'white' },
  MWBC: { description: 'White and Black Caribbean', group: 'mixed' },
  MWBA: { description: 'White and Black African', group: 'mixed' },
  MWAS: { description: 'White and Asian', group: 'mixed' },
  MOTH: { description: 'Any other Mixed background', group: 'mixed' },
  AIND: { description: 'Indian', group: 'asian' },
  APKN: { description: 'Pakistani', group: 'asian' },
  ABAN: { description: 'Bangladeshi', group: 'asian' },
  AOTH: { description: 'Any other Asian background', group: 'asian' },
  BCRB: { description: 'Caribbean', group: 'black' },
  BAFR: { description: 'African', group: 'black' },
  BOTH: { description: 'Any other Black background', group: 'black' },
  CHNE: { description: 'Chinese', group: 'other' },
  OOTH: { description: 'Any other ethnic group', group: 'other' },
  REFU: { description: 'Refused', group: 'not-known' },
  NOBT: { description: 'Information not yet obtained', group: 'not-known' },
} as const satisfies Record<string, { description: string; group: EthnicityGroup }>;

/** An SSDA903 ethnicity code such as `WBRI` or `MWBA`. */
export type EthnicityCode = keyof typeof ETHNICITY_CODES;

/** All {@link EthnicityCode}s. */
export const ETHNICITY_CODE_LIST = Object.keys(ETHNICITY_CODES) as EthnicityCode[];
