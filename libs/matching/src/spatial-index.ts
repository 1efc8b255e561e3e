import { DFE_KM_PER_MILE, GridRef, distanceMetres, distanceMiles } from '@placematch/geo';
import type { SettingColumns } from './columns';
import { NodeSummaries } from './summaries';
import type { SettingFacts, SupplyView } from './supply-view';

/** Metres in a mile as the DfE distance formula counts them (1.6093 km), so bounds agree with its figures. */
export const METRES_PER_DFE_MILE = DFE_KM_PER_MILE * 1000;

/** The side of a bucket of the default index: 10 km, so a 20-mile circle touches about 30 buckets. */
export const DEFAULT_CELL_METRES = 10_000;

// The National Grid covers Great Britain within these bounds (metres from the false origin).
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;

/** A setting found near a point, with its DfE distance in miles (one decimal place). */
export interface NearbySetting {
  settingId: string;
  miles: number;
}

/**
 * Why an open setting held by the index cannot be matched now, in the order the search's rules check it:
 * its provider is not admitting (M-48), it has no approval terms, or it has no open place.
 *
 * @internal
 */
export const UNAVAILABLE = ['provider-not-admitting', 'not-approved', 'no-vacancy'] as const;

/**
 * Visits one bucket: the slots (in the view's columns) of its settings that can be matched now, a lower bound of
 * the distance from the centre to any setting in it, and the bucket's number (for {@link SpatialIndex.unavailable}).
 *
 * @internal the search's hook into the index.
 */
export type CellVisitor = (slots: readonly number[], minMetres: number, cell: number) => void;

/** Buckets on a side of a block: a search first weighs blocks of 8 x 8 buckets (80 km with the default buckets). */
export const BLOCK_SIDE = 8;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const NONE: readonly number[] = [];

/**
 * A uniform grid of square buckets over the National Grid holding every open, located setting of a
 * {@link SupplyView}, kept current through the view's listener as settings register, move, open or fill places,
 * close, and as their providers' admissions stop and restart. Each bucket lists the settings that can be matched
 * now (provider admitting, approved, a place open) and only counts the others, by reason, so a search reads
 * the few that matter and still knows why the rest were left out. Buckets are visited in rings of increasing
 * distance from a point, so a search can stop as soon as nothing further away could matter.
 *
 * Buckets are grouped in blocks of {@link BLOCK_SIDE} x {@link BLOCK_SIDE}, and every bucket and block (a "node")
 * keeps a summary of the matchable settings under it ({@link NodeSummaries}: the box they lie in, the authorities
 * present, the best Ofsted judgement and cost, unions of their approvals and specialisms), which a search turns
 * into the best total any setting there could reach and so leaves out whole blocks and buckets. A summary is
 * never below its settings: a change widens it at once, and once the changes since it was built outnumber its
 * settings by 8 (a block's by 64) it is rebuilt from them, so it stays close and an update costs O(1) amortised.
 * A ring query costs O(buckets in the rings visited + matchable settings in them).
 */
export class SpatialIndex {
  private readonly cols: number;
  private readonly rows: number;
  private readonly cells: (number[] | undefined)[];
  /** Per bucket and reason in {@link UNAVAILABLE}, how many settings there cannot be matched now. */
  private readonly unavailableCounts: Int32Array;
  /** Per slot: the bucket holding it (-1: none), why it is unavailable (-1: it is matchable), its position. */
  private readonly cellOfSlot: number[] = [];
  private readonly reasonOfSlot: number[] = [];
  private readonly posOfSlot: number[] = [];
  private held = 0;
  /** Per reason in {@link UNAVAILABLE}, how many settings held cannot be matched now. */
  private readonly unavailableTotals = new Int32Array(UNAVAILABLE.length);
  private readonly columns: SettingColumns;
  private readonly unsubscribe: () => void;
  /** Blocks across and down. */
  private readonly blockCols: number;
  private readonly blockRows: number;
  /** The number of the first block node: buckets are nodes 0 to `firstBlock - 1`, blocks the rest. */
  readonly firstBlock: number;
  /**
   * Per node (bucket, then block), what its matchable settings could at best offer a search.
   *
   * @internal read by the search; written only by the index.
   */
  readonly summaries: NodeSummaries;
  private readonly scratch = new Int32Array(BLOCK_SIDE * BLOCK_SIDE);

