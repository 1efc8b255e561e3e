import { ValidationError } from '@placematch/kernel';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a calendar date written `YYYY-MM-DD` that exists (so `2025-02-30` is not one). */
export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in England (`YYYY-MM-DD`) at an instant. "A date in the future" is judged against this,
 * not the UTC date: between midnight and 1am in summer the two differ, and an inspection or a training course
 * dated "today" in England must not be refused as future.
 */
export const londonDate = (at: string | Date): string => {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
};

/** Milliseconds in a day of 24 hours. */
export const DAY_MS = 86_400_000;

// Calendar arithmetic on `YYYY-MM-DD` dates, in whole days and completed months, with no clock and no time zone.
// One home for the placements and commissioning contexts, which both depend on supply.

/**
 * The year, month (1-12) and day of a date written `YYYY-MM-DD`.
 *
 * @throws ValidationError `DATE.INVALID` naming `field` when the date does not exist.
 */
export const dateParts = (date: string, field = 'date'): [number, number, number] => {
  if (!isIsoDate(date)) {
    throw new ValidationError('DATE.INVALID', `${field} must be a date written YYYY-MM-DD`, { field, date });
  }
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
};

/**
 * Whole days from `from` to `to` (both `YYYY-MM-DD`): positive when `to` is later.
 *
 * @throws ValidationError `DATE.INVALID` when either date does not exist.
 */
export const daysBetween = (from: string, to: string): number => {
  const [y1, m1, d1] = dateParts(from, 'from');
  const [y2, m2, d2] = dateParts(to, 'to');
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
};

/**
 * Completed calendar months from `from` to `to`, counted the way an age is: a month is completed on the day of
 * the month `from` fell on, or, where the month has no such day (the 31st, 29 February), on the 1st of the next
 * month; negative when `to` is earlier.
 *
 * @throws ValidationError `DATE.INVALID` when either date does not exist.
 */
export const completedMonthsBetween = (from: string, to: string): number => {
  if (to < from) return -completedMonthsBetween(to, from);
  const [y1, m1, d1] = dateParts(from, 'from');
  const [y2, m2, d2] = dateParts(to, 'to');
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
};
