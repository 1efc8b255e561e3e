/**
 * The category of need (SSDA903 `CIN`, the CIN census `PrimaryNeedCode`; domain-anchors.md §1.2). Only N1-N8
 * apply to a looked-after child: Annex A's N9 ("cases other than children in need") and N0 ("not stated") do
 * not describe one.
 */
export const CIN_CATEGORIES = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
} as const;

/** A category of need `N1` to `N8`. */
export type CinCategoryCode = keyof typeof CIN_CATEGORIES;

/** All {@link CinCategoryCode}s. */
export const CIN_CATEGORY_CODE_LIST = Object.keys(CIN_CATEGORIES) as CinCategoryCode[];
