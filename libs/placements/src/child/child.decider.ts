import {
  ConflictError,
  Decider,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import { tryParsePostcode } from '@placematch/geo';
import {
  COMMUNICATION_METHODS,
  DISABILITY_CODE_LIST,
  ETHNICITY_CODE_LIST,
  RELIGIONS,
  isChildrensServicesAuthority,
  londonDate,
} from '@placematch/supply';
import { CIN_CATEGORY_CODE_LIST } from '../codes/cin-category';
import { GENDER_CODE_LIST } from '../codes/gender';
import { LEGAL_STATUS_CODE_LIST } from '../codes/legal-status';
import type { ChildId } from '../shared/ids';
import {
  requireBoolean,
  requireCodes,
  requireOneOf,
  requirePastDate,
  requireText,
  requireTexts,
  sameValue,
} from '../shared/validation';
import { ageInMonths, nationalCurriculumYear } from './child-age';
import { validateWishes } from './wishes';
import type {
  ChildCommand,
  ChildDetails,
  ChildDetailsChanges,
  ReturnHeader,
  School,
  WishesAndFeelingsRecord,
} from './child.commands';
import type { ChildCoarse, ChildEvent } from './child.events';

/** The stream of one child: `child-<id>`. */
export const childStream = (id: ChildId): string => streamName('child', id);

/** The oldest a recorded child may be, in years: care leavers are supported to 25 (staying put, M-51). */
export const MAX_CHILD_AGE_YEARS = 25;

/**
 * A child's state. `FromReturn` is a child known only from an SSDA903 return (history import): no name, no
 * home postcode, so nothing but {@link RecordChild} (which completes the record), a later return and erasure
 * apply to it. `Erased` keeps nothing personal: once the key is gone the personal fields of the history
 * cannot be read, and the state does not pretend otherwise.
 */
export type Child =
  | { status: 'Unrecorded' }
  | { status: 'FromReturn'; childId: ChildId; header: ReturnHeader; birthMonth: string }
  | {
      status: 'Recorded';
      childId: ChildId;
      details: ChildDetails;
      coarse: ChildCoarse;
      wishes: readonly WishesAndFeelingsRecord[];
    }
  | { status: 'Erased'; childId: ChildId; erasure: { reason: string; erasedAt: string } };

/** The state of a child with no events. */
export const initialChildState = (): Child => ({ status: 'Unrecorded' });

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const postcode = (value: unknown, code: string): string => {
  const parsed = typeof value === 'string' ? tryParsePostcode(value) : undefined;
  if (parsed === undefined) throw new ValidationError(code, 'Not a UK postcode', { postcode: value });
  return parsed.postcode;
};

const school = (value: unknown): School => {
  const s = (value ?? {}) as Partial<School>;
  return {
    name: requireText(s.name, 'CHILD.SCHOOL_NAME_REQUIRED', 'school.name'),
    postcode: postcode(s.postcode, 'CHILD.INVALID_SCHOOL_POSTCODE'),
  };
};

const languages = (value: unknown): string[] => {
  if (!Array.isArray(value)) throw new ValidationError('CHILD.INVALID_LANGUAGE', 'languages must be a list');
  for (const language of value) {
    if (typeof language !== 'string' || !LANGUAGE_TAG.test(language)) {
      throw new ValidationError('CHILD.INVALID_LANGUAGE', 'A language is a BCP 47 tag such as en or pl', {
        language,
      });
    }
  }
  if (new Set(value).size !== value.length) throw new ValidationError('CHILD.DUPLICATE_VALUE', 'languages');
  return [...value];
};

const disabilities = (value: unknown) => {
  const codes = requireCodes(
    value,
    DISABILITY_CODE_LIST,
    'CHILD.UNKNOWN_DISABILITY',
    'CHILD.DUPLICATE_VALUE',
    'disabilities',
  );
  if (codes.includes('NONE') && codes.length > 1) {
    throw new ValidationError('CHILD.DISABILITY_NONE_NOT_ALONE', 'NONE cannot be listed with a disability');
  }
  return codes;
};

const dateOfBirth = (value: unknown, today: string): string => {
  const dob = requirePastDate(value, today, 'CHILD.INVALID_DATE', 'CHILD.BORN_IN_FUTURE', 'dateOfBirth');
  if (ageInMonths(dob, today) >= (MAX_CHILD_AGE_YEARS + 1) * 12) {
    throw new ValidationError('CHILD.TOO_OLD', `A child in care is at most ${MAX_CHILD_AGE_YEARS}`, {
      dateOfBirth: dob,
    });
  }
  return dob;
};

/** Each field's check, returning the normalised value. */
const check = {
  name: (v: unknown) => {
    const n = (v ?? {}) as Partial<ChildDetails['name']>;
    return {
      given: requireText(n.given, 'CHILD.NAME_REQUIRED', 'name.given'),
      family: requireText(n.family, 'CHILD.NAME_REQUIRED', 'name.family'),
    };
  },
  dateOfBirth,
  homePostcode: (v: unknown) => postcode(v, 'CHILD.INVALID_POSTCODE'),
  gender: (v: unknown) => requireOneOf(v, GENDER_CODE_LIST, 'CHILD.UNKNOWN_GENDER', 'gender'),
  ethnicity: (v: unknown) => requireOneOf(v, ETHNICITY_CODE_LIST, 'CHILD.UNKNOWN_ETHNICITY', 'ethnicity'),
  religion: (v: unknown) => requireOneOf(v, RELIGIONS, 'CHILD.UNKNOWN_RELIGION', 'religion'),
  languages,
  communication: (v: unknown) =>
    requireCodes(
      v,
      COMMUNICATION_METHODS,
      'CHILD.UNKNOWN_COMMUNICATION_METHOD',
      'CHILD.DUPLICATE_VALUE',
      'communication',
    ),
  disabilities,
  healthNeeds: (v: unknown) => requireTexts(v, 'CHILD.INVALID_HEALTH_NEED', 'healthNeeds'),
  legalStatus: (v: unknown) =>
    requireOneOf(v, LEGAL_STATUS_CODE_LIST, 'CHILD.UNKNOWN_LEGAL_STATUS', 'legalStatus'),
  cinCategory: (v: unknown) =>
    requireOneOf(v, CIN_CATEGORY_CODE_LIST, 'CHILD.UNKNOWN_CIN_CATEGORY', 'cinCategory'),
  uasc: (v: unknown) => requireBoolean(v, 'CHILD.INVALID_UASC', 'uasc'),
};

const validateDetails = (data: ChildDetails, today: string): ChildDetails => {
  if (!isChildrensServicesAuthority(data.localAuthority)) {
    throw new ValidationError('CHILD.INVALID_LOCAL_AUTHORITY', undefined, {
      localAuthority: data.localAuthority,
    });
  }
  return {
    localAuthority: data.localAuthority,
    name: check.name(data.name),
    dateOfBirth: check.dateOfBirth(data.dateOfBirth, today),
    homePostcode: check.homePostcode(data.homePostcode),
    ...(data.school !== undefined && { school: school(data.school) }),
    gender: check.gender(data.gender),
    ethnicity: check.ethnicity(data.ethnicity),
    ...(data.religion !== undefined && { religion: check.religion(data.religion) }),
    languages: check.languages(data.languages),
    communication: check.communication(data.communication),
    disabilities: check.disabilities(data.disabilities),
    healthNeeds: check.healthNeeds(data.healthNeeds),
    legalStatus: check.legalStatus(data.legalStatus),
    cinCategory: check.cinCategory(data.cinCategory),
    uasc: check.uasc(data.uasc),
  };
};

const CHANGEABLE = [
  'name',
  'dateOfBirth',
  'homePostcode',
  'school',
  'gender',
  'ethnicity',
  'religion',
  'languages',
  'communication',
  'disabilities',
  'healthNeeds',
  'legalStatus',
  'cinCategory',
  'uasc',
] as const satisfies readonly (keyof ChildDetailsChanges)[];

const normalise = (field: (typeof CHANGEABLE)[number], value: unknown, today: string): unknown => {
  if (value === null && (field === 'school' || field === 'religion')) return null;
  switch (field) {
    case 'school':
      return school(value);
    case 'dateOfBirth':
      return dateOfBirth(value, today);
    default:
      return check[field](value);
  }
};

/** The changes that differ from `details`, validated and normalised. */
const validateChanges = (
  data: ChildDetailsChanges,
  details: ChildDetails,
  today: string,
): ChildDetailsChanges => {
  const given = CHANGEABLE.filter((field) => data?.[field] !== undefined);
  if (given.length === 0) {
    throw new ValidationError('CHILD.NOTHING_TO_CHANGE', `Give at least one of ${CHANGEABLE.join(', ')}`);
  }
  const changes: Record<string, unknown> = {};
  for (const field of given) {
    const normalised = normalise(field, data[field], today);
    if (!sameValue(details[field] ?? null, normalised)) changes[field] = normalised;
  }
  return changes as ChildDetailsChanges;
};

const applyChanges = (details: ChildDetails, changes: ChildDetailsChanges): ChildDetails => {
  const next: Record<string, unknown> = { ...details };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as unknown as ChildDetails;
};

/** The coarse values of `details` on `today`. */
export const coarseOf = (details: ChildDetails, today: string): ChildCoarse => ({
  asOf: today,
  ageMonths: ageInMonths(details.dateOfBirth, today),
  yearGroup: nationalCurriculumYear(details.dateOfBirth, today),
  homeSector: tryParsePostcode(details.homePostcode)?.sector ?? '',
  ...(details.school && { schoolSector: tryParsePostcode(details.school.postcode)?.sector ?? '' }),
});

type Recorded = Extract<Child, { status: 'Recorded' }>;

const recorded = (state: Child): Recorded => {
  if (state.status === 'Unrecorded') throw new NotFoundError('CHILD.NOT_RECORDED');
  if (state.status === 'Erased') throw new IllegalStateError('CHILD.ERASED');
  if (state.status === 'FromReturn') {
    throw new IllegalStateError(
      'CHILD.ONLY_FROM_RETURN',
      'This child is known only from an SSDA903 return: record the child in full first',
    );
  }
  return state;
};

/** The longest `UPN` the return allows (the XSD's 13 characters). */
const MAX_UPN_LENGTH = 13;

const validateReturnHeader = (data: ReturnHeader, today: string): ReturnHeader => {
  if (!isChildrensServicesAuthority(data.localAuthority)) {
    throw new ValidationError('CHILD.INVALID_LOCAL_AUTHORITY', undefined, {
      localAuthority: data.localAuthority,
    });
  }
  const dateOfBirth = requirePastDate(
    data.dateOfBirth,
    today,
    'CHILD.INVALID_DATE',
    'CHILD.BORN_IN_FUTURE',
    'dateOfBirth',
  );
  const upn = data.upn === null ? null : requireText(data.upn, 'CHILD.INVALID_UPN', 'upn');
  if (upn !== null && upn.length > MAX_UPN_LENGTH) {
    throw new ValidationError('CHILD.INVALID_UPN', `A UPN has at most ${MAX_UPN_LENGTH} characters`);
  }
  const mother = data.mother === null ? null : requireBoolean(data.mother, 'CHILD.INVALID_MOTHER', 'mother');
  const motherChildDateOfBirth =
    data.motherChildDateOfBirth === null
      ? null
      : requirePastDate(
          data.motherChildDateOfBirth,
          today,
          'CHILD.INVALID_DATE',
          'CHILD.BORN_IN_FUTURE',
          'motherChildDateOfBirth',
        );
  if (motherChildDateOfBirth !== null && motherChildDateOfBirth <= dateOfBirth) {
    throw new ValidationError('CHILD.INVALID_DATE', "The child's own child is born after the child", {
      field: 'motherChildDateOfBirth',
    });
  }
  return {
    localAuthority: data.localAuthority,
    returnChildId: requireText(data.returnChildId, 'CHILD.RETURN_ID_REQUIRED', 'returnChildId'),
    gender: check.gender(data.gender),
    dateOfBirth,
    ethnicity: check.ethnicity(data.ethnicity),
    upn,
    mother,
    motherChildDateOfBirth,
  };
};

const recordFromReturn = (
  command: Extract<ChildCommand, { type: 'RecordChildFromReturn' }>,
  state: Child,
  today: string,
): ChildEvent[] => {
  if (state.status === 'Erased') throw new IllegalStateError('CHILD.ERASED');
  const { childId } = command.data;
  const header = validateReturnHeader(command.data, today);
  if (state.status === 'Recorded') {
    // The full record is the authority's working record; a return about the same child must agree with it.
    const { localAuthority, gender, dateOfBirth, ethnicity } = state.details;
    const agrees =
      state.childId === childId &&
      sameValue(
        { localAuthority, gender, dateOfBirth, ethnicity },
        {
          localAuthority: header.localAuthority,
          gender: header.gender,
          dateOfBirth: header.dateOfBirth,
          ethnicity: header.ethnicity,
        },
      );
    if (agrees) return [];
    throw new ConflictError('CHILD.ALREADY_RECORDED', 'This child is recorded with other details');
  }
  if (state.status === 'FromReturn') {
    if (state.childId !== childId || state.header.localAuthority !== header.localAuthority) {
      throw new ConflictError('CHILD.ALREADY_RECORDED', 'This child is recorded by another authority');
    }
    // The same header is a repeated import; another one is a later return correcting it.
    if (sameValue(state.header, header)) return [];
  }
  return [
    {
      type: 'ChildRecordedFromReturn',
      schemaVersion: 1,
      data: { childId, ...header, birthMonth: header.dateOfBirth.slice(0, 7) },
    },
  ];
};

/** What a command does to a child: see each command's TSDoc for its rules. */
export const decideChild = (command: ChildCommand, state: Child): ChildEvent[] => {
  const today = londonDate(command.at);
  switch (command.type) {
    case 'RecordChild': {
      if (state.status === 'Erased') throw new IllegalStateError('CHILD.ERASED');
      const { childId } = command.data;
      const details = validateDetails(command.data, today);
      if (state.status === 'Recorded') {
        if (state.childId === childId && sameValue(state.details, details)) return [];
        throw new ConflictError('CHILD.ALREADY_RECORDED', 'This child is recorded with other details');
      }
      // A child known from a return is completed by its own authority only.
      if (
        state.status === 'FromReturn' &&
        (state.childId !== childId || state.header.localAuthority !== details.localAuthority)
      ) {
        throw new ConflictError('CHILD.ALREADY_RECORDED', 'This child is recorded by another authority');
      }
      return [
        {
          type: 'ChildRecorded',
          schemaVersion: 1,
          data: { childId, ...details, coarse: coarseOf(details, today) },
        },
      ];
    }
    case 'UpdateChildDetails': {
      const child = recorded(state);
      const changes = validateChanges(command.data, child.details, today);
      if (Object.keys(changes).length === 0) return [];
      const coarse = coarseOf(applyChanges(child.details, changes), today);
      return [
        {
          type: 'ChildDetailsUpdated',
          schemaVersion: 1,
          data: { childId: child.childId, ...changes, coarse },
        },
      ];
    }
    case 'RecordWishesAndFeelings': {
      const child = recorded(state);
      // M-01: the child's wishes and feelings are what every placement decision must take account of.
      const wishes = validateWishes(command.data, today, 'CHILD', 'wishes');
      if (child.wishes.some((w) => sameValue(w, wishes))) return [];
      return [
        { type: 'WishesAndFeelingsRecorded', schemaVersion: 1, data: { childId: child.childId, ...wishes } },
      ];
    }
    case 'EraseChild': {
      if (state.status === 'Erased') return [];
      // A child known only from a return is erased like any other.
      const child = state.status === 'FromReturn' ? state : recorded(state);
      const reason = requireText(command.data.reason, 'CHILD.REASON_REQUIRED', 'reason');
      return [
        {
          type: 'ChildErased',
          schemaVersion: 1,
          data: { childId: child.childId, reason, erasedAt: command.at },
        },
      ];
    }
    case 'RecordChildFromReturn':
      return recordFromReturn(command, state, today);
    default:
      return assertNever(command);
  }
};

/** Folds one child event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolveChild = (state: Child, event: ChildEvent): Child => {
  if (state.status === 'Erased') return state;
  switch (event.type) {
    case 'ChildRecorded': {
      const { childId, coarse, ...details } = event.data;
      const wishes = state.status === 'Recorded' ? state.wishes : [];
      return { status: 'Recorded', childId, details, coarse, wishes };
    }
    case 'ChildDetailsUpdated': {
      if (state.status !== 'Recorded') return state;
      const { childId: _childId, coarse, ...changes } = event.data;
      return { ...state, details: applyChanges(state.details, changes), coarse };
    }
    case 'WishesAndFeelingsRecorded': {
      if (state.status !== 'Recorded') return state;
      const { childId: _childId, ...wishes } = event.data;
      return { ...state, wishes: [...state.wishes, wishes] };
    }
    case 'ChildErased':
      return {
        status: 'Erased',
        childId: event.data.childId,
        erasure: { reason: event.data.reason, erasedAt: event.data.erasedAt },
      };
    case 'ChildRecordedFromReturn': {
      // A full record is never replaced by a return (decide refuses a disagreeing one).
      if (state.status === 'Recorded') return state;
      const { childId, birthMonth, ...header } = event.data;
      return { status: 'FromReturn', childId, header, birthMonth };
    }
    default:
      return assertNever(event);
  }
};

/**
 * The child aggregate (`child-<id>`): a child recorded by a local authority, their details (personal ones
 * encrypted, coarse ones beside them), wishes and feelings (M-01), and erasure; or a child known only from an
 * SSDA903 return, until recorded in full.
 */
export const childDecider: Decider<ChildCommand, Child, ChildEvent> = {
  initialState: initialChildState,
  decide: decideChild,
  evolve: evolveChild,
};
