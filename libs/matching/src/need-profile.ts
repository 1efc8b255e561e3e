import { ValidationError } from '@placematch/kernel';
import type { GridRef } from '@placematch/geo';
import {
  ADAPTATIONS,
  Adaptation,
  COMMUNICATION_METHODS,
  CommunicationMethod,
  DISABILITY_CODE_LIST,
  DisabilityCode,
  PLACEMENT_PURPOSES,
  PlacementPurpose,
  RELIGIONS,
  RISK_CODES,
  Religion,
  RiskCode,
  isChildrensServicesAuthority,
} from '@placematch/supply';

// The Placements Standard v2 vocabularies a need profile and a placement request share. They are defined here,
// once: the placements context records them on a request and re-exports them (libs/placements depends on
// libs/matching, never the other way).

/**
 * When the placement is needed: the Placements Standard v2 urgency "Today / <5 days / >5 days". The search
 * reads it for the day a vacancy must be free by.
 */
export const URGENCIES = ['today', 'under-5-days', 'over-5-days'] as const;

/** One of {@link URGENCIES}. */
export type Urgency = (typeof URGENCIES)[number];

/**
 * "Who can the child be cared for alongside" (Placements Standard v2): no preference (`any`; the standard's
 * "with other children recommended" also means this), solo, only with older children, only with younger
 * children. The `cared-for-alongside` eligibility rule reads it.
 */
export const LIVES_ALONGSIDE = ['any', 'solo', 'older-only', 'younger-only'] as const;

/** One of {@link LIVES_ALONGSIDE}. */
export type LivesAlongside = (typeof LIVES_ALONGSIDE)[number];

/** Year groups of Key Stage 4 (Years 10 and 11), in which a school move needs exceptional circumstances (M-18). */
export const KEY_STAGE_4_YEARS: readonly number[] = [10, 11];

/**
 * True in Years 10 and 11 (Key Stage 4), when a school move needs exceptional circumstances and a review (M-18):
 * the `school-move-year-10-11` guard and the school-continuity multiplier turn on it.
 */
export const isKeyStage4 = (yearGroup: number | null): boolean =>
  yearGroup !== null && KEY_STAGE_4_YEARS.includes(yearGroup);

/**
 * What one child needs, as the placements context derives it from the assessment for a search. No name and no
 * date of birth: `ref` is opaque and ages are in months (architecture.md section 7).
 */
export interface ChildNeed {
  /** Opaque, stable within the request (1 to 64 letters, digits, `.`, `_`, `:` or `-`); never a name. */
  ref: string;
  /** Age in completed months on the day of the search. */
  ageMonths: number;
  /** National curriculum year (0 for Reception); `null` when not at school. Years 10 and 11 matter (M-18). */
  yearGroup: number | null;
  /** CIN census disability codes; `NONE` only on its own. */
  disabilities: DisabilityCode[];
  /** Adaptations of the home the child needs; a setting without every one is not eligible. */
  adaptations: Adaptation[];
  /** Spoken languages as BCP 47 tags (`en`, `pl`, `pa-Guru`); compared on the primary language. */
  languages: string[];
  /** BSL, Makaton. */
  communication: CommunicationMethod[];
  /** The child's religion, where the child or family has one to be supported. */
  religion?: Religion;
  /** Cultural needs in the placement team's words (a place of worship, a diet); never an ethnicity. */
  culturalNeeds: string[];
  /** An unaccompanied asylum-seeking child (M-30). */
  uasc: boolean;
  /** Risks present (Placements Standard v2); the setting must be able to manage each. */
  risks: RiskCode[];
  livesAlongside: LivesAlongside;
  /** The Placements Standard's "Can child live with pets/animals?" answered No. */
  cannotLiveWithPets: boolean;
  /** Health needs that call for complex health care (routine needs do not belong here). */
  healthNeeds: string[];
}

/**
 * What a search looks for: one child or a sibling group, built by the placements context from a placement
 * request (Placements Standard v2 fields plus the SW RCC school location).
 */
export interface NeedProfile {
  /** One child, or a sibling group to be placed together where possible (M-09). */
  children: ChildNeed[];
  /** Grid reference of the child's home postcode (rounded is fine): distance is measured from it. */
  homeGrid: GridRef;
  /** ONS code of the child's (responsible) local authority: out-of-authority means outside it (M-11). */
  homeLocalAuthority: string;
  /** Grid reference of the current school, where the child attends one (M-18). */
  schoolGrid?: GridRef;
  purpose: PlacementPurpose;
  urgency: Urgency;
  /** An emergency placement (M-35): flagged on every match. */
  emergency: boolean;
  /** Placements Standard v2 suitability: which kinds of placement the request allows. */
  suitability: { foster: boolean; residential: boolean; supported: boolean };
  /** The legal criteria for secure accommodation are met (M-31): only then are secure homes (K1) searched. */
  secureCriteriaMet: boolean;
  /** Look for one setting for the whole group first (M-09); default true. */
  keepSiblingsTogether?: boolean;
}

