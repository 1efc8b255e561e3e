/**
 * Five-field cron (minute hour day-of-month month day-of-week) for the in-process queue's repeating jobs,
 * written here rather than taken from a package so the queue library adds no dependency. It reads the same
 * expressions bull does: lists, ranges, steps, `*`, month and weekday names, 7 as Sunday, and when both
 * day fields are restricted a day matching either one.
 */

/** A parsed cron expression. */
export interface Cron {
  /**
   * The first time after `after` (at a whole minute) that matches. Wall-clock times never go backwards: when
   * clocks go back, the repeated hour's times that already passed once are not matched again.
   */
  next(after: Date): Date;
}

interface Field {
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  {
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const LABELS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Longest possible month lengths (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MINUTE = 60_000;
const SEARCH_LIMIT_MS = 5 * 366 * 24 * 60 * MINUTE;

const parseValue = (text: string, field: Field, label: string, expression: string): number => {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= field.min && value <= field.max)) {
    throw new Error(`Cron "${expression}": ${label} "${text}" is not between ${field.min} and ${field.max}.`);
  }
  return value;
};

const parseField = (text: string, field: Field, label: string, expression: string): Set<number> => {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (extra !== undefined || !Number.isInteger(step) || step < 1 || !/^\d*$/.test(stepText ?? '')) {
      throw new Error(`Cron "${expression}": ${label} "${item}" has a bad step.`);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [field.min, field.max];
    } else {
      const [a, b, more] = range.split('-');
      if (more !== undefined || a === '')
        throw new Error(`Cron "${expression}": ${label} "${item}" is not valid.`);
      from = parseValue(a, field, label, expression);
      // "5/15" means from 5 to the end, every 15, as in bull's parser.
      to =
        b !== undefined ? parseValue(b, field, label, expression) : stepText !== undefined ? field.max : from;
      if (to < from) throw new Error(`Cron "${expression}": ${label} range "${range}" runs backwards.`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
};

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const wallReader = (tz: string | undefined): ((t: number) => Wall) => {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
  } catch {
    throw new Error(`Unknown time zone "${tz}": use an IANA name such as "Europe/London".`);
  }
  return (t) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(t)) parts[p.type] = p.value;
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
      weekday: WEEKDAYS.indexOf(parts.weekday),
    };
  };
};

const wallKey = (w: Wall) => ((w.year * 100 + w.month) * 100 + w.day) * 10_000 + w.hour * 100 + w.minute;

/**
 * Parses a five-field cron expression to be read in `tz` (an IANA zone; the process's zone when absent).
 * Throws, saying what is wrong, for anything it cannot read or that can never match.
 */
export const parseCron = (expression: string, tz?: string): Cron => {
  const texts = expression.trim().split(/\s+/);
  if (texts.length !== 5) {
    throw new Error(
      `Cron "${expression}" must have five fields: minute hour day-of-month month day-of-week.`,
    );
  }
  const [minutes, hours, days, months, weekdaysRaw] = texts.map((t, i) =>
    parseField(t, FIELDS[i], LABELS[i], expression),
  );
  const weekdays = new Set([...weekdaysRaw].map((d) => d % 7));
  const daysRestricted = !texts[2].startsWith('*');
  const weekdaysRestricted = !texts[4].startsWith('*');
  if (
    daysRestricted &&
    !weekdaysRestricted &&
    ![...months].some((m) => [...days].some((d) => d <= MONTH_DAYS[m - 1]))
  ) {
    throw new Error(`Cron "${expression}" never matches: no chosen month has the chosen days.`);
  }
  const dayMatches = (w: Wall) => {
    const byDay = days.has(w.day);
    const byWeekday = weekdays.has(w.weekday);
    if (daysRestricted && weekdaysRestricted) return byDay || byWeekday;
    return byDay && byWeekday;
  };
  const wall = wallReader(tz);
  return {
    next(after: Date): Date {
      const afterKey = wallKey(wall(after.getTime()));
      const start = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
      // Steps through days, hours, then minutes in real time, so zones and clock changes need no arithmetic
      // on local dates: the formatter says what the clock on the wall shows at each instant.
      for (let t = start; t < start + SEARCH_LIMIT_MS;) {
        const w = wall(t);
        if (!months.has(w.month) || !dayMatches(w)) {
          // To 23:00 of this day, not midnight: a day shortened by a clock change would overshoot midnight.
          t += (w.hour < 23 ? (23 - w.hour) * 60 - w.minute : 60 - w.minute) * MINUTE;
          continue;
        }
        if (!hours.has(w.hour)) {
          t += (60 - w.minute) * MINUTE;
          continue;
        }
        if (!minutes.has(w.minute) || wallKey(w) <= afterKey) {
          t += MINUTE;
          continue;
        }
        return new Date(t);
      }
      throw new Error(`Cron "${expression}" has no time in the five years after ${after.toISOString()}.`);
    },
  };
};
