import type { SuppressionPolicy } from '../suppression';
import type { ShowScope, ShownBreakdown, ShownShare, ShownStatistic } from './breakdowns';

/** What every commissioning view shows: suppressed breakdowns, shares and statistics. Never a child-level row. */
export interface SectionView {
  breakdowns: ShownBreakdown[];
  shares: ShownShare[];
  statistics: ShownStatistic[];
}

/** How a view is cut: the authorities of the scope (each a row), what is shown of them, and the suppression policy. */
export interface ViewOptions {
  /** ONS codes of the authorities in the scope (a region's, or every one an operator sees). */
  areas: readonly string[];
  /** The whole scope, or one authority of it (cut from the same suppressed table). */
  show: ShowScope;
  policy: SuppressionPolicy;
}

/** True when `area` is one of the scope's authorities (facts about others are left out). */
export const inAreas = (areas: readonly string[]) => {
  const set = new Set(areas);
  return (area: string) => set.has(area);
};
