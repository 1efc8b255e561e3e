import { PLACEMENT_GROUPS, PLACEMENT_TYPES, PlacementTypeCode } from '@placematch/supply';
import { AGE_BANDS, ageBand } from './age';
import { CollectionYear, collectionYear, collectionYearOf, daysBetween } from './dates';
import type { PlacementSpell } from './stability/episodes';
import { SUPPRESSED, Shown, SuppressionPolicy } from './suppression';
import { ALL, CountTable } from './tables';
import type { ShowScope } from './views/breakdowns';

/** The method of {@link forecastDemand}, as the API and the README state it. */
export const FORECAST_METHOD = [
  'Observed demand is every new placement (RNE S, P or B: a new home was needed; a change with the same carers, a legal-status change and a temporary move are not) by placement type group and age band on the day it started, per collection year (1 April to 31 March).',
  'The window is the current collection year (to date) and the years before it, 3 in all by default. Each year is annualised by the days the log covers in it (365 / days covered); a year covered for fewer than 90 days is left out.',
  'The rate of each group and age band is the weighted mean of its annualised counts, weighting years 1, 2, 3 from oldest to newest, times the share of the year covered, so recent and fully observed years count most.',
  'The forecast for the next collection year is that rate, rounded to a whole number per authority; region figures are the sums of their authorities. No trend is extrapolated: three points are too few to tell a trend from noise.',
  'The interval is the forecast plus or minus 1.645 times its square root (a 90% Poisson interval), floored at zero. Counts are suppressed as every other figure (counts 1 to 4, with secondary suppression), and an interval is hidden with its forecast.',
].join(' ');

/** A placement spell with the child's age at its start and the authority responsible: one forecast observation. */
export interface ForecastSpell extends PlacementSpell {
  localAuthority: string;
  childAgeMonths: number;
}

/** How a forecast is made. */
export interface ForecastOptions {
  /** The day the forecast is made on (`YYYY-MM-DD`). */
  asOf: string;
  /** The first day the log covers (the earliest placement start anywhere); nothing before it was observed. */
  observedFrom: string;
  /** Collection years in the window, the current one included; default 3. */
  years?: number;
}

/** An observed year of the window. */
export interface ObservedYear extends CollectionYear {
  daysObserved: number;
  weight: number;
}

/** One group and age band: observed counts per year, the forecast and its interval, as shown. */
export interface ForecastCell {
  placementGroup: string;
  ageBand: string;
  /** Raw (not annualised) counts per year, by the year's end year. */
  observed: Record<string, Shown>;
  forecast: Shown;
  low: Shown;
  high: Shown;
}

/** A forecast as shown. */
export interface ForecastView {
  method: string;
  targetYear: CollectionYear;
  observedYears: ObservedYear[];
  cells: ForecastCell[];
  byPlacementGroup: Omit<ForecastCell, 'ageBand'>[];
  byAgeBand: Omit<ForecastCell, 'placementGroup'>[];
  total: Omit<ForecastCell, 'ageBand' | 'placementGroup'>;
  /** Forecast total per authority when the scope is a region. */
  byLocalAuthority?: Record<string, Shown>;
}

/** True for the start of a placement with a new carer: RNE `S` (into care), `P` or `B` (new placement and carer). */
export const isNewPlacement = (spell: PlacementSpell): boolean =>
  spell.reasonNewEpisode === 'S' || spell.reasonNewEpisode === 'P' || spell.reasonNewEpisode === 'B';

const MIN_DAYS_OBSERVED = 90;

/** The years of the window with the days the log covers in each and their weights (oldest first). */
export const observedYears = (o: ForecastOptions): ObservedYear[] => {
  const current = collectionYearOf(o.asOf).endYear;
  const n = o.years ?? 3;
  const years: ObservedYear[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const y = collectionYear(current - i);
    const from = o.observedFrom > y.start ? o.observedFrom : y.start;
    const to = o.asOf < y.end ? o.asOf : y.end;
    const daysObserved = to < from ? 0 : daysBetween(from, to) + 1;
    if (daysObserved < MIN_DAYS_OBSERVED) continue;
    years.push({ ...y, daysObserved, weight: (n - i) * Math.min(1, daysObserved / 365) });
  }
  return years;
};

const groupOf = (type: string): string =>
  type in PLACEMENT_TYPES ? PLACEMENT_TYPES[type as PlacementTypeCode].group : 'other';

