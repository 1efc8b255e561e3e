import { percentage, Shown, SUPPRESSED, SuppressionPolicy } from '../suppression';
import { ALL, CountTable, SuppressedTable } from '../tables';

/** One breakdown of a population: the categories a count is split into. */
export interface BreakdownDef {
  /** Stable id, unique in its view, such as `urgency`. */
  id: string;
  /** What the categories are, in words. */
  dimension: string;
  /** The key of the population counted (such as `requests`); its figure is the breakdown's `total`. */
  population: string;
  /** What one counted thing is: `requests`, `children`, `placements`, `settings`. */
  unit: string;
  /** Category codes in the order shown. */
  categories: readonly string[];
  /**
   * True when every member of the population is in exactly one category, so the categories add up to the
   * total (and suppression must stop a hidden one from being worked out); false when a member can be in
   * several or none (disabilities, risks).
   */
  additive: boolean;
}

/** A breakdown as shown: suppressed figures for the scope, and for each authority when the scope is a region. */
export interface ShownBreakdown {
  id: string;
  dimension: string;
  unit: string;
  additive: boolean;
  categories: string[];
  /** Each category's figure and the `total`, for the whole scope (or the one authority asked for). */
  figures: Record<string, Shown>;
  /** The same for each authority of the scope, by ONS code; absent when one authority was asked for. */
  byLocalAuthority?: Record<string, Record<string, Shown>>;
}

/** A share as shown: a percentage of two figures of the same view. */
export interface ShownShare {
  id: string;
  description: string;
  /** Percentage to one decimal place; `c` when either figure is suppressed; `null` when there is nothing to divide. */
  percentage: Shown | null;
  byLocalAuthority?: Record<string, Shown | null>;
}

/** A statistic (a mean, a median) shown only over enough values (see `statistic`). */
export interface ShownStatistic {
  id: string;
  description: string;
  unit: string;
  value: Shown | null;
  byLocalAuthority?: Record<string, Shown | null>;
}

/** The key of one category of a breakdown. */
export const categoryKey = (breakdown: string, category: string): string => `${breakdown}:${category}`;

/** Builds a view's breakdowns over one {@link CountTable}: define, count, then show. */
export class Breakdowns {
  private readonly defs: BreakdownDef[] = [];

  constructor(readonly table: CountTable) {}

  /** Adds a breakdown (its category cells start at zero) and, when additive, its relation to the population. */
  define(def: BreakdownDef): this {
    if (this.defs.some((d) => d.id === def.id)) throw new Error(`Two breakdowns named ${def.id}`);
    this.defs.push(def);
    const keys = def.categories.map((c) => categoryKey(def.id, c));
    this.table.ensure(def.population, ...keys);
    if (def.additive) this.table.relate(def.population, keys);
    return this;
  }

  /** Counts one member of a breakdown's population in `area` under `category` (or several, when not additive). */
  count(id: string, area: string, category: string | readonly string[]): this {
    const def = this.def(id);
    const categories = typeof category === 'string' ? [category] : category;
    for (const c of categories) {
      if (!def.categories.includes(c)) throw new Error(`${c} is not a category of ${id}`);
      this.table.add(categoryKey(id, c), area);
    }
    return this;
  }

  /** The definitions, in order. */
  definitions(): readonly BreakdownDef[] {
    return this.defs;
  }

  private def(id: string): BreakdownDef {
    const def = this.defs.find((d) => d.id === id);
    if (!def) throw new Error(`No breakdown named ${id}`);
    return def;
  }
}

/** What is shown: one authority of the table, or the whole scope with a row per authority. */
export type ShowScope = { kind: 'authority'; localAuthority: string } | { kind: 'all' };

const row = (table: SuppressedTable, def: BreakdownDef, area: string): Record<string, Shown> => {
  const figures: Record<string, Shown> = {};
  for (const c of def.categories) figures[c] = table.get(categoryKey(def.id, c), area);
  figures.total = table.get(def.population, area);
  return figures;
};

/** Shows every breakdown of a view from its suppressed table. */
export const showBreakdowns = (
  table: SuppressedTable,
  defs: readonly BreakdownDef[],
  scope: ShowScope,
): ShownBreakdown[] =>
  defs.map((def) => {
    const base = {
      id: def.id,
      dimension: def.dimension,
      unit: def.unit,
      additive: def.additive,
      categories: [...def.categories],
    };
    if (scope.kind === 'authority') return { ...base, figures: row(table, def, scope.localAuthority) };
    return {
      ...base,
      figures: row(table, def, ALL),
      byLocalAuthority: Object.fromEntries(table.areas.map((a) => [a, row(table, def, a)])),
    };
  });

/** Shows the share `numerator / denominator` (two keys of the table) for the scope and each authority. */
export const showShare = (
  table: SuppressedTable,
  id: string,
  description: string,
  numerator: string,
  denominator: string,
  scope: ShowScope,
): ShownShare => {
  const at = (area: string) => percentage(table.get(numerator, area), table.get(denominator, area));
  if (scope.kind === 'authority') return { id, description, percentage: at(scope.localAuthority) };
  return {
    id,
    description,
    percentage: at(ALL),
    byLocalAuthority: Object.fromEntries(table.areas.map((a) => [a, at(a)])),
  };
};

/** Values of a statistic per area, and for the scope, before they are shown. */
export interface StatisticValues {
  /** The values per area; the scope's value is computed over all of them. */
  byArea: ReadonlyMap<string, readonly number[]>;
  /** Mean or median. */
  reduce: (values: readonly number[]) => number;
}

/** The arithmetic mean, rounded to a whole number. */
export const mean = (values: readonly number[]): number =>
  Math.round(values.reduce((s, v) => s + v, 0) / values.length);

/** The median (the mean of the middle two for an even count), to one decimal place. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 10) / 10;
};

/** Shows a statistic: a value over fewer values than the threshold is suppressed (see `statistic`). */
export const showStatistic = (
  id: string,
  description: string,
  unit: string,
  values: StatisticValues,
  areas: readonly string[],
  scope: ShowScope,
  policy: SuppressionPolicy,
): ShownStatistic => {
  const at = (list: readonly number[]): Shown | null =>
    list.length === 0 ? null : list.length < policy.threshold ? SUPPRESSED : values.reduce(list);
  if (scope.kind === 'authority') {
    return { id, description, unit, value: at(values.byArea.get(scope.localAuthority) ?? []) };
  }
  const all = areas.flatMap((a) => values.byArea.get(a) ?? []);
  return {
    id,
    description,
    unit,
    value: at(all),
    byLocalAuthority: Object.fromEntries(areas.map((a) => [a, at(values.byArea.get(a) ?? [])])),
  };
};
