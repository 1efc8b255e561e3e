/**
 * The SSDA903 `SEX` codes (domain-anchors.md §1.2, "Other relevant 903 codes": 1 = Male, 2 = Female). The 903
 * has only these two; the CIN census adds 0 and 9, whose labels the anchors do not verify, so they are not
 * here. M-29: gender is a dimension of placement needs and of sufficiency, never a matching filter by itself.
 */
export const GENDERS = {
  '1': 'Male',
  '2': 'Female',
} as const;

/** An SSDA903 `SEX` code: `'1'` male, `'2'` female. */
export type GenderCode = keyof typeof GENDERS;

/** All {@link GenderCode}s. */
export const GENDER_CODE_LIST = Object.keys(GENDERS) as GenderCode[];