const interval = (f: Shown): { low: Shown; high: Shown } =>
  f === SUPPRESSED
    ? { low: SUPPRESSED, high: SUPPRESSED }
    : { low: Math.max(0, Math.round(f - 1.645 * Math.sqrt(f))), high: Math.round(f + 1.645 * Math.sqrt(f)) };

/**
 * A forecast of next collection year's demand for placements by placement type group and age band, per
 * authority and for the scope, from the rates observed in the log ({@link FORECAST_METHOD}).
 */
export const forecastDemand = (
  spells: readonly ForecastSpell[],
  areas: readonly string[],
  show: ShowScope,
  policy: SuppressionPolicy,
  o: ForecastOptions,
): ForecastView => {
  const years = observedYears(o);
  const table = new CountTable(areas);
  const area = new Set(areas);
  const cellKey = (prefix: string, g: string, band: string) => `${prefix}:${g}:${band}`;
  const declare = (prefix: string) => {
    const cells = PLACEMENT_GROUPS.flatMap((g) => AGE_BANDS.map((band) => cellKey(prefix, g, band)));
    table.relate(prefix, cells);
    for (const g of PLACEMENT_GROUPS) {
      table.relate(
        cellKey(prefix, g, '*'),
        AGE_BANDS.map((band) => cellKey(prefix, g, band)),
      );
    }
    for (const band of AGE_BANDS) {
      table.relate(
        cellKey(prefix, '*', band),
        PLACEMENT_GROUPS.map((g) => cellKey(prefix, g, band)),
      );
    }
  };
  for (const y of years) declare(`observed:${y.endYear}`);
  declare('forecast');

  // Raw counts per authority, year, group and band.
  const counts = new Map<string, number>();
  for (const s of spells) {
    if (!area.has(s.localAuthority) || !isNewPlacement(s)) continue;
    const y = years.find((x) => s.startedOn >= x.start && s.startedOn <= x.end && s.startedOn <= o.asOf);
    if (!y) continue;
    const g = groupOf(s.placementType);
    const band = ageBand(s.childAgeMonths);
    const add = (key: string) => table.add(key, s.localAuthority);
    add(cellKey(`observed:${y.endYear}`, g, band));
    add(cellKey(`observed:${y.endYear}`, g, '*'));
    add(cellKey(`observed:${y.endYear}`, '*', band));
    add(`observed:${y.endYear}`);
    const k = `${s.localAuthority}|${y.endYear}|${g}|${band}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const totalWeight = years.reduce((s, y) => s + y.weight, 0);
  for (const la of areas) {
    for (const g of PLACEMENT_GROUPS) {
      for (const band of AGE_BANDS) {
        if (totalWeight === 0) continue;
        const rate =
          years.reduce(
            (s, y) =>
              s + y.weight * (((counts.get(`${la}|${y.endYear}|${g}|${band}`) ?? 0) * 365) / y.daysObserved),
            0,
          ) / totalWeight;
        const f = Math.round(rate);
        if (f === 0) continue;
        table.add(cellKey('forecast', g, band), la, f);
        table.add(cellKey('forecast', g, '*'), la, f);
        table.add(cellKey('forecast', '*', band), la, f);
        table.add('forecast', la, f);
      }
    }
  }

  const shown = table.suppressed(policy);
  const where = show.kind === 'authority' ? show.localAuthority : ALL;
  const line = (g: string, band: string) => {
    const observed: Record<string, Shown> = {};
    for (const y of years) {
      observed[String(y.endYear)] =
        g === '*' && band === '*'
          ? shown.get(`observed:${y.endYear}`, where)
          : shown.get(cellKey(`observed:${y.endYear}`, g, band), where);
    }
    const forecast =
      g === '*' && band === '*'
        ? shown.get('forecast', where)
        : shown.get(cellKey('forecast', g, band), where);
    return { observed, forecast, ...interval(forecast) };
  };
  return {
    method: FORECAST_METHOD,
    targetYear: collectionYear(collectionYearOf(o.asOf).endYear + 1),
    observedYears: years,
    cells: PLACEMENT_GROUPS.flatMap((g) =>
      AGE_BANDS.map((band) => ({ placementGroup: g, ageBand: band, ...line(g, band) })),
    ),
    byPlacementGroup: PLACEMENT_GROUPS.map((g) => ({ placementGroup: g, ...line(g, '*') })),
    byAgeBand: AGE_BANDS.map((band) => ({ ageBand: band, ...line('*', band) })),
    total: line('*', '*'),
    ...(show.kind === 'all' && {
      byLocalAuthority: Object.fromEntries(areas.map((la) => [la, shown.get('forecast', la)])),
    }),
  };
};
