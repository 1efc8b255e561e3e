import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GeodataError } from '../../geodata.error';
import type { Country } from '../../geocoder.port';
import type { GridRef } from '../../grid';
import { parseOutcode } from '../../postcode';
import { columnIndexes, countryOfName, headerNames, splitCsvLine } from '../csv';

/** One postcode district and its centroid, from the shipped table. */
export interface OutcodeCentroid {
  /** The district (outward code), such as `TS1` or `SW1A`. */
  readonly outcode: string;
  /** The centroid on the OS National Grid, in metres (mostly rounded to 100 m in the shipped table). */
  readonly grid: GridRef;
  /** The country the district is in. */
  readonly country: Country;
}

/** The shipped district table's file name, under `libs/geo/data/` (see PROVENANCE.md there). */
export const OUTCODE_CENTROIDS_FILE = 'outcode-centroids-gb.csv';

const DATA_DIR = join('libs', 'geo', 'data');

/**
 * Finds the shipped district table by walking up from `from` to the first folder that holds
 * `libs/geo/data/outcode-centroids-gb.csv`. The same walk works from the sources (`libs/geo/src/adapters/
 * outcode`, under jest) and from the build (`dist/libs/geo/src/adapters/outcode`), because the data stays
 * in the source tree and is not copied into `dist/`.
 *
 * @throws GeodataError `GEODATA.FILE_NOT_FOUND` when no such folder is above `from`.
 */
export const defaultOutcodeCentroidsPath = (from: string = __dirname): string => {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, DATA_DIR, OUTCODE_CENTROIDS_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new GeodataError(
        'GEODATA.FILE_NOT_FOUND',
        `${join(DATA_DIR, OUTCODE_CENTROIDS_FILE)} was not found in any folder above ${from}; ` +
          'run from the repository (or a copy that keeps libs/geo/data) or pass the table path explicitly',
        { from },
      );
    }
    dir = parent;
  }
};

const REQUIRED = ['outcode', 'easting', 'northing', 'country'] as const;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

const malformed = (path: string, line: number, reason: string): GeodataError =>
  new GeodataError('GEODATA.ROW_MALFORMED', `${path} line ${line}: ${reason}`, { path, line });

/**
 * Reads a district-centroid table (columns `outcode, easting, northing, country` in any order; others are
 * ignored). The table is reference data the product ships, so any bad row fails the load.
 *
 * @throws GeodataError `GEODATA.FILE_UNREADABLE`, `GEODATA.FILE_EMPTY`, `GEODATA.COLUMNS_MISSING` or
 *   `GEODATA.ROW_MALFORMED` (naming the line).
 */
export const readOutcodeCentroids = (path: string): OutcodeCentroid[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new GeodataError(
      'GEODATA.FILE_UNREADABLE',
      `cannot read the district table ${path}: ${String(e)}`,
      {
        path,
      },
    );
  }
  const lines = text.split(/\r?\n/);
  const header = headerNames(lines[0] ?? '');
  if (header === undefined || header.every((name) => name === '')) {
    throw new GeodataError('GEODATA.FILE_EMPTY', `the district table ${path} has no header line`, { path });
  }
  const { indexes, missing } = columnIndexes(header, REQUIRED);
  if (missing.length > 0) {
    throw new GeodataError(
      'GEODATA.COLUMNS_MISSING',
      `the district table ${path} lacks the columns ${missing.join(', ')} (it needs ${REQUIRED.join(', ')})`,
      { path, missing },
    );
  }
  const width = Math.max(...Object.values<number>(indexes)) + 1;
  const seen = new Set<string>();
  const rows: OutcodeCentroid[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const lineNo = i + 1;
    const fields = splitCsvLine(line, width);
    if (fields === undefined || fields.length < width)
      throw malformed(path, lineNo, `expected ${width} columns`);
    const [raw, easting, northing, countryName] = REQUIRED.map((name) => fields[indexes[name]].trim());
    let outcode: string;
    try {
      outcode = parseOutcode(raw);
    } catch {
      throw malformed(path, lineNo, `"${raw}" is not a postcode district`);
    }
    if (!NUMBER.test(easting) || !NUMBER.test(northing)) {
      throw malformed(path, lineNo, `easting and northing must be numbers of metres`);
    }
    const country = countryOfName(countryName);
    if (country === undefined) throw malformed(path, lineNo, `unknown country "${countryName}"`);
    if (seen.has(outcode)) throw malformed(path, lineNo, `${outcode} appears twice`);
    seen.add(outcode);
    rows.push(
      Object.freeze({
        outcode,
        grid: Object.freeze({ easting: Number(easting), northing: Number(northing) }),
        country,
      }),
    );
  });
  return rows;
};

const cache = new Map<string, ReadonlyArray<OutcodeCentroid>>();

/** Where to read the district table from; the shipped copy when no path is given. */
export interface OutcodeTableOptions {
  /** Path of a district-centroid CSV; defaults to {@link defaultOutcodeCentroidsPath}. */
  readonly path?: string;
}

/**
 * Every postcode district in the table with its centroid and country (2,848 districts in the shipped
 * copy, 2,116 of them in England), read once per path and then served from memory.
 */
export const outcodeCentroids = (options: OutcodeTableOptions = {}): ReadonlyArray<OutcodeCentroid> => {
  const path = resolve(options.path ?? defaultOutcodeCentroidsPath());
  let table = cache.get(path);
  if (table === undefined) {
    table = Object.freeze(readOutcodeCentroids(path));
    cache.set(path, table);
  }
  return table;
};
