/**
 * The SSDA903 `LS` codes, legal status (domain-anchors.md §1.2, verified against the liia-tools schema and the
 * d2i enum). Naive-build item 13 in the seeds digest: the legal status matters (a care order against
 * accommodation under section 20; short breaks).
 */
export const LEGAL_STATUSES = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20 (Children Act 1989)',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded (not individual episodes of care)',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order (EPO)',
  L3: 'Under child assessment order and in local authority accommodation',
  J1: 'Remanded to local authority accommodation or to youth detention accommodation',
  J2: 'Placed in local authority accommodation under PACE 1984, including secure accommodation',
  J3: 'Sentenced to a Youth Rehabilitation Order with a residence or intensive fostering requirement',
} as const;

/** An SSDA903 legal status code such as `C2` or `V2`. */
export type LegalStatusCode = keyof typeof LEGAL_STATUSES;

/** All {@link LegalStatusCode}s. */
export const LEGAL_STATUS_CODE_LIST = Object.keys(LEGAL_STATUSES) as LegalStatusCode[];

/**
 * The short-break statuses. DfE statistics (stability, location) leave out children looked after under an
 * agreed series of short-term placements, so commissioning views need to tell them apart (M-34).
 */
export const SHORT_BREAK_LEGAL_STATUSES: readonly LegalStatusCode[] = ['V3', 'V4'];
