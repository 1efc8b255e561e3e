import { ValidationError } from '@placematch/kernel';
import { CsvReader } from '../csv';
import type { CsvRecord } from '../csv';
import { OFSTED_FIELD_LABELS, recogniseHeader } from './ofsted-columns';
import type { OfstedColumns } from './ofsted-columns';
import { readOfstedRow } from './ofsted-row';
import type { OfstedRow, OfstedRowOptions, OfstedRowProblem, OfstedSkippedRow } from './ofsted-row';

/** Something said once about the file as a whole that does not stop the import. */
export interface OfstedNotice {
  /** The header's line. */
  readonly line: number;
  readonly code: 'OFSTED.IGNORED_COLUMNS';
  readonly message: string;
  /** The ignored columns as the header wrote them. */
  readonly columns: readonly string[];
}

/** One thing the parser found, in file order. */
export type OfstedListItem =
  | { readonly kind: 'notice'; readonly notice: OfstedNotice }
  | { readonly kind: 'row'; readonly row: OfstedRow }
  | { readonly kind: 'problem'; readonly problem: OfstedRowProblem }
  | { readonly kind: 'skipped'; readonly skipped: OfstedSkippedRow };

/** Row fields compared to tell a repeated row from a conflicting one (everything but the line). */
const COMPARED = [
  'providerName',
  'providerType',
  'hostLocalAuthority',
  'placementTypes',
  'providerCode',
  'postcode',
  'settingName',
] as const satisfies readonly (keyof OfstedRow)[];

const LABELS: Record<(typeof COMPARED)[number], string> = {
  providerName: OFSTED_FIELD_LABELS.providerName,
  providerType: OFSTED_FIELD_LABELS.providerType,
  hostLocalAuthority: OFSTED_FIELD_LABELS.localAuthority,
  placementTypes: 'placement codes',
  providerCode: 'provider code',
  postcode: OFSTED_FIELD_LABELS.postcode,
  settingName: OFSTED_FIELD_LABELS.settingName,
};

/**
 * Parses an Ofsted provider list (the Children's Homes, Social Care Providers or combined list, saved as CSV)
 * for bulk registration, incrementally: feed it the file in chunks or lines and take the items each one
 * completes. The first non-blank line is the header (see `OFSTED_COLUMN_NAMES` for the names accepted);
 * every later record becomes a good row, the problems that keep it out, or a skipped closed setting.
 *
 * A URN seen again is a problem on the later line naming the earlier one, whose row is the one imported;
 * the check is against earlier good rows only, so a row that corrects an earlier bad one is imported.
 *
 * File-level faults throw, and the parser then refuses more input with the same error:
 * `OFSTED.MISSING_COLUMNS` and `OFSTED.DUPLICATE_COLUMNS` (from `recogniseHeader`), `OFSTED.MALFORMED_HEADER`,
 * `OFSTED.NO_HEADER` (from {@link end}, for a file with nothing in it) and `CSV.NOT_UTF8`. Each is a
 * `ValidationError` whose details carry the `line`.
 *
 * @example
 * ```ts
 * const parser = new OfstedListParser();
 * for await (const chunk of file) for (const item of parser.push(chunk)) report(item);
 * for (const item of parser.end()) report(item);
 * ```
 */
export class OfstedListParser {
  private readonly csv = new CsvReader();
  private columns: OfstedColumns | undefined;
  private failure: unknown;
  private readonly imported = new Map<string, OfstedRow>();

  constructor(private readonly options: OfstedRowOptions = {}) {}

  /** The recognised header, once it has been read. */
  get header(): OfstedColumns | undefined {
    return this.columns;
  }

  /** Reads a chunk of the file (text or UTF-8 bytes) and returns what it completes. */
  push(chunk: string | Uint8Array): OfstedListItem[] {
    return this.guard(() => this.consume(this.csv.push(chunk)));
  }

  /** Reads one line whose line break has been removed (as `readline` gives them). */
  pushLine(line: string): OfstedListItem[] {
    return this.guard(() => this.consume(this.csv.pushLine(line)));
  }

  /**
   * Ends the input and returns what the last line completes.
   *
   * @throws ValidationError `OFSTED.NO_HEADER` when the file held no header.
   */
  end(): OfstedListItem[] {
    return this.guard(() => {
      const items = this.consume(this.csv.end());
      if (this.columns === undefined) {
        throw new ValidationError('OFSTED.NO_HEADER', 'The file is empty: it has no header line', {
          line: 1,
        });
      }
      return items;
    });
  }

