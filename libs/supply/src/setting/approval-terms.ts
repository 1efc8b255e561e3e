import { ValidationError } from '@placematch/kernel';
import { DISABILITY_SPECIALISM_CODES, DisabilitySpecialism } from '../codes/disability';
import { RISK_CODES, RiskCode } from '../codes/risks';
import { requireCodes, requireInteger } from '../shared/validation';

/** What a setting is approved to offer placements for. */
export const PLACEMENT_PURPOSES = [
  'emergency',
  'short-term',
  'long-term',
  'short-breaks',
  'parent-and-child',
  'remand',
] as const;

/** One of {@link PLACEMENT_PURPOSES}. */
export type PlacementPurpose = (typeof PLACEMENT_PURPOSES)[number];

/** Specialisms other than disabilities (which use CIN codes, see `DISABILITY_SPECIALISM_CODES`). */
export const SPECIALISMS = ['therapeutic', 'uasc', 'complex-health'] as const;

/** One of {@link SPECIALISMS}. */
export type Specialism = (typeof SPECIALISMS)[number];

/**
 * Adaptations of the home. The Placements Standard v2 records only "Adaptation to the home: Y/N"; this list is
 * Placematch's own, so a yes can be met by a setting that has the right one.
 */
export const ADAPTATIONS = [
  'wheelchair-access',
  'ground-floor-bedroom',
  'accessible-bathroom',
  'hoist',
  'sensory-adaptations',
  'adapted-vehicle',
] as const;

/** One of {@link ADAPTATIONS}. */
export type Adaptation = (typeof ADAPTATIONS)[number];

/** The oldest age, in years, an approval may name (staying put and supported lodgings run past 18). */
export const MAX_APPROVAL_AGE_YEARS = 25;

/**
 * A setting's terms of approval: whom it may care for. Matching treats them as hard rules (architecture.md
 * section 5, eligibility).
 */
export interface ApprovalTerms {
  /**
   * Ages in completed years, both ends included: `{ minYears: 0, maxYears: 17 }` covers children from birth to
   * their 18th birthday.
   */
  ageRange: { minYears: number; maxYears: number };
  /** Children the setting may care for at once; vacancies plus placements never exceed it. */
  maxChildren: number;
  /** The most children from one sibling group it may take: 1 means it cannot take siblings together. */
  maxFromOneSiblingGroup: number;
  purposes: PlacementPurpose[];
  /** Disabilities, by CIN census code, the setting is equipped and trained for. */
  disabilitySpecialisms: DisabilitySpecialism[];
  specialisms: Specialism[];
  adaptations: Adaptation[];
  /** Placements Standard v2 risks the setting has said it can manage. */
  manageableRisks: RiskCode[];
}

/** Checks approval terms; returns them with only the known fields. */
export const validateApprovalTerms = (terms: ApprovalTerms): ApprovalTerms => {
  const minYears = requireInteger(
    terms.ageRange?.minYears,
    0,
    MAX_APPROVAL_AGE_YEARS,
    'APPROVAL.INVALID_AGE',
    'minYears',
  );
  const maxYears = requireInteger(
    terms.ageRange?.maxYears,
    0,
    MAX_APPROVAL_AGE_YEARS,
    'APPROVAL.INVALID_AGE',
    'maxYears',
  );
  if (minYears > maxYears) {
    throw new ValidationError('APPROVAL.AGE_RANGE_REVERSED', 'The youngest age is above the oldest', {
      minYears,
      maxYears,
    });
  }
  const maxChildren = requireInteger(
    terms.maxChildren,
    1,
    Number.MAX_SAFE_INTEGER,
    'APPROVAL.INVALID_MAX_CHILDREN',
    'maxChildren',
  );
  const maxFromOneSiblingGroup = requireInteger(
    terms.maxFromOneSiblingGroup,
    1,
    Number.MAX_SAFE_INTEGER,
    'APPROVAL.INVALID_SIBLING_CAPACITY',
    'maxFromOneSiblingGroup',
  );
  if (maxFromOneSiblingGroup > maxChildren) {
    throw new ValidationError(
      'APPROVAL.SIBLING_CAPACITY_OVER_MAX',
      'A sibling group cannot exceed the maximum',
      {
        maxFromOneSiblingGroup,
        maxChildren,
      },
    );
  }
  const purposes = requireCodes(
    terms.purposes,
    PLACEMENT_PURPOSES,
    'APPROVAL.UNKNOWN_PURPOSE',
    'APPROVAL.DUPLICATE_VALUE',
    'purposes',
  );
  if (purposes.length === 0) throw new ValidationError('APPROVAL.NO_PURPOSES', 'Name at least one purpose');
  return {
    ageRange: { minYears, maxYears },
    maxChildren,
    maxFromOneSiblingGroup,
    purposes,
    disabilitySpecialisms: requireCodes(
      terms.disabilitySpecialisms,
      DISABILITY_SPECIALISM_CODES,
      'APPROVAL.UNKNOWN_DISABILITY_CODE',
      'APPROVAL.DUPLICATE_VALUE',
      'disabilitySpecialisms',
    ),
    specialisms: requireCodes(
      terms.specialisms,
      SPECIALISMS,
      'APPROVAL.UNKNOWN_SPECIALISM',
      'APPROVAL.DUPLICATE_VALUE',
      'specialisms',
    ),
    adaptations: requireCodes(
      terms.adaptations,
      ADAPTATIONS,
      'APPROVAL.UNKNOWN_ADAPTATION',
      'APPROVAL.DUPLICATE_VALUE',
      'adaptations',
    ),
    manageableRisks: requireCodes(
      terms.manageableRisks,
      RISK_CODES,
      'APPROVAL.UNKNOWN_RISK',
      'APPROVAL.DUPLICATE_VALUE',
      'manageableRisks',
    ),
  };
};
