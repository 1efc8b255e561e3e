/**
 * The CIN census disability codes (domain-anchors.md §1.3). The codes are verified; the labels are only partly
 * verified there (from memory of the DfE guidance), so treat them as descriptions, never as keys.
 */
export const DISABILITY_CODES = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism or Asperger syndrome',
  DDA: 'Other disability (as defined by the Disability Discrimination Act)',
} as const;

/** A CIN census disability code. */
export type DisabilityCode = keyof typeof DISABILITY_CODES;

/** All {@link DisabilityCode}s. */
export const DISABILITY_CODE_LIST = Object.keys(DISABILITY_CODES) as DisabilityCode[];

/** The codes a setting can name as a specialism: every code except `NONE`, which is not a need to meet. */
export const DISABILITY_SPECIALISM_CODES = DISABILITY_CODE_LIST.filter(
  (code): code is Exclude<DisabilityCode, 'NONE'> => code !== 'NONE',
);

/** A disability a setting says it specialises in. */
export type DisabilitySpecialism = (typeof DISABILITY_SPECIALISM_CODES)[number];