  private constructor(
    /** The view this index follows. */
    readonly view: SupplyView,
    /** The side of a bucket in metres. */
    readonly cellMetres: number,
  ) {
    this.cols = Math.floor(MAX_EASTING / cellMetres) + 1;
    this.rows = Math.floor(MAX_NORTHING / cellMetres) + 1;
    this.cells = new Array(this.cols * this.rows);
    this.unavailableCounts = new Int32Array(this.cols * this.rows * UNAVAILABLE.length);
    this.blockCols = Math.ceil(this.cols / BLOCK_SIDE);
    this.blockRows = Math.ceil(this.rows / BLOCK_SIDE);
    this.firstBlock = this.cols * this.rows;
    this.summaries = new NodeSummaries(this.firstBlock + this.blockCols * this.blockRows);
    this.columns = view.columns;
    for (const s of view.allSettings()) this.update(s);
    this.unsubscribe = view.subscribe((s) => this.update(s));
  }

  /**
   * Builds the index of a view's settings and keeps it current as the view changes.
   *
   * @param options.cellMetres the side of a bucket (default {@link DEFAULT_CELL_METRES}), from 1 km to 100 km.
   */
  static forView(view: SupplyView, options: { cellMetres?: number } = {}): SpatialIndex {
    const cellMetres = options.cellMetres ?? DEFAULT_CELL_METRES;
    if (!Number.isFinite(cellMetres) || cellMetres < 1_000 || cellMetres > 100_000) {
      throw new RangeError('cellMetres is from 1,000 to 100,000');
    }
    return new SpatialIndex(view, cellMetres);
  }

  /** Stops following the view (the index keeps what it holds). */
  detach(): void {
    this.unsubscribe();
  }

  /** Settings held. */
  get size(): number {
    return this.held;
  }

  /** True when the setting is held (open and located, matchable now or not). */
  has(settingId: string): boolean {
    const s = this.view.facts(settingId);
    return s !== undefined && (this.cellOfSlot[s.slot] ?? -1) >= 0;
  }

  /**
   * How many settings of a bucket cannot be matched now for one reason (the index of the reason in
   * {@link UNAVAILABLE}).
   *
   * @internal
   */
  unavailable(cell: number, reason: number): number {
    return this.unavailableCounts[cell * UNAVAILABLE.length + reason];
  }

  /**
   * How many settings held cannot be matched now for one reason, over the whole index.
   *
   * @internal
   */
  unavailableTotal(reason: number): number {
    return this.unavailableTotals[reason];
  }

  /**
   * The slots of the settings of a bucket that can be matched now.
   *
   * @internal
   */
  listed(cell: number): readonly number[] {
    return this.cells[cell] ?? NONE;
  }

