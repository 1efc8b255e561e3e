import { ValidationError } from '@placematch/kernel';
import { ETHNICITY_CODE_LIST, EthnicityCode } from '../codes/ethnicity';
import { isOneOf, requireCodes, requireInteger } from '../shared/validation';

/**
 * Ways of communicating other than a spoken language, as the Placements Standard v2 names them among
 * "specific communication and language requirements" (ESOL, BSL, Makaton).
 */
export const COMMUNICATION_METHODS = ['BSL', 'Makaton'] as const;

/** One of {@link COMMUNICATION_METHODS}. */
export type CommunicationMethod = (typeof COMMUNICATION_METHODS)[number];

/**
 * Religions a household practises: the categories of the 2021 Census question (an ONS list, not one of the
 * anchors; the SSDA903 has no religion field). `religionNotes` carries anything finer, such as a denomination.
 */
export const RELIGIONS = [
  'no-religion',
  'buddhist',
  'christian',
  'hindu',
  'jewish',
  'muslim',
  'sikh',
  'other',
] as const;

/** One of {@link RELIGIONS}. */
export type Religion = (typeof RELIGIONS)[number];

/** Kinds of animal in the home (the Placements Standard v2 asks whether a child can live with pets). */
export const PET_KINDS = [
  'dog',
  'cat',
  'small-animal',
  'bird',
  'reptile',
  'fish',
  'horse',
  'farm-animal',
  'other',
] as const;

/** One of {@link PET_KINDS}. */
export type PetKind = (typeof PET_KINDS)[number];

/** Whether anyone in the home smokes or vapes, and where. */
export const SMOKING_STATUSES = ['non-smoking', 'smoking-outdoors-only', 'smoking-indoors'] as const;

/** One of {@link SMOKING_STATUSES}. */
export type SmokingStatus = (typeof SMOKING_STATUSES)[number];

/** The oldest age, in years, recorded for another child in the home. */
export const MAX_OTHER_CHILD_AGE_YEARS = 25;

/**
 * Who lives in a setting and how, as matching needs it for identity, language and "cared for alongside"
 * checks. No names: other children are ages only.
 *
 * There is deliberately no "who can this household care for alongside" field. In the Placements Standard v2
 * "who can the child be cared for alongside" (solo / only older / only younger) is a fact about the child;
 * the setting supplies what it is checked against: the ages of the other children here (below), the children
 * placed here (the placements context) and `maxChildren` (a household that only takes one child is approved
 * for one).
 */
export interface HouseholdProfile {
  /** Spoken languages, as BCP 47 language tags (`en`, `pl`, `ar`, `pa-Guru`). */
  languages: string[];
  communicationMethods: CommunicationMethod[];
  religionsPractised: Religion[];
  religionNotes?: string;
  /**
   * The carers' ethnicities as SSDA903 codes, several where carers differ or have dual heritage. M-28: for
   * meeting identity needs and for sufficiency planning; there is no same-ethnicity matching rule.
   */
  carerEthnicities: EthnicityCode[];
  /** Ages in completed years of children living here who were not placed through Placematch (for example the carers' own). */
  otherChildren: { ageYears: number }[];
  pets: PetKind[];
  smoking: SmokingStatus;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Checks a household profile; returns it with only the known fields. */
export const validateHouseholdProfile = (profile: HouseholdProfile): HouseholdProfile => {
  const dup = 'HOUSEHOLD.DUPLICATE_VALUE';
  if (!Array.isArray(profile.languages))
    throw new ValidationError('HOUSEHOLD.INVALID_LANGUAGE', 'languages must be a list');
  for (const language of profile.languages) {
    if (typeof language !== 'string' || !LANGUAGE_TAG.test(language)) {
      throw new ValidationError('HOUSEHOLD.INVALID_LANGUAGE', 'A language is a BCP 47 tag such as en or pl', {
        language,
      });
    }
  }
  if (new Set(profile.languages).size !== profile.languages.length) {
    throw new ValidationError(dup, 'A language is listed twice');
  }
  if (!Array.isArray(profile.otherChildren)) {
    throw new ValidationError('HOUSEHOLD.INVALID_CHILD_AGE', 'otherChildren must be a list');
  }
  if (!isOneOf(SMOKING_STATUSES, profile.smoking)) {
    throw new ValidationError('HOUSEHOLD.UNKNOWN_SMOKING_STATUS', undefined, { smoking: profile.smoking });
  }
  const notes = typeof profile.religionNotes === 'string' ? profile.religionNotes.trim() : '';
  return {
    languages: profile.languages,
    communicationMethods: requireCodes(
      profile.communicationMethods,
      COMMUNICATION_METHODS,
      'HOUSEHOLD.UNKNOWN_COMMUNICATION_METHOD',
      dup,
      'communicationMethods',
    ),
    religionsPractised: requireCodes(
      profile.religionsPractised,
      RELIGIONS,
      'HOUSEHOLD.UNKNOWN_RELIGION',
      dup,
      'religionsPractised',
    ),
    ...(notes !== '' && { religionNotes: notes }),
    carerEthnicities: requireCodes(
      profile.carerEthnicities,
      ETHNICITY_CODE_LIST,
      'HOUSEHOLD.UNKNOWN_ETHNICITY',
      dup,
      'carerEthnicities',
    ),
    otherChildren: profile.otherChildren.map((child) => ({
      ageYears: requireInteger(
        child?.ageYears,
        0,
        MAX_OTHER_CHILD_AGE_YEARS,
        'HOUSEHOLD.INVALID_CHILD_AGE',
        'otherChildren.ageYears',
      ),
    })),
    pets: requireCodes(profile.pets, PET_KINDS, 'HOUSEHOLD.UNKNOWN_PET', dup, 'pets'),
    smoking: profile.smoking,
  };
};
