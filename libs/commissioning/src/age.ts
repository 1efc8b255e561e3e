import { completedMonthsBetween } from './dates';

/**
 * The age bands of the DfE children looked after statistics (under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over),
 * in completed years; babies under one apart because they have the most moves (seeds digest §2.2, naive-build
 * item 19). A looked-after child is under 18, so the last band is `16-17`.
 */
export const AGE_BANDS = ['under-1', '1-4', '5-9', '10-15', '16-17'] as const;

/** One of {@link AGE_BANDS}. */
export type AgeBand = (typeof AGE_BANDS)[number];

/** {@link AGE_BANDS} with `not-known`, for facts whose age could not be derived. */
export const AGE_BANDS_OR_UNKNOWN = [...AGE_BANDS, 'not-known'] as const;

/** One of {@link AGE_BANDS_OR_UNKNOWN}. */
export type AgeBandOrUnknown = (typeof AGE_BANDS_OR_UNKNOWN)[number];

/**
 * The band of an age in completed months. An age before birth (a pre-birth request) is `under-1`; 18 or more,
 * which a coarse estimate can reach for a 17-year-old, stays in `16-17` because a child in care is under 18.
 */
export const ageBand = (ageMonths: number): AgeBand => {
  const years = Math.floor(ageMonths / 12);
  if (years < 1) return 'under-1';
  if (years < 5) return '1-4';
  if (years < 10) return '5-9';
  if (years < 16) return '10-15';
  return '16-17';
};

/** {@link ageBand}, or `not-known` when the age is not known. */
export const ageBandOrUnknown = (ageMonths: number | null): AgeBandOrUnknown =>
  ageMonths === null ? 'not-known' : ageBand(ageMonths);

/**
 * A child's age in completed months on a date, as the log carries it in the clear: `ChildRecorded.coarse`
 * (`asOf`, `ageMonths`) or `PlacementStarted` (`startedOn`, `childAgeMonths`). The date of birth itself is
 * personal and encrypted, and commissioning never reads it (architecture.md section 7).
 */
export interface AgeAnchor {
  on: string;
  months: number;
  /**
   * Set on the anchor of a known month of birth (`on` its first day, `months` 0; `ChildRecordedFromReturn`'s
   * `birthMonth`). It gives the exact age on any month end, such as 31 March, so it is used before any other.
   */
  birthMonth?: true;
}

/** The anchor of a month of birth (`YYYY-MM`). */
export const birthMonthAnchor = (birthMonth: string): AgeAnchor => ({
  on: `${birthMonth}-01`,
  months: 0,
  birthMonth: true,
});

/**
 * A child's age in completed months on `date`: from the month of birth when it is known (exact on a month end,
 * at most one month over on other days), otherwise from the anchor nearest to `date` (the later one on a tie):
 * the anchor's age plus the completed months between the two dates. Without the date of birth this can be one
 * month out either way (the day of the month of the birthday is not known; forward from an anchor it is never
 * more than the true age); `null` when there is no anchor.
 */
export const ageMonthsOn = (anchors: readonly AgeAnchor[], date: string): number | null => {
  const birth = anchors.find((a) => a.birthMonth);
  if (birth) return completedMonthsBetween(birth.on, date);
  let best: AgeAnchor | undefined;
  let bestDistance = Infinity;
  for (const a of anchors) {
    const distance = Math.abs(completedMonthsBetween(a.on, date));
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && a.on > best.on)) {
      best = a;
      bestDistance = distance;
    }
  }
  return best === undefined ? null : best.months + completedMonthsBetween(best.on, date);
};
