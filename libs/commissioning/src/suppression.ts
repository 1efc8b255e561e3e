import { ValidationError } from '@placematch/kernel';

/** The marker shown in place of a suppressed figure: DfE's `c` ("to protect confidentiality"). */
export const SUPPRESSED = 'c' as const;

/** A figure as a commissioner sees it: the number, or {@link SUPPRESSED}. */
export type Shown = number | typeof SUPPRESSED;

/**
 * The default threshold: counts from 1 to 4 are suppressed (architecture.md section 6: "counts under a
 * threshold (default 5)"). Zero is shown: DfE shows a zero only where the figure was zero.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** How figures are suppressed. */
export interface SuppressionPolicy {
  /** Counts from 1 to `threshold - 1` are suppressed. 1 suppresses nothing. */
  threshold: number;
}

/** Checks a threshold: an integer from 1 to 100. */
export const suppressionPolicy = (threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): SuppressionPolicy => {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100) {
    throw new ValidationError(
      'SUPPRESSION.INVALID_THRESHOLD',
      'The suppression threshold is a whole number from 1 to 100 (5 suppresses counts from 1 to 4)',
      { threshold },
    );
  }
  return { threshold };
};

/** True when a count is suppressed in its own right (primary suppression): 1 to `threshold - 1`. */
export const isPrimary = (value: number, policy: SuppressionPolicy): boolean =>
  value >= 1 && value < policy.threshold;

/**
 * A linear relation among cells that a reader could use: `total` is the sum of `parts` (a row or column of a
 * table, a breakdown and its total, an area and its sub-areas).
 */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/**
 * Suppresses a set of counts so that no suppressed count can be recovered by subtraction.
 *
 * Method (documented in README.md, "Suppression"):
 * 1. Primary: every count from 1 to `threshold - 1` is suppressed.
 * 2. Secondary: for every relation (a total and its parts), if exactly one of its members is suppressed, one
 *    more is: the smallest non-zero part still shown (the first of equals, in the order given), or, when every
 *    other part is zero, the total itself. A total with one hidden part would give that part away by
 *    subtraction; with two hidden, only their sum is known.
 * 3. Step 2 repeats over every relation until nothing changes (a cell suppressed for one relation can leave
 *    another with exactly one), so one pattern holds for the whole set of cells. Suppression only grows, so
 *    this ends.
 *
 * Every view a commissioner can ask for is cut from one such pattern (a region's table with every authority's
 * row), so a figure is shown or hidden the same way whichever view shows it.
 */
export const suppress = (
  cells: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  policy: SuppressionPolicy,
): Map<string, Shown> => {
  const hidden = new Set<string>();
  for (const [id, value] of cells) if (isPrimary(value, policy)) hidden.add(id);
  const value = (id: string) => cells.get(id) ?? 0;
  let changed = hidden.size > 0;
  while (changed) {
    changed = false;
    for (const r of relations) {
      const members = [r.total, ...r.parts];
      if (members.filter((m) => hidden.has(m)).length !== 1) continue;
      let pick: string | undefined;
      for (const p of r.parts) {
        if (hidden.has(p) || value(p) === 0) continue;
        if (pick === undefined || value(p) < value(pick)) pick = p;
      }
      pick ??= hidden.has(r.total) ? undefined : r.total;
      if (pick === undefined) continue;
      hidden.add(pick);
      changed = true;
    }
  }
  const shown = new Map<string, Shown>();
  for (const [id, v] of cells) shown.set(id, hidden.has(id) ? SUPPRESSED : v);
  return shown;
};

/**
 * A percentage (one decimal place) of two shown figures; suppressed when either is, `null` when the
 * denominator is zero.
 */
export const percentage = (numerator: Shown, denominator: Shown): Shown | null => {
  if (numerator === SUPPRESSED || denominator === SUPPRESSED) return SUPPRESSED;
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
};

/**
 * A statistic over `n` values (a mean cost, a median number of days), shown only when `n` is at least the
 * threshold, so that it describes no fewer children or settings than a count would.
 */
export const statistic = (value: number | null, n: number, policy: SuppressionPolicy): Shown | null => {
  if (n === 0 || value === null) return null;
  return n < policy.threshold ? SUPPRESSED : value;
};
