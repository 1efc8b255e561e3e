import { ValidationError } from '@placematch/kernel';

/**
 * The columns of the SSDA903 Header file, exactly as the DfE validator identifies it
 * (domain-anchors.md §1.1, from data-to-insight/csc-validator-be-903 `lac_validator/config.py`).
 */
export const SSDA903_HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const;

/** The columns of the SSDA903 Episodes file (same source). */
export const SSDA903_EPISODES_COLUMNS = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN',
] as const;

/** A Header file column. */
export type HeaderColumn = (typeof SSDA903_HEADER_COLUMNS)[number];

/** An Episodes file column. */
export type EpisodesColumn = (typeof SSDA903_EPISODES_COLUMNS)[number];

/** The two files of the return that the import reads and the export writes. */
export type Ssda903File = 'header' | 'episodes';

/** The columns of each file, in the order the export writes them. */
export const SSDA903_COLUMNS = {
  header: SSDA903_HEADER_COLUMNS,
  episodes: SSDA903_EPISODES_COLUMNS,
} as const;

/** Each file as messages name it. */
export const SSDA903_FILE_LABELS: Readonly<Record<Ssda903File, string>> = {
  header: 'Header',
  episodes: 'Episodes',
};

/** A recognised header line: where each column is. */
export interface Ssda903Columns<Column extends string> {
  /** The position of each column. */
  readonly indexes: Readonly<Record<Column, number>>;
  /** The header cells as written (trimmed), by position. */
  readonly names: readonly string[];
  /** Header cells that are not a column of the file (the liia samples carry a `TEST_COLUMN`), as written. */
  readonly ignored: readonly string[];
}

const normalise = (cell: string): string => cell.trim().toUpperCase();

/**
 * Recognises the header line of a Header or Episodes file. Column names are matched without regard to case
 * or surrounding spaces, in any order; other columns are ignored and listed in `ignored`.
 *
 * @throws ValidationError `SSDA903.WRONG_FILE` when the line is the other file's header,
 *   `SSDA903.MISSING_COLUMNS` naming every column it lacks (details `{ missing }`), and
 *   `SSDA903.DUPLICATE_COLUMNS` when a column appears twice (details `{ column }`).
 */
export function recogniseSsda903Header(
  file: 'header',
  cells: readonly string[],
): Ssda903Columns<HeaderColumn>;
export function recogniseSsda903Header(
  file: 'episodes',
  cells: readonly string[],
): Ssda903Columns<EpisodesColumn>;
export function recogniseSsda903Header(
  file: Ssda903File,
  cells: readonly string[],
): Ssda903Columns<HeaderColumn | EpisodesColumn> {
  const names = cells.map((cell) => cell.trim());
  const wanted: readonly string[] = SSDA903_COLUMNS[file];
  const indexes: Record<string, number> = {};
  const ignored: string[] = [];
  names.forEach((name, at) => {
    const column = normalise(name);
    if (!wanted.includes(column)) {
      ignored.push(name === '' ? `(column ${at + 1})` : name);
      return;
    }
    if (indexes[column] !== undefined) {
      throw new ValidationError(
        'SSDA903.DUPLICATE_COLUMNS',
        `The ${SSDA903_FILE_LABELS[file]} file has two ${column} columns: remove one`,
        { column },
      );
    }
    indexes[column] = at;
  });
  const missing = wanted.filter((column) => indexes[column] === undefined);
  if (missing.length > 0) {
    const other: Ssda903File = file === 'header' ? 'episodes' : 'header';
    const looksLikeOther = SSDA903_COLUMNS[other].every((column) => names.map(normalise).includes(column));
    if (looksLikeOther) {
      throw new ValidationError(
        'SSDA903.WRONG_FILE',
        `This is the ${SSDA903_FILE_LABELS[other]} file, not the ${SSDA903_FILE_LABELS[file]} file: are the files the right way round?`,
        { missing },
      );
    }
    throw new ValidationError(
      'SSDA903.MISSING_COLUMNS',
      `The ${SSDA903_FILE_LABELS[file]} file lacks ${missing.length === 1 ? 'a column' : 'columns'}: ${missing.join(', ')}`,
      { missing },
    );
  }
  return { indexes: indexes as Record<HeaderColumn | EpisodesColumn, number>, names, ignored };
}
