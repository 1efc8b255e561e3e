import type { ForecastView } from './forecast';
import type { Shown } from './suppression';
import type { SectionView } from './views/view';

/** Who and what a sufficiency statement covers. */
export interface StatementScope {
  /** The region, or `null` for every authority an operator sees. */
  region: string | null;
  /** The one authority asked for, or `null` for the whole scope. */
  localAuthority: string | null;
  /** The authorities of the scope. */
  localAuthorities: string[];
}

/** The figures of a sufficiency statement: every view, suppressed, with how they were made. */
export interface SufficiencyStatement {
  /** ISO instant. */
  generatedAt: string;
  scope: StatementScope;
  period: { from: string; to: string; stabilityYear: { start: string; end: string } };
  suppression: { threshold: number; marker: string; method: string };
  demand: SectionView;
  supply: SectionView;
  gaps: SectionView;
  outcomes: SectionView;
  forecast: ForecastView;
}

/** The columns of the CSV export, in order. */
export const SUFFICIENCY_CSV_COLUMNS = [
  'section',
  'kind',
  'id',
  'dimension',
  'unit',
  'area',
  'category',
  'value',
] as const;

const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@\t\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

type Row = [string, string, string, string, string, string, string, Shown | null];

const sectionRows = (name: string, view: SectionView, scopeArea: string): Row[] => {
  const rows: Row[] = [];
  for (const b of view.breakdowns) {
    const emit = (area: string, figures: Record<string, Shown>) => {
      for (const c of [...b.categories, 'total']) {
        rows.push([name, 'count', b.id, b.dimension, b.unit, area, c, figures[c]]);
      }
    };
    emit(scopeArea, b.figures);
    for (const [la, figures] of Object.entries(b.byLocalAuthority ?? {})) emit(la, figures);
  }
  for (const s of view.shares) {
    rows.push([name, 'share', s.id, s.description, 'percent', scopeArea, 'percentage', s.percentage]);
    for (const [la, v] of Object.entries(s.byLocalAuthority ?? {})) {
      rows.push([name, 'share', s.id, s.description, 'percent', la, 'percentage', v]);
    }
  }
  for (const s of view.statistics) {
    rows.push([name, 'statistic', s.id, s.description, s.unit, scopeArea, 'value', s.value]);
    for (const [la, v] of Object.entries(s.byLocalAuthority ?? {})) {
      rows.push([name, 'statistic', s.id, s.description, s.unit, la, 'value', v]);
    }
  }
  return rows;
};

const forecastRows = (f: ForecastView, scopeArea: string): Row[] => {
  const rows: Row[] = [];
  const dimension = `Placements in the year ${f.targetYear.start} to ${f.targetYear.end}`;
  for (const c of f.cells) {
    const category = `${c.placementGroup}/${c.ageBand}`;
    for (const [year, v] of Object.entries(c.observed)) {
      rows.push([
        'forecast',
        'observed',
        `observed:${year}`,
        `New placements in the year ending 31 March ${year}`,
        'placements',
        scopeArea,
        category,
        v,
      ]);
    }
    rows.push(['forecast', 'forecast', 'forecast', dimension, 'placements', scopeArea, category, c.forecast]);
    rows.push(['forecast', 'forecast', 'forecast-low', dimension, 'placements', scopeArea, category, c.low]);
    rows.push([
      'forecast',
      'forecast',
      'forecast-high',
      dimension,
      'placements',
      scopeArea,
      category,
      c.high,
    ]);
  }
  rows.push([
    'forecast',
    'forecast',
    'forecast',
    dimension,
    'placements',
    scopeArea,
    'total',
    f.total.forecast,
  ]);
  for (const [la, v] of Object.entries(f.byLocalAuthority ?? {})) {
    rows.push(['forecast', 'forecast', 'forecast', dimension, 'placements', la, 'total', v]);
  }
  return rows;
};

/**
 * The statement as CSV, one figure a line (long format, RFC 4180 quoting; a cell that a spreadsheet would read
 * as a formula is quoted). `area` is the authority's ONS code, or the scope (`region:<slug>`, `all`, or the one
 * authority asked for). Suppressed figures read `c`, as in DfE tables.
 */
export const sufficiencyCsv = (s: SufficiencyStatement): string => {
  const lines = [SUFFICIENCY_CSV_COLUMNS.join(','), ...statementRows(s).map((r) => r.map(cell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
};

const statementRows = (s: SufficiencyStatement): Row[] => {
  const scopeArea = s.scope.localAuthority ?? (s.scope.region === null ? 'all' : `region:${s.scope.region}`);
  return [
    ...sectionRows('demand', s.demand, scopeArea),
    ...sectionRows('supply', s.supply, scopeArea),
    ...sectionRows('gaps', s.gaps, scopeArea),
    ...sectionRows('outcomes', s.outcomes, scopeArea),
    ...forecastRows(s.forecast, scopeArea),
  ];
};

/** The columns of the CSV export of a series of dated statements: `date`, then {@link SUFFICIENCY_CSV_COLUMNS}. */
export const SUFFICIENCY_SERIES_CSV_COLUMNS = ['date', ...SUFFICIENCY_CSV_COLUMNS] as const;

/**
 * A series of statements (the nightly sufficiency snapshots) as one CSV: the lines of {@link sufficiencyCsv} for
 * each statement, each led by the statement's date, in the order given.
 */
export const sufficiencySeriesCsv = (
  series: readonly { date: string; statement: SufficiencyStatement }[],
): string => {
  const lines = [
    SUFFICIENCY_SERIES_CSV_COLUMNS.join(','),
    ...series.flatMap(({ date, statement }) =>
      statementRows(statement).map((r) => [date, ...r].map(cell).join(',')),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
};
