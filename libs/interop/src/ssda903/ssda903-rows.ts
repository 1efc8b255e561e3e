import {
  CIN_CATEGORY_CODE_LIST,
  GENDER_CODE_LIST,
  LEGAL_STATUS_CODE_LIST,
  REASON_EPISODE_CEASED_CODE_LIST,
  REASON_NEW_EPISODE_CODE_LIST,
  REASON_PLACE_CHANGE_CODE_LIST,
} from '@placematch/placements';
import type { GenderCode, HistoricEpisode } from '@placematch/placements';
import {
  ETHNICITY_CODE_LIST,
  PLACEMENT_TYPE_CODES,
  PLACE_PROVIDER_CODE_LIST,
  URN_NOT_APPLICABLE,
  isOfstedUrn,
} from '@placematch/supply';
import type { EthnicityCode } from '@placematch/supply';
import type { CsvRecord } from '../csv';
import { shown } from '../ofsted/ofsted-row';
import type { EpisodesColumn, HeaderColumn, Ssda903Columns, Ssda903File } from './ssda903-columns';
import { parseReturnDate, returnPostcodeSector } from './ssda903-values';

/** A good row of the Header file. */
export interface HeaderRow {
  /** The line the row starts on (the header line is line 1). */
  readonly line: number;
  /** `CHILD`, trimmed. */
  readonly child: string;
  readonly gender: GenderCode;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly ethnicity: EthnicityCode;
  readonly upn: string | null;
  readonly mother: boolean | null;
  readonly motherChildDateOfBirth: string | null;
}

/** A good row of the Episodes file: the child and the episode (dates ISO, postcodes as sectors). */
export interface EpisodeRow {
  readonly line: number;
  readonly child: string;
  readonly episode: HistoricEpisode;
}

/** Stable codes of the reasons a row is not imported (part of the import's output: never change one). */
export type Ssda903ProblemCode =
  | 'CSV.MALFORMED'
  | 'ROW.FIELD_COUNT'
  | 'ROW.DUPLICATE'
  | 'ROW.CONFLICTING_DUPLICATE'
  | 'VALUE.MISSING'
  | 'VALUE.TOO_LONG'
  | 'CODE.UNKNOWN'
  | 'DATE.MALFORMED'
  | 'DATE.IN_FUTURE'
  | 'DATE.BEFORE_START'
  | 'DATE.BEFORE_BIRTH'
  | 'POSTCODE.MALFORMED'
  | 'URN.MALFORMED'
  | 'EPISODE.REC_WITHOUT_DEC'
  | 'EPISODE.DEC_WITHOUT_REC'
  | 'EPISODE.OVERLAPS'
  | 'EPISODE.BEFORE_IMPORTED_HISTORY'
  | 'EPISODE.TEMPORARY_WITHOUT_PLACEMENT'
  | 'CHILD.NOT_IN_HEADER'
  | 'CHILD.REFUSED'
  | 'PLACEMENT.REFUSED';

/** Why a row is not imported. A row may have several, one per column at fault. */
export interface Ssda903Problem {
  readonly file: Ssda903File;
  /** The line the row starts on. */
  readonly line: number;
  /** The column at fault, or `row` for the row as a whole (its quoting, its width, a duplicate, its place in the history). */
  readonly column: HeaderColumn | EpisodesColumn | 'row';
  readonly code: Ssda903ProblemCode;
  /** A sentence for the person who will fix the file. */
  readonly reason: string;
  /** The row's `CHILD`, when it has one. */
  readonly child?: string;
}

/** What the caller supplies to read rows. */
export interface Ssda903RowOptions {
  /** Today in England (`YYYY-MM-DD`): no date of the return may be after it. */
  readonly today: string;
}

/** What one record of a file reads as. */
export type Ssda903RowReading<Row> =
  | { readonly kind: 'row'; readonly row: Row }
  | { readonly kind: 'problems'; readonly problems: readonly Ssda903Problem[] }
  | { readonly kind: 'blank' };

/** The longest `CHILD` the return allows (the XSD's `CHILDID`, 1-10 characters). */
export const MAX_CHILD_LENGTH = 10;

/** The longest `UPN` (13 characters: a letter and 12 digits, or `UN1`-`UN7`). */
export const MAX_UPN_LENGTH = 13;

type Reader<Column extends string> = {
  readonly line: number;
  readonly problems: Ssda903Problem[];
  cell(column: Column): string;
  problem(column: Column | 'row', code: Ssda903ProblemCode, reason: string): undefined;
  required(column: Column): string | undefined;
  code<C extends string>(column: Column, list: readonly C[], what: string): C | undefined;
  date(column: Column): string | undefined;
};

