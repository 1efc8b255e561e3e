import type { CommunicationMethod, DisabilityCode, EthnicityCode, Religion } from '@placematch/supply';
import type { CinCategoryCode } from '../codes/cin-category';
import type { GenderCode } from '../codes/gender';
import type { LegalStatusCode } from '../codes/legal-status';
import type { PlacementsCommand } from '../shared/command';
import type { ChildId } from '../shared/ids';

/** A child's name as the local authority records it. Personal. */
export interface ChildName {
  given: string;
  family: string;
}

/** The school a child attends now. Personal: the name and the full postcode identify it. */
export interface School {
  name: string;
  postcode: string;
}

/**
 * What a local authority records about a child in care. Personal data (see `CHILD_PERSONAL_FIELDS`) is
 * encrypted in the events with the child's key; the coarse values matching needs travel beside it in the clear.
 */
export interface ChildDetails {
  /** ONS code of the responsible local authority, e.g. `E08000021`. */
  localAuthority: string;
  name: ChildName;
  /** `YYYY-MM-DD`, not after today. */
  dateOfBirth: string;
  /** The full postcode of the home the child came from (SSDA903 `HOME_POST` before it is cut to a sector). */
  homePostcode: string;
  school?: School;
  /** SSDA903 `SEX`: `'1'` male, `'2'` female. */
  gender: GenderCode;
  /** SSDA903 `ETHNIC` code; mixed heritage is kept as its own code (`MWBC`, `MWBA`, `MWAS`, `MOTH`), M-28. */
  ethnicity: EthnicityCode;
  /** The 2021 Census categories, as household profiles use them. */
  religion?: Religion;
  /** Spoken languages as BCP 47 tags (`en`, `pl`, `pa-Guru`), first language first. */
  languages: string[];
  /** BSL, Makaton. */
  communication: CommunicationMethod[];
  /** CIN census disability codes; `NONE` only on its own. */
  disabilities: DisabilityCode[];
  /** Health needs in the social worker's words, one need per entry. */
  healthNeeds: string[];
  /** SSDA903 `LS`. */
  legalStatus: LegalStatusCode;
  /** SSDA903 `CIN`, N1-N8. */
  cinCategory: CinCategoryCode;
  /** An unaccompanied asylum-seeking child (M-30). */
  uasc: boolean;
}

/**
 * Corrections or changes to a child's details: only the fields given change. `school: null` and
 * `religion: null` remove them. The responsible authority cannot change here: a child whose care another
 * authority takes over (SSDA903 `E3`) is recorded afresh by that authority.
 */
export type ChildDetailsChanges = Partial<Omit<ChildDetails, 'localAuthority' | 'school' | 'religion'>> & {
  school?: School | null;
  religion?: Religion | null;
};

/** A child's wishes and feelings as recorded by a worker (M-01). */
export interface WishesAndFeelingsRecord {
  /** What the child said or showed, in the worker's words. Personal. */
  summary: string;
  /** The worker who recorded them (a user id or a role), not the child. */
  recordedBy: string;
  /** `YYYY-MM-DD`, not after today. */
  recordedOn: string;
}

/** Records a child. Repeating it with the same details does nothing; with other details it is refused. */
export type RecordChild = PlacementsCommand<'RecordChild', { childId: ChildId } & ChildDetails>;

/** Changes some of a child's details; a change to what is already recorded does nothing. */
export type UpdateChildDetails = PlacementsCommand<'UpdateChildDetails', ChildDetailsChanges>;

/**
 * Records the child's wishes and feelings (M-01: every placement decision takes account of them). The same
 * record again does nothing.
 */
export type RecordWishesAndFeelings = PlacementsCommand<'RecordWishesAndFeelings', WishesAndFeelingsRecord>;

/**
 * Marks the child erased. The child's key is deleted elsewhere (crypto-shredding, architecture.md section 7);
 * afterwards the stream accepts nothing more. Erasing again does nothing.
 */
export type EraseChild = PlacementsCommand<'EraseChild', { reason: string }>;

/**
 * What an SSDA903 Header row says about a child (domain-anchors.md §1.1: `CHILD, SEX, DOB, ETHNIC, UPN, MOTHER,
 * MC_DOB`). A return names no one and gives no home postcode, so a child known only from a return is recorded
 * with this and no more; {@link RecordChild} completes the record later.
 */
export interface ReturnHeader {
  /** ONS code of the local authority whose return it is (the responsible authority). */
  localAuthority: string;
  /** `CHILD`: the authority's own reference for the child (1-10 characters). Personal. */
  returnChildId: string;
  /** `SEX`: `'1'` male, `'2'` female. */
  gender: GenderCode;
  /** `DOB` as `YYYY-MM-DD`, not after today. Personal. */
  dateOfBirth: string;
  /** `ETHNIC`. */
  ethnicity: EthnicityCode;
  /** `UPN`, the unique pupil number or an `UN1`-`UN7` reason it is not known; `null` where blank. Personal. */
  upn: string | null;
  /** `MOTHER`: whether the child is a mother (`1`/`0`); `null` where blank. Personal. */
  mother: boolean | null;
  /** `MC_DOB`: the date of birth of the child's own child, `YYYY-MM-DD`; `null` where blank. Personal. */
  motherChildDateOfBirth: string | null;
}

/**
 * Records a child from an SSDA903 return (history import). The same header again does nothing; a different
 * one (a later return correcting it) replaces it. A child already recorded in full keeps that record: the
 * return is accepted when it agrees with it (gender, date of birth, ethnicity) and refused otherwise.
 */
export type RecordChildFromReturn = PlacementsCommand<
  'RecordChildFromReturn',
  { childId: ChildId } & ReturnHeader
>;

/** Every command of the child aggregate. */
export type ChildCommand =
  RecordChild | UpdateChildDetails | RecordWishesAndFeelings | EraseChild | RecordChildFromReturn;
