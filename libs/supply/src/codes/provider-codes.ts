/**
 * SSDA903 `PLACE_PROVIDER` codes (domain-anchors.md §1.2). PR1 and PR2 are relative to the child's responsible
 * authority (its own provision or another authority's), so an episode's code comes from
 * `placementProviderCode`, not straight from the provider's record.
 */
export const PLACE_PROVIDER_CODES = {
  PR0: 'Parent(s) or other person(s) with parental responsibility',
  PR1: "Own provision (by the local authority), including a regional adoption agency where the child's responsible LA is the host authority",
  PR2: 'Other local authority provision, including a regional adoption agency where another LA is the host authority',
  PR3: 'Other public provision (e.g. a primary care trust)',
  PR4: 'Private provision',
  PR5: 'Voluntary/third sector provision',
} as const;

/** One of the SSDA903 `PLACE_PROVIDER` codes PR0-PR5. */
export type PlaceProviderCode = keyof typeof PLACE_PROVIDER_CODES;

/** All {@link PlaceProviderCode}s. */
export const PLACE_PROVIDER_CODE_LIST = Object.keys(PLACE_PROVIDER_CODES) as PlaceProviderCode[];
