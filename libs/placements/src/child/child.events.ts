import type { PlacementsEvent } from '../shared/command';
import type { ChildId } from '../shared/ids';
import type {
  ChildDetails,
  ChildDetailsChanges,
  ReturnHeader,
  WishesAndFeelingsRecord,
} from './child.commands';

/**
 * The coarse values derived from a child's details on a date, carried in the clear beside the encrypted
 * personal fields so matching and commissioning never need the latter (architecture.md section 7).
 */
export interface ChildCoarse {
  /** The date (in England) they were derived on. */
  asOf: string;
  /** Age in completed months on `asOf`. */
  ageMonths: number;
  /** National curriculum year by age on `asOf` (0 Reception); `null` before Reception or after Year 13. */
  yearGroup: number | null;
  /** Postcode sector of the home, e.g. `NE1 9`. */
  homeSector: string;
  /** Postcode sector of the school, where there is one. */
  schoolSector?: string;
}

/** A child was recorded. */
export type ChildRecorded = PlacementsEvent<
  'ChildRecorded',
  { childId: ChildId } & ChildDetails & { coarse: ChildCoarse }
>;

/** Some of a child's details changed: only the changed fields are present; `coarse` is recomputed. */
export type ChildDetailsUpdated = PlacementsEvent<
  'ChildDetailsUpdated',
  { childId: ChildId } & ChildDetailsChanges & { coarse: ChildCoarse }
>;

/** The child's wishes and feelings were recorded (M-01). */
export type WishesAndFeelingsRecorded = PlacementsEvent<
  'WishesAndFeelingsRecorded',
  { childId: ChildId } & WishesAndFeelingsRecord
>;

/** The child was erased: their key is to be deleted, and the stream accepts nothing more. */
export type ChildErased = PlacementsEvent<
  'ChildErased',
  { childId: ChildId; reason: string; erasedAt: string }
>;

/**
 * A child was recorded from an SSDA903 return (a later one for the same child replaces it). `birthMonth`
 * (`YYYY-MM`, the LIIA pipelines' degraded date of birth) stays in the clear beside the encrypted date of
 * birth: it fixes the age in years on any month end, so commissioning counts ages at 31 March without it.
 */
export type ChildRecordedFromReturn = PlacementsEvent<
  'ChildRecordedFromReturn',
  { childId: ChildId } & ReturnHeader & { birthMonth: string }
>;

/** Every event of the child aggregate. */
export type ChildEvent =
  ChildRecorded | ChildDetailsUpdated | WishesAndFeelingsRecorded | ChildErased | ChildRecordedFromReturn;