const reader = <Column extends string>(
  file: Ssda903File,
  record: CsvRecord,
  columns: Ssda903Columns<Column>,
  today: string,
): Reader<Column> => {
  const problems: Ssda903Problem[] = [];
  const { line, fields } = record;
  const child = fields[(columns.indexes as Record<string, number>).CHILD]?.trim() || undefined;
  const r: Reader<Column> = {
    line,
    problems,
    cell: (column) => fields[columns.indexes[column]].trim(),
    problem: (column, code, reason) => {
      problems.push({
        file,
        line,
        column: column as Ssda903Problem['column'],
        code,
        reason,
        ...(child && { child }),
      });
      return undefined;
    },
    required: (column) => {
      const value = r.cell(column);
      return value === '' ? r.problem(column, 'VALUE.MISSING', `${column} is blank`) : value;
    },
    code: (column, list, what) => {
      const value = r.required(column);
      if (value === undefined) return undefined;
      const code = value.toUpperCase();
      if (!(list as readonly string[]).includes(code)) {
        return r.problem(column, 'CODE.UNKNOWN', `${column} "${shown(value)}" is not ${what}`);
      }
      return code as (typeof list)[number];
    },
    date: (column) => {
      const value = r.cell(column);
      if (value === '') return undefined;
      const date = parseReturnDate(value);
      if (date === undefined) {
        const written = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value);
        return r.problem(
          column,
          'DATE.MALFORMED',
          written
            ? `${column} ${shown(value)} is not a date that exists`
            : `${column} "${shown(value)}" is not a date written dd/mm/yyyy`,
        );
      }
      if (date > today) return r.problem(column, 'DATE.IN_FUTURE', `${column} ${value} is after today`);
      return date;
    },
  };
  return r;
};

/** The whole-record checks both files share: blank lines, broken quoting, the number of fields. */
const recordProblems = <Column extends string>(
  file: Ssda903File,
  record: CsvRecord,
  columns: Ssda903Columns<Column>,
): Ssda903RowReading<never> | undefined => {
  const { line, fields } = record;
  if (fields.every((field) => field.trim() === '')) return { kind: 'blank' };
  const problem = (code: Ssda903ProblemCode, reason: string, child?: string): Ssda903RowReading<never> => ({
    kind: 'problems',
    problems: [{ file, line, column: 'row', code, reason, ...(child && { child }) }],
  });
  if (record.malformed !== undefined) {
    return problem('CSV.MALFORMED', `the row's quoting is broken (${record.malformed})`);
  }
  if (fields.length !== columns.names.length) {
    const n = fields.length;
    // The first columns usually still line up: name the child when the row has one where CHILD is.
    const child = fields[(columns.indexes as Record<string, number>).CHILD]?.trim();
    return problem(
      'ROW.FIELD_COUNT',
      `the row has ${n} ${n === 1 ? 'field' : 'fields'}; the header has ${columns.names.length} (${n < columns.names.length ? 'missing' : 'extra'} columns)`,
      child,
    );
  }
  return undefined;
};

const readChild = <Column extends string>(r: Reader<Column | 'CHILD'>): string | undefined => {
  const child = r.required('CHILD');
  if (child !== undefined && child.length > MAX_CHILD_LENGTH) {
    return r.problem(
      'CHILD',
      'VALUE.TOO_LONG',
      `CHILD "${shown(child)}" is longer than ${MAX_CHILD_LENGTH} characters`,
    );
  }
  return child;
};

/** Reads one record of the Header file against its recognised header line. */
export const readHeaderRow = (
  record: CsvRecord,
  columns: Ssda903Columns<HeaderColumn>,
  options: Ssda903RowOptions,
): Ssda903RowReading<HeaderRow> => {
  const whole = recordProblems('header', record, columns);
  if (whole !== undefined) return whole;
  const r = reader('header', record, columns, options.today);
  const child = readChild(r);
  const gender = r.code('SEX', GENDER_CODE_LIST, 'an SSDA903 SEX code (1 male, 2 female)');
  const dateOfBirth =
    r.date('DOB') ?? (r.cell('DOB') === '' ? r.problem('DOB', 'VALUE.MISSING', 'DOB is blank') : undefined);
  const ethnicity = r.code('ETHNIC', ETHNICITY_CODE_LIST, 'an SSDA903 ETHNIC code');
  const upnText = r.cell('UPN');
  if (upnText.length > MAX_UPN_LENGTH) {
    r.problem('UPN', 'VALUE.TOO_LONG', `UPN "${shown(upnText)}" is longer than ${MAX_UPN_LENGTH} characters`);
  }
  const motherText = r.cell('MOTHER');
  let mother: boolean | null = null;
  if (motherText === '1') mother = true;
  else if (motherText === '0') mother = false;
  else if (motherText !== '')
    r.problem('MOTHER', 'CODE.UNKNOWN', `MOTHER "${shown(motherText)}" is not 1, 0 or blank`);
  const motherChildDateOfBirth = r.date('MC_DOB') ?? null;
  if (motherChildDateOfBirth !== null && dateOfBirth !== undefined && motherChildDateOfBirth <= dateOfBirth) {
    r.problem('MC_DOB', 'DATE.BEFORE_BIRTH', `MC_DOB ${r.cell('MC_DOB')} is not after the child's DOB`);
  }
  if (
    r.problems.length > 0 ||
    child === undefined ||
    gender === undefined ||
    dateOfBirth === undefined ||
    ethnicity === undefined
  ) {
    return { kind: 'problems', problems: r.problems };
  }
  return {
    kind: 'row',
    row: {
      line: r.line,
      child,
      gender,
      dateOfBirth,
      ethnicity,
      upn: upnText === '' ? null : upnText.toUpperCase(),
      mother,
      motherChildDateOfBirth,
    },
  };
};

