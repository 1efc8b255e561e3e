import { dateParts } from '@placematch/supply';

// Calendar arithmetic on `YYYY-MM-DD` dates, in whole days and completed months, with no clock and no time zone.
// Days and completed months between two dates are supply's (placements counts ages with them too), re-exported.
export { completedMonthsBetween, daysBetween } from '@placematch/supply';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The date `n` calendar months after `date` (before it when negative); a day past the month's end is its last day. */
export const addMonths = (date: string, n: number): string => {
  const [y, m, d] = dateParts(date);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
};

/** The date `n` days after `date` (before it when negative). */
export const addDays = (date: string, n: number): string => {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** An SSDA903 collection year: 1 April to 31 March, named by the year it ends in (2024 is 2023-04-01 to 2024-03-31). */
export interface CollectionYear {
  /** The year of the 31 March it ends on. */
  endYear: number;
  /** `YYYY-04-01`. */
  start: string;
  /** `YYYY-03-31`, the census day of the stability measures. */
  end: string;
}

/** The collection year ending on 31 March of `endYear`. */
export const collectionYear = (endYear: number): CollectionYear => ({
  endYear,
  start: `${pad(endYear - 1, 4)}-04-01`,
  end: `${pad(endYear, 4)}-03-31`,
});

/** The collection year that `date` falls in. */
export const collectionYearOf = (date: string): CollectionYear => {
  const [y, m] = dateParts(date);
  return collectionYear(m >= 4 ? y + 1 : y);
};

/** The last collection year that ended on or before `date` (its 31 March is not after `date`). */
export const lastCompleteYear = (date: string): CollectionYear => {
  const [y] = dateParts(date);
  return collectionYear(date >= `${pad(y, 4)}-03-31` ? y : y - 1);
};

/** True when the intervals [aFrom, aTo] and [bFrom, bTo] (days, both ends included) share a day. */
export const overlaps = (aFrom: string, aTo: string, bFrom: string, bTo: string): boolean =>
  aFrom <= bTo && bFrom <= aTo;
