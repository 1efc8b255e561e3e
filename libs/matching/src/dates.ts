// Calendar arithmetic on `YYYY-MM-DD` strings without Date objects or a clock: the view and the search work in
// whole days and whole months, and parsing by hand keeps replays of large logs cheap.

import { DAY_MS } from '@placematch/supply';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Days since 1970-01-01 of a date written `YYYY-MM-DD` (anything after the day, such as a time, is ignored).
 * `NaN` when the text does not start with a date.
 */
export const dayNumber = (date: string): number => {
  const m = ISO_DATE.exec(date);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
};

/** The `YYYY-MM-DD` date of a day number from {@link dayNumber}. */
export const dayToDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Months since January 1970 of the month a date falls in (`2025-03-10` and `2025-03-31` give the same
 * number). Ages are compared through it, so a child's age recorded at one date can be compared with another
 * child's age recorded at another.
 */
export const monthIndex = (date: string): number => {
  const m = ISO_DATE.exec(date);
  if (m === null) return Number.NaN;
  return (Number(m[1]) - 1970) * 12 + (Number(m[2]) - 1);
};
