import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { GeodataError } from '../../geodata.error';
import { unknownPostcode, type Geocoder, type Location } from '../../geocoder.port';
import { parsePostcode, tryParsePostcode } from '../../postcode';
import { columnIndexes, countryOfOnsCode, headerNames, splitCsvLine } from '../csv';
import { PostcodeTable } from './postcode-table';

/** The ONSPD columns the adapter reads; every other column is ignored, and the order is free. */
export const ONSPD_COLUMNS = ['pcds', 'oseast1m', 'osnrth1m', 'oslaua', 'ctry'] as const;

/** How to load an ONS Postcode Directory extract. */
export interface OnspdOptions {
  /** Path of the ONSPD CSV (the full file is about 1.4 GB; it is streamed, never read whole). */
  readonly path: string;
  /** How many malformed lines to describe in the report (all are counted); default 20. */
  readonly malformedSamples?: number;
}

/** A line the loader could not use, by its 1-based line number in the file. */
export interface MalformedLine {
  readonly line: number;
  readonly reason: string;
}

/** What a load read, kept, and skipped; for the operator's start-up log. */
export interface OnspdLoadReport {
  readonly path: string;
  /** Data lines read (the header and blank lines not counted). */
  readonly rows: number;
  /** Distinct postcodes held. */
  readonly loaded: number;
  /** Skipped: no grid reference (some terminated postcodes, the Channel Islands, the Isle of Man). */
  readonly withoutGrid: number;
  /** Skipped: Northern Ireland postcodes, whose ONSPD grid references are on the Irish Grid, not the OS grid. */
  readonly irishGrid: number;
  /** Later rows for a postcode already held (the first row wins). */
  readonly duplicates: number;
  /** Lines that could not be read (too few columns, a bad postcode or number, a broken quote). */
  readonly malformed: number;
  /** The first few malformed lines, with why. */
  readonly malformedLines: readonly MalformedLine[];
}

const NI = 'N92000002';
const NUMBER = /^-?\d+(?:\.\d+)?$/;
// ONSPD marks "no local authority" with pseudo-codes such as E99999999 or L99999999.
const LA_CODE = /^[A-Z]\d{8}$/;
const PSEUDO_CODE = /99999999$/;

/**
 * A geocoder over an ONS Postcode Directory extract: full-postcode grid references (precision
 * `'postcode'`, the DfE's own source) and the local authority district (`oslaua`). Terminated postcodes
 * are kept when they still have a grid reference, since a child's recorded home postcode may be an old one.
 */
export class OnspdGeocoder implements Geocoder {
  private constructor(
    private readonly table: PostcodeTable,
    /** What the load read, kept and skipped. */
    readonly report: OnspdLoadReport,
  ) {}

  /**
   * Streams the file line by line and keeps only the five needed fields, compactly. Malformed lines are
   * counted and sampled in {@link OnspdGeocoder.report}, not fatal.
   *
   * @throws GeodataError `GEODATA.FILE_UNREADABLE`, `GEODATA.FILE_EMPTY` or `GEODATA.COLUMNS_MISSING`.
   */
  static async load(options: OnspdOptions): Promise<OnspdGeocoder> {
    const { path } = options;
    const samples = options.malformedSamples ?? 20;
    const unreadable = (e: unknown): GeodataError =>
      new GeodataError(
        'GEODATA.FILE_UNREADABLE',
        `cannot read the ONSPD file ${path} (${e instanceof Error ? e.message : String(e)}); ` +
          'check the configured path, or leave it unset to use the district table',
        { path },
      );
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
    } catch (e) {
      throw unreadable(e);
    }

    const builder = PostcodeTable.builder();
    const malformedLines: MalformedLine[] = [];
    let lineNo = 0;
    let rows = 0;
    let withoutGrid = 0;
    let irishGrid = 0;
    let malformed = 0;
    let columns: Record<(typeof ONSPD_COLUMNS)[number], number> | undefined;
    let width = 0;
    const reject = (reason: string): void => {
      malformed += 1;
      if (malformedLines.length < samples) malformedLines.push({ line: lineNo, reason });
    };

    const input = createReadStream(path, 'utf8');
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        lineNo += 1;
        if (columns === undefined) {
          const { indexes, missing } = columnIndexes(headerNames(line) ?? [], ONSPD_COLUMNS);
          if (missing.length > 0) {
            throw new GeodataError(
              'GEODATA.COLUMNS_MISSING',
              `the ONSPD file ${path} lacks the columns ${missing.join(', ')} in its header line ` +
                `(it needs ${ONSPD_COLUMNS.join(', ')})`,
              { path, missing },
            );
          }
          columns = indexes;
          width = Math.max(...Object.values<number>(indexes)) + 1;
          continue;
        }
        if (line.trim() === '') continue;
        rows += 1;
        const fields = splitCsvLine(line, width);
        if (fields === undefined) {
          reject('unbalanced quotes');
          continue;
        }
        if (fields.length < width) {
          reject(`${fields.length} columns, expected at least ${width}`);
          continue;
        }
        const pcds = fields[columns.pcds].trim();
        const parsed = tryParsePostcode(pcds);
        if (parsed === undefined) {
          reject(`pcds "${pcds.slice(0, 16)}" is not a postcode`);
          continue;
        }
        const easting = fields[columns.oseast1m].trim();
        const northing = fields[columns.osnrth1m].trim();
        if (easting === '' || northing === '') {
          withoutGrid += 1;
          continue;
        }
        if (!NUMBER.test(easting) || !NUMBER.test(northing)) {
          reject('oseast1m and osnrth1m must be numbers of metres');
          continue;
        }
        const ctry = fields[columns.ctry].trim();
        if (ctry === NI) {
          irishGrid += 1;
          continue;
        }
        const oslaua = fields[columns.oslaua].trim();
        builder.add(parsed.postcode, {
          easting: Math.round(Number(easting)),
          northing: Math.round(Number(northing)),
          localAuthority: LA_CODE.test(oslaua) && !PSEUDO_CODE.test(oslaua) ? oslaua : undefined,
          country: countryOfOnsCode(ctry),
        });
      }
    } catch (e) {
      throw e instanceof GeodataError ? e : unreadable(e);
    } finally {
      lines.close();
      input.destroy();
    }
    if (columns === undefined) {
      throw new GeodataError('GEODATA.FILE_EMPTY', `the ONSPD file ${path} is empty (no header line)`, {
        path,
      });
    }

    const { table, duplicates } = builder.build();
    return new OnspdGeocoder(table, {
      path,
      rows,
      loaded: table.size,
      withoutGrid,
      irishGrid,
      duplicates,
      malformed,
      malformedLines,
    });
  }

  /** Number of postcodes held. */
  get size(): number {
    return this.table.size;
  }

  /** {@inheritDoc Geocoder.locate} */
  async locate(postcode: string): Promise<Location> {
    const parsed = parsePostcode(postcode);
    const entry = this.table.get(parsed.postcode);
    if (entry === undefined) throw unknownPostcode(parsed.postcode);
    return {
      postcode: parsed.postcode,
      outcode: parsed.outcode,
      sector: parsed.sector,
      grid: { easting: entry.easting, northing: entry.northing },
      ...(entry.localAuthority === undefined ? {} : { localAuthority: entry.localAuthority }),
      ...(entry.country === undefined ? {} : { country: entry.country }),
      precision: 'postcode',
    };
  }
}