  /**
   * Writes the numbers of the buckets of a block that list a matchable setting into `out`; returns how many.
   *
   * @internal
   */
  bucketsOf(block: number, out: Int32Array): number {
    const b = block - this.firstBlock;
    const x0 = (b % this.blockCols) * BLOCK_SIDE;
    const y0 = Math.floor(b / this.blockCols) * BLOCK_SIDE;
    const x1 = Math.min(this.cols, x0 + BLOCK_SIDE);
    const y1 = Math.min(this.rows, y0 + BLOCK_SIDE);
    const count = this.summaries.count;
    let k = 0;
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) {
        const cell = y * this.cols + x;
        if (count[cell] > 0) {
          out[k] = cell;
          k += 1;
        }
      }
    }
    return k;
  }

  private blockOf(cell: number): number {
    const x = cell % this.cols;
    const y = Math.floor(cell / this.cols);
    return this.firstBlock + Math.floor(y / BLOCK_SIDE) * this.blockCols + Math.floor(x / BLOCK_SIDE);
  }

  /** A matchable setting joined a bucket: widen its summaries. */
  private joined(cell: number, s: SettingFacts): void {
    const sums = this.summaries;
    const block = this.blockOf(cell);
    sums.count[cell] += 1;
    sums.count[block] += 1;
    sums.addSetting(cell, this.columns, s);
    sums.addSetting(block, this.columns, s);
  }

  /** A matchable setting stayed in its bucket but its facts may have changed: widen, and note the change. */
  private changed(cell: number, s: SettingFacts): void {
    const sums = this.summaries;
    const block = this.blockOf(cell);
    sums.addSetting(cell, this.columns, s);
    sums.addSetting(block, this.columns, s);
    this.aged(cell, block);
  }

  /** A matchable setting left a bucket: its summaries may now be above the rest, which is safe; note it. */
  private left(cell: number): void {
    const sums = this.summaries;
    const block = this.blockOf(cell);
    sums.count[cell] -= 1;
    sums.count[block] -= 1;
    this.aged(cell, block);
  }

  private aged(cell: number, block: number): void {
    const sums = this.summaries;
    sums.stale[cell] += 1;
    sums.stale[block] += 1;
    if (sums.count[cell] === 0 || sums.stale[cell] > sums.count[cell] + 8) {
      sums.clear(cell);
      for (const slot of this.cells[cell] ?? NONE)
        sums.addSetting(cell, this.columns, this.view.factsAt(slot));
      sums.stale[cell] = 0;
    }
    if (sums.count[block] === 0 || sums.stale[block] > sums.count[block] + 64) {
      sums.clear(block);
      const k = this.bucketsOf(block, this.scratch);
      for (let i = 0; i < k; i += 1) sums.addNode(block, this.scratch[i]);
      sums.stale[block] = 0;
    }
  }

  private cellOf(easting: number, northing: number): number {
    const x = Math.min(this.cols - 1, Math.max(0, Math.floor(easting / this.cellMetres)));
    const y = Math.min(this.rows - 1, Math.max(0, Math.floor(northing / this.cellMetres)));
    return y * this.cols + x;
  }

  private update(s: SettingFacts): void {
    const slot = s.slot;
    const currentCell = this.cellOfSlot[slot] ?? -1;
    const currentReason = this.reasonOfSlot[slot] ?? -1;
    const targetCell = s.indexable ? this.cellOf(s.easting, s.northing) : -1;
    // The same order as the search's first three rules, so the counts agree with checking each setting.
    const targetReason =
      s.provider === null || !s.provider.admitting ? 0 : s.terms === null ? 1 : s.openPlaces === 0 ? 2 : -1;
    if (currentCell === targetCell && currentReason === targetReason) {
      // Still matchable in the same bucket: whatever changed (places, approval, household, cost, judgement) must
      // be covered by the summaries.
      if (targetCell >= 0 && targetReason < 0) this.changed(targetCell, s);
      return;
    }
    if (currentCell >= 0) {
      this.held -= 1;
      if (currentReason >= 0) {
        this.unavailableCounts[currentCell * UNAVAILABLE.length + currentReason] -= 1;
        this.unavailableTotals[currentReason] -= 1;
      } else {
        const cell = this.cells[currentCell] as number[];
        const at = this.posOfSlot[slot];
        // Swap with the last: order inside a bucket carries no meaning (the search breaks ties by id).
        const moved = cell[cell.length - 1];
        cell[at] = moved;
        this.posOfSlot[moved] = at;
        cell.pop();
        if (cell.length === 0) this.cells[currentCell] = undefined;
        this.left(currentCell);
      }
    }
    this.cellOfSlot[slot] = targetCell;
    this.reasonOfSlot[slot] = targetReason;
    if (targetCell < 0) return;
    this.held += 1;
    if (targetReason >= 0) {
      this.unavailableCounts[targetCell * UNAVAILABLE.length + targetReason] += 1;
      this.unavailableTotals[targetReason] += 1;
      return;
    }
    let cell = this.cells[targetCell];
    if (!cell) {
      cell = [];
      this.cells[targetCell] = cell;
    }
    this.posOfSlot[slot] = cell.length;
    cell.push(slot);
    this.joined(targetCell, s);
  }

  /**
   * Visits the buckets holding settings in rings of increasing distance from `centre`. Before each ring `stop` is
   * asked with a lower bound (metres) of the distance to anything in it or beyond; the walk ends when it says
   * true.
   *
   * @internal the search's hook into the index.
   */
  visit(centre: GridRef, visitor: CellVisitor, stop: (ringMinMetres: number) => boolean = () => false): void {
    const cs = this.cellMetres;
    const cx = Math.min(this.cols - 1, Math.max(0, Math.floor(centre.easting / cs)));
    const cy = Math.min(this.rows - 1, Math.max(0, Math.floor(centre.northing / cs)));
    const ox = Math.min(cs, Math.max(0, centre.easting - cx * cs));
    const oy = Math.min(cs, Math.max(0, centre.northing - cy * cs));
    const edge = Math.min(ox, cs - ox, oy, cs - oy);
    const maxRing = Math.max(cx, this.cols - 1 - cx, cy, this.rows - 1 - cy);
    const visitCell = (x: number, y: number) => {
      if (x < 0 || y < 0 || x >= this.cols || y >= this.rows) return;
      const at = y * this.cols + x;
      const counts = at * UNAVAILABLE.length;
      const cell = this.cells[at] ?? NONE;
      if (
        cell.length === 0 &&
        this.unavailableCounts[counts] === 0 &&
        this.unavailableCounts[counts + 1] === 0 &&
        this.unavailableCounts[counts + 2] === 0
      ) {
        return;
      }
      // Distance from the centre to the nearest point of the bucket's square.
      const x0 = x * cs;
      const y0 = y * cs;
      const dx =
        centre.easting < x0 ? x0 - centre.easting : centre.easting > x0 + cs ? centre.easting - x0 - cs : 0;
      const dy =
        centre.northing < y0
          ? y0 - centre.northing
          : centre.northing > y0 + cs
            ? centre.northing - y0 - cs
            : 0;
      visitor(cell, Math.sqrt(dx * dx + dy * dy), at);
    };
    for (let r = 0; r <= maxRing; r += 1) {
      // Every bucket of ring r is at least r-1 whole buckets plus the centre's gap to its own bucket's edge away.
      if (stop(r === 0 ? 0 : (r - 1) * cs + edge)) return;
      if (r === 0) {
        visitCell(cx, cy);
        continue;
      }
      for (let x = cx - r; x <= cx + r; x += 1) {
        visitCell(x, cy - r);
        visitCell(x, cy + r);
      }
      for (let y = cy - r + 1; y <= cy + r - 1; y += 1) {
        visitCell(cx - r, y);
        visitCell(cx + r, y);
      }
    }
  }

  /**
   * Settings that can be matched now (provider admitting, approved, a place open) whose DfE distance from
   * `centre` is at most `miles`, nearest first (ties by id).
   */
  withinMiles(centre: GridRef, miles: number): NearbySetting[] {
    // A distance rounds to one decimal place, so anything under miles + 0.05 may still report as `miles`.
    const limit = (miles + 0.05) * METRES_PER_DFE_MILE;
    const found: NearbySetting[] = [];
    const point = { easting: 0, northing: 0 };
    this.visit(
      centre,
      (cell, minMetres) => {
        if (minMetres > limit) return;
        for (const slot of cell) {
          point.easting = this.columns.easting[slot];
          point.northing = this.columns.northing[slot];
          const d = distanceMiles(centre, point);
          if (d <= miles) found.push({ settingId: this.view.factsAt(slot).settingId, miles: d });
        }
      },
      (ringMin) => ringMin > limit,
    );
    return found.sort((a, b) => a.miles - b.miles || byId(a.settingId, b.settingId));
  }

  /** The `k` settings that can be matched now nearest to `centre` (straight line; ties by id), nearest first. */
  nearest(centre: GridRef, k: number): NearbySetting[] {
    if (!(k > 0)) return [];
    const best: { s: SettingFacts; metres: number }[] = [];
    const worse = (a: { s: SettingFacts; metres: number }, b: { s: SettingFacts; metres: number }) =>
      a.metres - b.metres || byId(a.s.settingId, b.s.settingId);
    this.visit(
      centre,
      (cell, minMetres) => {
        if (best.length === k && minMetres > best[k - 1].metres) return;
        for (const slot of cell) {
          const s = this.view.factsAt(slot);
          const entry = { s, metres: distanceMetres(centre, s) };
          if (best.length === k && worse(entry, best[k - 1]) >= 0) continue;
          let i = best.length;
          while (i > 0 && worse(entry, best[i - 1]) < 0) i -= 1;
          best.splice(i, 0, entry);
          if (best.length > k) best.pop();
        }
      },
      (ringMin) => best.length === k && ringMin > best[k - 1].metres,
    );
    return best.map(({ s }) => ({ settingId: s.settingId, miles: distanceMiles(centre, s) }));
  }
}
