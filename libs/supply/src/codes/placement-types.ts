/** How Placematch groups SSDA903 placement types for search and sufficiency views. */
export const PLACEMENT_GROUPS = [
  'fostering',
  'residential',
  'supported',
  'secure',
  'adoption',
  'other',
] as const;

/** One of {@link PLACEMENT_GROUPS}. */
export type PlacementGroup = (typeof PLACEMENT_GROUPS)[number];

/** What Placematch knows about one SSDA903 `PLACE` code. */
export interface PlacementTypeInfo {
  /** The DfE description (abridged where the statutory references are long). */
  readonly description: string;
  readonly group: PlacementGroup;
  /** Care by a relative, friend or other connected person (M-08: family and friends first). */
  readonly connected: boolean;
  /**
   * Whether a setting can offer it as supply. False for codes that record an episode rather than a kind of
   * home: temporary moves (T0-T4), living with parents (P1), custody (R5) and placement for adoption (A3-A6,
   * which the adoption process handles, not vacancy matching).
   */
  readonly offeredBySettings: boolean;
  /** Whether the 903 expects an Ofsted URN with it (validator rule 218, 2024-25: not P1, P3, R1, R2, R5, T0-T4, Z1). */
  readonly urnRequired: boolean;
}

const type = (
  description: string,
  group: PlacementGroup,
  options: { connected?: boolean; offered?: boolean; urn?: boolean } = {},
): PlacementTypeInfo => ({
  description,
  group,
  connected: options.connected ?? false,
  offeredBySettings: options.offered ?? true,
  urnRequired: options.urn ?? true,
});

/**
 * Every current SSDA903 `PLACE` code (placement type) in domain-anchors.md §1.2: the code set of the
 * liia-tools 2017 schema plus K3, with descriptions from the d2i enum and witan.cic. The groups follow the
 * regional demand model (fostering U1-U6; residential K2, R1; supported H5, P2) with K3 added to supported
 * and K1 (secure children's homes) and A3-A6 (adoption) given groups of their own. Historic codes (Q1, Q2,
 * M1-M3, F1-F6) are not here: no current episode uses them.
 */
export const PLACEMENT_TYPES = {
  A3: type('Placed for adoption with consent with current foster carer(s)', 'adoption', { offered: false }),
  A4: type('Placed for adoption with consent, not with current foster carer(s)', 'adoption', {
    offered: false,
  }),
  A5: type('Placed for adoption with a placement order with current foster carer(s)', 'adoption', {
    offered: false,
  }),
  A6: type('Placed for adoption with a placement order, not with current foster carer(s)', 'adoption', {
    offered: false,
  }),
  H5: type("Semi-independent living accommodation not subject to children's homes regulations", 'supported'),
  K1: type("Secure children's home", 'secure'),
  K2: type("Children's home subject to the Children's Homes Regulations", 'residential'),
  // K3's year of introduction is unverified (domain-anchors [P]); it is the registered form of H5.
  K3: type('Registered supported accommodation', 'supported'),
  P1: type('Placed with own parent(s) or other person(s) with parental responsibility', 'other', {
    offered: false,
    urn: false,
  }),
  P2: type(
    'Independent living, e.g. flat, lodgings, bedsit, B&B or with friends, with or without support',
    'supported',
  ),
  P3: type('Residential employment', 'other', { urn: false }),
  R1: type('Residential care home', 'residential', { urn: false }),
  R2: type('NHS/health trust or other establishment providing medical or nursing care', 'other', {
    urn: false,
  }),
  R3: type('Family centre or mother and baby unit', 'other'),
  R5: type('Young offender institution (YOI) or prison', 'other', { offered: false, urn: false }),
  S1: type("Residential school, except where dual-registered as a school and children's home", 'other'),
  T0: type('All types of temporary move', 'other', { offered: false, urn: false }),
  T1: type('Temporary periods in hospital', 'other', { offered: false, urn: false }),
  T2: type('Temporary absences of the child on holiday', 'other', { offered: false, urn: false }),
  T3: type('Temporary accommodation whilst normal foster carer(s) is/are on holiday', 'other', {
    offered: false,
    urn: false,
  }),
  T4: type('Temporary accommodation of seven days or less, not covered by T1-T3', 'other', {
    offered: false,
    urn: false,
  }),
  U1: type('Foster placement with relative(s) or friend(s): long-term fostering', 'fostering', {
    connected: true,
  }),
  U2: type(
    'Fostering with relative(s) or friend(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning',
    'fostering',
    { connected: true },
  ),
  U3: type('Fostering with relative(s) or friend(s): not long-term or fostering for adoption', 'fostering', {
    connected: true,
  }),
  U4: type('Foster placement with other foster carer(s): long-term fostering', 'fostering'),
  U5: type(
    'Foster placement with other foster carer(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning',
    'fostering',
  ),
  U6: type(
    'Foster placement with other foster carer(s): not long-term or fostering for adoption',
    'fostering',
  ),
  Z1: type('Other placements (listed on a schedule sent to DfE)', 'other', { urn: false }),
} as const satisfies Record<string, PlacementTypeInfo>;

/** An SSDA903 `PLACE` code such as `U4` or `K2`. */
export type PlacementTypeCode = keyof typeof PLACEMENT_TYPES;

/** All {@link PlacementTypeCode}s, in code order. */
export const PLACEMENT_TYPE_CODES = Object.keys(PLACEMENT_TYPES) as PlacementTypeCode[];