  private guard(read: () => OfstedListItem[]): OfstedListItem[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      return read();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private consume(records: readonly CsvRecord[]): OfstedListItem[] {
    const items: OfstedListItem[] = [];
    for (const record of records) {
      if (this.columns === undefined) this.readHeader(record, items);
      else this.readRecord(record, this.columns, items);
    }
    return items;
  }

  private readHeader(record: CsvRecord, items: OfstedListItem[]): void {
    if (record.fields.every((field) => field.trim() === '')) return;
    if (record.malformed !== undefined) {
      throw new ValidationError(
        'OFSTED.MALFORMED_HEADER',
        `The header's quoting is broken (${record.malformed})`,
        {
          line: record.line,
        },
      );
    }
    try {
      this.columns = recogniseHeader(record.fields);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError(error.code, `Line ${record.line}: ${error.message}`, {
          ...error.details,
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
          line: record.line,
          code: 'OFSTED.IGNORED_COLUMNS',
          message: `${ignored.length === 1 ? 'This column is' : 'These columns are'} not imported: ${ignored.join(', ')}`,
          columns: ignored,
        },
      });
    }
  }

  private readRecord(record: CsvRecord, columns: OfstedColumns, items: OfstedListItem[]): void {
    const reading = readOfstedRow(record, columns, this.options);
    switch (reading.kind) {
      case 'blank':
        return;
      case 'skipped':
        items.push({ kind: 'skipped', skipped: reading.skipped });
        return;
      case 'problems':
        for (const problem of reading.problems) items.push({ kind: 'problem', problem });
        return;
      case 'row': {
        const { row } = reading;
        const earlier = this.imported.get(row.urn);
        if (earlier === undefined) {
          this.imported.set(row.urn, row);
          items.push({ kind: 'row', row });
        } else {
          items.push({ kind: 'problem', problem: duplicate(row, earlier, columns) });
        }
        return;
      }
    }
  }
}

const duplicate = (row: OfstedRow, earlier: OfstedRow, columns: OfstedColumns): OfstedRowProblem => {
  const differing = COMPARED.filter((key) => JSON.stringify(row[key]) !== JSON.stringify(earlier[key]));
  const at = columns.indexes.urn;
  const base = {
    line: row.line,
    field: 'urn' as const,
    ...(at !== undefined && { column: columns.names[at] }),
    urn: row.urn,
  };
  if (differing.length === 0) {
    return {
      ...base,
      code: 'ROW.DUPLICATE',
      reason: `URN ${row.urn} repeats line ${earlier.line}; the row on line ${earlier.line} is the one imported`,
    };
  }
  const what = differing.map((key) => LABELS[key]);
  const listed = what.length === 1 ? what[0] : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}`;
  return {
    ...base,
    code: 'ROW.CONFLICTING_DUPLICATE',
    reason:
      `URN ${row.urn} is already on line ${earlier.line} with a different ${listed}; ` +
      `the row on line ${earlier.line} is the one imported`,
  };
};

/** Everything an Ofsted list held, sorted by kind (each in file order). */
export interface OfstedListResult {
  readonly rows: readonly OfstedRow[];
  readonly problems: readonly OfstedRowProblem[];
  readonly skipped: readonly OfstedSkippedRow[];
  readonly notices: readonly OfstedNotice[];
}

/**
 * Parses a whole Ofsted list held in memory (see {@link OfstedListParser}).
 *
 * @throws ValidationError for the file-level faults {@link OfstedListParser} lists.
 */
export const parseOfstedList = (
  text: string | Uint8Array,
  options: OfstedRowOptions = {},
): OfstedListResult => {
  const parser = new OfstedListParser(options);
  return collect([...parser.push(text), ...parser.end()]);
};

/** Sorts parser items by kind, keeping file order within each. */
export const collect = (items: Iterable<OfstedListItem>): OfstedListResult => {
  const rows: OfstedRow[] = [];
  const problems: OfstedRowProblem[] = [];
  const skipped: OfstedSkippedRow[] = [];
  const notices: OfstedNotice[] = [];
  for (const item of items) {
    if (item.kind === 'row') rows.push(item.row);
    else if (item.kind === 'problem') problems.push(item.problem);
    else if (item.kind === 'skipped') skipped.push(item.skipped);
    else notices.push(item.notice);
  }
  return { rows, problems, skipped, notices };
};

/**
 * The items of an Ofsted list given as chunks (strings or UTF-8 bytes), as they complete, for an application
 * that streams a file: `for await (const item of readOfstedList(createReadStream(path)))`.
 */
export async function* readOfstedList(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: OfstedRowOptions = {},
): AsyncGenerator<OfstedListItem> {
  const parser = new OfstedListParser(options);
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}