/** Reads one record of the Episodes file against its recognised header line. */
export const readEpisodeRow = (
  record: CsvRecord,
  columns: Ssda903Columns<EpisodesColumn>,
  options: Ssda903RowOptions,
): Ssda903RowReading<EpisodeRow> => {
  const whole = recordProblems('episodes', record, columns);
  if (whole !== undefined) return whole;
  const r = reader('episodes', record, columns, options.today);
  const child = readChild(r);
  const startedOn =
    r.date('DECOM') ??
    (r.cell('DECOM') === '' ? r.problem('DECOM', 'VALUE.MISSING', 'DECOM is blank') : undefined);
  const reasonNewEpisode = r.code(
    'RNE',
    REASON_NEW_EPISODE_CODE_LIST,
    'an SSDA903 RNE code (S, L, P, T, B, U)',
  );
  const legalStatus = r.code('LS', LEGAL_STATUS_CODE_LIST, 'an SSDA903 LS code');
  const cinCategory = r.code('CIN', CIN_CATEGORY_CODE_LIST, 'a category of need N1-N8');
  const placementType = r.code('PLACE', PLACEMENT_TYPE_CODES, 'a current SSDA903 PLACE code');
  const optionalCode = <C extends string>(
    column: EpisodesColumn,
    list: readonly C[],
    what: string,
  ): C | null | undefined => (r.cell(column) === '' ? null : r.code(column, list, what));
  const placeProvider = optionalCode(
    'PLACE_PROVIDER',
    PLACE_PROVIDER_CODE_LIST,
    'a PLACE_PROVIDER code (PR0-PR5)',
  );
  const endedOn = r.date('DEC') ?? null;
  const rec = optionalCode('REC', REASON_EPISODE_CEASED_CODE_LIST, 'a current SSDA903 REC code');
  const reasonPlaceChange = optionalCode(
    'REASON_PLACE_CHANGE',
    REASON_PLACE_CHANGE_CODE_LIST,
    'an SSDA903 REASON_PLACE_CHANGE code',
  );
  if (endedOn !== null && startedOn !== undefined && endedOn < startedOn) {
    r.problem('DEC', 'DATE.BEFORE_START', `DEC ${r.cell('DEC')} is before DECOM ${r.cell('DECOM')}`);
  }
  // DEC and REC come together (an open episode has neither); a DEC that did not read is reported already.
  if (r.cell('DEC') !== '' && r.cell('REC') === '') {
    r.problem('REC', 'EPISODE.DEC_WITHOUT_REC', 'the episode ended (DEC) but REC, the reason, is blank');
  }
  if (r.cell('DEC') === '' && r.cell('REC') !== '') {
    r.problem('DEC', 'EPISODE.REC_WITHOUT_DEC', 'REC gives a reason the episode ended, but DEC is blank');
  }
  const sector = (column: 'HOME_POST' | 'PL_POST'): string | null | undefined => {
    const value = r.cell(column);
    if (value === '') return null;
    return (
      returnPostcodeSector(value) ??
      r.problem(
        column,
        'POSTCODE.MALFORMED',
        `${column} "${shown(value)}" is not a UK postcode or postcode sector`,
      )
    );
  };
  const homeSector = sector('HOME_POST');
  const placementSector = sector('PL_POST');
  const urnText = r.cell('URN').toUpperCase();
  const urn =
    urnText === ''
      ? null
      : urnText === URN_NOT_APPLICABLE || isOfstedUrn(urnText)
        ? urnText
        : r.problem(
            'URN',
            'URN.MALFORMED',
            `URN "${shown(r.cell('URN'))}" is not an Ofsted URN (SC and 6 digits, or 7 digits) or ${URN_NOT_APPLICABLE}`,
          );
  if (
    r.problems.length > 0 ||
    child === undefined ||
    startedOn === undefined ||
    reasonNewEpisode === undefined ||
    legalStatus === undefined ||
    cinCategory === undefined ||
    placementType === undefined ||
    placeProvider === undefined ||
    rec === undefined ||
    reasonPlaceChange === undefined ||
    homeSector === undefined ||
    placementSector === undefined ||
    urn === undefined
  ) {
    return { kind: 'problems', problems: r.problems };
  }
  return {
    kind: 'row',
    row: {
      line: r.line,
      child,
      episode: {
        startedOn,
        reasonNewEpisode,
        legalStatus,
        cinCategory,
        placementType,
        placeProvider,
        urn,
        homeSector,
        placementSector,
        endedOn,
        rec,
        reasonPlaceChange,
      },
    },
  };
};
