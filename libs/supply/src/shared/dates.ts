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
