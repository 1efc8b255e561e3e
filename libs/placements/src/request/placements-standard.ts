import { ValidationError } from '@placematch/kernel';
import { GridRef, parseOutcode, postcodeSector, roundGridRef } from '@placematch/geo';
import { COMMUNICATION_METHODS, PlacementPurpose } from '@placematch/supply';

// The SocialCareData Placements Standard v2 fields of a referral (domain-anchors.md §1.8), as Placematch codes.
// The standard has labels only; each list below gives the label it stands for.

// Urgency ("Today / <5 days / >5 days") and "who can the child be cared for alongside" (solo, only with older,
// only with younger children) are read by the search too, so they are matching's need-profile vocabularies:
// defined once in libs/matching and re-exported here with the rest of the standard.
export { LIVES_ALONGSIDE, URGENCIES } from '@placematch/matching';
export type { LivesAlongside, Urgency } from '@placematch/matching';

/**
 * What the placement is for: supply's approval purposes (so a request's purpose can be checked against a
 * setting's terms) plus `permanent`, which a setting approved for `long-term` placements takes (M-03: every
 * decision aims at permanence; M-09 names permanent placements).
 */
export const REQUEST_PURPOSES = [
  'emergency',
  'short-term',
  'long-term',
  'permanent',
  'short-breaks',
  'parent-and-child',
  'remand',
] as const;

/** One of {@link REQUEST_PURPOSES}. */
export type RequestPurpose = (typeof REQUEST_PURPOSES)[number];

/** The approval purpose a setting needs to take a request of `purpose`: `permanent` is `long-term`. */
export const approvalPurposeFor = (purpose: RequestPurpose): PlacementPurpose =>
  purpose === 'permanent' ? 'long-term' : purpose;

/** "Communication, language and learning needs": Y / N / Not specified. */
export const COMMUNICATION_NEEDS = ['yes', 'no', 'not-specified'] as const;

/** One of {@link COMMUNICATION_NEEDS}. */
export type CommunicationNeed = (typeof COMMUNICATION_NEEDS)[number];

/**
 * "Specific communication and language requirements": ESOL, BSL, Makaton, Other (None is an empty list). BSL and
 * Makaton are supply's `COMMUNICATION_METHODS`, which household profiles offer.
 */
export const COMMUNICATION_REQUIREMENTS = ['ESOL', ...COMMUNICATION_METHODS, 'other'] as const;

/** One of {@link COMMUNICATION_REQUIREMENTS}. */
export type CommunicationRequirement = (typeof COMMUNICATION_REQUIREMENTS)[number];

/** "Cultural needs (e.g. place of worship)": Required / Not required / Not known / Other. */
export const CULTURAL_NEEDS = ['required', 'not-required', 'not-known', 'other'] as const;

/** One of {@link CULTURAL_NEEDS}. */
export type CulturalNeed = (typeof CULTURAL_NEEDS)[number];

/** "Can child live with pets/animals?": Yes - must / Yes - can / No / Not known. */
export const PETS_ANSWERS = ['yes-must', 'yes-can', 'no', 'not-known'] as const;

/** One of {@link PETS_ANSWERS}. */
export type PetsAnswer = (typeof PETS_ANSWERS)[number];

/** "Additional support": supervision, therapeutic support, a respite worker, taxis to school, other (NA is empty). */
export const ADDITIONAL_SUPPORT = [
  'additional-supervision',
  'therapeutic-support',
  'respite-worker',
  'taxis-to-school',
  'other',
] as const;

/** One of {@link ADDITIONAL_SUPPORT}. */
export type AdditionalSupport = (typeof ADDITIONAL_SUPPORT)[number];

/** Foster, residential and supported accommodation suitability: Preferred / Suitable but not preferred / Unsuitable / Not specified. */
export const SUITABILITIES = ['preferred', 'suitable', 'unsuitable', 'not-specified'] as const;

/** One of {@link SUITABILITIES}. */
export type Suitability = (typeof SUITABILITIES)[number];

/** A risk's level: the standard's "No known risk / Risk present", graded as the SW RCC standard does. */
export const RISK_LEVELS = ['none', 'low', 'high'] as const;

/** One of {@link RISK_LEVELS}. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The grid precision of a coarse location, in metres: a 1 km square, so the event never pins down a home. */
export const COARSE_GRID_METRES = 1000;

/**
 * A place as the request carries it, never finer: a postcode sector and a grid reference rounded to
 * {@link COARSE_GRID_METRES} (the full postcode stays in the encrypted child record). Matching measures
 * distances from the grid reference.
 */
export interface CoarseLocation {
  /** e.g. `NE1 9`. */
  postcodeSector: string;
  /** National Grid metres, each a multiple of {@link COARSE_GRID_METRES}. */
  gridReference: GridRef;
}

/** The coarse location of a full postcode and its grid reference (looked up by the caller). */
export const coarseLocation = (postcode: string, gridReference: GridRef): CoarseLocation => ({
  postcodeSector: postcodeSector(postcode),
  gridReference: roundGridRef(gridReference, COARSE_GRID_METRES),
});

/** True when `value` is a postcode sector such as `NE1 9` (an outward code, a space, one digit). */
export const isPostcodeSector = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = /^(\S+) (\d)$/.exec(value);
  if (!match) return false;
  try {
    return parseOutcode(match[1]) === match[1];
  } catch {
    return false;
  }
};

/**
 * `value` upper-cased when it is a postcode sector such as `NE1 9`, else a {@link ValidationError} with `code`
 * naming `field`.
 */
export const requirePostcodeSector = (value: unknown, code: string, field: string): string => {
  const sector = typeof value === 'string' ? value.toUpperCase() : value;
  if (!isPostcodeSector(sector)) {
    throw new ValidationError(code, `${field} is a postcode sector such as NE1 9`, { field });
  }
  return sector;
};

// The National Grid covers Great Britain within these bounds (metres from the false origin).
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;

/** Checks a coarse location: `invalidCode` for a bad sector or a point off the grid, `notCoarseCode` when finer. */
export const validateCoarseLocation = (
  location: CoarseLocation,
  invalidCode: string,
  notCoarseCode: string,
  field: string,
): CoarseLocation => {
  const sector = typeof location?.postcodeSector === 'string' ? location.postcodeSector.toUpperCase() : '';
  if (!isPostcodeSector(sector)) {
    throw new ValidationError(invalidCode, `${field}: not a postcode sector such as NE1 9`, { field });
  }
  const { easting, northing } = location.gridReference ?? {};
  const on = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
  if (!on(easting, MAX_EASTING) || !on(northing, MAX_NORTHING)) {
    throw new ValidationError(invalidCode, `${field}: not a National Grid reference in metres`, { field });
  }
  if (easting % COARSE_GRID_METRES !== 0 || northing % COARSE_GRID_METRES !== 0) {
    // A fine grid reference is as identifying as the full postcode, and this event is not encrypted.
    throw new ValidationError(
      notCoarseCode,
      `${field}: round the grid reference to ${COARSE_GRID_METRES} m`,
      {
        field,
      },
    );
  }
  return { postcodeSector: sector, gridReference: { easting, northing } };
};
