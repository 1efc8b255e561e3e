import { Relation, Shown, SuppressionPolicy, suppress } from './suppression';

/** The area key of a whole scope (a region, or every authority an operator sees): the sum of its authorities. */
export const ALL = '*';

/** The id of a count cell: a key (what is counted) in an area (an authority's ONS code, or {@link ALL}). */
export const cellId = (key: string, area: string): string => `${key}@${area}`;

/**
 * Counts keyed by what is counted and by area, with the relations among them, ready for {@link suppress}.
 * Every key exists in every area (zero when nothing was counted), each key's {@link ALL} cell is the sum of its
 * authorities' cells, and `relate` adds "this key is the sum of those keys" within every area.
 */
export class CountTable {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly relations: { total: string; parts: string[] }[] = [];

  constructor(readonly areas: readonly string[]) {}

  /** Makes sure the keys exist (as zeros) so that they are shown and take part in relations. */
  ensure(...keys: string[]): this {
    for (const key of keys) {
      if (!this.counts.has(key)) this.counts.set(key, new Map(this.areas.map((a) => [a, 0])));
    }
    return this;
  }

  /** Adds `n` (default 1) to `key` in `area`; an area outside the table is a programming error. */
  add(key: string, area: string, n = 1): this {
    this.ensure(key);
    const row = this.counts.get(key)!;
    if (!row.has(area)) throw new Error(`Area ${area} is not in this table`);
    row.set(area, row.get(area)! + n);
    return this;
  }

  /** The count of `key` in `area` (or in {@link ALL}). */
  get(key: string, area: string = ALL): number {
    const row = this.counts.get(key);
    if (!row) return 0;
    if (area !== ALL) return row.get(area) ?? 0;
    let sum = 0;
    for (const v of row.values()) sum += v;
    return sum;
  }

  /**
   * Declares that `total` is the sum of `parts` in every area. Checked when the cells are taken (counts may be
   * added after this): a relation that does not hold is a programming error.
   */
  relate(total: string, parts: readonly string[]): this {
    this.ensure(total, ...parts);
    this.relations.push({ total, parts: [...parts] });
    return this;
  }

  /** The cells and every relation among them (within areas, and each key's authorities adding up to its total). */
  cells(): { cells: Map<string, number>; relations: Relation[] } {
    for (const r of this.relations) {
      for (const area of this.areas) {
        const sum = r.parts.reduce((s, p) => s + this.get(p, area), 0);
        if (sum !== this.get(r.total, area)) {
          throw new Error(
            `${r.total} in ${area} is ${this.get(r.total, area)}, but its parts add up to ${sum}`,
          );
        }
      }
    }
    const cells = new Map<string, number>();
    const relations: Relation[] = [];
    for (const key of this.counts.keys()) {
      for (const area of this.areas) cells.set(cellId(key, area), this.get(key, area));
      cells.set(cellId(key, ALL), this.get(key));
      if (this.areas.length > 0) {
        relations.push({ total: cellId(key, ALL), parts: this.areas.map((a) => cellId(key, a)) });
      }
    }
    for (const area of [...this.areas, ALL]) {
      for (const r of this.relations) {
        relations.push({ total: cellId(r.total, area), parts: r.parts.map((p) => cellId(p, area)) });
      }
    }
    return { cells, relations };
  }

  /** The suppressed figures of every cell. */
  suppressed(policy: SuppressionPolicy): SuppressedTable {
    const { cells, relations } = this.cells();
    return new SuppressedTable(suppress(cells, relations, policy), this.areas);
  }
}

/** The figures of a {@link CountTable} after suppression: what may be shown. */
export class SuppressedTable {
  constructor(
    private readonly shown: ReadonlyMap<string, Shown>,
    readonly areas: readonly string[],
  ) {}

  /** The shown figure of `key` in `area` (or in {@link ALL}); a key never counted reads as 0. */
  get(key: string, area: string = ALL): Shown {
    return this.shown.get(cellId(key, area)) ?? 0;
  }
}
