import { ValidationError } from '@placematch/kernel';
import { CsvReader } from '../csv';
import type { CsvRecord } from '../csv';
import { SSDA903_FILE_LABELS, recogniseSsda903Header } from './ssda903-columns';
import type { EpisodesColumn, HeaderColumn, Ssda903Columns, Ssda903File } from './ssda903-columns';
import { readEpisodeRow, readHeaderRow } from './ssda903-rows';
import type {
  EpisodeRow,
  HeaderRow,
  Ssda903Problem,
  Ssda903RowOptions,
  Ssda903RowReading,
} from './ssda903-rows';

/** Something said once about a file that does not stop the import. */
export interface Ssda903Notice {
  readonly file: Ssda903File;
  /** The header's line. */
  readonly line: number;
  readonly code: 'SSDA903.IGNORED_COLUMNS';
  readonly message: string;
}

/** One thing the parser found, in file order. */
export type Ssda903Item<Row> =
  | { readonly kind: 'row'; readonly row: Row }
  | { readonly kind: 'problem'; readonly problem: Ssda903Problem }
  | { readonly kind: 'notice'; readonly notice: Ssda903Notice };

/** The rows of each file. */
export interface Ssda903Rows {
  header: HeaderRow;
  episodes: EpisodeRow;
}

type Columns<F extends Ssda903File> = Ssda903Columns<F extends 'header' ? HeaderColumn : EpisodesColumn>;

/**
 * Parses one file of an SSDA903 return (Header or Episodes, saved as CSV), incrementally: feed it the file in
 * chunks or lines and take the items each completes. The first non-blank line is the header line; every later
 * record becomes a good row or the problems that keep it out, each with its line and reason. Duplicates and
 * the order of episodes are judged across the files, by `buildReturnHistory`.
 *
 * File-level faults throw, and the parser then refuses more input with the same error:
 * `SSDA903.MISSING_COLUMNS`, `SSDA903.DUPLICATE_COLUMNS`, `SSDA903.WRONG_FILE` (from `recogniseSsda903Header`),
 * `SSDA903.MALFORMED_HEADER`, `SSDA903.NO_HEADER` (from {@link end}) and `CSV.NOT_UTF8`. Each is a
 * `ValidationError` whose details carry the `file` and `line`.
 */
export class Ssda903Parser<F extends Ssda903File> {
  private readonly csv = new CsvReader();
  private columns: Columns<F> | undefined;
  private failure: unknown;

  constructor(
    readonly file: F,
    private readonly options: Ssda903RowOptions,
  ) {}

  /** Reads a chunk of the file (text or UTF-8 bytes) and returns what it completes. */
  push(chunk: string | Uint8Array): Ssda903Item<Ssda903Rows[F]>[] {
    return this.guard(() => this.consume(this.csv.push(chunk)));
  }

  /**
   * Ends the input and returns what the last line completes.
   *
   * @throws ValidationError `SSDA903.NO_HEADER` when the file held no header line.
   */
  end(): Ssda903Item<Ssda903Rows[F]>[] {
    return this.guard(() => {
      const items = this.consume(this.csv.end());
      if (this.columns === undefined) {
        throw new ValidationError(
          'SSDA903.NO_HEADER',
          `The ${SSDA903_FILE_LABELS[this.file]} file is empty: it has no header line`,
          { file: this.file, line: 1 },
        );
      }
      return items;
    });
  }

  private guard(read: () => Ssda903Item<Ssda903Rows[F]>[]): Ssda903Item<Ssda903Rows[F]>[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      return read();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private consume(records: readonly CsvRecord[]): Ssda903Item<Ssda903Rows[F]>[] {
    const items: Ssda903Item<Ssda903Rows[F]>[] = [];
    for (const record of records) {
      if (this.columns === undefined) this.readHeader(record, items);
      else this.readRecord(record, this.columns, items);
    }
    return items;
  }

  private readHeader(record: CsvRecord, items: Ssda903Item<Ssda903Rows[F]>[]): void {
    if (record.fields.every((field) => field.trim() === '')) return;
    const label = SSDA903_FILE_LABELS[this.file];
    if (record.malformed !== undefined) {
      throw new ValidationError(
        'SSDA903.MALFORMED_HEADER',
        `${label} file, line ${record.line}: the header's quoting is broken (${record.malformed})`,
        { file: this.file, line: record.line },
      );
    }
    try {
      this.columns = recogniseSsda903Header(this.file as never, record.fields) as Columns<F>;
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError(error.code, `${label} file, line ${record.line}: ${error.message}`, {
          ...error.details,
          file: this.file,
          line: record.line,
        });
      }
      throw error;
    }
    const { ignored } = this.columns;
    if (ignored.length > 0) {
      items.push({
        kind: 'notice',
        notice: {
          file: this.file,
          line: record.line,
          code: 'SSDA903.IGNORED_COLUMNS',
          message: `${label} file: ${ignored.length === 1 ? 'this column is' : 'these columns are'} not imported: ${ignored.join(', ')}`,
        },
      });
    }
  }

  private readRecord(record: CsvRecord, columns: Columns<F>, items: Ssda903Item<Ssda903Rows[F]>[]): void {
    const reading = (
      this.file === 'header'
        ? readHeaderRow(record, columns as Ssda903Columns<HeaderColumn>, this.options)
        : readEpisodeRow(record, columns as Ssda903Columns<EpisodesColumn>, this.options)
    ) as Ssda903RowReading<Ssda903Rows[F]>;
    if (reading.kind === 'row') items.push({ kind: 'row', row: reading.row });
    else if (reading.kind === 'problems') {
      for (const problem of reading.problems) items.push({ kind: 'problem', problem });
    }
  }
}

/**
 * The items of one file of a return given as chunks (strings or UTF-8 bytes), as they complete, for an
 * application that streams it: `for await (const item of readSsda903File(createReadStream(path), 'episodes', { today }))`.
 */
export async function* readSsda903File<F extends Ssda903File>(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  file: F,
  options: Ssda903RowOptions,
): AsyncGenerator<Ssda903Item<Ssda903Rows[F]>> {
  const parser = new Ssda903Parser(file, options);
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

/** Everything a file held, sorted by kind (each in file order). */
export interface Ssda903FileResult<Row> {
  readonly rows: readonly Row[];
  readonly problems: readonly Ssda903Problem[];
  readonly notices: readonly Ssda903Notice[];
}

/**
 * Parses one whole file held in memory (see {@link Ssda903Parser}).
 *
 * @throws ValidationError for the file-level faults {@link Ssda903Parser} lists.
 */
export const parseSsda903File = <F extends Ssda903File>(
  text: string | Uint8Array,
  file: F,
  options: Ssda903RowOptions,
): Ssda903FileResult<Ssda903Rows[F]> => {
  const parser = new Ssda903Parser(file, options);
  const rows: Ssda903Rows[F][] = [];
  const problems: Ssda903Problem[] = [];
  const notices: Ssda903Notice[] = [];
  for (const item of [...parser.push(text), ...parser.end()]) {
    if (item.kind === 'row') rows.push(item.row);
    else if (item.kind === 'problem') problems.push(item.problem);
    else notices.push(item.notice);
  }
  return { rows, problems, notices };
};