/** One problem found in a need profile: a stable code and where it is. */
export interface NeedIssue {
  code: string;
  /** A path such as `children[1].risks` or `homeGrid`. */
  path: string;
  message: string;
}

/** The most children one search takes: a larger group is searched as more than one request. */
export const MAX_CHILDREN_PER_SEARCH = 8;

/** The oldest age a search accepts, in months (staying put and supported lodgings run past 18). */
export const MAX_AGE_MONTHS = 25 * 12;

const REF = /^[A-Za-z0-9._:-]{1,64}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// The National Grid covers Great Britain within these bounds (metres from the false origin).
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;

const isGrid = (g: unknown): g is GridRef => {
  if (typeof g !== 'object' || g === null) return false;
  const { easting, northing } = g as GridRef;
  const on = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
  return on(easting, MAX_EASTING) && on(northing, MAX_NORTHING);
};

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Every problem in a need profile, in field order (empty when it is valid). Codes are `NEED.*` and stable.
 */
export const needProfileIssues = (need: NeedProfile): NeedIssue[] => {
  const issues: NeedIssue[] = [];
  const add = (code: string, path: string, message: string) => issues.push({ code, path, message });
  if (typeof need !== 'object' || need === null) {
    add('NEED.INVALID', '', 'A need profile is an object');
    return issues;
  }
  const codes = <C extends string>(
    values: unknown,
    known: readonly C[],
    path: string,
    unknownCode: string,
  ): values is C[] => {
    if (!Array.isArray(values)) {
      add(unknownCode, path, `${path} must be a list`);
      return false;
    }
    const seen = new Set<unknown>();
    values.forEach((value, i) => {
      if (!(known as readonly unknown[]).includes(value)) add(unknownCode, `${path}[${i}]`, `Unknown value`);
      else if (seen.has(value))
        add('NEED.DUPLICATE_VALUE', `${path}[${i}]`, `${String(value)} is listed twice`);
      seen.add(value);
    });
    return true;
  };
  const texts = (values: unknown, path: string, code: string, pattern?: RegExp) => {
    if (!Array.isArray(values)) {
      add(code, path, `${path} must be a list`);
      return;
    }
    const seen = new Set<string>();
    values.forEach((value, i) => {
      if (
        typeof value !== 'string' ||
        value.trim() === '' ||
        value.length > 200 ||
        (pattern && !pattern.test(value))
      ) {
        add(code, `${path}[${i}]`, 'Not a valid entry');
      } else if (seen.has(value)) add('NEED.DUPLICATE_VALUE', `${path}[${i}]`, `${value} is listed twice`);
      else seen.add(value);
    });
  };

  if (!Array.isArray(need.children) || need.children.length === 0) {
    add('NEED.NO_CHILDREN', 'children', 'A search is for at least one child');
  } else if (need.children.length > MAX_CHILDREN_PER_SEARCH) {
    add(
      'NEED.TOO_MANY_CHILDREN',
      'children',
      `A search takes at most ${MAX_CHILDREN_PER_SEARCH} children; search a larger group in parts`,
    );
  } else {
    const refs = new Set<string>();
    need.children.forEach((child, i) => {
      const at = `children[${i}]`;
      if (typeof child !== 'object' || child === null) {
        add('NEED.INVALID_CHILD', at, 'A child need is an object');
        return;
      }
      if (typeof child.ref !== 'string' || !REF.test(child.ref)) {
        add(
          'NEED.CHILD_REF_INVALID',
          `${at}.ref`,
          'ref is an opaque reference of 1 to 64 characters, not a name',
        );
      } else if (refs.has(child.ref))
        add('NEED.DUPLICATE_CHILD_REF', `${at}.ref`, 'Two children share a ref');
      else refs.add(child.ref);
      if (typeof child.ageMonths !== 'number' || !Number.isInteger(child.ageMonths)) {
        add('NEED.INVALID_AGE', `${at}.ageMonths`, 'ageMonths is a whole number of months');
      } else if (child.ageMonths < 0 || child.ageMonths > MAX_AGE_MONTHS) {
        add('NEED.INVALID_AGE', `${at}.ageMonths`, `ageMonths is from 0 to ${MAX_AGE_MONTHS}`);
      }
      if (
        child.yearGroup !== null &&
        (typeof child.yearGroup !== 'number' ||
          !Number.isInteger(child.yearGroup) ||
          child.yearGroup < 0 ||
          child.yearGroup > 13)
      ) {
        add(
          'NEED.INVALID_YEAR_GROUP',
          `${at}.yearGroup`,
          'yearGroup is null or a national curriculum year 0-13',
        );
      }
      if (
        codes(child.disabilities, DISABILITY_CODE_LIST, `${at}.disabilities`, 'NEED.UNKNOWN_DISABILITY_CODE')
      ) {
        if (child.disabilities.includes('NONE') && child.disabilities.length > 1) {
          add('NEED.NONE_WITH_DISABILITY', `${at}.disabilities`, 'NONE cannot be listed with a disability');
        }
      }
      codes(child.adaptations, ADAPTATIONS, `${at}.adaptations`, 'NEED.UNKNOWN_ADAPTATION');
      texts(child.languages, `${at}.languages`, 'NEED.INVALID_LANGUAGE', LANGUAGE_TAG);
      codes(
        child.communication,
        COMMUNICATION_METHODS,
        `${at}.communication`,
        'NEED.UNKNOWN_COMMUNICATION_METHOD',
      );
      if (child.religion !== undefined && !(RELIGIONS as readonly unknown[]).includes(child.religion)) {
        add('NEED.UNKNOWN_RELIGION', `${at}.religion`, `religion is one of ${RELIGIONS.join(', ')}`);
      }
      texts(child.culturalNeeds, `${at}.culturalNeeds`, 'NEED.INVALID_CULTURAL_NEED');
      if (!isBoolean(child.uasc)) add('NEED.INVALID_FLAG', `${at}.uasc`, 'uasc is true or false');
      codes(child.risks, RISK_CODES, `${at}.risks`, 'NEED.UNKNOWN_RISK');
      if (!(LIVES_ALONGSIDE as readonly unknown[]).includes(child.livesAlongside)) {
        add('NEED.UNKNOWN_LIVES_ALONGSIDE', `${at}.livesAlongside`, `One of ${LIVES_ALONGSIDE.join(', ')}`);
      }
      if (!isBoolean(child.cannotLiveWithPets)) {
        add('NEED.INVALID_FLAG', `${at}.cannotLiveWithPets`, 'cannotLiveWithPets is true or false');
      }
      texts(child.healthNeeds, `${at}.healthNeeds`, 'NEED.INVALID_HEALTH_NEED');
    });
  }
  if (!isGrid(need.homeGrid))
    add('NEED.INVALID_GRID', 'homeGrid', 'homeGrid is a National Grid reference in metres');
  if (need.schoolGrid !== undefined && !isGrid(need.schoolGrid)) {
    add('NEED.INVALID_GRID', 'schoolGrid', 'schoolGrid is a National Grid reference in metres');
  }
  if (!isChildrensServicesAuthority(need.homeLocalAuthority)) {
    add(
      'NEED.INVALID_LOCAL_AUTHORITY',
      'homeLocalAuthority',
      "homeLocalAuthority is the ONS code of a children's services authority",
    );
  }
  if (!(PLACEMENT_PURPOSES as readonly unknown[]).includes(need.purpose)) {
    add('NEED.UNKNOWN_PURPOSE', 'purpose', `purpose is one of ${PLACEMENT_PURPOSES.join(', ')}`);
  }
  if (!(URGENCIES as readonly unknown[]).includes(need.urgency)) {
    add('NEED.UNKNOWN_URGENCY', 'urgency', `urgency is one of ${URGENCIES.join(', ')}`);
  }
  if (!isBoolean(need.emergency)) add('NEED.INVALID_FLAG', 'emergency', 'emergency is true or false');
  else if (need.purpose === 'emergency' && !need.emergency) {
    // M-35: an emergency placement is counted and needs a reason; the purpose alone must not hide one.
    add('NEED.EMERGENCY_NOT_FLAGGED', 'emergency', 'An emergency purpose needs emergency: true');
  }
  const s = need.suitability;
  if (
    typeof s !== 'object' ||
    s === null ||
    !isBoolean(s.foster) ||
    !isBoolean(s.residential) ||
    !isBoolean(s.supported)
  ) {
    add(
      'NEED.INVALID_SUITABILITY',
      'suitability',
      'suitability has foster, residential and supported, each true or false',
    );
  }
  if (!isBoolean(need.secureCriteriaMet))
    add('NEED.INVALID_FLAG', 'secureCriteriaMet', 'secureCriteriaMet is true or false');
  if (
    typeof s === 'object' &&
    s !== null &&
    s.foster === false &&
    s.residential === false &&
    s.supported === false &&
    need.secureCriteriaMet === false
  ) {
    add('NEED.NO_SUITABLE_TYPE', 'suitability', 'At least one kind of placement must be suitable');
  }
  if (need.keepSiblingsTogether !== undefined && !isBoolean(need.keepSiblingsTogether)) {
    add('NEED.INVALID_FLAG', 'keepSiblingsTogether', 'keepSiblingsTogether is true or false');
  }
  return issues;
};

/**
 * Checks a need profile and returns it with its defaults filled in (`keepSiblingsTogether: true`).
 *
 * @throws ValidationError with the first issue's code; `details.issues` lists every {@link NeedIssue}.
 */
export const validateNeedProfile = (need: NeedProfile): NeedProfile & { keepSiblingsTogether: boolean } => {
  const issues = needProfileIssues(need);
  if (issues.length > 0) {
    const [first] = issues;
    throw new ValidationError(first.code, `${first.path}: ${first.message}`, { issues });
  }
  return { ...need, keepSiblingsTogether: need.keepSiblingsTogether ?? true };
};
